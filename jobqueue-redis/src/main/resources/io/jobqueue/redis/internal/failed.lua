-- ARGV: limit.  Changes nothing.  Returns {id, payload, releases, reason, failedAt in microseconds, ...},
-- oldest failure first.
local entries = redis.call('ZRANGE', K_FAILED, 0, tonumber(ARGV[1]) - 1, 'WITHSCORES')
local out = {}
for i = 1, #entries, 2 do
  local id = entries[i]
  out[#out + 1] = id
  out[#out + 1] = redis.call('HGET', K_PAYLOAD, id) or ''
  out[#out + 1] = redis.call('HGET', K_RELEASES, id) or '0'
  out[#out + 1] = redis.call('HGET', K_REASON, id) or ''
  out[#out + 1] = entries[i + 1]
end
return out
