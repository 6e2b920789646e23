-- wrk load for paygate-bench.sh: BEP 19 webseed range requests of one piece each (256 KiB), at
-- random piece-aligned offsets of one file, as libtorrent and Transmission 3.00 ask for them.
--   wrk -s seed-range.lua http://127.0.0.1:PORT -- PATH FILE_LENGTH [RANGE_BYTES]
-- PATH is the request path (/seed/paid/film.bin or /seed/t/{token}/paid/film.bin). Counts
-- responses other than 206 so a refused token cannot pass for a fast server.

local threads = {}
local counter = 0

function setup(thread)
   counter = counter + 1
   thread:set("id", counter)
   table.insert(threads, thread)
end

local piece = 262144
non206 = 0

function init(args)
   math.randomseed(id * 7919 + os.time())
   path = args[1]
   piece = tonumber(args[3] or piece)
   pieces = math.floor(tonumber(args[2]) / piece)
end

function request()
   local first = math.random(0, pieces - 1) * piece
   return wrk.format("GET", path, {["Range"] = "bytes=" .. first .. "-" .. (first + piece - 1)})
end

function response(status, headers, body)
   if status ~= 206 then
      non206 = non206 + 1
   end
end

function done(summary, latency, requests)
   local bad = 0
   for _, t in ipairs(threads) do
      bad = bad + t:get("non206")
   end
   io.write(string.format("check: non-206 responses %d\n", bad))
end
