-- Shared by the scripts of a queue that keeps its finished messages (option retainFinished);
-- follows prelude.lua. K_FINISHED holds the kept ids, scored by the server time of their finish in
-- microseconds (kept strictly increasing, as K_FAILED, so "the latest" is exact); their payload,
-- releases, lapses and headers stay in the per-message hashes until they are pruned.
-- How many kept messages one call removes at most, so no call blocks long; a backlog (a burst
-- that aged at once, a count made smaller) is taken by the next calls.
local PRUNE_LIMIT = 1000

-- The server's clock, one TIME: in milliseconds (as now_ms) and in microseconds.
local function clock()
  local t = redis.call('TIME')
  local us = tonumber(t[1]) * 1000000 + tonumber(t[2])
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000), us
end

-- Removes the kept messages the retention no longer keeps: those finished more than max_age_ms
-- ago (0: no age limit) and those beyond the latest max_count (0: no count limit). Both are a
-- prefix of K_FINISHED in score order, so this drops the longer of the two prefixes, at most
-- PRUNE_LIMIT ids: a ZCARD and a ZCOUNT (O(log N)) when there is nothing to drop. Returns how many.
local function prune_finished(now_us, max_age_ms, max_count)
  local total = redis.call('ZCARD', K_FINISHED)
  if total == 0 then
    return 0
  end
  local drop = 0
  if max_count > 0 and total > max_count then
    drop = total - max_count
  end
  if max_age_ms > 0 and drop < PRUNE_LIMIT then
    local cutoff = string.format('(%d', now_us - max_age_ms * 1000)
    local old = redis.call('ZCOUNT', K_FINISHED, '-inf', cutoff)
    if old > drop then
      drop = old
    end
  end
  if drop == 0 then
    return 0
  end
  if drop > PRUNE_LIMIT then
    drop = PRUNE_LIMIT
  end
  local ids = redis.call('ZRANGE', K_FINISHED, 0, drop - 1)
  redis.call('ZREMRANGEBYRANK', K_FINISHED, 0, drop - 1)
  forget(ids)
  return drop
end
