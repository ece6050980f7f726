-- wrk script for GET scenarios: optional session cookie, English, JSON summary.
local cookie = os.getenv("BENCH_COOKIE")
if cookie and cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end
wrk.headers["Accept-Language"] = "en"

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, '
      .. '"p99_us": %d, "errors_status": %d, "errors_other": %d}\n',
    summary.requests, summary.duration, latency:percentile(50),
    latency:percentile(95), latency:percentile(99), e.status,
    e.connect + e.read + e.write + e.timeout))
end
