-- ARGV: limit.  Returns the first ready messages as reserve.lua does (token ''), without reserving.
promote(now_ms())
local ids = redis.call('ZRANGE', K_READY, 0, tonumber(ARGV[1]) - 1)
local out = {}
for _, id in ipairs(ids) do
  put_unreserved(out, id, 0)
end
return out
