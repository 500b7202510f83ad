-- ARGV: priority, delay in ms, wake-up channel, payload...  Returns the new ids in order.
-- The default priority (1024) is not stored. A wake-up is announced only when it can wake someone:
-- for a delayed message (waiters shorten their timers), or when ready was empty (a waiter sleeps only
-- after finding ready empty, and the first message to arrive after that announces itself).
-- Ids come from one counter per queue, seeded from the server clock (microseconds) when the queue is
-- new or flushed, so an id is never reused; zero-padded to 16 digits, so their text order is their age.
local n = #ARGV - 3
local last = redis.call('INCRBY', K_SEQ, n)
if last == n then
  local t = redis.call('TIME')
  last = tonumber(t[1]) * 1000000 + tonumber(t[2]) + n
  redis.call('SET', K_SEQ, string.format('%d', last))
end
local priority, delay = ARGV[1], tonumber(ARGV[2])
local target, score = K_READY, priority
if delay > 0 then
  target, score = K_DELAYED, string.format('%d', now_ms() + delay)
end
local wake = delay > 0 or redis.call('ZCARD', K_READY) == 0
local ids, payloads, priorities, members = {}, {}, {}, {}
for i = 1, n do
  local id = string.format('%016d', last - n + i)
  ids[i] = id
  payloads[2 * i - 1], payloads[2 * i] = id, ARGV[3 + i]
  priorities[2 * i - 1], priorities[2 * i] = id, priority
  members[2 * i - 1], members[2 * i] = score, id
end
redis.call('HSET', K_PAYLOAD, unpack(payloads))
if priority ~= '1024' then
  redis.call('HSET', K_PRIORITY, unpack(priorities))
end
redis.call('ZADD', target, unpack(members))
if wake then
  redis.call('PUBLISH', ARGV[3], 's')
end
return ids
