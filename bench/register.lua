-- register.lua: POST /api/v1/people with a valid person whose names,
-- sex, birth date and nationality vary from one request to the next.
dofile((os.getenv("BENCH_DIR") or "bench") .. "/report.lua")

local given = { "Yosmary", "María José", "Wilmer", "Andreína", "Jhonny", "Guerline",
                "Luis Alberto", "Génesis", "Yohandry", "Norelys", "Kevin", "Dayana" }
local surname = { "González", "Pérez", "Briceño", "Villalobos", "Quintero", "Joseph",
                  "Marcano", "Urdaneta", "Núñez", "de la Cruz", "Zambrano", "Castillo" }
local nat = { "VEN", "COL", "NIC", "CUB", "HTI", "SLV" }
local n = 0
local headers = {}

function setup(thread)
   thread:set("start", math.random(1000))
end

-- wrk.format replaces wrk.headers (which hold -H, the token) with the
-- table it is given: so copy them and add the content type.
function init(args)
   for k, v in pairs(wrk.headers) do
      headers[k] = v
   end
   headers["Content-Type"] = "application/json"
end

function request()
   n = n + 1
   local k = (start or 1) + n
   local body = string.format(
      '{"given_names":"%s","surname1":"%s","surname2":"%s","sex":"%s",' ..
      '"birth_date":"%04d-%02d-%02d","nationality":"%s","legal_status":"asylum_seeker",' ..
      '"phone":"6%03d-%04d","consent_date":"2025-11-03","consent_scope":"referral"}',
      given[k % #given + 1], surname[k % #surname + 1], surname[(k * 7) % #surname + 1],
      k % 2 == 0 and "female" or "male", 1960 + k % 45, 1 + k % 12, 1 + k % 28,
      nat[k % #nat + 1], k % 1000, (k * 37) % 10000)
   return wrk.format("POST", "/api/v1/people", headers, body)
end
