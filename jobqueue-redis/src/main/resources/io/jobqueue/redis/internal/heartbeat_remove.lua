-- ARGV: worker id.  Deletes the worker's beat when it is one (never another key), and its id from
-- the index when the index is one.  Returns 1 when a live beat was deleted, else 0.
local id = ARGV[1]
if redis.call('TYPE', KEYS[1])['ok'] == 'zset' then
  redis.call('ZREM', KEYS[1], id)
end
if is_beat(KEYS[2], id) then
  redis.call('DEL', KEYS[2])
  return 1
end
return 0
