-- wrk script of bench/webseed-bench.sh: random, aligned single-range GETs of one file.
-- wrk ... -s webseed-range.lua URL -- PATH FILE_SIZE RANGE_SIZE
-- Every request asks for "bytes=k*R-(k+1)*R-1" with k uniform in [0, FILE_SIZE/R); keep-alive.
-- done() prints "check: ..." lines; the script treats any non-2xx/3xx count as a failed cell.
local path, size, chunk, blocks
local counter = 0

function setup(thread)
    counter = counter + 1
    thread:set("seed", counter)
end

function init(args)
    path = args[1]
    size = tonumber(args[2])
    chunk = tonumber(args[3])
    blocks = math.floor(size / chunk)
    math.randomseed(os.time() * 1000 + (seed or 0))
end

function request()
    local first = math.random(0, blocks - 1) * chunk
    return wrk.format("GET", path, { ["Range"] = "bytes=" .. first .. "-" .. (first + chunk - 1) })
end
