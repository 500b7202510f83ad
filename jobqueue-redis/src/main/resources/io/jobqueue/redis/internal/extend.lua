-- ARGV: lease in ms, ids.  Renews each held lease to now + lease; returns how many were renewed (each id once).
local now = now_ms()
local deadline = now + tonumber(ARGV[1])
local renewed, seen = {}, {}
for i = 2, #ARGV do
  local id = ARGV[i]
  if not seen[id] and held(id, now) then
    seen[id] = true
    renewed[#renewed + 1] = deadline
    renewed[#renewed + 1] = id
  end
end
if #renewed > 0 then
  redis.call('ZADD', K_RESERVED, 'XX', unpack(renewed))
end
return #renewed / 2
