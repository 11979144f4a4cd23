/* The LMS side of the browser tests: scorm-again's runtime, with every call recorded.
   launch(version, cmi, url, faults) sets up the API and opens the package in the frame. */
(function () {
  'use strict';
  var CALLS = {
    '1.2': ['LMSInitialize', 'LMSGetValue', 'LMSSetValue', 'LMSCommit', 'LMSFinish'],
    '2004': ['Initialize', 'GetValue', 'SetValue', 'Commit', 'Terminate']
  };
  window.lmsCalls = [];
  window.lmsErrors = [];
  window.lmsCommitted = null;

  window.launch = function (version, cmi, url, faults) {
    faults = faults || {};
    var settings = {
      autocommit: false, lmsCommitUrl: false, logLevel: 4,
      onLogMessage: function (level, message) { if (level >= 4) window.lmsErrors.push(message); }
    };
    var api = version === '1.2' ? new window.Scorm12API(settings) : new window.Scorm2004API(settings);
    if (cmi) {
      api.loadFromJSON(cmi);
      /* A real LMS resumes a suspended attempt: entry tells the SCO so. */
      var exit = version === '1.2' ? cmi.core && cmi.core.exit : cmi.exit;
      if (exit === 'suspend') {
        if (version === '1.2') api.cmi.core.entry = 'resume'; else api.cmi.entry = 'resume';
      }
    }
    CALLS[version].forEach(function (name) {
      var original = api[name].bind(api);
      api[name] = function (key, value) {
        window.lmsCalls.push([name, key, value]);
        if (faults[name] && faults[name](key, value)) return 'false';
        var result = original.apply(null, arguments);
        /* What the LMS has durably stored: a snapshot at each successful commit. */
        if (/Commit|Finish|Terminate/.test(name) && String(result) === 'true') window.lmsCommitted = window.lmsData();
        return result;
      };
    });
    window.lmsApi = api;
    var attach = function () {
      if (version === '1.2') window.API = api; else window.API_1484_11 = api;
    };
    if (faults.delayMs) window.setTimeout(attach, faults.delayMs); else attach();
    document.getElementById('sco').src = url;
  };

  /* What an LMS would store: the whole CMI tree as plain data. */
  window.lmsData = function () { return JSON.parse(JSON.stringify(window.lmsApi.cmi)); };
  window.lmsClose = function () { document.getElementById('sco').src = 'about:blank'; };
})();
