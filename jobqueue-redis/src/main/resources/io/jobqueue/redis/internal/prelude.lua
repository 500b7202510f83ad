-- Shared head of every script (each script is this file followed by its own body).
-- KEYS: every key of one queue, all with the hash tag {queue name}, in the order of Keys.java.
local K_SEQ, K_PAYLOAD, K_PRIORITY, K_RELEASES = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local K_READY, K_DELAYED, K_RESERVED, K_FAILED, K_REASON = KEYS[5], KEYS[6], KEYS[7], KEYS[8], KEYS[9]
local K_TOKEN, K_LAPSES, K_HEADERS, K_FINISHED = KEYS[10], KEYS[11], KEYS[12], KEYS[13]
local K_UNIQUE, K_HELD, K_RATE = KEYS[14], KEYS[15], KEYS[16]
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

-- The scores in a sorted set of the members ARGV[first..last] (false where absent); one ZMSCORE
-- where the server has it (6.2+).
local function argv_scores(key, first, last)
  local ok, found = pcall(redis.call, 'ZMSCORE', key, unpack(ARGV, first, last))
  if ok then
    return found
  end
  found = {}
  for i = first, last do
    found[#found + 1] = redis.call('ZSCORE', key, ARGV[i])
  end
  return found
end

-- A reservation's member in K_RESERVED is `<id>:<token>`, so "held under this token" is one
-- ZMSCORE. (Members written by version 0.1 are bare ids; no token names them.) The id of a member:
local function id_of(m)
  local colon = string.find(m, ':', 1, true)
  if colon then
    return string.sub(m, 1, colon - 1)
  end
  return m
end

-- Fencing. ARGV from index `from` on holds the count n of entries, then n reservations as their
-- members `<id>:<token>` (distinct), then their n ids, then any further values per entry in groups
-- of n (entry i's value of group g at from + g * n + i). Returns n, the numbers (1..n) of the
-- entries held now (member in K_RESERVED with a deadline still ahead), in order, and their members.
local function held_entries(from, now)
  local n = tonumber(ARGV[from])
  if n == 0 then
    return 0, {}, {}
  end
  local deadlines = argv_scores(K_RESERVED, from + 1, from + n)
  local found, held = {}, {}
  for i = 1, n do
    local deadline = deadlines[i]
    if deadline and tonumber(deadline) > now then
      found[#found + 1] = i
      held[#held + 1] = ARGV[from + i]
    end
  end
  return n, found, held
end

-- Deletes what the queue keeps per message (not the id's place in the sorted sets). Every message
-- has a payload; the other hashes hold only some messages, or none (then the key is absent and is
-- not sent the ids at all).
local function forget(ids)
  redis.call('HDEL', K_PAYLOAD, unpack(ids))
  for _, key in ipairs({K_PRIORITY, K_RELEASES, K_REASON, K_LAPSES, K_HEADERS}) do
    if redis.call('EXISTS', key) == 1 then
      redis.call('HDEL', key, unpack(ids))
    end
  end
end

-- The fields of the ids in a hash that holds only some messages: an HMGET, or {} when the key is
-- absent (no message has the field), which the client reads as the field missing for all.
local function sparse(key, ids)
  if redis.call('EXISTS', key) == 1 then
    return redis.call('HMGET', key, unpack(ids))
  end
  return {}
end

-- Moves due delayed messages to ready, and expired reservations to ready with one more lapse (a
-- delivery that ended without a finish or a release; a lease that ran out is no release).
local function promote(now)
  for _, key in ipairs({K_DELAYED, K_RESERVED}) do
    local due = redis.call('ZRANGEBYSCORE', key, '-inf', now, 'LIMIT', 0, MOVE_LIMIT)
    if #due > 0 then
      for _, m in ipairs(due) do
        local id = id_of(m)
        redis.call('ZADD', K_READY, priority_of(id), id)
        if key == K_RESERVED then
          redis.call('HINCRBY', K_LAPSES, id, 1)
        end
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

-- A message that is not reserved now (peek, the failed store), appended to out as id, payload,
-- releases, deliveries, token (''), headers ('' for none). Its deliveries are its releases and
-- lapses, plus `current` (1 for a failed message, whose last delivery ended in the abort).
local function put_unreserved(out, id, current)
  local releases = redis.call('HGET', K_RELEASES, id) or '0'
  local lapses = redis.call('HGET', K_LAPSES, id) or '0'
  out[#out + 1] = id
  out[#out + 1] = redis.call('HGET', K_PAYLOAD, id) or ''
  out[#out + 1] = releases
  out[#out + 1] = tostring(tonumber(releases) + tonumber(lapses) + current)
  out[#out + 1] = ''
  out[#out + 1] = redis.call('HGET', K_HEADERS, id) or ''
end
