-- One request shape for wrk, from the environment, and a JSON summary line at the end.
-- WRK_METHOD (GET), WRK_BODY_FILE (a JSON body), WRK_TOKEN (a bootstrap token).
wrk.method = os.getenv("WRK_METHOD") or "GET"
local body_file = os.getenv("WRK_BODY_FILE")
if body_file and body_file ~= "" then
  local f = assert(io.open(body_file, "rb"))
  wrk.body = f:read("*a")
  f:close()
  wrk.headers["Content-Type"] = "application/json"
end
local token = os.getenv("WRK_TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  io.write(string.format(
    '{"requests":%d,"seconds":%.2f,"perSecond":%.0f,"p50Millis":%.3f,"p99Millis":%.3f,"maxMillis":%.3f,"non2xx":%d,"socketErrors":%d}\n',
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout))
end
