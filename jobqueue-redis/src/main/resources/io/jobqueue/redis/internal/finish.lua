-- ARGV: ids.  Removes each held message for good; returns how many were held.
local now = now_ms()
local finished = 0
for _, id in ipairs(ARGV) do
  if held(id, now) then
    redis.call('ZREM', K_RESERVED, id)
    redis.call('HDEL', K_PAYLOAD, id)
    redis.call('HDEL', K_PRIORITY, id)
    redis.call('HDEL', K_RELEASES, id)
    finished = finished + 1
  end
end
return finished
