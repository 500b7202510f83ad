-- ARGV: lease in ms, then id, token pairs.  Renews the lease of each message held under its token
-- to now + lease; returns their ids.
local now = now_ms()
local ids, renewed = {}, {}
local deadline = now + tonumber(ARGV[1])
local entries, held = held_entries(2, 2, now)
for n, at in ipairs(entries) do
  ids[#ids + 1] = ARGV[at]
  renewed[#renewed + 1] = deadline
  renewed[#renewed + 1] = held[n]
end
if #renewed > 0 then
  redis.call('ZADD', K_RESERVED, 'XX', unpack(renewed))
end
return ids
