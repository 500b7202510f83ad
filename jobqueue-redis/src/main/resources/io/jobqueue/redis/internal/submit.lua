-- ARGV: wake-up channel, then per message: priority, delay in ms, headers ('' for none), payload.
-- Returns the new ids in order. The default priority (1024) and empty headers are not stored.
-- A wake-up is announced only when it can wake someone: for a delayed message (waiters shorten
-- their timers), or when ready was empty (a waiter sleeps only after finding ready empty, and the
-- first message to arrive after that announces itself).
-- Ids come from one counter per queue, seeded from the server clock (microseconds) when the queue is
-- new or flushed, so an id is never reused; zero-padded to 16 digits, so their text order is their age.
local n = (#ARGV - 1) / 4
local last = redis.call('INCRBY', K_SEQ, n)
if last == n then
  local t = redis.call('TIME')
  last = tonumber(t[1]) * 1000000 + tonumber(t[2]) + n
  redis.call('SET', K_SEQ, string.format('%d', last))
end
local now = now_ms()
local wake = redis.call('ZCARD', K_READY) == 0
local ids, payloads, priorities, headers, ready, delayed = {}, {}, {}, {}, {}, {}
for i = 1, n do
  local at = 2 + (i - 1) * 4
  local id = string.format('%016d', last - n + i)
  local priority, delay, header_text = ARGV[at], tonumber(ARGV[at + 1]), ARGV[at + 2]
  ids[i] = id
  payloads[#payloads + 1], payloads[#payloads + 2] = id, ARGV[at + 3]
  if priority ~= '1024' then
    priorities[#priorities + 1], priorities[#priorities + 2] = id, priority
  end
  if header_text ~= '' then
    headers[#headers + 1], headers[#headers + 2] = id, header_text
  end
  if delay > 0 then
    delayed[#delayed + 1], delayed[#delayed + 2] = string.format('%d', now + delay), id
    wake = true
  else
    ready[#ready + 1], ready[#ready + 2] = priority, id
  end
end
redis.call('HSET', K_PAYLOAD, unpack(payloads))
if #priorities > 0 then
  redis.call('HSET', K_PRIORITY, unpack(priorities))
end
if #headers > 0 then
  redis.call('HSET', K_HEADERS, unpack(headers))
end
if #ready > 0 then
  redis.call('ZADD', K_READY, unpack(ready))
end
if #delayed > 0 then
  redis.call('ZADD', K_DELAYED, unpack(delayed))
end
if wake then
  redis.call('PUBLISH', ARGV[1], 's')
end
return ids
