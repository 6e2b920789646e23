-- Reserves up to ARGV[2] bytes of a token's byte budget ARGV[1]; KEYS[1] counts the bytes
-- reserved so far and lives ARGV[3] seconds (the token's remaining life plus grace). Returns the
-- bytes granted (never past the budget, whatever the number of servers and connections) and the
-- bytes left after them.
local budget = tonumber(ARGV[1])
local used = tonumber(redis.call('GET', KEYS[1]) or 0)
local granted = math.min(tonumber(ARGV[2]), budget - used)
if granted <= 0 then return {0, 0} end
redis.call('INCRBY', KEYS[1], granted)
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
return {granted, budget - used - granted}
