-- Shared by the scripts that verify a queue's keys (owner.lua, flush.lua); follows prelude.lua.
-- What the queue writes at each key, in the order of KEYS (Keys.java).
local EXPECTED = {'string', 'hash', 'hash', 'hash', 'zset', 'zset', 'zset', 'zset', 'hash', 'hash', 'hash', 'hash',
  'zset', 'hash', 'hash', 'string'}

-- The first key of the queue that holds something the queue never writes there, as
-- {key, what it holds, what the queue keeps there}; nil when every key is absent or as expected.
-- A key that holds something else is not the queue's (an application's, or a name that clashes),
-- so the caller must not read, change or delete any of them.
local function foreign_key()
  for i, key in ipairs(KEYS) do
    local found = redis.call('TYPE', key)['ok']
    if found ~= 'none' and found ~= EXPECTED[i] then
      return {key, found, EXPECTED[i]}
    end
  end
  local seq = redis.call('GET', K_SEQ)
  if seq and not string.match(seq, '^%d+$') then
    return {K_SEQ, 'string that is not a number', 'string holding the id counter'}
  end
  local rate = redis.call('GET', K_RATE)
  if rate and not string.match(rate, '^%d+$') then
    return {K_RATE, 'string that is not a number', 'string holding the count of the rate window'}
  end
  return nil
end
