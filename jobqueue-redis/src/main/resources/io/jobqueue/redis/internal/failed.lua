-- ARGV: limit.  Changes nothing.  Returns per failed message, oldest failure first: the fields of
-- reserve.lua (token ''), then the reason and failedAt in microseconds.
local entries = redis.call('ZRANGE', K_FAILED, 0, tonumber(ARGV[1]) - 1, 'WITHSCORES')
local out = {}
for i = 1, #entries, 2 do
  local id = entries[i]
  put_unreserved(out, id, 1)
  out[#out + 1] = redis.call('HGET', K_REASON, id) or ''
  out[#out + 1] = entries[i + 1]
end
return out
