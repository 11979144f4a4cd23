/* SCORM 1.2 adapter: every cmi.core name and 1.2 format lives here and nowhere else. */
(function () {
  'use strict';
  var DFC = window.DFC;
  var NAMES = { init: 'LMSInitialize', get: 'LMSGetValue', set: 'LMSSetValue', commit: 'LMSCommit',
    /* Some LMSs name LMSFinish after the 2004 call. */
    finish: ['LMSFinish', 'LMSTerminate'], lastError: 'LMSGetLastError', errorString: 'LMSGetErrorString' };

  /* CMITimespan: HHHH:MM:SS.SS */
  function timespan(ms) {
    var cs = Math.max(0, Math.round(ms / 10));
    var h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60, s = (cs % 6000) / 100;
    return DFC.pad(h, 4) + ':' + DFC.pad(m) + ':' + (s < 10 ? '0' : '') + s.toFixed(2);
  }
  function clock(date) {
    return DFC.pad(date.getHours()) + ':' + DFC.pad(date.getMinutes()) + ':' + DFC.pad(date.getSeconds());
  }
  /* Answers by option id after a tag that names the form, so no reader has to guess:
     "ids:b-2,a-1", "ids:i1.t2,i2.t1". SCORM 1.2 keeps any CMIFeedback text of up to 255
     characters; the build refuses a question whose answer could be longer. */
  var IDS = 'ids:';
  function format(rec, value) {
    switch (rec.type) {
      case 'true-false': return value === 'true' ? 't' : 'f';
      case 'choice':
      case 'sequencing': return IDS + value.join(',');
      case 'likert': return IDS + value;
      case 'matching': return IDS + value.map(function (p) { return p[0] + '.' + p[1]; }).join(',');
      default: return String(value).slice(0, 255);
    }
  }
  var TYPES = { 'true-false': 'true-false', choice: 'choice', sequencing: 'sequencing',
    matching: 'matching', likert: 'likert', other: 'fill-in' };
  var RESULTS = { correct: 'correct', incorrect: 'wrong', neutral: 'neutral' };

  function scorm12(api) {
    var lms = DFC.scormSession(api, NAMES);
    var adapter = {
      maxSuspend: 4096,
      location: '', suspendData: '',
      start: function () {
        if (!lms.init()) return false;
        adapter.location = lms.get('cmi.core.lesson_location');
        adapter.suspendData = lms.get('cmi.suspend_data');
        lms.get('cmi.core.lesson_status'); /* so an unchanged status is not sent again */
        return true;
      },
      setLocation: function (id) { lms.set('cmi.core.lesson_location', id.slice(0, 255)); },
      setSuspendData: function (text) { return lms.set('cmi.suspend_data', text); },
      setProgress: function () {},
      setScore: function (percent) {
        /* Min and max first, then raw: some LMSs read raw against the range. */
        lms.set('cmi.core.score.min', 0);
        lms.set('cmi.core.score.max', 100);
        lms.set('cmi.core.score.raw', percent);
      },
      setStatus: function (status) {
        var value = status.success === 'passed' || status.success === 'failed' ? status.success
          : status.completion === 'completed' ? 'completed' : 'incomplete';
        lms.set('cmi.core.lesson_status', value);
      },
      addInteraction: function (rec) {
        lms.record(function () {
          var p = 'cmi.interactions.' + rec.index + '.';
          lms.set(p + 'id', rec.id);
          if (rec.objective) lms.set(p + 'objectives.0.id', rec.objective);
          lms.set(p + 'time', clock(rec.when));
          lms.set(p + 'type', TYPES[rec.type]);
          if (rec.correct !== undefined) lms.set(p + 'correct_responses.0.pattern', format(rec, rec.correct));
          if (rec.weighting !== undefined) lms.set(p + 'weighting', rec.weighting);
          lms.set(p + 'student_response', format(rec, rec.response));
          lms.set(p + 'result', RESULTS[rec.result]);
          if (rec.latencyMs !== undefined) lms.set(p + 'latency', timespan(rec.latencyMs));
        });
      },
      setObjective: function (id, state) {
        var p = 'cmi.objectives.' + state.index + '.';
        lms.set(p + 'id', id);
        if (state.score !== undefined) lms.set(p + 'score.raw', state.score);
        lms.set(p + 'status', state.success && state.success !== 'unknown' ? state.success : state.completion);
      },
      setSessionTime: function (ms) { lms.set('cmi.core.session_time', timespan(ms)); },
      setExit: function (suspend) { lms.set('cmi.core.exit', suspend ? 'suspend' : ''); },
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
  scorm12.apiName = 'API';
  scorm12.label = 'SCORM 1.2';
  scorm12.required = ['LMSInitialize', 'LMSGetValue', 'LMSSetValue'];
  DFC.adapters.scorm12 = scorm12;
})();
