-- Shared by the reserve script of a queue with a concurrency or rate limit (reserve_limited.lua);
-- follows prelude.lua.
--
-- Concurrency: K_HELD is a hash, field = a concurrency key exactly as given (header
-- jobqueue.concurrency-key), value = the members (`<id>:<token>`) of the reservations this queue
-- made of its messages, space-separated. A member counts while it is in K_RESERVED with a deadline
-- ahead, so a finish, release, abort or cancel (which remove the member) and a lease that ran out
-- free a place without any other script writing K_HELD; members that no longer count are dropped
-- when the key is next read, and by a bounded sweep.
--
-- Rate: K_RATE counts the reservations of the current window; it is created by the first
-- reservation after the last window ended and expires (PEXPIRE, server clock) one window later.

-- How many ready messages past the `max` wanted one reserve looks at, at most, when messages of
-- keys at their limit are in the way.
local SCAN_LIMIT = 1000
local CONCURRENCY_HEADER = 'jobqueue.concurrency-key'

-- The concurrency key in a message's stored headers (false when it has none), or nil.
local function concurrency_key(text)
  if not text or not string.find(text, CONCURRENCY_HEADER, 1, true) then
    return nil
  end
  local ok, headers = pcall(cjson.decode, text)
  if ok and type(headers) == 'table' and type(headers[CONCURRENCY_HEADER]) == 'string' then
    return headers[CONCURRENCY_HEADER]
  end
  return nil
end

-- The scores in K_RESERVED of the members (false where absent).
local function reserved_scores(members)
  local ok, found = pcall(redis.call, 'ZMSCORE', K_RESERVED, unpack(members))
  if ok then
    return found
  end
  found = {}
  for i, m in ipairs(members) do
    found[i] = redis.call('ZSCORE', K_RESERVED, m)
  end
  return found
end

-- The members of a K_HELD value that still count at server time now, and whether any was dropped.
local function live_members(text, now)
  local members = {}
  for m in string.gmatch(text or '', '%S+') do
    members[#members + 1] = m
  end
  if #members == 0 then
    return members, text ~= nil
  end
  local live = {}
  local scores = reserved_scores(members)
  for i, m in ipairs(members) do
    if scores[i] and tonumber(scores[i]) > now then
      live[#live + 1] = m
    end
  end
  return live, #live < #members
end

-- Writes a key's members back: deletes the field when none counts.
local function store_members(key, members)
  if #members == 0 then
    redis.call('HDEL', K_HELD, key)
  else
    redis.call('HSET', K_HELD, key, table.concat(members, ' '))
  end
end

-- One step of the sweep over K_HELD (cursor in K_TOKEN's field `held-sweep`, about 100 fields; a
-- small hash comes back whole): drops the members that no longer count, and the keys left with none.
local function sweep_held(now)
  local cursor = redis.call('HGET', K_TOKEN, 'held-sweep') or '0'
  local page = redis.call('HSCAN', K_HELD, cursor, 'COUNT', 100)
  for i = 1, #page[2], 2 do
    local live, changed = live_members(page[2][i + 1], now)
    if changed then
      store_members(page[2][i], live)
    end
  end
  if page[1] == '0' then
    redis.call('HDEL', K_TOKEN, 'held-sweep')
  else
    redis.call('HSET', K_TOKEN, 'held-sweep', page[1])
  end
end

-- The ids of up to max ready messages in reserve order, leaving out those whose concurrency key
-- already has `limit` live reservations (counting the ones picked here), looking at no more than
-- max + SCAN_LIMIT ready messages. Returns the ids, the concurrency key of each (false: none), the
-- keys read as {key -> {live = members, changed = bool}}, and whether a message was left out.
local function pick_within_limit(max, limit, now)
  local ids, keys_of, held, blocked = {}, {}, {}, false
  local with_headers = redis.call('EXISTS', K_HEADERS) == 1
  local offset, page, budget = 0, max + 10, max + SCAN_LIMIT
  while #ids < max and offset < budget do
    local size = math.min(page, budget - offset)
    local batch = redis.call('ZRANGE', K_READY, offset, offset + size - 1)
    if #batch == 0 then
      break
    end
    local texts = with_headers and redis.call('HMGET', K_HEADERS, unpack(batch)) or {}
    for i, id in ipairs(batch) do
      local key = concurrency_key(texts[i])
      local take = true
      if key then
        local h = held[key]
        if not h then
          local live, changed = live_members(redis.call('HGET', K_HELD, key), now)
          h = {live = live, changed = changed, taken = 0}
          held[key] = h
        end
        take = #h.live + h.taken < limit
        if take then
          h.taken = h.taken + 1
        else
          blocked = true
        end
      end
      if take then
        ids[#ids + 1] = id
        keys_of[#ids] = key or false
        if #ids == max then
          break
        end
      end
    end
    offset = offset + #batch
    if #batch < size then
      break
    end
    page = page * 2
  end
  return ids, keys_of, held, blocked
end

-- Milliseconds until the rate window ends (at least 1); a window key without an expiry gets one.
local function rate_wait(window_ms)
  local left = redis.call('PTTL', K_RATE)
  if left == -1 then
    redis.call('PEXPIRE', K_RATE, window_ms)
    left = window_ms
  end
  if left < 1 then
    left = 1
  end
  return left
end
