-- ARGV: max, lease in ms, history max age in ms and max count (see reserve_prune.lua), concurrency
-- limit (0: none), rate count (0: none), rate window in ms.
-- reserve.lua for a queue with option concurrencyLimit or rateLimit (see limits.lua); same reply.
-- With a rate limit it reserves no more than the window has left, and when the window is used up
-- returns {wait} with the milliseconds until it ends. With a concurrency limit it takes the ready
-- messages in reserve order, passing over those whose key is at its limit (pick_within_limit),
-- records the new reservations under their keys in K_HELD, and when it passed one over marks
-- K_TOKEN's field `blocked`, so that the next finish, release, abort or cancel announces a wake-up
-- (limits_wake.lua). Queues without limits run reserve.lua, which does none of this.
local now = now_ms()
promote(now)
local max = tonumber(ARGV[1])
local limit, rate_count, window_ms = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
if rate_count > 0 then
  local used = tonumber(redis.call('GET', K_RATE) or '0')
  if used >= rate_count then
    return {rate_wait(window_ms)}
  end
  if rate_count - used < max then
    max = rate_count - used
  end
end
local ids, keys_of, held, blocked = {}, {}, {}, false
if limit > 0 then
  sweep_held(now)
  ids, keys_of, held, blocked = pick_within_limit(max, limit, now)
  if blocked then
    redis.call('HSET', K_TOKEN, 'blocked', '1')
  end
  if #ids > 0 then
    redis.call('ZREM', K_READY, unpack(ids))
  end
else
  local popped = redis.call('ZPOPMIN', K_READY, max)
  for i = 2, #popped, 2 do
    ids[i / 2] = popped[i - 1]
  end
end
if #ids == 0 then
  for key, h in pairs(held) do
    if h.changed then
      store_members(key, h.live)
    end
  end
  return {next_event(now)}
end
local deadline = now + tonumber(ARGV[2])
local token = redis.call('HINCRBY', K_TOKEN, 'reservations', 1)
local payloads = redis.call('HMGET', K_PAYLOAD, unpack(ids))
local suffix = ':' .. token
local leases, k = {}, 0
for n = 1, #ids do
  if payloads[n] then
    local member = ids[n] .. suffix
    leases[k + 1] = deadline
    leases[k + 2] = member
    k = k + 2
    local key = keys_of[n]
    if key then
      local h = held[key]
      h.live[#h.live + 1] = member
      h.changed = true
    end
  end
end
for key, h in pairs(held) do
  if h.changed then
    store_members(key, h.live)
  end
end
if k > 0 then
  redis.call('ZADD', K_RESERVED, unpack(leases))
  if rate_count > 0 and redis.call('INCRBY', K_RATE, k / 2) == k / 2 then
    redis.call('PEXPIRE', K_RATE, window_ms)
  end
end
return {0, token, ids, payloads, sparse(K_RELEASES, ids), sparse(K_LAPSES, ids), sparse(K_HEADERS, ids)}
