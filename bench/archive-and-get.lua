-- wrk workload for bench/mocks.mjs: alternately archive the next user of the lower half of the
-- seeded ids and view a user of the upper half, so that every request addresses a live user.
local users = tonumber(os.getenv("BENCH_USERS"))
local half = math.floor(users / 2)
local counter = 0
local headers = { ["Authorization"] = "Bearer bench-token", ["Accept"] = "application/json" }

local function user_id(i)
  return string.format("5714dd35%016x", i)
end

request = function()
  counter = counter + 1
  local n = math.floor(counter / 2) % half
  if counter % 2 == 0 then
    return wrk.format("DELETE", "/users/" .. user_id(n), headers)
  end
  return wrk.format("GET", "/users/" .. user_id(half + n), headers)
end
