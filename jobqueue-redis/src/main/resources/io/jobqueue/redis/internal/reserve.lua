-- ARGV: max, lease in ms.
-- Returns {wait, then per message: id, payload, releases, deliveries, token, headers}; wait is 0
-- when messages came, else the milliseconds until something may become ready (-1: nothing delayed
-- or reserved). Each reserved message gets a new token: its own counter of reservations, which only
-- grows while the message exists (also across retryFailed), so no two reservations of one message
-- share a token; its deliveries are that counter minus its value at the last retry.
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
-- one call per field for the whole batch, reads and writes alike
local payloads = redis.call('HMGET', K_PAYLOAD, unpack(ids))
local releases = redis.call('HMGET', K_RELEASES, unpack(ids))
local retried_at = redis.call('HMGET', K_DELIVERIES, unpack(ids))
local headers = redis.call('HMGET', K_HEADERS, unpack(ids))
local tokens = redis.call('HMGET', K_TOKEN, unpack(ids))
local out, leases, new_tokens = {0}, {}, {}
for n, id in ipairs(ids) do
  if payloads[n] then
    local token = (tonumber(tokens[n]) or 0) + 1
    put_message(out, id, payloads[n], releases[n], token - (tonumber(retried_at[n]) or 0), tostring(token), headers[n])
    leases[#leases + 1] = deadline
    leases[#leases + 1] = id
    new_tokens[#new_tokens + 1] = id
    new_tokens[#new_tokens + 1] = token
  end
end
if #leases > 0 then
  redis.call('ZADD', K_RESERVED, unpack(leases))
  redis.call('HSET', K_TOKEN, unpack(new_tokens))
end
return out
