/* The LMS side of the browser tests: scorm-again's runtime set up as LMSs run it, storing every
   commit on the test server (tests/browser/lms_server.py), with every call and error logged to
   that server too, so tests read what the LMS holds after the page is gone.

   launch(version, cmi, url, options) sets up the API and opens the package in the frame.
   options: sid and launch (the attempt and the launch, as the server keys them), commits ('sync' or 'async'), faults (per
   method: a function of (key, value) that returns true to refuse the call), delayMs (the API
   appears late), and hostile-LMS profiles, each named for its behaviour:
     syncXhr        every API call makes a synchronous request, as several LMSs do
     endsFirst      the LMS ends the session in its own beforeunload handler
     oneObject12    one object with 1.2 method names under both API and API_1484_11
     terminate12    LMSTerminate instead of LMSFinish
     throwing       the error methods throw
     noCount        _count answers "" with an error
     alwaysAbInitio entry is always ab-initio
     capSuspend     suspend_data silently cut to this many characters
     persist        the LMS stores each value by its own request instead of by commit:
                    'parallel'  each accepted SetValue is a request of its own, sent at once,
                                all in parallel; the server keeps whichever finishes last;
                                Commit and Terminate are requests too; plain requests while
                                the page lives, keep-alive once it starts to go (see
                                valueStore: Chromium's keep-alive allowance per page)
                    'queue'     requests leave one at a time, each with every value set since
                                the previous one left; Commit does nothing; once the page
                                starts to go, only the request in flight completes (or, when
                                none is, the next one)
     blankStatus    GetValue of any status element answers "" */
(function () {
  'use strict';
  var CALLS = {
    '1.2': ['LMSInitialize', 'LMSGetValue', 'LMSSetValue', 'LMSCommit', 'LMSFinish',
      'LMSGetLastError', 'LMSGetErrorString', 'LMSGetDiagnostic'],
    '2004': ['Initialize', 'GetValue', 'SetValue', 'Commit', 'Terminate',
      'GetLastError', 'GetErrorString', 'GetDiagnostic']
  };
  var ERROR_CALLS = /GetLastError|GetErrorString|GetDiagnostic/;
  window.lmsCalls = [];
  window.lmsErrors = [];

  /* The log reaches the server in small batches, and whatever is left when this page goes.
     While the page lives a batch goes by plain fetch, never keep-alive: keep-alive requests
     share one 64 KiB allowance per page with scorm-again's asynchronous commits, and Chromium
     refuses the request that would go over it ("Failed to fetch"), which once lost a batch of
     this log and showed as an error of the package. A batch not yet acknowledged is kept and
     sent again, in small beacons, as the page goes; the server keeps each entry once. */
  var where = '', seq = 0, queue = [], timer = 0, batches = 0, unacknowledged = {};
  var BEACON_BYTES = 8000;
  function log(entry) {
    entry.seq = ++seq;
    queue.push(entry);
    if (!timer) timer = window.setTimeout(flush, 30);
  }
  function flush(leaving) {
    timer = 0;
    if (!where) return;
    if (leaving) return beaconAll();
    if (!queue.length) return;
    var id = ++batches, entries = queue;
    queue = [];
    unacknowledged[id] = entries;
    fetch('/log/' + where, { method: 'POST', body: JSON.stringify(entries) }).then(function (r) {
      if (r.ok) delete unacknowledged[id];
    }, function () { /* kept: sent again as the page goes */ });
  }
  function beaconAll() {
    var rest = [];
    Object.keys(unacknowledged).forEach(function (id) { rest = rest.concat(unacknowledged[id]); });
    rest = rest.concat(queue);
    queue = [];
    unacknowledged = {};
    var part = [], size = 0;
    rest.forEach(function (entry) {
      var bytes = JSON.stringify(entry).length;
      if (part.length && size + bytes > BEACON_BYTES) { navigator.sendBeacon('/log/' + where, JSON.stringify(part)); part = []; size = 0; }
      part.push(entry);
      size += bytes;
    });
    if (part.length) navigator.sendBeacon('/log/' + where, JSON.stringify(part));
  }
  /* The last entry says the log is whole: nothing this page does after it. */
  window.addEventListener('pagehide', function () { log({ kind: 'gone' }); flush(true); });

  function syncPing() {
    var xhr = new XMLHttpRequest();
    xhr.open('POST', '/ping/' + where, false);
    xhr.send('');
  }

  /* An LMS that stores values by requests of its own (options.persist). Each request is
     numbered and logged, so the test knows which ones left before the page went.
     'parallel': while the page lives each request is a plain asynchronous fetch; from the
     LMS's own beforeunload (or pagehide) on, a keep-alive one, which outlives the page. Such
     an LMS cannot send every value keep-alive: Chromium lets the keep-alive requests in
     flight for one page carry about 64 KiB of bodies in all and refuses any past that
     ("Failed to fetch"), so a course with a few dozen answer records would have the LMS's
     own requests refused in one submit (measured: 200 requests of about 430 bytes at once,
     47 refused). A plain request still on its way when the page goes is cancelled, and the
     tests count what it carried as lost.
     'queue': one request at a time is never near that allowance, so each is keep-alive. */
  function valueStore(mode) {
    var queue = [], inflight = 0, leaving = false, mayLeave = 1, n = 0;
    function post(values, what) {
      n += 1;
      log({ kind: 'request', n: n, what: what || 'values', count: values.length });
      inflight += 1;
      var body = JSON.stringify({ n: n, values: values });
      return fetch('/values/' + where + (what ? '?' + what : ''), { method: 'POST', body: body, keepalive: mode === 'queue' || leaving })
        .catch(function () { /* the page went: what left is what the server has */ })
        .then(function () { inflight -= 1; pump(); });
    }
    function pump() {
      if (mode !== 'queue' || inflight || !queue.length) return;
      if (leaving) { if (!mayLeave) return; mayLeave = 0; }
      post(queue.splice(0, queue.length));
    }
    function go() { if (!leaving && inflight) mayLeave = 0; leaving = true; }
    window.addEventListener('beforeunload', go);
    window.addEventListener('pagehide', go);
    return {
      /* Nothing queued or on its way: what the trainee did so far has left the page. */
      idle: function () { return !inflight && !queue.length; },
      value: function (key, value) {
        if (mode === 'parallel') post([[key, value]]);
        else { queue.push([key, value]); pump(); }
      },
      commit: function () { if (mode === 'parallel') post([], 'commit'); },
      terminate: function () { if (mode === 'parallel') post([], 'terminate'); }
    };
  }

  window.launch = function (version, cmi, url, options) {
    options = options || {};
    var faults = options.faults || {};
    where = (options.sid || 'default') + '/' + (options.launch || 1);
    var store = options.persist ? valueStore(options.persist) : null;
    var settings = {
      autocommit: false, logLevel: 4,
      lmsCommitUrl: store ? false : '/commit/' + where, terminateCommitParam: 'terminate',
      useAsynchronousCommits: options.commits === 'async',
      includeCommitSequence: true,
      onLogMessage: function (level, message) {
        if (level >= 4) { window.lmsErrors.push(message); log({ kind: 'error', message: String(message) }); }
      }
    };
    var api = version === '1.2' ? new window.Scorm12API(settings) : new window.Scorm2004API(settings);
    if (cmi) {
      api.loadFromJSON(cmi);
      /* A real LMS resumes a suspended attempt: entry tells the SCO so. */
      var exit = version === '1.2' ? cmi.core && cmi.core.exit : cmi.exit;
      if (exit === 'suspend' && !options.alwaysAbInitio) {
        if (version === '1.2') api.cmi.core.entry = 'resume'; else api.cmi.entry = 'resume';
      }
    }
    if (options.alwaysAbInitio) {
      if (version === '1.2') api.cmi.core.entry = 'ab-initio'; else api.cmi.entry = 'ab-initio';
    }
    function wrap(name, original) {
      return function (key, value) {
        window.lmsCalls.push([name, key, value]);
        var entry = { kind: 'call', name: name, key: key === undefined ? null : String(key),
          value: value === undefined ? null : String(value), result: 'threw', code: '0' };
        log(entry);
        if (options.syncXhr && !ERROR_CALLS.test(name)) syncPing(); /* throws while the page closes */
        if (options.throwing && ERROR_CALLS.test(name)) throw new Error(name + ' is broken');
        var result;
        if (faults[name] && faults[name](key, value)) {
          result = 'false';
        } else if (options.noCount && /\._count$/.test(String(key))) {
          result = '';
        } else if (options.blankStatus && /GetValue$/.test(name) && /status$/.test(String(key))) {
          result = '';
        } else {
          if (options.capSuspend && key === 'cmi.suspend_data') value = String(value).slice(0, options.capSuspend);
          result = original.apply(null, value === undefined ? [key] : [key, value]);
        }
        if (store && String(result) === 'true') {
          if (/SetValue$/.test(name)) store.value(String(key), String(value));
          else if (/Commit$/.test(name)) store.commit();
          else if (/Finish$|Terminate$/.test(name)) store.terminate();
        }
        entry.result = String(result);
        entry.code = ERROR_CALLS.test(name) || entry.result !== 'false' ? '0' : String(api.lastErrorCode || '0');
        return result;
      };
    }
    var raw = {};
    CALLS[version].forEach(function (name) { raw[name] = api[name].bind(api); api[name] = wrap(name, raw[name]); });
    if (options.terminate12 && version === '1.2') {
      api.LMSTerminate = wrap('LMSTerminate', raw.LMSFinish);
      api.LMSFinish = undefined;
    }
    if (options.endsFirst) {
      var end = version === '1.2' ? 'LMSFinish' : 'Terminate';
      window.addEventListener('beforeunload', function () {
        if (store) api[version === '1.2' ? 'LMSCommit' : 'Commit']('');
        (api[end] || api.LMSTerminate)('');
      });
    }
    window.lmsApi = api;
    window.lmsIdle = function () { return !store || store.idle(); };
    var attach = function () {
      if (options.oneObject12) { window.API = api; window.API_1484_11 = api; } else if (version === '1.2') window.API = api; else window.API_1484_11 = api;
    };
    if (options.delayMs) window.setTimeout(attach, options.delayMs); else attach();
    document.getElementById('sco').src = url;
  };

  /* What the LMS holds in memory right now (tests read the server instead, once the page is gone). */
  window.lmsData = function () { return JSON.parse(JSON.stringify(window.lmsApi.cmi)); };
})();
