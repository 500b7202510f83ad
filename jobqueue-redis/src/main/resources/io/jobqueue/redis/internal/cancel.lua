-- ARGV: keep ('1' when the queue keeps finished messages), max age in ms and max count of the
-- history (without one: the lease in ms and 0, the life of a cancel marker), then the ids (decimal
-- digits, checked by the client). Cancels each message that is ready, delayed or reserved:
-- ZREM from its set; a reservation (member `<id>:<token>`, found with ZSCAN over the reserved set,
-- as find.lua does) is taken from its holder, whose renewal, finish, release and abort then find no
-- member, and its delivery counts as a lapse. A cancelled message is kept in K_FINISHED like a
-- finished one, marked by a K_REASON field (a finished message has none), when the queue keeps
-- finished messages, or when it was held under a live lease (a marker, so its holder can learn it;
-- pruned once older than a lease); else it is deleted. Failed, finished, cancelled and unknown ids
-- are left alone. Prunes the history (bounded) and returns the ids cancelled.
local now, now_us = clock()
local keep = ARGV[1] == '1'
local at = now_us
local newest = redis.call('ZRANGE', K_FINISHED, -1, -1, 'WITHSCORES')
if #newest > 0 and tonumber(newest[2]) >= at then
  at = tonumber(newest[2]) + 1
end
local done = {}
for i = 4, #ARGV do
  local id = ARGV[i]
  if redis.call('HEXISTS', K_PAYLOAD, id) == 1 and not redis.call('ZSCORE', K_FAILED, id)
      and not redis.call('ZSCORE', K_FINISHED, id) then
    local held = nil
    if redis.call('ZREM', K_READY, id) == 1 or redis.call('ZREM', K_DELAYED, id) == 1 then
      held = false
    else
      local member, deadline = nil, redis.call('ZSCORE', K_RESERVED, id) -- a bare id: version 0.1
      if deadline then
        member = id
      end
      local cursor = '0'
      repeat
        local page = redis.call('ZSCAN', K_RESERVED, cursor, 'MATCH', id .. ':*', 'COUNT', 1000)
        cursor = page[1]
        if not member and #page[2] > 0 then
          member, deadline = page[2][1], page[2][2]
        end
      until cursor == '0' or member
      if member then
        redis.call('ZREM', K_RESERVED, member)
        redis.call('HINCRBY', K_LAPSES, id, 1)
        held = tonumber(deadline) > now
      end
    end
    if held ~= nil then
      done[#done + 1] = id
      if keep or held then
        redis.call('ZADD', K_FINISHED, string.format('%d', at), id)
        at = at + 1
        redis.call('HSET', K_REASON, id, 'cancelled')
        redis.call('HDEL', K_PRIORITY, id)
      else
        forget({id})
      end
    end
  end
end
prune_finished(now_us, tonumber(ARGV[2]), tonumber(ARGV[3]))
return done
