-- ARGV: id (decimal digits only, checked by the client, so it is safe in a MATCH pattern).  Changes
-- nothing.  Returns {} when the queue holds no message with that id, else its state ('ready',
-- 'delayed', 'reserved', 'failed', 'finished' or 'cancelled'), the fields of put_unreserved (token ''), then for
-- 'delayed' the due time in the server's ms, for 'reserved' the lease deadline in ms, for 'failed'
-- the reason and failedAt in µs, for 'finished' (kept by retainFinished, see history.lua) finishedAt
-- in µs, for 'cancelled' (see cancel.lua) cancelledAt in µs. A due delayed message and a lapsed lease are 'ready' (the next reserver moves them).
-- Ready, delayed, failed and finished cost one lookup each; a reservation's member is `<id>:<token>`
-- with a token the id does not tell, so it is looked for with ZSCAN over the reserved set (which
-- holds only what workers hold now), only when the message is in none of the other sets.
local id = ARGV[1]
if redis.call('HEXISTS', K_PAYLOAD, id) == 0 then
  return {}
end
local now = now_ms()
local out = {}
local failed_at = redis.call('ZSCORE', K_FAILED, id)
if failed_at then
  out[1] = 'failed'
  put_unreserved(out, id, 1)
  out[#out + 1] = redis.call('HGET', K_REASON, id) or ''
  out[#out + 1] = failed_at
  return out
end
local due = redis.call('ZSCORE', K_DELAYED, id)
if due and tonumber(due) > now then
  out[1] = 'delayed'
  put_unreserved(out, id, 0)
  out[#out + 1] = due
  return out
end
if due or redis.call('ZSCORE', K_READY, id) then
  out[1] = 'ready'
  put_unreserved(out, id, 0)
  return out
end
local finished_at = redis.call('ZSCORE', K_FINISHED, id)
if finished_at and redis.call('HEXISTS', K_REASON, id) == 1 then
  out[1] = 'cancelled' -- see cancel.lua: a cancelled held message's delivery was counted as a lapse
  put_unreserved(out, id, 0)
  out[#out + 1] = finished_at
  return out
end
if finished_at then
  out[1] = 'finished'
  put_unreserved(out, id, 1) -- the delivery that ended in the finish counts
  out[#out + 1] = finished_at
  return out
end
local deadline = redis.call('ZSCORE', K_RESERVED, id) -- a bare id: a reservation of version 0.1
local cursor = '0'
repeat
  local page = redis.call('ZSCAN', K_RESERVED, cursor, 'MATCH', id .. ':*', 'COUNT', 1000)
  cursor = page[1]
  if not deadline and #page[2] > 0 then
    deadline = page[2][2]
  end
until cursor == '0' or deadline
if not deadline then
  return {} -- a payload in no set: not a message of the queue's (written by hand, or half deleted)
end
if tonumber(deadline) > now then
  out[1] = 'reserved'
  put_unreserved(out, id, 1)
  out[#out + 1] = deadline
  return out
end
out[1] = 'ready'
put_unreserved(out, id, 1) -- the delivery whose lease ran out counts once it is moved, as a lapse
return out
