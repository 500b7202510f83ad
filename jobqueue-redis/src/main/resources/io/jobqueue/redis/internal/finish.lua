-- ARGV: n, then n reservations (members <id>:<token>), then their n ids (see held_entries).
-- Removes each message held under its token for good; returns their ids.
local n, entries, held = held_entries(1, now_ms())
local done = {}
for k, i in ipairs(entries) do
  done[k] = ARGV[1 + n + i]
end
if #done > 0 then
  redis.call('ZREM', K_RESERVED, unpack(held))
  forget(done)
end
return done
