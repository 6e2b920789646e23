-- Drops the expired peers of swarms nobody announced to within the timeout, and those swarms
-- when they are left empty (a closed tracker keeps a swarm whose downloaded count is not zero).
-- KEYS: 1 swarms zset. ARGV: 1 key prefix, 2 now (seconds), 3 timeout, 4 keep completed (1/0),
-- 5 most swarms looked at. Returns the swarms dropped.
local swarms, prefix = KEYS[1], ARGV[1]
local now, timeout, keepCompleted = tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4] == '1'
local dropped = 0
-- a swarm's score is renewed at most once a minute (swarm.lua): allow that minute
local cutoff = now - timeout - 60
for _, hash in ipairs(redis.call('ZRANGEBYSCORE', swarms, '-inf', cutoff, 'LIMIT', 0, tonumber(ARGV[5]))) do
  local base = prefix .. 's:{' .. hash .. '}:'
  local e, h4, h6, k, n, ip = base .. 'e', base .. '4', base .. '6', base .. 'k', base .. 'n', base .. 'ip'
  -- nobody in this swarm announced within the timeout: every peer has expired
  redis.call('DEL', e, h4, h6, k, ip)
  redis.call('HDEL', n, 'S', 'P', 'L')
  if keepCompleted and tonumber(redis.call('HGET', n, 'd') or 0) > 0 then
    redis.call('HINCRBY', n, 'v', 1) -- its entries went: a new membership stamp (swarm.lua)
    redis.call('ZADD', swarms, now, hash)
  else
    redis.call('DEL', n)
    redis.call('ZREM', swarms, hash)
    dropped = dropped + 1
  end
end
return dropped
