-- No ARGV.  Deletes every key of the queue, and no other, in the same step as the check that each
-- holds what the queue writes there.  Returns {} when done; else the first foreign key as
-- {key, what it holds, what is expected}, and nothing is deleted.
local foreign = foreign_key()
if foreign then
  return foreign
end
redis.call('DEL', unpack(KEYS))
return {}
