-- wrk script for quiz submits: each request POSTs a different in-progress
-- 20-question attempt with its owner's session (entries file written by
-- measure.py prepare: path<TAB>cookie<TAB>body). A thread stops once its share
-- is used up, so every graded request is a real first submit. A thread that
-- stops before the run's end leaves its reconnected sockets open and idle, and a
-- gunicorn sync worker that accepts one waits on it until wrk exits, so the other
-- thread's last requests queue behind it (seconds, not milliseconds): done()
-- reports how many threads ran out, and run.py marks such a row.
local entries = {}
local counter = 0
exhausted = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  local n = tonumber(os.getenv("BENCH_THREADS"))
  local i = 0
  for line in io.lines(os.getenv("BENCH_ENTRIES")) do
    if i % n == id - 1 then
      local path, cookie, body = line:match("([^\t]*)\t([^\t]*)\t(.*)")
      table.insert(entries, {path, cookie, body})
    end
    i = i + 1
  end
end

function request()
  counter = counter + 1
  local e = entries[math.min(counter, #entries)]
  return wrk.format("POST", e[1], {
    ["Cookie"] = e[2],
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, e[3])
end

function response(status, headers, body)
  if counter >= #entries then
    exhausted = 1
    wrk.thread:stop()
  end
end

done = function(summary, latency, requests)
  local e = summary.errors
  local ran_out = 0
  for _, thread in ipairs(threads) do
    ran_out = ran_out + (thread:get("exhausted") or 0)
  end
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, '
      .. '"p99_us": %d, "errors_status": %d, "errors_other": %d, '
      .. '"threads_ran_out": %d}\n',
    summary.requests, summary.duration, latency:percentile(50),
    latency:percentile(95), latency:percentile(99), e.status,
    e.connect + e.read + e.write + e.timeout, ran_out))
end
