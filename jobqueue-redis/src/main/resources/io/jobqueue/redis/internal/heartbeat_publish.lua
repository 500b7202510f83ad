-- ARGV: ttl in ms, worker id, then the beat's fields as name, value pairs (workerId among them).
-- Returns {} after storing the beat, or {key, what it holds, what is expected} and changes nothing
-- when the index or the beat's key holds something this code never wrote there.
local ttl, id = tonumber(ARGV[1]), ARGV[2]
local index_type = redis.call('TYPE', KEYS[1])['ok']
if index_type ~= 'none' and index_type ~= 'zset' then
  return {KEYS[1], index_type, 'zset'}
end
local beat_type = redis.call('TYPE', KEYS[2])['ok']
if beat_type ~= 'none' and not is_beat(KEYS[2], id) then
  return {KEYS[2], beat_type == 'hash' and 'hash without this worker id' or beat_type, 'hash of a worker heartbeat'}
end
local now = now_ms()
redis.call('HSET', KEYS[2], 'lastSeen', tostring(now), unpack(ARGV, 3))
redis.call('PEXPIRE', KEYS[2], ttl)
redis.call('ZADD', KEYS[1], now + ttl, id)
prune(now)
-- the index lives as long as its longest-living beat, so it goes when every worker has gone
if redis.call('PTTL', KEYS[1]) < ttl then
  redis.call('PEXPIRE', KEYS[1], ttl)
end
return {}
