-- Shared head of every script (each script is this file followed by its own body).
-- KEYS: every key of one queue, all with the hash tag {queue name}, in the order of Keys.java.
local K_SEQ, K_PAYLOAD, K_PRIORITY, K_RELEASES = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local K_READY, K_DELAYED, K_RESERVED, K_FAILED, K_REASON = KEYS[5], KEYS[6], KEYS[7], KEYS[8], KEYS[9]
local K_TOKEN, K_DELIVERIES, K_HEADERS = KEYS[10], KEYS[11], KEYS[12]
-- How many due delayed messages and expired leases one call moves to ready, so no call blocks long.
local MOVE_LIMIT = 1000

-- The server's clock in milliseconds; every due time and lease deadline is in this unit.
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

local function priority_of(id)
  return redis.call('HGET', K_PRIORITY, id) or '1024'
end

-- The scores of ids in a sorted set (false where absent); one ZMSCORE where the server has it (6.2+).
local function scores(key, ids)
  local ok, found = pcall(redis.call, 'ZMSCORE', key, unpack(ids))
  if ok then
    return found
  end
  found = {}
  for i, id in ipairs(ids) do
    found[i] = redis.call('ZSCORE', key, id)
  end
  return found
end

-- A reservation's member in K_RESERVED: the id and the token, so "held under this token" is one
-- ZMSCORE. (Members written by version 0.1 are bare ids; no token names them.)
local function member(id, token)
  return id .. ':' .. token
end

-- The id of a K_RESERVED member.
local function id_of(m)
  local colon = string.find(m, ':', 1, true)
  if colon then
    return string.sub(m, 1, colon - 1)
  end
  return m
end

-- Fencing. ARGV from index `from` on holds groups of `width` values, each starting with an id and
-- the token of a reservation of it. Returns the ARGV index of each group whose message is held
-- under that token (its member is in K_RESERVED with a deadline still ahead), each once, in order,
-- and those members.
local function held_entries(from, width, now)
  local members = {}
  for i = from, #ARGV, width do
    members[#members + 1] = member(ARGV[i], ARGV[i + 1])
  end
  if #members == 0 then
    return {}, {}
  end
  local deadlines = scores(K_RESERVED, members)
  local found, held, seen = {}, {}, {}
  for n, m in ipairs(members) do
    if deadlines[n] and tonumber(deadlines[n]) > now and not seen[m] then
      seen[m] = true
      found[#found + 1] = from + (n - 1) * width
      held[#held + 1] = m
    end
  end
  return found, held
end

-- Deletes what the queue keeps per message (not the id's place in the sorted sets).
local function forget(ids)
  for _, key in ipairs({K_PAYLOAD, K_PRIORITY, K_RELEASES, K_REASON, K_DELIVERIES, K_HEADERS}) do
    redis.call('HDEL', key, unpack(ids))
  end
end

-- Moves due delayed messages to ready, and expired reservations to ready with their counts as
-- they are (the delivery was counted at reserve; a lease that ran out is no release).
local function promote(now)
  for _, key in ipairs({K_DELAYED, K_RESERVED}) do
    local due = redis.call('ZRANGEBYSCORE', key, '-inf', now, 'LIMIT', 0, MOVE_LIMIT)
    if #due > 0 then
      for _, m in ipairs(due) do
        local id = id_of(m)
        redis.call('ZADD', K_READY, priority_of(id), id)
      end
      redis.call('ZREM', key, unpack(due))
    end
  end
end

-- Milliseconds until the next delayed message is due or the next lease runs out; -1 for neither.
local function next_event(now)
  local wait = -1
  for _, key in ipairs({K_DELAYED, K_RESERVED}) do
    local first = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
    if #first > 0 then
      local w = tonumber(first[2]) - now
      if wait < 0 or w < wait then wait = w end
    end
  end
  if wait ~= -1 and wait < 1 then wait = 1 end
  return wait
end

-- A message as the scripts return it: id, payload, releases, deliveries, token ('' when not
-- reserved), headers ('' for none); appended to out.
local function put_message(out, id, payload, releases, deliveries, token, headers)
  out[#out + 1] = id
  out[#out + 1] = payload
  out[#out + 1] = releases or '0'
  out[#out + 1] = tostring(deliveries)
  out[#out + 1] = token
  out[#out + 1] = headers or ''
end

-- put_message for a message that is not reserved now (peek, the failed store), read field by field.
local function put_unreserved(out, id)
  put_message(out, id, redis.call('HGET', K_PAYLOAD, id) or '', redis.call('HGET', K_RELEASES, id),
      redis.call('HGET', K_DELIVERIES, id) or '0', '', redis.call('HGET', K_HEADERS, id))
end
