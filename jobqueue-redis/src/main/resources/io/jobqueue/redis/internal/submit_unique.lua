-- ARGV: wake-up channel, then per message: unique key ('' for none), scope ('a' active, 'q' queued,
-- 'p<period in ms>'), priority, delay in ms, headers ('' for none), payload.
-- submit.lua for messages that may carry a unique key, in one atomic step: a message whose key is
-- held by a message in its scope (holder_of, unique.lua), or by an earlier message of this call, is
-- not stored. Returns per message, in order, '+<id>' for a message stored under a new id, or
-- '=<id>' for a duplicate with the holder's id. Ids, storage and wake-ups as in submit.lua; a stored
-- message with a key takes it (the K_UNIQUE entry names it, a period's with its expiry). Ends with
-- one bounded step of the sweep of dead entries.
local count = (#ARGV - 1) / 6
local now = now_ms()
local taken, holder, stored = {}, {}, 0
for i = 1, count do
  local key = ARGV[2 + (i - 1) * 6]
  if key ~= '' then
    if taken[key] then
      holder[i] = taken[key]
    else
      holder[i] = holder_of(key, now)
      if not holder[i] then
        taken[key] = i
      end
    end
  end
  if not holder[i] then
    stored = stored + 1
  end
end
local ids, out = {}, {}
if stored > 0 then
  local last = redis.call('INCRBY', K_SEQ, stored)
  if last == stored then
    local t = redis.call('TIME')
    last = tonumber(t[1]) * 1000000 + tonumber(t[2]) + stored
    redis.call('SET', K_SEQ, string.format('%d', last))
  end
  local wake = redis.call('ZCARD', K_READY) == 0
  local next_id = last - stored
  for i = 1, count do
    if not holder[i] then
      local at = 2 + (i - 1) * 6
      next_id = next_id + 1
      local id = string.format('%016d', next_id)
      ids[i] = id
      local key, scope, priority, delay, header_text = ARGV[at], ARGV[at + 1], ARGV[at + 2], tonumber(ARGV[at + 3]),
          ARGV[at + 4]
      redis.call('HSET', K_PAYLOAD, id, ARGV[at + 5])
      if priority ~= '1024' then
        redis.call('HSET', K_PRIORITY, id, priority)
      end
      if header_text ~= '' then
        redis.call('HSET', K_HEADERS, id, header_text)
      end
      if delay > 0 then
        redis.call('ZADD', K_DELAYED, string.format('%d', now + delay), id)
        wake = true
      else
        redis.call('ZADD', K_READY, priority, id)
      end
      if key ~= '' then
        if string.sub(scope, 1, 1) == 'p' then
          scope = string.format('p%d', now + tonumber(string.sub(scope, 2)))
        end
        redis.call('HSET', K_UNIQUE, key, scope .. ':' .. id)
      end
    end
  end
  if wake then
    redis.call('PUBLISH', ARGV[1], 's')
  end
end
for i = 1, count do
  local h = holder[i]
  if not h then
    out[i] = '+' .. ids[i]
  elseif type(h) == 'number' then
    out[i] = '=' .. ids[h]
  else
    out[i] = '=' .. h
  end
end
sweep_unique(now, 16 + 2 * count)
return out
