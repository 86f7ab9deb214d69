-- wrk script: POST one fixed, pre-signed delivery, the request `ats-hook emit --format http`
-- printed (its headers and body; wrk sets Host and Content-Length), the same bytes every time.
-- Defines no request() or response() function, so wrk formats the request once and sends it
-- without calling Lua per request: the fastest wrk can send it.
-- done() prints one line for bench/send.sh:
--   RESULT requests=N duration_us=N status_errors=N connect=N read=N write=N timeout=N p50_us=N p99_us=N
-- (status_errors: answers with a status of 400 or more).
-- Usage: wrk -s fixed.lua URL -- REQUEST_FILE
function init(args)
  local path = args[1]
  assert(path, "usage: wrk -s fixed.lua URL -- REQUEST_FILE")
  local file = assert(io.open(path, "rb"), "cannot open " .. path)
  local request = file:read("*a")
  file:close()
  local header_end = request:find("\r\n\r\n", 1, true)
  assert(header_end, path .. ": no blank line after the headers")
  local head = request:sub(1, header_end + 1)
  assert(head:find("^POST "), path .. ": not a POST request")
  local first = true
  for line in head:gmatch("([^\r\n]*)\r\n") do
    if first then
      first = false
    else
      local name, value = line:match("^([^:]+):%s*(.*)$")
      assert(name, path .. ": bad header line " .. line)
      local lower = name:lower()
      if lower ~= "host" and lower ~= "content-length" then wrk.headers[name] = value end
    end
  end
  wrk.method = "POST"
  wrk.body = request:sub(header_end + 4)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d status_errors=%d connect=%d read=%d write=%d timeout=%d " ..
    "p50_us=%d p99_us=%d\n",
    summary.requests, summary.duration, errors.status, errors.connect, errors.read, errors.write,
    errors.timeout, latency:percentile(50), latency:percentile(99)))
end
