-- ARGV: id, delay in ms, new priority or '' to keep it, wake-up channel.  Returns 1, or 0 when not held.
-- The message keeps its id, so it goes back to its old place in line within its priority.
local now = now_ms()
local id = ARGV[1]
if not held(id, now) then
  return 0
end
redis.call('ZREM', K_RESERVED, id)
redis.call('HINCRBY', K_RELEASES, id, 1)
local priority = ARGV[3]
if priority == '' then
  priority = priority_of(id)
elseif priority == '1024' then
  redis.call('HDEL', K_PRIORITY, id)
else
  redis.call('HSET', K_PRIORITY, id, priority)
end
local delay = tonumber(ARGV[2])
local wake = delay > 0 or redis.call('ZCARD', K_READY) == 0
if delay > 0 then
  redis.call('ZADD', K_DELAYED, now + delay, id)
else
  redis.call('ZADD', K_READY, priority, id)
end
if wake then
  redis.call('PUBLISH', ARGV[4], 'r') -- see submit.lua for when a wake-up is needed
end
return 1
