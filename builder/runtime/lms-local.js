/* No LMS: the same calls, with progress kept in this browser's localStorage. */
(function () {
  'use strict';
  var DFC = window.DFC;

  DFC.adapters.local = function (key) {
    var storeKey = 'dfc:' + key;
    var record = {};
    function save() {
      try { window.localStorage.setItem(storeKey, JSON.stringify(record)); return true; } catch (e) {
        DFC.warn('progress could not be saved in this browser');
        return false;
      }
    }
    var adapter = {
      maxSuspend: 64000,
      resumed: false, location: '', suspendData: '',
      start: function () {
        try { record = JSON.parse(window.localStorage.getItem(storeKey) || '{}') || {}; } catch (e) { record = {}; }
        adapter.resumed = !!record.suspendData;
        adapter.location = record.location || '';
        adapter.suspendData = record.suspendData || '';
        return true;
      },
      /* What another tab of the same course saved since, so the two never undo each other. */
      sync: function () {
        try {
          var stored = JSON.parse(window.localStorage.getItem(storeKey) || '{}') || {};
          return stored.suspendData || '';
        } catch (e) { return ''; }
      },
      setLocation: function (id) { record.location = id; return true; },
      setSuspendData: function (text) { record.suspendData = text; return true; },
      setProgress: function (measure) { record.progress = measure; return true; },
      setScore: function (percent) { record.score = percent; return true; },
      setStatus: function (status) { record.status = status; return true; },
      addInteraction: function () { return true; },
      setObjective: function (id, state) {
        record.objectives = record.objectives || {};
        record.objectives[id] = state;
        return true;
      },
      setSessionTime: function () { return true; },
      setExit: function () { return true; },
      commit: save,
      finish: save,
      lastError: function () { return ''; }
    };
    return adapter;
  };
})();
