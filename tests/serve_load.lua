-- wrk script for tests/serve_load_test.sh: sends one request over and over and counts
-- the answers that differ from the reference answer the server gave when idle.
-- Arguments (after --): method path content-type body-file expected-answer-file.
local function slurp(path)
  local file = assert(io.open(path, "rb"))
  local text = file:read("*a")
  file:close()
  return text
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  wrk.method = args[1]
  wrk.path = args[2]
  if args[3] ~= "-" then
    wrk.headers["Content-Type"] = args[3]
    wrk.body = slurp(args[4])
  end
  expected = slurp(args[5])
  correct, wrong, first_wrong = 0, 0, ""
end

function response(status, headers, body)
  if status == 200 and body == expected then
    correct = correct + 1
  else
    wrong = wrong + 1
    if first_wrong == "" then first_wrong = status .. " " .. string.sub(body, 1, 200) end
  end
end

function done(summary, latency, requests)
  local correct_total, wrong_total, example = 0, 0, ""
  for _, thread in ipairs(threads) do
    correct_total = correct_total + thread:get("correct")
    wrong_total = wrong_total + thread:get("wrong")
    if example == "" then example = thread:get("first_wrong") end
  end
  local errors = summary.errors
  io.write(string.format("answers: correct=%d wrong=%d socket-errors=%d timeouts=%d\n", correct_total, wrong_total,
    errors.connect + errors.read + errors.write, errors.timeout))
  io.write(string.format("figures: requests/s=%.0f p50=%.1fms p99=%.1fms max=%.1fms\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1e3, latency:percentile(99) / 1e3,
    latency.max / 1e3))
  if example ~= "" then io.write("first wrong answer: " .. example .. "\n") end
end
