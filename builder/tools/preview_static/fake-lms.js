/* The preview's test LMS: a small SCORM 1.2 / 2004 API that records every call for the panel
   and, as an LMS does, stores each commit on its server (the preview server, /__dfc/lms), so
   what it holds outlives the page. For previews only; never packaged. */
(function () {
  'use strict';
  var root = document.documentElement;
  var version = root.getAttribute('data-scorm');
  var V12 = version === '1.2';
  var EXIT = V12 ? 'cmi.core.exit' : 'cmi.exit';
  var ENTRY = V12 ? 'cmi.core.entry' : 'cmi.entry';
  var state = 'new';
  var error = '0';
  var data = load();
  var LMS = window.PreviewLMS = { calls: [], data: data, listeners: [] };

  /* Synchronous requests, as many LMSs make them; while the page closes, a beacon instead. */
  function request(method, path, body) {
    try {
      var xhr = new XMLHttpRequest();
      xhr.open(method, path, false);
      xhr.send(body === undefined ? null : body);
      return xhr.status === 200 ? xhr.responseText : null;
    } catch (e) { return null; }
  }
  /* The server counts attempts, so a commit sent before a reset never lands after it. */
  var attempt = 0;
  function load() {
    try {
      var stored = JSON.parse(request('GET', '/__dfc/lms') || '{}') || {};
      attempt = stored.attempt || 0;
      return stored.data || {};
    } catch (e) { return {}; }
  }
  function save(leaving) {
    var body = JSON.stringify({ attempt: attempt, data: data });
    if (leaving) return navigator.sendBeacon('/__dfc/lms', body);
    return request('POST', '/__dfc/lms', body) !== null;
  }
  function record(name, args, result) {
    LMS.calls.push({ name: name, args: args, result: result, error: error, at: Date.now() });
    if (LMS.calls.length > 500) LMS.calls.shift();
    LMS.listeners.forEach(function (fn) { fn(); });
  }
  function count(prefix) {
    var seen = {};
    Object.keys(data).forEach(function (key) {
      if (key.indexOf(prefix) === 0) seen[key.slice(prefix.length).split('.')[0]] = true;
    });
    return String(Object.keys(seen).length);
  }
  function running(code) {
    if (state !== 'running') { error = code; return false; }
    return true;
  }

  var calls = {
    init: function () {
      if (state === 'running') { error = V12 ? '101' : '103'; return 'false'; }
      state = 'running';
      error = '0';
      data[ENTRY] = data[EXIT] === 'suspend' ? 'resume' : (V12 ? '' : 'ab-initio');
      /* What an LMS holds before a first attempt. */
      if (V12 && !data['cmi.core.lesson_status']) data['cmi.core.lesson_status'] = 'not attempted';
      if (!V12 && !data['cmi.completion_status']) data['cmi.completion_status'] = 'unknown';
      if (!V12 && !data['cmi.success_status']) data['cmi.success_status'] = 'unknown';
      return 'true';
    },
    get: function (key) {
      if (!running(V12 ? '301' : '122')) return '';
      error = '0';
      if (/\._count$/.test(key)) return count(key.replace(/_count$/, ''));
      return data[key] === undefined ? '' : data[key];
    },
    set: function (key, value) {
      if (!running(V12 ? '301' : '132')) return 'false';
      error = '0';
      data[key] = String(value);
      return 'true';
    },
    commit: function () {
      if (!running(V12 ? '301' : '142')) return 'false';
      if (save(false)) return 'true';
      error = V12 ? '101' : '391';
      return 'false';
    },
    finish: function () {
      if (!running(V12 ? '301' : '112')) return 'false';
      state = 'ended';
      save(true);
      return 'true';
    }
  };
  var names = V12
    ? { init: 'LMSInitialize', get: 'LMSGetValue', set: 'LMSSetValue', commit: 'LMSCommit', finish: 'LMSFinish',
        last: 'LMSGetLastError', text: 'LMSGetErrorString', diag: 'LMSGetDiagnostic' }
    : { init: 'Initialize', get: 'GetValue', set: 'SetValue', commit: 'Commit', finish: 'Terminate',
        last: 'GetLastError', text: 'GetErrorString', diag: 'GetDiagnostic' };
  var api = {};
  Object.keys(calls).forEach(function (kind) {
    api[names[kind]] = function (a, b) {
      var result = calls[kind](a, b);
      record(names[kind], Array.prototype.slice.call(arguments), result);
      return result;
    };
  });
  api[names.last] = function () { return error; };
  api[names.text] = function (code) { return code === '0' ? 'No error' : 'Error ' + code; };
  api[names.diag] = function (code) { return api[names.text](code); };
  if (V12) window.API = api; else window.API_1484_11 = api;

  /* A new attempt: forget everything this LMS holds for the course. */
  LMS.reset = function () {
    Object.keys(data).forEach(function (key) { delete data[key]; });
    state = 'new';
    try { attempt = JSON.parse(request('POST', '/__dfc/lms/reset', '') || '{}').attempt || 0; } catch (e) { attempt = 0; }
    LMS.calls.length = 0;
  };
  /* The course is reloaded into the same LMS session, as after relaunching it. */
  LMS.relaunch = function () { state = 'new'; };
  LMS.version = version;
})();
