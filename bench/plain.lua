-- plain.lua: the URL given to wrk as it is, with the shared report.
dofile((os.getenv("BENCH_DIR") or "bench") .. "/report.lua")
