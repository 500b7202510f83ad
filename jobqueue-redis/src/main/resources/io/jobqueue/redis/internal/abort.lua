-- ARGV: n, n reservations (members <id>:<token>), their n ids, their n reasons (see held_entries).
-- Moves each message held under its token to the failed store;
-- returns their ids. The failed set is scored by the server time of the abort in microseconds,
-- kept strictly increasing so the failure order is exact.
local n, entries, held = held_entries(1, now_ms())
local ids = {}
if #entries == 0 then
  return ids
end
local t = redis.call('TIME')
local at = tonumber(t[1]) * 1000000 + tonumber(t[2])
local newest = redis.call('ZRANGE', K_FAILED, -1, -1, 'WITHSCORES')
if #newest > 0 and tonumber(newest[2]) >= at then
  at = tonumber(newest[2]) + 1
end
for _, i in ipairs(entries) do
  local id = ARGV[1 + n + i]
  ids[#ids + 1] = id
  redis.call('ZADD', K_FAILED, string.format('%d', at), id)
  redis.call('HSET', K_REASON, id, ARGV[1 + 2 * n + i])
  at = at + 1
end
redis.call('ZREM', K_RESERVED, unpack(held))
return ids
