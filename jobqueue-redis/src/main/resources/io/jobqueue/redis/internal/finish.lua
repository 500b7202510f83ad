-- ARGV: ids.  Removes each held message for good; returns how many were held (each id once).
local now = now_ms()
local done, seen = {}, {}
for _, id in ipairs(ARGV) do
  if not seen[id] and held(id, now) then
    seen[id] = true
    done[#done + 1] = id
  end
end
if #done > 0 then
  redis.call('ZREM', K_RESERVED, unpack(done))
  redis.call('HDEL', K_PAYLOAD, unpack(done))
  redis.call('HDEL', K_PRIORITY, unpack(done))
  redis.call('HDEL', K_RELEASES, unpack(done))
end
return #done
