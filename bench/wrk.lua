-- bench/load.py's report from wrk: one line of JSON after the run, with the
-- latency percentiles wrk keeps (in microseconds) as milliseconds.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK {"requests": %d, "seconds": %.3f, "bytes": %d, ' ..
    '"p50": %.2f, "p95": %.2f, "p99": %.2f, "max": %.2f, ' ..
    '"non2xx": %d, "timeouts": %d, "connect": %d, "read": %d, "write": %d}\n',
    summary.requests, summary.duration / 1e6, summary.bytes,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.timeout, e.connect, e.read, e.write))
end
