-- ARGV: id, wake-up channel.  Moves a failed message back to ready with its release and delivery
-- counts reset; 1, or 0 when not failed. Tokens are numbers of reserve calls, so its next is new.
local id = ARGV[1]
if not redis.call('ZSCORE', K_FAILED, id) then
  return 0
end
redis.call('ZREM', K_FAILED, id)
redis.call('HDEL', K_REASON, id)
redis.call('HDEL', K_RELEASES, id)
redis.call('HDEL', K_LAPSES, id)
if redis.call('ZCARD', K_READY) == 0 then
  redis.call('PUBLISH', ARGV[2], 'f') -- see submit.lua for when a wake-up is needed
end
redis.call('ZADD', K_READY, priority_of(id), id)
return 1
