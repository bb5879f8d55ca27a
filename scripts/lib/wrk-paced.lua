-- wrk script of npm run bench:supervision: each connection sends its next request `delay` ms after
-- the last answer (args[1]), so C connections send about C × 1000 / (delay + latency) requests a
-- second, far below saturation; the paths (args[2..]) in turn. At the end one JSON line with wrk's
-- own latency histogram in microseconds (wrk records every request, to the microsecond).
local paths = {}
local pause = 0
local counter = 0

function init(args)
  pause = tonumber(args[1]) or 0
  for i = 2, #args do
    paths[#paths + 1] = args[i]
  end
  if #paths == 0 then
    paths[1] = "/"
  end
end

function delay()
  return pause
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"durationUs":%d,"p50Us":%d,"p90Us":%d,"p99Us":%d,"p999Us":%d,"maxUs":%d,"meanUs":%.1f,"socketErrors":%d,"non2xx":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.max, latency.mean, e.connect + e.read + e.write + e.timeout, e.status))
end
