-- One swarm of the shared tracker (webseed-redis; data model in RedisSwarmStore's javadoc).
-- Runs atomically in Redis, so the counters change in the same step as the peers they count
-- and never drift, whatever the number of servers announcing at once.
-- KEYS: 1 e (zset member=family..peer id, score=last announce second), 2 h4 (hash peer id ->
--       6-byte compact address), 3 h6 (peer id -> 18 bytes), 4 k (peer id -> state S/P/L, once
--       per client), 5 n (hash S, P, L counters and d = downloaded), 6 ip (address group ->
--       entries), 7 swarms (zset info-hash hex -> last announce second)
-- ARGV: 1 op (a = announce, c = counts), 2 info-hash hex, 3 now (seconds), 4 timeout (seconds),
--       5 key ttl (seconds), 6 keep completed (1/0); announce: 7 peer id, 8 family (4/6),
--       9 compact address, 10 state (S/P/L), 11 event (c = completed, x = stopped, n = other),
--       12 max peers, 13 max torrents, 14 numwant, 15 max peers per address, 16 want ids (1/0)
-- Reply: status (0, or 1 = too many swarms), S, P, L, d, then the IPv4 peers' compact addresses
-- as one string, their ids as one string ('' unless asked for), and the same for IPv6.
-- Cost: Redis runs scripts on one thread, so every redis.call here is paid once per announce by
-- the whole fleet; the counters are read once (one HMGET) and kept in locals, and a call is only
-- made where the answer is not already known (docs/benchmarks.md, "Several servers").
local e, h4, h6, k, n, ip, swarms = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7]
local now, timeout, ttl = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])

-- the counters, read once: S, P, L (clients by state), d (completed), t (last renewal, below)
local c = redis.call('HMGET', n, 'S', 'P', 'L', 'd', 't')
local count = {S = tonumber(c[1] or 0), P = tonumber(c[2] or 0), L = tonumber(c[3] or 0)}
local downloaded, renewed = tonumber(c[4] or 0), tonumber(c[5] or -1)
-- entries (one per client and family) in e
local size = redis.call('ZCARD', e)

-- peers whose TTL ran out with their keys: nothing left to count
if size == 0 and count.S + count.P + count.L ~= 0 then
  redis.call('HDEL', n, 'S', 'P', 'L')
  count = {S = 0, P = 0, L = 0}
end

local function move(from, to)
  if from then
    redis.call('HINCRBY', n, from, -1)
    count[from] = count[from] - 1
  end
  if to then
    redis.call('HINCRBY', n, to, 1)
    count[to] = count[to] + 1
  end
end

-- the address group of tracker/PeerLimits: an IPv4 address or an IPv6 /64
local function group(family, address)
  if family == '6' then return '6' .. string.sub(address, 1, 8) end
  return '4' .. string.sub(address, 1, 4)
end

local function addressCount(key, delta)
  local left = redis.call('HINCRBY', ip, key, delta)
  if left <= 0 then redis.call('HDEL', ip, key) end
  return left
end

-- removes one entry (family..id); the client leaves the counters with its last entry
local function drop(member)
  local family, id = string.sub(member, 1, 1), string.sub(member, 2)
  local own, other = h4, h6
  if family == '6' then own, other = h6, h4 end
  local address = redis.call('HGET', own, id)
  redis.call('HDEL', own, id)
  size = size - redis.call('ZREM', e, member)
  if address then addressCount(group(family, address), -1) end
  if redis.call('HEXISTS', other, id) == 0 then
    local state = redis.call('HGET', k, id)
    if state then
      redis.call('HDEL', k, id)
      move(state, nil)
    end
  end
end

-- expired peers of this swarm, bounded work per call (the rest go on the next calls)
if size > 0 then
  for _, member in ipairs(redis.call('ZRANGEBYSCORE', e, '-inf', now - timeout, 'LIMIT', 0, 512)) do
    drop(member)
  end
end

-- TTLs and the swarm's score are renewed at most once a minute (field t of n): the TTL and the
-- sweep both allow that minute, so a busy swarm does not pay six EXPIREs per announce
local function keep(force)
  if not force and now - renewed < 60 and now >= renewed then return end
  redis.call('ZADD', swarms, now, ARGV[2])
  redis.call('HSET', n, 't', now)
  for _, key in ipairs({e, h4, h6, k, ip}) do redis.call('EXPIRE', key, ttl) end
  if ARGV[6] == '1' and downloaded > 0 then
    redis.call('PERSIST', n)
  else
    redis.call('EXPIRE', n, ttl)
  end
end

local function reply(status, peers4, ids4, peers6, ids6)
  return {status, count.S, count.P, count.L, downloaded, peers4 or '', ids4 or '', peers6 or '', ids6 or ''}
end

if ARGV[1] == 'c' then
  return reply(0)
end

local id, family, address, state, event = ARGV[7], ARGV[8], ARGV[9], ARGV[10], ARGV[11]
local maxPeers, maxTorrents, numwant, perAddress =
  tonumber(ARGV[12]), tonumber(ARGV[13]), tonumber(ARGV[14]), tonumber(ARGV[15])
local member = family .. id
local own, other = h4, h6
if family == '6' then own, other = h6, h4 end

-- t is only written together with the swarm's score, and the sweep deletes n with the score:
-- a swarm with t is listed, no need to ask swarms
local fresh = c[5] == false and redis.call('ZSCORE', swarms, ARGV[2]) == false
if fresh then
  if event == 'x' then return reply(0) end
  if redis.call('ZCARD', swarms) >= maxTorrents then return reply(1) end
end

local known = redis.call('HGET', k, id)
if event == 'x' then
  if known and redis.call('ZSCORE', e, member) then drop(member) end
  keep(fresh)
  return reply(0)
end
-- BEP 3 "completed" counts one download per client, even when it says so over v4 and v6
if event == 'c' and known ~= 'S' then
  downloaded = redis.call('HINCRBY', n, 'd', 1)
end

-- PeerLimits: a full swarm samples peers and drops the one of the most crowded group (ties: the
-- least recently announced) when that group holds more peers than the newcomer's
-- PeerLimits: up to DRAWS (2) draws of SAMPLE (8) peers; the most crowded group gives way if it
-- holds more peers than the newcomer's
local function makeRoom(mine)
  local victim, worst, oldest = nil, -1, nil
  for draw = 1, 2 do
    for _, m in ipairs(redis.call('ZRANDMEMBER', e, 8)) do
      local f, pid = string.sub(m, 1, 1), string.sub(m, 2)
      if pid ~= id then
        local a = redis.call('HGET', f == '6' and h6 or h4, pid)
        local held = a and tonumber(redis.call('HGET', ip, group(f, a)) or 0) or 0
        local seen = tonumber(redis.call('ZSCORE', e, m))
        if held > worst or (held == worst and seen < oldest) then victim, worst, oldest = m, held, seen end
      end
    end
    if victim and worst > mine then
      drop(victim)
      return true
    end
  end
  return false
end

-- k holds a client exactly while h4 or h6 does: an unknown client has no entry of either family
local stored = known and redis.call('HGET', own, id)
local selfOwn, selfOther = 0, 0
if known and not stored then selfOther = 1 end
local host = group(family, address)
if stored then
  selfOwn = 1
  if redis.call('HEXISTS', other, id) == 1 then selfOther = 1 end
  if stored ~= address then
    addressCount(group(family, stored), -1)
    addressCount(host, 1)
    redis.call('HSET', own, id, address)
  end
  -- a re-announce from the same place only refreshes its expiry score
  redis.call('ZADD', e, now, member)
else
  local held = tonumber(redis.call('HGET', ip, host) or 0)
  if held < perAddress and (size < maxPeers or makeRoom(held)) then
    redis.call('HSET', own, id, address)
    size = size + redis.call('ZADD', e, now, member)
    addressCount(host, 1)
    selfOwn = 1
    if not known then
      redis.call('HSET', k, id, state)
      move(nil, state)
      known = state
    end
  end
end
-- the client's latest state, whichever family it last used
if known and known ~= state then
  redis.call('HSET', k, id, state)
  move(known, state)
end
keep(fresh)

-- up to numwant peers other than the asking client, split between the families by their sizes
-- (e holds one entry per client and family, so the IPv4 size is e's less h6's)
local want, n4, n6 = 0, 0, 0
if numwant > 0 and size > selfOwn + selfOther then
  local h6size = redis.call('HLEN', h6)
  n4, n6 = size - h6size, h6size
  if family == '6' then n6 = n6 - selfOwn; n4 = n4 - selfOther else n4 = n4 - selfOwn; n6 = n6 - selfOther end
  n4, n6 = math.max(n4, 0), math.max(n6, 0)
  want = math.min(numwant, n4 + n6)
end
local m4 = 0
if want > 0 then m4 = math.floor(want * n4 / (n4 + n6)) end
local m6 = want - m4
if m6 > n6 then m4 = m4 + m6 - n6; m6 = n6 end

-- the compact addresses as one string (BEP 23 / BEP 7 layout), and their ids when asked for
local wantIds = ARGV[16] == '1'
local function pick(hash, m, self)
  if m == 0 then return '', '' end
  local got = redis.call('HRANDFIELD', hash, m + self, 'WITHVALUES')
  local addresses, ids = {}, {}
  for i = 1, #got, 2 do
    if got[i] ~= id and #addresses < m then
      addresses[#addresses + 1] = got[i + 1]
      if wantIds then ids[#ids + 1] = got[i] end
    end
  end
  return table.concat(addresses), table.concat(ids)
end

local self4, self6 = selfOwn, selfOther
if family == '6' then self4, self6 = selfOther, selfOwn end
local peers4, ids4 = pick(h4, m4, self4)
local peers6, ids6 = pick(h6, m6, self6)
return reply(0, peers4, ids4, peers6, ids6)
