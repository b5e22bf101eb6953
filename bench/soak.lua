-- A mix of valid and invalid requests for bench/soak.sh, cycled in order by every connection.
-- Counts answers by status class per thread; done() prints the totals for the script to check.
-- (No HEAD: wrk cannot know that such an answer has no body, and would wait for one.)

local requests

-- Built in init(): wrk adds the Host header to wrk.format's requests only once the script has started.
local function mix()
  return {
    wrk.format("GET", "/images/json"),
    wrk.format("GET", "/v1.41/images/json?all=1", { ["Accept-Encoding"] = "gzip" }),
    wrk.format("GET", "/images/json?filters=%7B%22label%22%3A%5B%22com.example.team%3Dteam-7%22%5D%7D"),
    wrk.format("GET", "/images/json?filters=%7B%22reference%22%3A%5B%22registry.example.com%2Fteam-3%2F*%22%5D%7D"),
    wrk.format("GET", "/v1.43/images/json?filters=%7B%22dangling%22%3A%5B%22false%22%5D%7D&digests=1"),
    wrk.format("GET", "/_ping"),
    wrk.format("GET", "/version"),
    -- Image Inspect: by a generated image's tag (200 or, where that team differs, 404), by name, by short id
    wrk.format("GET", "/v1.44/images/registry.example.com/team-1/app-1:1.1/json"),
    wrk.format("GET", "/images/registry.example.com%2Fteam-1%2Fapp-1:1.1/json?platform=%7B%22os%22%3A%22linux%22%2C%22architecture%22%3A%22amd64%22%7D"),
    wrk.format("GET", "/images/0/json", { ["Accept-Encoding"] = "gzip" }),
    -- invalid: each must be a 4xx {"message"}
    wrk.format("GET", "/images/json?filters=%7B%22dangling%22%3A%5B%22maybe%22%5D%7D"),
    wrk.format("GET", "/images/json?filters=%7B%22label%22"),
    wrk.format("GET", "/images/json?all=%zz"),
    wrk.format("GET", "/images/%zz/json"),
    wrk.format("GET", "/images/UPPER/json"),
    wrk.format("GET", "/images/zzz/json"),
    wrk.format("GET", "/images//json"),
    wrk.format("GET", "/images/json?filters=%7B%22before%22%3A%5B%22nope%3A1%22%5D%7D"),
    wrk.format("GET", "/v9.99/images/json"),
    wrk.format("GET", "/nope"),
    wrk.format("POST", "/images/json", { ["Content-Type"] = "application/json" }, "{}"),
    wrk.format("OPTIONS", "/images/json"),
  }
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  requests = mix()
  counts = { ["1xx"] = 0, ["2xx"] = 0, ["3xx"] = 0, ["4xx"] = 0, ["5xx"] = 0 }
  next_request = math.random(#requests)
end

function request()
  next_request = next_request % #requests + 1
  return requests[next_request]
end

function response(status, headers, body)
  local class = math.floor(status / 100) .. "xx"
  counts[class] = (counts[class] or 0) + 1
end

function done(summary, latency, _)
  local total = { ["1xx"] = 0, ["2xx"] = 0, ["3xx"] = 0, ["4xx"] = 0, ["5xx"] = 0 }
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    for class, n in pairs(c) do
      total[class] = total[class] + n
    end
  end
  local e = summary.errors
  io.write(string.format("SOAK requests=%d 2xx=%d 3xx=%d 4xx=%d 5xx=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests, total["2xx"], total["3xx"], total["4xx"], total["5xx"],
    e.connect, e.read, e.write, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
