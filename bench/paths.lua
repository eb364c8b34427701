-- paths.lua: GETs rotating through the paths in BENCH_PATHS (separated by
-- spaces), e.g. the profiles of many different people, so that the
-- figures are not those of one cached row.
dofile((os.getenv("BENCH_DIR") or "bench") .. "/report.lua")

local paths = {}
for p in string.gmatch(os.getenv("BENCH_PATHS") or "/healthz", "%S+") do
   paths[#paths + 1] = p
end
local n = 0

function setup(thread)
   thread:set("start", math.random(#paths))
end

function request()
   n = n + 1
   return wrk.format("GET", paths[((start or 1) + n) % #paths + 1])
end
