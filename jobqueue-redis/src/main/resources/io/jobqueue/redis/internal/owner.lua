-- No ARGV; changes nothing.  Returns {} when every key of the queue holds what the queue writes
-- there (or does not exist), else the first foreign key as {key, what it holds, what is expected}.
return foreign_key() or {}
