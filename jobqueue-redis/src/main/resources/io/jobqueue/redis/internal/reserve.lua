-- ARGV: max, lease in ms.
-- Returns {wait, then per message: id, payload, releases, deliveries, token, headers}; wait is 0
-- when messages came, else the milliseconds until something may become ready (-1: nothing delayed
-- or reserved). Each reserved message gets one more delivery and a new token: the number of this
-- reserve call, which no earlier call of the queue had, so no two reservations share a token.
local now = now_ms()
promote(now)
local popped = redis.call('ZPOPMIN', K_READY, tonumber(ARGV[1]))
if #popped == 0 then
  return {next_event(now)}
end
local deadline = now + tonumber(ARGV[2])
local ids = {}
for i = 1, #popped, 2 do
  ids[#ids + 1] = popped[i]
end
-- one call per field for the whole batch, reads and writes alike; the token is this call's number
-- (the queue's reservation counter, a field of K_TOKEN), so every reservation has its own
local token = redis.call('HINCRBY', K_TOKEN, 'reservations', 1)
local payloads = redis.call('HMGET', K_PAYLOAD, unpack(ids))
local releases = redis.call('HMGET', K_RELEASES, unpack(ids))
local deliveries = redis.call('HMGET', K_DELIVERIES, unpack(ids))
local headers = redis.call('HMGET', K_HEADERS, unpack(ids))
local out, leases, counted = {0}, {}, {}
for n, id in ipairs(ids) do
  if payloads[n] then
    local delivered = (tonumber(deliveries[n]) or 0) + 1
    put_message(out, id, payloads[n], releases[n], delivered, tostring(token), headers[n])
    leases[#leases + 1] = deadline
    leases[#leases + 1] = member(id, token)
    counted[#counted + 1] = id
    counted[#counted + 1] = delivered
  end
end
if #leases > 0 then
  redis.call('ZADD', K_RESERVED, unpack(leases))
  redis.call('HSET', K_DELIVERIES, unpack(counted))
end
return out
