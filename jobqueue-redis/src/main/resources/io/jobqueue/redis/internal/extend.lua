-- ARGV: lease in ms, ids.  Renews each held lease to now + lease; returns how many were renewed (each id once).
local now = now_ms()
local ids = {}
for i = 2, #ARGV do
  ids[#ids + 1] = ARGV[i]
end
local held = held_ids(ids, now)
if #held > 0 then
  local deadline = now + tonumber(ARGV[1])
  local renewed = {}
  for _, id in ipairs(held) do
    renewed[#renewed + 1] = deadline
    renewed[#renewed + 1] = id
  end
  redis.call('ZADD', K_RESERVED, 'XX', unpack(renewed))
end
return #held
