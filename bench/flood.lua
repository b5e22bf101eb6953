-- Distinct filtered queries for bench/flood.sh: every request a query no one asked before (an answer
-- cache miss), half of them reference filters (the reference index), half label filters.
local id = 0
local counter = 0

function setup(thread)
  id = id + 1
  thread:set("id", id)
end

local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function request()
  counter = counter + 1
  local filters
  -- Each query distinct (a cache miss) but as heavy as the one it varies: a team's images (2% of the
  -- catalog), found by reference (with a pattern nothing matches, unique to the request) or by label
  -- (with an until far in the future, unique to the request).
  if counter % 2 == 0 then
    filters = string.format('{"reference":["registry.example.com/team-%d/*","miss-%d-%d"]}', counter % 50, id, counter)
  else
    filters = string.format('{"label":["com.example.team=team-%d"],"until":["%d"]}', counter % 50, 4000000000 + id * 100000000 + counter)
  end
  return wrk.format("GET", "/images/json?filters=" .. encode(filters))
end
