-- Enters revocations for every server. KEYS: 1 token ids set, 2 subjects set, 3 version counter.
-- ARGV: 1 how many token ids follow, then the token ids, then the subjects.
-- The version rises only when something new was added, so servers re-read the sets only then.
local count, added = tonumber(ARGV[1]), 0
for i = 2, #ARGV do
  if i <= count + 1 then
    added = added + redis.call('SADD', KEYS[1], ARGV[i])
  else
    added = added + redis.call('SADD', KEYS[2], ARGV[i])
  end
end
if added > 0 then redis.call('INCR', KEYS[3]) end
return added
