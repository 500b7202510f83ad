-- ARGV: lease in ms, ids.  Renews each held lease to now + lease; returns how many were renewed.
local now = now_ms()
local deadline = now + tonumber(ARGV[1])
local extended = 0
for i = 2, #ARGV do
  if held(ARGV[i], now) then
    redis.call('ZADD', K_RESERVED, 'XX', deadline, ARGV[i])
    extended = extended + 1
  end
end
return extended
