-- Gives back ARGV[1] reserved bytes that were not sent; the count never goes below zero.
local left = redis.call('DECRBY', KEYS[1], tonumber(ARGV[1]))
if left < 0 then redis.call('SET', KEYS[1], 0, 'KEEPTTL') end
return left
