-- Head of the finish, release, abort and cancel scripts of a queue with a concurrency limit, before
-- their own body: when a reserve passed over a message because its key was at its limit
-- (K_TOKEN's field `blocked`, see reserve_limited.lua), a reservation that ends may free that place,
-- so announce a wake-up on the queue's channel (jobqueue:{NAME}:wake) and clear the mark; the
-- waiters reserve again and mark it again if they are still held back. Subscribers get the
-- announcement after this script, so they see its changes.
if redis.call('HEXISTS', K_TOKEN, 'blocked') == 1 then
  redis.call('HDEL', K_TOKEN, 'blocked')
  redis.call('PUBLISH', string.sub(K_SEQ, 1, -4) .. 'wake', 'c')
end
