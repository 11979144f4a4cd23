/* SCORM 2004 4th Edition adapter: every 2004 name and format lives here and nowhere else. */
(function () {
  'use strict';
  var DFC = window.DFC;
  var NAMES = { init: 'Initialize', get: 'GetValue', set: 'SetValue', commit: 'Commit',
    finish: 'Terminate', lastError: 'GetLastError', errorString: 'GetErrorString' };

  /* ISO 8601 duration, e.g. PT1H2M3.5S */
  function duration(ms) {
    var cs = Math.max(0, Math.round(ms / 10));
    var h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60, s = (cs % 6000) / 100;
    return 'PT' + (h ? h + 'H' : '') + (m ? m + 'M' : '') + s + 'S';
  }
  function timestamp(d) {
    return d.getFullYear() + '-' + DFC.pad(d.getMonth() + 1) + '-' + DFC.pad(d.getDate()) + 'T' +
      DFC.pad(d.getHours()) + ':' + DFC.pad(d.getMinutes()) + ':' + DFC.pad(d.getSeconds());
  }
  /* A real in 0..1 with at most four places and no trailing zeros: 0.8, 1. */
  function decimal(x) { return String(Math.round(x * 10000) / 10000); }
  function format(rec, value) {
    switch (rec.type) {
      case 'true-false': return value;
      case 'choice':
      case 'sequencing': return value.join('[,]');
      case 'matching': return value.map(function (p) { return p[0] + '[.]' + p[1]; }).join('[,]');
      case 'likert': return value;
      default: return String(value).slice(0, 4000);
    }
  }

  function scorm2004(api) {
    var lms = DFC.scormSession(api, NAMES);
    var adapter = {
      /* The standard allows 64,000 characters, but some LMSs silently keep only 4,096. */
      maxSuspend: 4096,
      location: '', suspendData: '',
      start: function () {
        if (!lms.init()) return false;
        adapter.location = lms.get('cmi.location');
        adapter.suspendData = lms.get('cmi.suspend_data');
        lms.get('cmi.completion_status'); /* so an unchanged status is not sent again */
        return true;
      },
      setLocation: function (id) { lms.set('cmi.location', id.slice(0, 1000)); },
      setSuspendData: function (text) { return lms.set('cmi.suspend_data', text); },
      setProgress: function (measure) { lms.set('cmi.progress_measure', decimal(measure)); },
      setScore: function (percent) {
        lms.set('cmi.score.min', 0);
        lms.set('cmi.score.max', 100);
        lms.set('cmi.score.raw', percent);
        lms.set('cmi.score.scaled', decimal(percent / 100));
      },
      setStatus: function (status) {
        lms.set('cmi.completion_status', status.completion);
        lms.set('cmi.success_status', status.success || 'unknown');
      },
      addInteraction: function (rec) {
        lms.record(function () {
          var p = 'cmi.interactions.' + rec.index + '.';
          lms.set(p + 'id', rec.id);
          lms.set(p + 'type', rec.type);
          if (rec.objective) lms.set(p + 'objectives.0.id', rec.objective);
          lms.set(p + 'timestamp', timestamp(rec.when));
          if (rec.correct !== undefined) lms.set(p + 'correct_responses.0.pattern', format(rec, rec.correct));
          if (rec.weighting !== undefined) lms.set(p + 'weighting', rec.weighting);
          lms.set(p + 'learner_response', format(rec, rec.response));
          lms.set(p + 'result', rec.result);
          if (rec.latencyMs !== undefined) lms.set(p + 'latency', duration(rec.latencyMs));
          if (rec.description) lms.set(p + 'description', rec.description.slice(0, 250));
        });
      },
      setObjective: function (id, state) {
        var p = 'cmi.objectives.' + state.index + '.';
        lms.set(p + 'id', id);
        if (state.score !== undefined) {
          lms.set(p + 'score.raw', state.score);
          lms.set(p + 'score.scaled', decimal(state.score / 100));
        }
        if (state.success) lms.set(p + 'success_status', state.success);
        lms.set(p + 'completion_status', state.completion);
      },
      setSessionTime: function (ms) { lms.set('cmi.session_time', duration(ms)); },
      setExit: function (suspend) { lms.set('cmi.exit', suspend ? 'suspend' : 'normal'); },
      /* Only when progress could not be read: how many records the LMS says it holds. */
      recordCount: function () { return parseInt(lms.get('cmi.interactions._count'), 10) || 0; },
      dirty: lms.dirty,
      accepted: lms.accepted,
      commit: lms.commit,
      finish: lms.finish,
      lastError: lms.lastError
    };
    return adapter;
  }
  scorm2004.apiName = 'API_1484_11';
  scorm2004.label = 'SCORM 2004';
  scorm2004.required = ['Initialize', 'GetValue', 'SetValue'];
  DFC.adapters.scorm2004 = scorm2004;
})();
