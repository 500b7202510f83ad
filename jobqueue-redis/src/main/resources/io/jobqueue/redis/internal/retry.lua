-- ARGV: id, wake-up channel.  Moves a failed message back to ready with its release and delivery
-- counts reset (deliveries by noting the token counter now); 1, or 0 when not failed. Its token
-- counter stays, so its next token is new.
local id = ARGV[1]
if not redis.call('ZSCORE', K_FAILED, id) then
  return 0
end
redis.call('ZREM', K_FAILED, id)
redis.call('HDEL', K_REASON, id)
redis.call('HDEL', K_RELEASES, id)
redis.call('HSET', K_DELIVERIES, id, redis.call('HGET', K_TOKEN, id) or '0') -- deliveries count from here
if redis.call('ZCARD', K_READY) == 0 then
  redis.call('PUBLISH', ARGV[2], 'f') -- see submit.lua for when a wake-up is needed
end
redis.call('ZADD', K_READY, priority_of(id), id)
return 1
