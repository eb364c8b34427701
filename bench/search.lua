-- search.lua: name searches as caseworkers type them: misspelt,
-- unaccented, surnames and given names mixed. BENCH_SEARCH_PATH is the
-- path up to the query ("/api/v1/people?q=" or "/people?q="); each
-- thread starts at a different query and rotates through them.
dofile((os.getenv("BENCH_DIR") or "bench") .. "/report.lua")

local queries = {
   "gonzales",             -- González: s/z
   "rodriges%20peres",     -- Rodríguez Pérez, both misspelt
   "yosmari",              -- Yosmary
   "ernandes",             -- Hernández, silent h
   "maria%20jose%20gonsales", -- María José González
   "bolibar",              -- Bolívar: b/v
   "biyalobos",            -- Villalobos: v/b and ll/y
   "kintero",              -- Quintero: qu/k
   "jhoni%20briseno",      -- Jhonny Briceño
   "guerlin%20jozef",      -- Guerline Joseph (Haiti)
   "sanches%20ramires",    -- Sánchez Ramírez
   "xiomara%20zzz",        -- no such person
}
local path = os.getenv("BENCH_SEARCH_PATH") or "/api/v1/people?q="
local n = 0

function setup(thread)
   thread:set("start", math.random(#queries))
end

function request()
   n = n + 1
   local q = queries[((start or 1) + n) % #queries + 1]
   return wrk.format("GET", path .. q)
end
