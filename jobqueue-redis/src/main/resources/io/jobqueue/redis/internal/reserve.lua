-- ARGV: max, lease in ms, '1' to take (remove at once) instead of reserve.
-- Returns {wait, id, payload, releases, id, payload, releases, ...}; wait is 0 when messages came,
-- else the milliseconds until something may become ready (-1: nothing delayed or reserved).
local now = now_ms()
promote(now)
local popped = redis.call('ZPOPMIN', K_READY, tonumber(ARGV[1]))
if #popped == 0 then
  return {next_event(now)}
end
local ids = {}
for i = 1, #popped, 2 do
  ids[#ids + 1] = popped[i]
end
local payloads = redis.call('HMGET', K_PAYLOAD, unpack(ids))
local releases = redis.call('HMGET', K_RELEASES, unpack(ids))
local deadline = now + tonumber(ARGV[2])
local out, leases = {0}, {}
for i, id in ipairs(ids) do
  if payloads[i] then
    out[#out + 1] = id
    out[#out + 1] = payloads[i]
    out[#out + 1] = releases[i] or '0'
    leases[#leases + 1] = deadline
    leases[#leases + 1] = id
  end
end
if ARGV[3] == '1' then
  redis.call('HDEL', K_PAYLOAD, unpack(ids))
  redis.call('HDEL', K_PRIORITY, unpack(ids))
  redis.call('HDEL', K_RELEASES, unpack(ids))
elseif #leases > 0 then
  redis.call('ZADD', K_RESERVED, unpack(leases))
end
return out
