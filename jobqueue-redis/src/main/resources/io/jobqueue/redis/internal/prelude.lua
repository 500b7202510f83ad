-- Shared head of every script (RedisQueue's scripts are this file followed by one body).
-- KEYS: every key of one queue, all with the hash tag {queue name}, in the order of Keys.java.
local K_SEQ, K_PAYLOAD, K_PRIORITY, K_RELEASES = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local K_READY, K_DELAYED, K_RESERVED, K_FAILED, K_REASON = KEYS[5], KEYS[6], KEYS[7], KEYS[8], KEYS[9]
-- How many due delayed messages and expired leases one call moves to ready, so no call blocks long.
local MOVE_LIMIT = 1000

-- The server's clock in milliseconds; every due time and lease deadline is in this unit.
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

local function priority_of(id)
  return redis.call('HGET', K_PRIORITY, id) or '1024'
end

-- A message is held when it is reserved and its lease has not run out.
local function held(id, now)
  local deadline = redis.call('ZSCORE', K_RESERVED, id)
  return deadline and tonumber(deadline) > now
end

-- The ids among ids (each once, in order) that are held; one ZMSCORE where the server has it (6.2+).
local function held_ids(ids, now)
  local ok, deadlines = pcall(redis.call, 'ZMSCORE', K_RESERVED, unpack(ids))
  if not ok then
    deadlines = {}
    for i, id in ipairs(ids) do
      deadlines[i] = redis.call('ZSCORE', K_RESERVED, id)
    end
  end
  local found, seen = {}, {}
  for i, id in ipairs(ids) do
    if deadlines[i] and tonumber(deadlines[i]) > now and not seen[id] then
      seen[id] = true
      found[#found + 1] = id
    end
  end
  return found
end

-- Moves due delayed messages to ready, and expired reservations to ready with one more release.
local function promote(now)
  local due = redis.call('ZRANGEBYSCORE', K_DELAYED, '-inf', now, 'LIMIT', 0, MOVE_LIMIT)
  if #due > 0 then
    for _, id in ipairs(due) do
      redis.call('ZADD', K_READY, priority_of(id), id)
    end
    redis.call('ZREM', K_DELAYED, unpack(due))
  end
  local expired = redis.call('ZRANGEBYSCORE', K_RESERVED, '-inf', now, 'LIMIT', 0, MOVE_LIMIT)
  if #expired > 0 then
    for _, id in ipairs(expired) do
      redis.call('HINCRBY', K_RELEASES, id, 1)
      redis.call('ZADD', K_READY, priority_of(id), id)
    end
    redis.call('ZREM', K_RESERVED, unpack(expired))
  end
end

-- Milliseconds until the next delayed message is due or the next lease runs out; -1 for neither.
local function next_event(now)
  local wait = -1
  for _, key in ipairs({K_DELAYED, K_RESERVED}) do
    local first = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
    if #first > 0 then
      local w = tonumber(first[2]) - now
      if wait < 0 or w < wait then wait = w end
    end
  end
  if wait ~= -1 and wait < 1 then wait = 1 end
  return wait
end
