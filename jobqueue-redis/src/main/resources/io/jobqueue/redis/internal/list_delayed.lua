-- ARGV: limit.  Changes nothing.  Returns per delayed message that is not due yet, soonest due first
-- (a due one still in K_DELAYED is ready, which the next reserver will move, so it is not listed):
-- the fields of reserve.lua (token ''), then its due time in the server's milliseconds.
local entries = redis.call('ZRANGEBYSCORE', K_DELAYED, '(' .. now_ms(), '+inf', 'WITHSCORES', 'LIMIT', 0,
  tonumber(ARGV[1]))
local out = {}
for i = 1, #entries, 2 do
  local id = entries[i]
  put_unreserved(out, id, 0)
  out[#out + 1] = entries[i + 1]
end
return out
