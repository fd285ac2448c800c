-- make bench: POST /en/verify as a program (Accept: application/json) with
-- a real receipt, read from the file named by BENCH_RECEIPT (scripts/bench.sh
-- gets one with curl and waits until the log has it): the signature and the
-- inclusion proof are checked on every request.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "report.lua")

local f = assert(io.open(assert(os.getenv("BENCH_RECEIPT"),
    "BENCH_RECEIPT is not set"), "rb"))
local receipt = f:read("*a")
f:close()
local b = "----portalbench51c0de"

wrk.method = "POST"
wrk.path = "/en/verify"
wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. b
wrk.headers["Accept"] = "application/json"
wrk.body = "--" .. b .. "\r\nContent-Disposition: form-data; " ..
    "name=\"receipt\"\r\n\r\n" .. receipt .. "\r\n--" .. b .. "--\r\n"

function response(status, headers, body)
	if (status ~= 200 or not body:find('"proof_verified":true', 1, true))
	    and not reported then
		reported = true
		io.stderr:write("verify.lua: status " .. status .. ": " ..
		    body:sub(1, 200) .. "\n")
	end
end
