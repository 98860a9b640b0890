-- Posts learning events to the offline-batch endpoint, as phones coming back
-- online do: each request carries `per_request` events, each with a new
-- event id, spread over the lessons a learner can open, so none is a replay
-- and every one is recorded. Requests go out as each of the given learners
-- in turn (their own session, CSRF cookie and token), as a village's phones
-- would; with none given, as the user of wrk's -H headers.
--
-- Arguments (after `--`): per_request, a run nonce (8 hex digits, new for
-- every run), the events' time (ISO 8601, in the past), the number of
-- learners k, then k pairs of (Cookie header value, CSRF token), then the
-- lesson ids.
--
-- Ids are nonce-thread-counter, so they are unique across threads and runs.
-- A response is counted as recorded only if its JSON says that all of the
-- request's events were recorded (not "already" there, not rejected).

local threads = {}

-- In wrk's main state: number the threads. Each thread's state then holds
-- its own number as the global thread_number (set before init runs).
function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

function init(args)
  per_request = tonumber(args[1])
  nonce = tonumber(args[2], 16)
  occurred_at = args[3]
  senders = {}
  local k = tonumber(args[4])
  for i = 1, k do
    senders[i] = { cookie = args[3 + 2 * i], token = args[4 + 2 * i] }
  end
  lessons = {}
  for i = 5 + 2 * k, #args do
    lessons[#lessons + 1] = tonumber(args[i])
  end
  sent = 0
  counter = 0
  recorded = 0
  not_recorded = 0
  statuses = {}
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Accept"] = "application/json"
end

local function event_id()
  counter = counter + 1
  -- 8-4-4-4-12 hex digits: nonce, thread, version 4, variant, counter.
  return string.format("%08x-%04x-4000-8000-%012x", nonce, thread_number, counter)
end

local verbs = { "opened", "completed" }

function request()
  local events = {}
  for i = 1, per_request do
    local n = counter + 1
    local lesson = lessons[(n + thread_number) % #lessons + 1]
    local verb = verbs[n % #verbs + 1]
    events[i] = string.format(
      '{"id": "%s", "verb": "%s", "lesson": %d, "occurred_at": "%s"}',
      event_id(), verb, lesson, occurred_at)
  end
  local body = '{"events": [' .. table.concat(events, ", ") .. ']}'
  if #senders == 0 then
    return wrk.format(nil, nil, nil, body)
  end
  sent = sent + 1
  local sender = senders[(sent + thread_number) % #senders + 1]
  local headers = {}
  for name, value in pairs(wrk.headers) do
    headers[name] = value
  end
  headers["Cookie"] = sender.cookie
  headers["X-CSRFToken"] = sender.token
  return wrk.format(nil, nil, headers, body)
end

function response(status, headers, body)
  local n = tonumber(string.match(body or "", '"recorded": *(%d+)'))
  if status == 200 and n == per_request then
    recorded = recorded + n
  else
    not_recorded = not_recorded + 1
    statuses[status] = (statuses[status] or 0) + 1
  end
end

done = function(summary, latency, requests)
  local total_recorded, total_not = 0, 0
  for _, thread in ipairs(threads) do
    total_recorded = total_recorded + thread:get("recorded")
    total_not = total_not + thread:get("not_recorded")
  end
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "bytes": %d, '
      .. '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, '
      .. '"latency_us": {"p50": %d, "p90": %d, "p95": %d, "p99": %d, "mean": %.1f, "max": %d}, '
      .. '"recorded": %d, "not_recorded": %d}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency.mean, latency.max,
    total_recorded, total_not))
end
