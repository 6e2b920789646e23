-- The swarms of the shared tracker (webseed-redis; data model in RedisSwarmStore's javadoc): one
-- call runs a batch of announces and counts, in order, each exactly as if it ran alone (Batches
-- joins concurrent requests of one server into one call). Runs atomically in Redis, so the counters
-- change in the same step as the peers they count and never drift, whatever the number of servers
-- announcing at once.
-- KEYS: 1 swarms (zset info-hash hex -> last announce second), then six per entry of the batch:
--       e (zset member=family..peer id, score=last announce second), h4 (hash peer id -> 6-byte
--       compact address), h6 (peer id -> 18 bytes), k (peer id -> state S/P/L, once per client),
--       n (hash S, P, L counters and d = downloaded), ip (address group -> entries)
-- ARGV: 1 timeout (seconds), 2 key ttl (seconds), 3 keep completed (1/0), 4 max peers, 5 max
--       torrents, 6 max peers per address; then eleven per entry: op (a = announce, c = counts),
--       info-hash hex, now (seconds), peer id, family (4/6), compact address, state (S/P/L), event
--       (c = completed, x = stopped, n = other), numwant, sample size, the stamp of the server's
--       sample ('' if none) (a count has '' for the announce's fields)
-- Reply: one array per entry: status (0, or 1 = too many swarms), S, P, L, d, the number of peers
-- other than the asking client over IPv4 and over IPv6, the membership stamp, a sample of each
-- family as peer id, compact address pairs, and 1 when those were sampled (0: none were asked for,
-- none are there, or the server's sample is still exact).
-- Cost: Redis runs scripts on one thread, so every redis.call here is paid once per announce by
-- the whole fleet; the counters are read once (one HMGET) and kept in locals, and a call is only
-- made where the answer is not already known (docs/benchmarks.md "Several servers: Redis vs in memory").
local swarms = KEYS[1]
local timeout, ttl, keepDone = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3]
local maxPeers, maxTorrents, perAddress = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])

local function one(key, arg)
  local e, h4, h6, k = KEYS[key], KEYS[key + 1], KEYS[key + 2], KEYS[key + 3]
  local n, ip = KEYS[key + 4], KEYS[key + 5]
  local op, hex, now = ARGV[arg], ARGV[arg + 1], tonumber(ARGV[arg + 2])

  -- the counters, read once: S, P, L (clients by state), d (completed), t (last renewal, below),
  -- b and v (the membership stamp, below), x (the last second expired entries were looked for),
  -- 6 (set once an IPv6 entry came: until then h6 is empty and its size needs no call)
  local c = redis.call('HMGET', n, 'S', 'P', 'L', 'd', 't', 'b', 'v', 'x', '6')
  -- set when an entry comes, goes or moves: the stamp changes with it
  local changed = false
  local count = {S = tonumber(c[1] or 0), P = tonumber(c[2] or 0), L = tonumber(c[3] or 0)}
  local downloaded, renewed = tonumber(c[4] or 0), tonumber(c[5] or -1)
  -- entries (one per client and family) in e
  local size = redis.call('ZCARD', e)

  -- peers whose TTL ran out with their keys: nothing left to count
  if size == 0 and count.S + count.P + count.L ~= 0 then
    redis.call('HDEL', n, 'S', 'P', 'L')
    count = {S = 0, P = 0, L = 0}
    changed = true
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
    changed = true
    if address then addressCount(group(family, address), -1) end
    if redis.call('HEXISTS', other, id) == 0 then
      local state = redis.call('HGET', k, id)
      if state then
        redis.call('HDEL', k, id)
        move(state, nil)
      end
    end
  end

  -- expired peers of this swarm, looked for once a second: the cutoff moves by whole seconds, so a
  -- second look within the same second finds nothing new; bounded work (the rest go the next second)
  if size > 0 and tonumber(c[8]) ~= now then
    for _, member in ipairs(redis.call('ZRANGEBYSCORE', e, '-inf', now - timeout, 'LIMIT', 0, 512)) do
      drop(member)
    end
    redis.call('HSET', n, 'x', now)
  end

  -- TTLs and the swarm's score are renewed at most once a minute (field t of n): the TTL and the
  -- sweep both allow that minute, so a busy swarm does not pay six EXPIREs per announce
  local function keep(force)
    if not force and now - renewed < 60 and now >= renewed then return end
    redis.call('ZADD', swarms, now, hex)
    redis.call('HSET', n, 't', now)
    for _, key in ipairs({e, h4, h6, k, ip}) do redis.call('EXPIRE', key, ttl) end
    if keepDone == '1' and downloaded > 0 then
      redis.call('PERSIST', n)
    else
      redis.call('EXPIRE', n, ttl)
    end
  end

  -- the membership stamp: b (the microsecond this swarm's n was born, so a swarm dropped and begun
  -- again never repeats a stamp) and v (raised by every change of its entries). Equal stamps mean
  -- the same entries with the same addresses, so a server that holds a complete sample taken at
  -- that stamp still knows every peer exactly (RedisSwarmStore, PeerSample). Every reply restamps.
  local born, version = c[6], tonumber(c[7] or 0)
  local function restamp()
    if changed then
      changed = false
      if not born then
        local t = redis.call('TIME')
        born = t[1] .. string.format('%06d', t[2])
        redis.call('HSET', n, 'b', born)
      end
      version = redis.call('HINCRBY', n, 'v', 1)
    end
    return born and (born .. ':' .. version) or ''
  end

  local function reply(status, n4, n6, sample4, sample6)
    return {status, count.S, count.P, count.L, downloaded, n4 or 0, n6 or 0, restamp(), sample4 or {}, sample6 or {},
      sample4 and 1 or 0}
  end

  if op == 'c' then
    return reply(0)
  end

  local id, family, address = ARGV[arg + 3], ARGV[arg + 4], ARGV[arg + 5]
  local state, event = ARGV[arg + 6], ARGV[arg + 7]
  local numwant, sample, kept = tonumber(ARGV[arg + 8]), tonumber(ARGV[arg + 9]), ARGV[arg + 10]
  local member = family .. id
  local own, other = h4, h6
  if family == '6' then own, other = h6, h4 end

  -- t is only written together with the swarm's score, and the sweep deletes n with the score:
  -- a swarm with t is listed, no need to ask swarms
  local fresh = c[5] == false and redis.call('ZSCORE', swarms, hex) == false
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

  -- PeerLimits: up to DRAWS (2) draws of SAMPLE (8) peers (the second unless the first found a group
  -- holding two more than the newcomer's: drawsAgain); the most crowded group of both gives way if it
  -- holds more peers than the newcomer's (makesRoom)
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
      if victim and worst > mine + 1 then break end -- PeerLimits.drawsAgain: clearly crowded
    end
    if victim and worst > mine then
      drop(victim)
      return true
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
      changed = true
    end
    -- a re-announce from the same place only refreshes its expiry score
    redis.call('ZADD', e, now, member)
  else
    local held = tonumber(redis.call('HGET', ip, host) or 0)
    if held < perAddress and (size < maxPeers or makeRoom(held)) then
      redis.call('HSET', own, id, address)
      size = size + redis.call('ZADD', e, now, member)
      changed = true
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

  local stamp = restamp()

  -- the peers other than the asking client in each family, and unless the server's sample is
  -- still exact (its stamp, kept), a sample of up to 'sample' entries of each family for
  -- the server to pick numwant peers from (e holds one entry per client and family, so the IPv4
  -- size is e's less h6's)
  -- (an IPv6 entry stored or refreshed sets 6, so state written before 6 existed gets it too)
  if family == '6' and selfOwn == 1 and not c[9] then
    redis.call('HSET', n, '6', 1)
    c[9] = '1'
  end
  if numwant == 0 then return reply(0) end
  local size6 = c[9] and redis.call('HLEN', h6) or 0
  local size4 = size - size6
  local n4, n6 = size4 - selfOwn, size6 - selfOther
  if family == '6' then n4, n6 = size4 - selfOther, size6 - selfOwn end
  n4, n6 = math.max(n4, 0), math.max(n6, 0)
  if n4 + n6 == 0 or (stamp ~= '' and stamp == kept) then return reply(0, n4, n6) end
  local sample4, sample6 = {}, {}
  if size4 > 0 then sample4 = redis.call('HRANDFIELD', h4, sample, 'WITHVALUES') end
  if size6 > 0 then sample6 = redis.call('HRANDFIELD', h6, sample, 'WITHVALUES') end
  return reply(0, n4, n6, sample4, sample6)
end

local replies = {}
for i = 0, (#KEYS - 1) / 6 - 1 do
  replies[i + 1] = one(2 + 6 * i, 7 + 11 * i)
end
return replies
