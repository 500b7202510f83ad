-- ARGV: id, token, id, token, ...  Removes each message held under its token for good; returns their ids.
local entries, held = held_entries(1, 2, now_ms())
local done = {}
for _, at in ipairs(entries) do
  done[#done + 1] = ARGV[at]
end
if #done > 0 then
  redis.call('ZREM', K_RESERVED, unpack(held))
  forget(done)
end
return done
