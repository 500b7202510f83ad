-- ARGV: id, wake-up channel.  Moves a failed message back to ready with no releases; 1, or 0 when not failed.
local id = ARGV[1]
if not redis.call('ZSCORE', K_FAILED, id) then
  return 0
end
redis.call('ZREM', K_FAILED, id)
redis.call('HDEL', K_REASON, id)
redis.call('HDEL', K_RELEASES, id)
redis.call('ZADD', K_READY, priority_of(id), id)
redis.call('PUBLISH', ARGV[2], 'f')
return 1
