-- ARGV: the prefix of beat keys (jobqueue:workers:{workers}:), the most beats to return.  Prunes
-- the index of expired ids and of ids whose beat is gone, then returns {'ok', beat, beat, ...} with
-- each beat as a flat list of field, value pairs (the soonest to expire last), or {'foreign', key,
-- what it holds} when the index is not one.
local prefix, limit = ARGV[1], tonumber(ARGV[2])
local index_type = redis.call('TYPE', KEYS[1])['ok']
if index_type == 'none' then
  return {'ok'}
end
if index_type ~= 'zset' then
  return {'foreign', KEYS[1], index_type}
end
local now = now_ms()
prune(now)
local out = {'ok'}
local ids = redis.call('ZREVRANGEBYSCORE', KEYS[1], '+inf', '(' .. now, 'LIMIT', 0, limit)
for _, id in ipairs(ids) do
  local key = prefix .. id
  if is_beat(key, id) then
    out[#out + 1] = redis.call('HGETALL', key)
  elseif redis.call('EXISTS', key) == 0 then
    redis.call('ZREM', KEYS[1], id) -- the beat expired between two beats of the index, or was deleted
  end
end
return out
