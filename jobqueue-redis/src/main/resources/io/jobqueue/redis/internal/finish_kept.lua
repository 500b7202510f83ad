-- ARGV: max age in ms (0: none), max count (0: none), then n, n reservations (members
-- <id>:<token>) and their n ids (see held_entries). finish.lua for a queue that keeps its finished
-- messages: each message held under its token leaves K_RESERVED for K_FINISHED, scored by the
-- finish time in µs, and keeps its payload, releases, lapses and headers (its priority, which no
-- finished message needs, is deleted); then the history is pruned (prune_finished, bounded).
-- Returns the ids finished. A second finish of the same reservation finds it held no more.
local now, now_us = clock()
local n, entries, held = held_entries(3, now)
local done = {}
if #entries > 0 then
  local at = now_us
  local newest = redis.call('ZRANGE', K_FINISHED, -1, -1, 'WITHSCORES')
  if #newest > 0 and tonumber(newest[2]) >= at then
    at = tonumber(newest[2]) + 1
  end
  local scored = {}
  for k, i in ipairs(entries) do
    local id = ARGV[3 + n + i]
    done[k] = id
    scored[2 * k - 1] = string.format('%d', at)
    scored[2 * k] = id
    at = at + 1
  end
  redis.call('ZREM', K_RESERVED, unpack(held))
  redis.call('ZADD', K_FINISHED, unpack(scored))
  if redis.call('EXISTS', K_PRIORITY) == 1 then
    redis.call('HDEL', K_PRIORITY, unpack(done))
  end
end
prune_finished(now_us, tonumber(ARGV[1]), tonumber(ARGV[2]))
return done
