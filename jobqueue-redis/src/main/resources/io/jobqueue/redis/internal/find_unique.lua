-- ARGV: a unique key.  Changes nothing.  Returns {id} of the message that holds the key now (see
-- holder_of in unique.lua), or {} when none does.
local id = holder_of(ARGV[1], now_ms())
if id then
  return {id}
end
return {}
