-- wrk script: POST a signed delivery made from the request that `ats-hook emit --format http`
-- printed, signed anew for every request, so that each one is a distinct delivery: its own
-- webhook-id (also put in the body's "id", same length), the current webhook-timestamp, and the
-- Standard Webhooks HMAC-SHA256 over id.timestamp.body, computed with OpenSSL's libcrypto through
-- LuaJIT's FFI (about a microsecond, the same cost for every server measured).
-- Counts 2xx and other statuses per thread; done() prints one line for bench/listen.sh:
--   RESULT requests=N ok=N other=N duration_us=N p50_us=N p99_us=N connect=N read=N write=N timeout=N
-- Usage: wrk -s delivery.lua URL -- REQUEST_FILE SECRET_FILE TAG
--   TAG: two letters that make this run's ids differ from the other runs' (warm-up, measure).
local ffi = require("ffi")

ffi.cdef [[
typedef struct evp_md_st EVP_MD;
const EVP_MD *EVP_sha256(void);
unsigned char *HMAC(const EVP_MD *evp_md, const void *key, int key_len,
                    const unsigned char *d, size_t n, unsigned char *md, unsigned int *md_len);
int EVP_EncodeBlock(unsigned char *t, const unsigned char *f, int n);
int EVP_DecodeBlock(unsigned char *t, const unsigned char *f, int n);
]]

local function load_crypto()
  for _, name in ipairs({ "crypto", "libcrypto.so.3" }) do
    local ok, lib = pcall(ffi.load, name)
    if ok then return lib end
  end
  return ffi.C -- wrk itself links libcrypto
end

local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_index", thread_count)
  table.insert(threads, thread)
end

local function read_file(path)
  local file = assert(io.open(path, "rb"), "cannot open " .. path)
  local text = file:read("*a")
  file:close()
  return text
end

local crypto, sha256, key, key_len, mac, mac_len, encoded
local head, body_before, body_after, id_format
local counter = 0
ok_count = 0
other_count = 0

function init(args)
  local request_file, secret_file, tag = args[1], args[2], args[3]
  assert(request_file and secret_file and tag and #tag == 2,
    "usage: wrk -s delivery.lua URL -- REQUEST_FILE SECRET_FILE TAG (two letters)")
  crypto = load_crypto()
  sha256 = crypto.EVP_sha256()

  local secret = read_file(secret_file):match("whsec_([A-Za-z0-9+/=]+)")
  assert(secret, secret_file .. ": no whsec_ secret")
  local decoded = ffi.new("unsigned char[?]", #secret)
  local n = crypto.EVP_DecodeBlock(decoded, secret, #secret)
  assert(n > 0, "secret is not base64")
  local _, padding = secret:gsub("=", "")
  key_len = n - padding
  key = decoded
  mac = ffi.new("unsigned char[32]")
  mac_len = ffi.new("unsigned int[1]")
  encoded = ffi.new("unsigned char[48]")

  local request = read_file(request_file)
  local header_end = request:find("\r\n\r\n", 1, true)
  assert(header_end, request_file .. ": no blank line after the headers")
  local body = request:sub(header_end + 4)
  local id
  local kept = {}
  for line in request:sub(1, header_end + 1):gmatch("([^\r\n]*)\r\n") do
    local name, value = line:match("^([^:]+):%s*(.*)$")
    if name then
      local lower = name:lower()
      if lower == "webhook-id" then
        id = value
      elseif lower ~= "host" and lower ~= "content-length" and not lower:find("^webhook%-") then
        kept[#kept + 1] = name .. ": " .. value .. "\r\n"
      end
    end
  end
  assert(id, request_file .. ": no webhook-id header")
  -- The new id has the old one's length, so Content-Length stays the same.
  local suffix_len = #id - #"wbhk_evt_"
  assert(id:find("^wbhk_evt_") and suffix_len >= 8, "unexpected webhook-id " .. id)
  local quoted = '"id":"' .. id .. '"'
  local at = body:find(quoted, 1, true)
  if at then
    body_before = body:sub(1, at + #'"id":"' - 1)
    body_after = body:sub(at + #quoted - 1)
  else
    body_before, body_after = body, nil
  end
  -- wbhk_evt_ + TAG + a letter for the thread ("A" for the first) + the counter, zero-padded.
  id_format = "wbhk_evt_" .. tag .. string.char(64 + thread_index) .. "%0" .. (suffix_len - 3) .. "d"
  head = "POST " .. wrk.path .. " HTTP/1.1\r\nHost: " .. wrk.host .. ":" .. wrk.port .. "\r\n" ..
      table.concat(kept) .. "Content-Length: " .. #body .. "\r\n"
end

function request()
  counter = counter + 1
  local id = string.format(id_format, counter)
  local timestamp = tostring(os.time())
  local body = body_after and (body_before .. id .. body_after) or body_before
  local signed = id .. "." .. timestamp .. "." .. body
  crypto.HMAC(sha256, key, key_len, signed, #signed, mac, mac_len)
  local length = crypto.EVP_EncodeBlock(encoded, mac, 32)
  return head .. "webhook-id: " .. id .. "\r\nwebhook-timestamp: " .. timestamp ..
      "\r\nwebhook-signature: v1," .. ffi.string(encoded, length) .. "\r\n\r\n" .. body
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    ok_count = ok_count + 1
  else
    other_count = other_count + 1
  end
end

function done(summary, latency, requests)
  local ok, other = 0, 0
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("ok_count")
    other = other + thread:get("other_count")
  end
  local errors = summary.errors
  io.write(string.format(
    "RESULT requests=%d ok=%d other=%d duration_us=%d p50_us=%d p99_us=%d " ..
    "connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, ok, other, summary.duration, latency:percentile(50),
    latency:percentile(99), errors.connect, errors.read, errors.write, errors.timeout))
end
