-- make bench: a conditional GET, If-None-Match with the page's current
-- ETag (BENCH_ETAG; scripts/bench.sh checks first that it gets a 304):
-- what a returning browser or a cache in front of the portal costs.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "report.lua")

wrk.headers["If-None-Match"] = assert(os.getenv("BENCH_ETAG"),
    "BENCH_ETAG is not set")
