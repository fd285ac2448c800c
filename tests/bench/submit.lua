-- make bench: POST /en/submit as a program (Accept: application/json, so no
-- CSRF) with a fixed small multipart body. There is no form_token, so every
-- request is a new submission: durable, signed, sealed, queued for the log.
-- A response other than 201 counts as an error (wrk's status errors).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "report.lua")

local b = "----portalbench7f3a9c"
local function field(name, value)
	return "--" .. b .. "\r\nContent-Disposition: form-data; name=\"" ..
	    name .. "\"\r\n\r\n" .. value .. "\r\n"
end

wrk.method = "POST"
wrk.path = "/en/submit"
wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. b
wrk.headers["Accept"] = "application/json"
wrk.body = field("state", "IRN") ..
    field("mandate", "torture") ..
    field("summary", "A benchmark allegation: arbitrary detention of three " ..
	"human-rights defenders after a peaceful assembly.") ..
    field("incident_date", "2026-01-15") ..
    field("incident_place", "Tehran") ..
    field("victims", "Three defenders") ..
    field("consent_disclose_name", "yes") ..
    field("consent_public_name", "no") ..
    "--" .. b .. "--\r\n"

function response(status, headers, body)
	if status ~= 201 and not reported then
		reported = true
		io.stderr:write("submit.lua: status " .. status .. ": " ..
		    body:sub(1, 200) .. "\n")
	end
end
