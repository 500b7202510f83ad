-- ARGV: max, lease in ms.
-- Returns {wait} when nothing came: the milliseconds until something may become ready (-1: nothing
-- delayed or reserved). Else {0, token, ids, payloads, releases, lapses, headers}: the token of
-- every message of this call, then one list per field in the order of ids; a field list is empty
-- when no message of the queue has that field, and an element is nil where this message has none.
-- A message without a payload (its fields deleted by hand) is dropped from the queue, not reserved.
-- The token is the number of this reserve call, which no earlier call of the queue had, so no two
-- reservations share a token. A reserve writes no count: the client adds the delivery, as the
-- releases and lapses before it plus this one.
local now = now_ms()
promote(now)
local popped = redis.call('ZPOPMIN', K_READY, tonumber(ARGV[1]))
if #popped == 0 then
  return {next_event(now)}
end
local deadline = now + tonumber(ARGV[2])
local ids = {}
for i = 2, #popped, 2 do
  ids[i / 2] = popped[i - 1]
end
local token = redis.call('HINCRBY', K_TOKEN, 'reservations', 1)
local payloads = redis.call('HMGET', K_PAYLOAD, unpack(ids))
local suffix = ':' .. token
local leases, k = {}, 0
for n = 1, #ids do
  if payloads[n] then
    leases[k + 1] = deadline
    leases[k + 2] = ids[n] .. suffix
    k = k + 2
  end
end
if k > 0 then
  redis.call('ZADD', K_RESERVED, unpack(leases))
end
return {0, token, ids, payloads, sparse(K_RELEASES, ids), sparse(K_LAPSES, ids), sparse(K_HEADERS, ids)}
