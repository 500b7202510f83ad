-- No ARGV; changes nothing.  Returns {ready, reserved, failed}, exact at this moment: ready counts
-- due delayed messages and expired reservations too, which the next reserver will move.
local now = now_ms()
local due = redis.call('ZCOUNT', K_DELAYED, '-inf', now)
local expired = redis.call('ZCOUNT', K_RESERVED, '-inf', now)
local ready = redis.call('ZCARD', K_READY) + due + expired
return {ready, redis.call('ZCARD', K_RESERVED) - expired, redis.call('ZCARD', K_FAILED)}
