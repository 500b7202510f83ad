-- ARGV: id.  Deletes a failed message and everything kept for it; 1, or 0 when not failed.
local id = ARGV[1]
if not redis.call('ZSCORE', K_FAILED, id) then
  return 0
end
redis.call('ZREM', K_FAILED, id)
forget({id})
return 1
