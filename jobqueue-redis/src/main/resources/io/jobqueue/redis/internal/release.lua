-- ARGV: delay in ms, new priority or '' to keep it, '1' when the release ends an attempt (one more
-- release) or '0' to give the message back (its delivery counts as a lapse), wake-up channel, then
-- n, n reservations (members <id>:<token>) and their n ids (see held_entries).
-- Returns the ids of the messages that were held under their tokens and are released.
-- A message keeps its id, so it goes back to its old place in line within its priority.
local now = now_ms()
local n, entries, held = held_entries(5, now)
if #entries == 0 then
  return {}
end
local delay, new_priority, attempt = tonumber(ARGV[1]), ARGV[2], ARGV[3] == '1'
local wake = delay > 0 or redis.call('ZCARD', K_READY) == 0
local ids = {}
for _, i in ipairs(entries) do
  local id = ARGV[5 + n + i]
  ids[#ids + 1] = id
  if attempt then
    redis.call('HINCRBY', K_RELEASES, id, 1)
  else
    redis.call('HINCRBY', K_LAPSES, id, 1) -- a give-back: the delivery still counts, as a lapse
  end
  local priority = new_priority
  if priority == '' then
    priority = priority_of(id)
  elseif priority == '1024' then
    redis.call('HDEL', K_PRIORITY, id)
  else
    redis.call('HSET', K_PRIORITY, id, priority)
  end
  if delay > 0 then
    redis.call('ZADD', K_DELAYED, string.format('%d', now + delay), id)
  else
    redis.call('ZADD', K_READY, priority, id)
  end
end
redis.call('ZREM', K_RESERVED, unpack(held))
if wake then
  redis.call('PUBLISH', ARGV[4], 'r') -- see submit.lua for when a wake-up is needed
end
return ids
