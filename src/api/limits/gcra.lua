-- GCRA in one round trip: KEYS[1] is the key's theoretical arrival time (ms), ARGV[1] the emission
-- interval (ms, the window over the count), ARGV[2] the burst (the count). Redis's clock decides, so
-- every replica counts alike. Returns {allowed (0|1), remaining, retry_after_ms, reset_ms}.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then
  tat = now
end
local new_tat = tat + interval
local allow_at = new_tat - interval * burst
if allow_at > now then
  return {0, 0, allow_at - now, tat - now}
end
redis.call('SET', KEYS[1], new_tat, 'PX', new_tat - now)
return {1, math.floor((now - allow_at) / interval), 0, new_tat - now}
