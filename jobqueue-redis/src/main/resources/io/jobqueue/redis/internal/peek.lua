-- ARGV: limit.  Returns {id, payload, releases, ...} of the first ready messages, without reserving.
promote(now_ms())
local ids = redis.call('ZRANGE', K_READY, 0, tonumber(ARGV[1]) - 1)
local out = {}
for _, id in ipairs(ids) do
  out[#out + 1] = id
  out[#out + 1] = redis.call('HGET', K_PAYLOAD, id) or ''
  out[#out + 1] = redis.call('HGET', K_RELEASES, id) or '0'
end
return out
