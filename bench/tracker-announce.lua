-- wrk load for tracker-bench.sh: BEP 3 announces over a fixed set of info-hashes.
--   wrk -s tracker-announce.lua http://127.0.0.1:PORT -- HASHFILE
-- HASHFILE holds one 40-hex info-hash per line (the opentracker whitelist). Every request picks
-- a random hash, a random 20-byte peer id ("-WB0001-" + 12 random bytes, %-escaped), a random
-- port, left=0 for a quarter of them, numwant=50, compact=1.

local threads = {}
local counter = 0

function setup(thread)
   counter = counter + 1
   thread:set("id", counter)
   table.insert(threads, thread)
end

local hashes = {}
local esc = {}
failures = 0
non200 = 0

function init(args)
   math.randomseed(id * 7919 + os.time())
   for b = 0, 255 do
      esc[b] = string.format("%%%02X", b)
   end
   local file = assert(io.open(args[1] or "hashes.txt", "r"))
   for line in file:lines() do
      if #line == 40 then
         local e = {}
         for i = 1, 40, 2 do
            e[#e + 1] = "%" .. line:sub(i, i + 1)
         end
         hashes[#hashes + 1] = table.concat(e)
      end
   end
   file:close()
   assert(#hashes > 0, "no info-hashes read")
end

function request()
   local p = {}
   for i = 1, 12 do
      p[i] = esc[math.random(0, 255)]
   end
   local left = (math.random(4) == 1) and "0" or "734003200"
   local path = "/announce?info_hash=" .. hashes[math.random(#hashes)]
      .. "&peer_id=-WB0001-" .. table.concat(p)
      .. "&port=" .. math.random(1024, 65535)
      .. "&uploaded=0&downloaded=0&left=" .. left
      .. "&numwant=50&compact=1&no_peer_id=1&event=started"
   return wrk.format("GET", path)
end

function response(status, headers, body)
   if status ~= 200 then
      non200 = non200 + 1
   elseif body:find("failure reason", 1, true) then
      failures = failures + 1
   end
end

function done(summary, latency, requests)
   local f, n = 0, 0
   for _, t in ipairs(threads) do
      f = f + t:get("failures")
      n = n + t:get("non200")
   end
   local e = summary.errors
   io.write(string.format("check: responses %d, non-200 %d, failure reason %d, socket errors: connect %d read %d "
      .. "write %d timeout %d\n", summary.requests, n, f, e.connect, e.read, e.write, e.timeout))
end
