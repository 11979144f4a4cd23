/* Finding the LMS's API, choosing the adapter, and the guarded call layer every SCORM adapter
   uses. An LMS may lack methods, throw, answer in odd types, end the session first or offer
   the other SCORM version: none of that may stop the course. */
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

  function usable(api, make) {
    try {
      return !!api && (make.required || []).every(function (fn) { return typeof api[fn] === 'function'; });
    } catch (e) { return false; }
  }

  /* The package's own SCORM version first, then the other one: an object under either name
     may be of either version (some LMSs put one 1.2 object under both names). */
  function choose(own) {
    var makes = [own];
    Object.keys(DFC.adapters).forEach(function (name) {
      var make = DFC.adapters[name];
      if (make !== own && make.apiName && makes.indexOf(make) < 0) makes.push(make);
    });
    var objects = makes.map(function (make) { return DFC.findAPI(make.apiName); });
    for (var m = 0; m < makes.length; m++) {
      for (var o = 0; o < objects.length; o++) {
        if (usable(objects[o], makes[m])) return { make: makes[m], api: objects[o] };
      }
    }
    return null;
  }

  /* Connect to the LMS: the package's own adapter when its API works, else the other SCORM
     version's, else the browser. Some LMSs add the API a moment after the course loads. */
  DFC.connect = function (done, waitMs) {
    var data = DFC.data();
    var own = DFC.adapters[data.target];
    var deadline = Date.now() + (waitMs === undefined ? 3000 : waitMs);
    function local() {
      var adapter = DFC.adapters.local(data.courseId + '@' + data.version);
      adapter.start();
      adapter.standalone = true;
      done(adapter);
    }
    function attempt() {
      var found = own && own.apiName ? choose(own) : null;
      if (found) {
        if (found.make !== own) {
          DFC.warn('this LMS offers only the ' + found.make.label + ' interface, so results are reported through it');
        }
        var adapter = found.make(found.api);
        if (adapter.start()) return done(adapter);
        DFC.warn('the LMS did not start the session (' + adapter.lastError() + '); progress is kept in this browser');
        return local();
      }
      if (own && own.apiName && Date.now() < deadline) return window.setTimeout(attempt, 200);
      return local();
    }
    attempt();
  };

  /* What an LMS method gave back, as the string the standard promises. */
  function text(value) {
    var type = typeof value;
    return type === 'string' ? value : type === 'number' || type === 'boolean' ? String(value) : '';
  }

  /* The guarded session both SCORM adapters share. Each value goes to the LMS as soon as it
     changes (in many LMSs each SetValue is its own request, so holding one back risks it
     never leaving); an unchanged value is never sent again. Commits are what cost, so they
     are the caller's to batch. After the session has ended nothing more is sent. */
  DFC.scormSession = function (api, names) {
    var failed = {}, reason = '';
    var written = {}; /* element -> the value the LMS last accepted */
    var open = false, ended = false, uncommitted = false, refused = false;
    /* Answer records, written after the rest of the change that made them (the status and
       score first): still in the same turn of the page, before any commit or the ending. */
    var records = [];
    function writeRecords() {
      var writes = records;
      records = [];
      writes.forEach(function (write) { write(); });
    }

    function invoke(fn, args) {
      var method = typeof fn === 'string' ? fn : fn.filter(function (f) { return typeof api[f] === 'function'; })[0];
      try {
        if (typeof api[method] !== 'function') return { ok: false, value: '', missing: true };
        var value = text(api[method].apply(api, args));
        return { ok: value === 'true', value: value };
      } catch (e) {
        return { ok: false, value: '', thrown: e };
      }
    }
    function describe() {
      var code = invoke(names.lastError, []).value;
      if (!code || code === '0') return 'no error code';
      var message = invoke(names.errorString, [code]).value;
      return code + (message ? ' ' + message : '');
    }
    function warn(fn, element) {
      /* One message per element, whatever its index: cmi.interactions.n.id */
      var name = String(element || '').replace(/\.\d+(?=\.)/g, '.n');
      if (failed[fn + name]) return;
      failed[fn + name] = true;
      DFC.warn(String(fn) + '(' + name + ') failed: ' + reason);
    }
    function call(fn, args, element) {
      var result = invoke(fn, args);
      if (!result.ok) {
        reason = result.missing ? 'no such method' : result.thrown ? String(result.thrown) : describe();
        warn(fn, element);
      }
      return result.ok;
    }

    var session = {
      init: function () { open = call(names.init, [''], ''); return open; },
      get: function (key) {
        if (!open || ended) return '';
        var value = invoke(names.get, [key]).value;
        written[key] = value;
        return value;
      },
      /* Send a value now unless the LMS already holds it; true when the LMS holds it. */
      set: function (key, value) {
        value = String(value);
        if (written[key] === value) return true;
        if (!open || ended) return false;
        if (call(names.set, [key, value], key)) {
          written[key] = value;
          uncommitted = true;
          return true;
        }
        refused = true;
        return false;
      },
      /* Write an answer record once the rest of this change has been sent. */
      record: function (write) {
        if (!records.length) Promise.resolve().then(writeRecords);
        records.push(write);
      },
      /* Anything sent since the last commit, or about to be. */
      dirty: function () { return uncommitted || records.length > 0; },
      commit: function () {
        writeRecords();
        if (!open || ended) return false;
        if (!uncommitted) return true;
        if (call(names.commit, [''], '')) uncommitted = false;
        return !uncommitted;
      },
      finish: function () {
        writeRecords();
        if (!open || ended) return false;
        ended = true;
        return call(names.finish, [''], '');
      },
      /* False once the LMS has refused any value: the course must not say all is saved. */
      accepted: function () { return open && !refused; },
      /* Why the latest call failed, as the LMS put it. */
      lastError: function () { return reason || describe(); }
    };
    return session;
  };

  /* Two-digit padding for time formats. */
  DFC.pad = function (n, width) { n = String(n); while (n.length < (width || 2)) n = '0' + n; return n; };
})();
