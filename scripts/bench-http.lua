-- wrk script for scripts/bench-http: /api/search with a mix of queries of every kind the API
-- takes (words, phrases, boolean, NEAR, fields, filters, dates, sorts, pages, facet choices),
-- taken in turn, each wrk thread starting at a different place in the list.
local queries = {
  "q=oil", "q=gold", "q=wheat", "q=coffee", "q=dollar", "q=yen", "q=interest+rates", "q=trade+deficit",
  "q=%22crude+oil%22", "q=%22central+bank%22", "q=%22trade+surplus%22", "q=%22money+supply%22",
  "q=%22bank+of+japan%22", "q=%22federal+reserve%22",
  "q=gold+OR+silver", "q=wheat+OR+corn+OR+soybeans", "q=oil+NOT+opec", "q=oil+-gas", "q=(oil+OR+gas)+prices",
  "q=opec+NEAR+output", "q=strike+NEAR%2F3+workers", "q=merger+AND+acquisition",
  "q=title:oil", "q=person:reagan", "q=org:opec", "q=place:japan", "q=place:%22west+germany%22",
  "q=source:reuters+oil", "q=keyword:crude",
  "q=oil&place=Saudi+Arabia", "q=&person=Reagan", "person=James+Baker", "org=OPEC", "place=Japan&q=trade",
  "place=USA&place=Japan", "org=EC&q=farm", "org=IMF&place=Brazil", "person=Volcker&q=rates",
  "q=oil&since=1987-03&until=1987-03", "q=stocks&since=1987-04-01", "q=bonds&until=1987-03-15",
  "q=date:1987-03-01..1987-03-10+oil", "q=year:1987+coffee",
  "q=oil&sort=newest", "q=gold&sort=oldest", "q=dividend&sort=newest&offset=20",
  "q=profit&offset=10", "q=loss&offset=50&limit=20", "q=shares&limit=100",
  "q=oil&facets=none", "q=bank&facets=people,years&facet_limit=20", "q=company&facets=places",
  "q=said", "q=the+company+said", "q=net+income+rose", "q=quarterly+dividend",
  "q=acquire+stake", "q=tender+offer", "q=debt+crisis+brazil", "q=sugar+exports",
}

local counter = 0
local next_thread_start = 0

function setup(thread)
  thread:set("start", next_thread_start)
  next_thread_start = next_thread_start + 17
end

function init(args)
  counter = start or 0
end

function request()
  counter = counter + 1
  local q = queries[(counter % #queries) + 1]
  return wrk.format("GET", "/api/search?" .. q)
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write +
                 summary.errors.status + summary.errors.timeout
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d non2xx=%d timeouts=%d\n",
    summary.requests, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, errors, summary.errors.status, summary.errors.timeout))
end
