-- ARGV: lease in ms, n, then n reservations (members <id>:<token>), then their n ids (see
-- held_entries).  Renews the lease of each message held under its token to now + lease; returns
-- their ids.
local now = now_ms()
local deadline = now + tonumber(ARGV[1])
local n, entries, held = held_entries(2, now)
local ids, renewed = {}, {}
for k, i in ipairs(entries) do
  ids[k] = ARGV[2 + n + i]
  renewed[#renewed + 1] = deadline
  renewed[#renewed + 1] = held[k]
end
if #renewed > 0 then
  redis.call('ZADD', K_RESERVED, 'XX', unpack(renewed))
end
return ids
