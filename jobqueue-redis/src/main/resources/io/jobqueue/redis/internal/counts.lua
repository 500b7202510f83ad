-- No ARGV; changes nothing.  Returns {ready, delayed, reserved, failed}, exact at this moment:
-- ready counts due delayed messages and expired reservations too, which the next reserver will
-- move; delayed only those not due yet.
local now = now_ms()
local due = redis.call('ZCOUNT', K_DELAYED, '-inf', now)
local expired = redis.call('ZCOUNT', K_RESERVED, '-inf', now)
return {redis.call('ZCARD', K_READY) + due + expired, redis.call('ZCARD', K_DELAYED) - due,
  redis.call('ZCARD', K_RESERVED) - expired, redis.call('ZCARD', K_FAILED)}
