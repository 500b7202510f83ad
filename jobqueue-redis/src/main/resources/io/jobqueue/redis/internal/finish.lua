-- ARGV: ids.  Removes each held message for good; returns how many were held (each id once).
local done = held_ids(ARGV, now_ms())
if #done > 0 then
  redis.call('ZREM', K_RESERVED, unpack(done))
  redis.call('HDEL', K_PAYLOAD, unpack(done))
  redis.call('HDEL', K_PRIORITY, unpack(done))
  redis.call('HDEL', K_RELEASES, unpack(done))
end
return #done
