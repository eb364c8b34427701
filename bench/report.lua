-- report.lua: wrk's done() for every bench script: one machine-readable
-- line with the figures bench/run.sh puts in its table (wrk's own
-- --latency table has no 95th percentile).
function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format(
      "BENCH requests=%d seconds=%.3f rps=%.1f p50_us=%d p95_us=%d p99_us=%d max_us=%d " ..
      "errors_connect=%d errors_read=%d errors_write=%d errors_timeout=%d non2xx=%d\n",
      summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
      latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
      e.connect, e.read, e.write, e.timeout, e.status))
end
