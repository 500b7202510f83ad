-- ARGV: max, lease in ms, '1' to take (remove at once) instead of reserve.
-- Returns {wait, id, payload, releases, id, payload, releases, ...}; wait is 0 when messages came,
-- else the milliseconds until something may become ready (-1: nothing delayed or reserved).
local now = now_ms()
promote(now)
local popped = redis.call('ZPOPMIN', K_READY, tonumber(ARGV[1]))
if #popped == 0 then
  return {next_event(now)}
end
local take = ARGV[3] == '1'
local deadline = now + tonumber(ARGV[2])
local out, leases = {0}, {}
for i = 1, #popped, 2 do
  local id = popped[i]
  local payload = redis.call('HGET', K_PAYLOAD, id)
  if payload then
    out[#out + 1] = id
    out[#out + 1] = payload
    out[#out + 1] = redis.call('HGET', K_RELEASES, id) or '0'
    if take then
      redis.call('HDEL', K_PAYLOAD, id)
      redis.call('HDEL', K_PRIORITY, id)
      redis.call('HDEL', K_RELEASES, id)
    else
      leases[#leases + 1] = deadline
      leases[#leases + 1] = id
    end
  end
end
if #leases > 0 then
  redis.call('ZADD', K_RESERVED, unpack(leases))
end
return out
