-- make bench (scripts/bench.sh): wrk's summary as one line that the script
-- parses, latencies in microseconds. Loaded by every wrk script here; used
-- alone for GET runs (wrk -s report.lua URL).
function done(summary, latency, requests)
	local e = summary.errors
	io.write(string.format(
	    "WRK requests=%d duration_us=%d p50_us=%d p99_us=%d " ..
	    "connect=%d read=%d write=%d status=%d timeout=%d\n",
	    summary.requests, summary.duration,
	    latency:percentile(50), latency:percentile(99),
	    e.connect, e.read, e.write, e.status, e.timeout))
end
