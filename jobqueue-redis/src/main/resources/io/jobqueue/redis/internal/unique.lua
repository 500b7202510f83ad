-- Shared by the scripts of unique keys (submit_unique.lua, find_unique.lua); follows prelude.lua.
-- K_UNIQUE is a hash: field = the unique key exactly as given (a field name is binary-safe, so any
-- text is its own field and two keys that differ never meet), value = its holder as
-- `<scope>:<id>`, the scope 'a' (active) or 'q' (queued), or `p<expiry in server ms>:<id>` (a period).
-- Nothing deletes an entry when its holder leaves its scope: a submit and a lookup judge it on the
-- spot (holder_of), a submit overwrites a dead one, and sweep_unique drops dead ones, bounded.

-- The ids whose reservation's lease ran out (still in K_RESERVED until the next reserver moves
-- them), as a set; read once per call, only when a queued holder is not ready or delayed. The
-- lapsed leases are few: every reserve moves up to MOVE_LIMIT of them.
local lapsed_ids = nil
local function lapsed(id, now)
  if not lapsed_ids then
    lapsed_ids = {}
    local offset = 0
    repeat
      local page = redis.call('ZRANGEBYSCORE', K_RESERVED, '-inf', now, 'LIMIT', offset, 1000)
      for _, m in ipairs(page) do
        lapsed_ids[id_of(m)] = true
      end
      offset = offset + #page
    until #page < 1000
  end
  return lapsed_ids[id] == true
end

-- Whether the holder named by an entry of K_UNIQUE is still in its scope at server time now:
-- a period until its expiry, whatever the message's state; active while the message exists and is
-- neither failed nor finished (nor cancelled, which is kept as finished or deleted); queued while it
-- is ready or delayed, or reserved under a lease that ran out (it is ready again).
local function in_scope(entry, now)
  local scope, expiry, id = string.match(entry, '^(%a)(%d*):(%d+)$')
  if not scope then
    return false, nil
  end
  if scope == 'p' then
    return tonumber(expiry) > now, id
  end
  if scope == 'q' and (redis.call('ZSCORE', K_READY, id) or redis.call('ZSCORE', K_DELAYED, id)) then
    return true, id
  end
  if redis.call('HEXISTS', K_PAYLOAD, id) == 0 or redis.call('ZSCORE', K_FAILED, id)
      or redis.call('ZSCORE', K_FINISHED, id) then
    return false, id
  end
  if scope == 'a' then
    return true, id
  end
  return lapsed(id, now), id
end

-- The id of the message that holds the unique key now, or nil.
local function holder_of(key, now)
  local entry = redis.call('HGET', K_UNIQUE, key)
  if not entry then
    return nil
  end
  local live, id = in_scope(entry, now)
  if live then
    return id
  end
  return nil
end

-- One step of the sweep over K_UNIQUE: HSCAN from the cursor kept in K_TOKEN's field
-- `unique-sweep`, about `count` fields (a small hash comes back whole), deleting the entries whose
-- holder is out of scope. Every entry is judged once per full pass over the hash, so a dead entry
-- lives at most until the sweep passes it.
local function sweep_unique(now, count)
  local cursor = redis.call('HGET', K_TOKEN, 'unique-sweep') or '0'
  local page = redis.call('HSCAN', K_UNIQUE, cursor, 'COUNT', count)
  local dead = {}
  for i = 1, #page[2], 2 do
    if not in_scope(page[2][i + 1], now) then
      dead[#dead + 1] = page[2][i]
    end
  end
  if #dead > 0 then
    redis.call('HDEL', K_UNIQUE, unpack(dead))
  end
  if page[1] == '0' then
    redis.call('HDEL', K_TOKEN, 'unique-sweep')
  else
    redis.call('HSET', K_TOKEN, 'unique-sweep', page[1])
  end
end
