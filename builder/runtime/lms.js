/* Finding the LMS's API and choosing the adapter. The rest of the runtime only sees the adapter. */
(function () {
  'use strict';
  var DFC = window.DFC;
  var MAX_HOPS = 500; /* the ADL API discovery algorithm's bound */

  function search(win, name) {
    var hops = 0;
    try {
      while (win && !win[name] && win.parent && win.parent !== win && hops < MAX_HOPS) {
        hops += 1;
        win = win.parent;
      }
      return win && win[name] ? win[name] : null;
    } catch (e) {
      return null; /* a frame from another origin: stop looking this way */
    }
  }

  /* Parents first, then the opener's chain (a course launched in a new window). */
  DFC.findAPI = function (name) {
    var api = search(window, name);
    try {
      if (!api && window.opener) api = search(window.opener, name);
    } catch (e) { api = null; }
    return api;
  };

  /* Connect to the LMS: the package's own adapter when its API exists, else the browser.
     Some LMSs add the API a moment after the course loads, so look again for a while. */
  DFC.connect = function (done, waitMs) {
    var data = DFC.data();
    var make = DFC.adapters[data.target];
    var deadline = Date.now() + (waitMs === undefined ? 3000 : waitMs);
    function local() {
      var adapter = DFC.adapters.local(data.courseId + '@' + data.version);
      adapter.start();
      adapter.standalone = true;
      done(adapter);
    }
    function attempt() {
      var api = make ? DFC.findAPI(make.apiName) : null;
      if (api) {
        var adapter = make(api);
        if (adapter.start()) return done(adapter);
        DFC.warn('the LMS did not start the session (' + adapter.lastError() + '); progress is kept in this browser');
        return local();
      }
      if (make && Date.now() < deadline) return window.setTimeout(attempt, 200);
      return local();
    }
    attempt();
  };

  /* Helpers both SCORM adapters share: wrapped calls that log failures once. */
  DFC.scormCalls = function (api, names) {
    var failed = {};
    function error(code) {
      var c = String(code || api[names.lastError]());
      return c + ' ' + api[names.errorString](c);
    }
    function call(fn, args, what) {
      var result;
      try { result = api[fn].apply(api, args); } catch (e) { result = 'false'; }
      var ok = String(result) === 'true';
      if (!ok && fn !== names.get) {
        /* One message per element, whatever its index: cmi.interactions.n.id */
        var element = String(what || '').replace(/\.\d+(?=\.)/g, '.n');
        if (!failed[fn + element]) {
          failed[fn + element] = true;
          DFC.warn(fn + '(' + element + ') failed: ' + error());
        }
      }
      return ok;
    }
    /* Interactions and objectives are numbered lists with the same names in both versions. */
    var interactions = 0, objectives = {}, objectiveCount = 0;
    function count(list) { return parseInt(lms.get('cmi.' + list + '._count'), 10) || 0; }
    var lms = {
      readLists: function () {
        interactions = count('interactions');
        objectiveCount = count('objectives');
        for (var i = 0; i < objectiveCount; i++) objectives[lms.get('cmi.objectives.' + i + '.id')] = i;
      },
      nextInteraction: function () { interactions += 1; return 'cmi.interactions.' + (interactions - 1) + '.'; },
      objective: function (id) {
        var n = objectives[id];
        if (n === undefined) {
          n = objectives[id] = objectiveCount;
          objectiveCount += 1;
          lms.set('cmi.objectives.' + n + '.id', id);
        }
        return 'cmi.objectives.' + n + '.';
      },
      init: function () { return call(names.init, [''], ''); },
      get: function (key) {
        try { return String(api[names.get](key) || ''); } catch (e) { return ''; }
      },
      set: function (key, value) { return call(names.set, [key, String(value)], key); },
      commit: function () { return call(names.commit, [''], ''); },
      finish: function () { return call(names.finish, [''], ''); },
      lastError: function () { try { return error(); } catch (e) { return 'unknown'; } }
    };
    return lms;
  };

  /* Two-digit padding for time formats. */
  DFC.pad = function (n, width) { n = String(n); while (n.length < (width || 2)) n = '0' + n; return n; };
})();
