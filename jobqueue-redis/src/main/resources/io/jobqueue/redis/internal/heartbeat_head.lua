-- Shared head of the heartbeat scripts (which are not queue scripts: they do not follow prelude.lua).
-- KEYS[1]: the index jobqueue:workers:{workers}, a ZSET of worker ids scored by when their beat
-- expires (server clock, ms); KEYS[2], where given: one worker's beat, jobqueue:workers:{workers}:<id>,
-- a HASH of its fields with a PEXPIRE of its ttl. Every key has the hash tag {workers}, so all lie
-- in one Cluster slot; the list script reads beat keys named from the index, in that slot too.

local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

-- Whether the key holds a beat this code wrote for worker `id`: a hash whose workerId field is the id.
local function is_beat(key, id)
  return redis.call('TYPE', key)['ok'] == 'hash' and redis.call('HGET', key, 'workerId') == id
end

-- Drops from the index at most 1000 ids whose beats expired before `now`.
local function prune(now)
  local gone = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, 1000)
  if #gone > 0 then
    redis.call('ZREM', KEYS[1], unpack(gone))
  end
end
