-- Head of the reserve script of a queue that keeps its finished messages, before reserve.lua;
-- ARGV after reserve.lua's two: max age in ms (0: none), max count (0: none). Every reserve (the
-- waiting workers' polls included) prunes the history too, bounded, so a history that ages while
-- nothing is finished still shrinks.
do
  local _, now_us = clock()
  prune_finished(now_us, tonumber(ARGV[3]), tonumber(ARGV[4]))
end
