-- ARGV: id, reason.  Returns 1, or 0 when not held.  The failed set is scored by the server time of
-- the abort in microseconds, kept strictly increasing so the failure order is exact.
local now = now_ms()
local id = ARGV[1]
if not held(id, now) then
  return 0
end
redis.call('ZREM', K_RESERVED, id)
local t = redis.call('TIME')
local at = tonumber(t[1]) * 1000000 + tonumber(t[2])
local newest = redis.call('ZRANGE', K_FAILED, -1, -1, 'WITHSCORES')
if #newest > 0 and tonumber(newest[2]) >= at then
  at = tonumber(newest[2]) + 1
end
redis.call('ZADD', K_FAILED, string.format('%d', at), id)
redis.call('HSET', K_REASON, id, ARGV[2])
return 1
