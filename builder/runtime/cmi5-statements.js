/* cmi5 statements (AU side): what the course reports, as cmi5 defined and allowed statements
   sent through the session of lms-cmi5.js, and its progress in the course's own State
   document. The statement profile is in docs/cmi5-statements.md. */
(function () {
  'use strict';
  var DFC = window.DFC;
  var shared = DFC.cmi5;
  var GLOBAL = shared.GLOBAL, copy = shared.copy, duration = shared.duration, remember = shared.remember;
  var MASTERY = shared.CMI5 + 'extensions/masteryscore';
  var INTERACTION = 'http://adlnet.gov/expapi/activities/cmi.interaction';

  var TYPES_WITH_CHOICES = { choice: 'choices', sequencing: 'choices', 'true-false': '' };
  function format(rec, value) {
    switch (rec.type) {
      case 'true-false': return String(value);
      case 'choice':
      case 'sequencing': return value.join('[,]');
      case 'matching': return value.map(function (p) { return p[0] + '[.]' + p[1]; }).join('[,]');
      default: return String(value);
    }
  }
  function components(ids) { return (ids || []).map(function (id) { return { id: String(id) }; }); }

  function cmi5(session) {
    var data = DFC.data();
    var iri = String(data.iri || '').replace(/\/+$/, '');
    var launch = session.launchData;
    var mode = launch.launchMode || 'Normal';
    var normal = mode === 'Normal';
    var saved = session.saved;
    var sent = saved.sent || {};
    var kept = session.kept;
    var ended = false;
    var startedAt = Date.now();
    var doc = { location: saved.location || '', suspendData: saved.suspendData || '', sent: sent };
    var lastPut = JSON.stringify(doc);

    function saveState(keepalive) {
      if (!normal || session.unreadable) return;
      var text = JSON.stringify(doc);
      if (text === lastPut) return;
      lastPut = text;
      session.putState(copy(doc), keepalive).then(function (ok) { if (!ok) lastPut = ''; });
    }
    session.onStateRetry = function () { saveState(false); };

    function judge(status) {
      if (!normal || status.score === undefined || sent.passed) return;
      var result = { score: { scaled: status.score / 100, raw: status.score, min: 0, max: 100 },
        duration: duration(Date.now() - startedAt) };
      var ext = typeof launch.masteryScore === 'number' ? {} : null;
      if (ext) ext[MASTERY] = launch.masteryScore;
      if (status.success === 'passed') {
        result.success = true;
        sent.passed = true;
        session.defined('passed', result, ext);
      } else if (status.success === 'failed' && status.completion === 'completed' && !sent.failed) {
        /* Failed only with no attempts left; never after passed (checked above). */
        result.success = false;
        sent.failed = true;
        session.defined('failed', result, ext);
      }
    }

    /* One answer: a cmi5 allowed statement by the profile in docs/cmi5-statements.md. */
    function answered(rec) {
      if (ended || !normal || !iri) return;
      /* The interaction id less its attempt: a scenario decision keeps its node (lead-s1-n2). */
      var question = String(rec.id).replace(/-attempt-\d+$/, '');
      var attempt = rec.attempt || +((/-attempt-(\d+)$/.exec(rec.id) || [])[1] || 1);
      var quiz = rec.quiz || (question === 'role' ? '' : data.graded || '');
      var definition = { type: INTERACTION, interactionType: rec.type };
      if (rec.description) {
        definition.description = {};
        definition.description[data.language || 'und'] = rec.description;
      }
      if (rec.correct !== undefined) definition.correctResponsesPattern = [format(rec, rec.correct)];
      if (rec.type === 'matching') {
        definition.source = components(rec.options);
        definition.target = components(rec.targets || rec.options);
      } else if (rec.type === 'likert') {
        definition.scale = components(rec.options);
      } else if (TYPES_WITH_CHOICES[rec.type] && rec.options) {
        definition.choices = components(rec.options);
      }
      var result = { response: format(rec, rec.response) };
      if (rec.result === 'correct' || rec.result === 'incorrect') result.success = rec.result === 'correct';
      if (rec.latencyMs !== undefined) result.duration = duration(rec.latencyMs);
      /* The answer's weight in the quiz's score is the score's max; raw is the marks it earned. */
      if (rec.weighting !== undefined && rec.credit !== undefined) {
        result.score = { raw: Math.round(rec.weighting * rec.credit * 10000) / 10000, min: 0,
          max: rec.weighting, scaled: Math.round(rec.credit * 10000) / 10000 };
      }
      var context = session.context(false, false);
      context.extensions = context.extensions || {};
      context.extensions[iri + '/extensions/attempt'] = attempt;
      if (quiz) context.extensions[iri + '/extensions/quiz'] = quiz;
      var object = { id: iri + '/questions/' + question, objectType: 'Activity', definition: definition };
      var s = session.statement('answered', object, result, context);
      if (rec.when instanceof Date) s.timestamp = rec.when.toISOString();
      session.send(s);
    }

    var adapter = {
      maxSuspend: 64000,
      resumed: !!saved.suspendData, location: saved.location || '', suspendData: saved.suspendData || '',
      canExit: true,
      session: session,
      start: function () {
        if (kept.initialized) {
          /* A reload of a session that has already ended: progress still loads and saves,
             but the ended session takes no more statements. */
          ended = kept.terminated;
          if (ended) adapter.notice = DFC.t('notice.session_ended', 'Your progress is saved. To have new results recorded, open the course again from your learning system.');
          return true;
        }
        kept.initialized = true;
        remember(session.key, kept);
        session.defined('initialized');
        session.flush();
        return true;
      },
      setLocation: function (id) { doc.location = id; return true; },
      setSuspendData: function (text) { doc.suspendData = text; return true; },
      setProgress: function (fraction) {
        if (ended || !normal || sent.completed || fraction < 1) return true;
        sent.completed = true;
        session.defined('completed', { completion: true, duration: duration(Date.now() - startedAt) });
        return true;
      },
      setScore: function () { return true; },
      setStatus: function (status) { if (!ended) judge(status); return true; },
      addInteraction: function (rec) {
        try { answered(rec); } catch (e) { DFC.warn('an answer could not be reported: ' + e.message); }
        return true;
      },
      setObjective: function () { return true; },
      setSessionTime: function () { return true; },
      setExit: function () { return true; },
      commit: function () {
        saveState(false);
        if (!ended) session.flush();
        return true;
      },
      finish: function () {
        if (!ended) {
          ended = true;
          session.defined('terminated', { duration: duration(Date.now() - startedAt) });
          kept.terminated = true;
          remember(session.key, kept);
        }
        saveState(true);
        session.flush(true);
        if (launch.returnURL) {
          try { window.location.assign(launch.returnURL); } catch (e) { DFC.warn('could not return to the learning system'); }
        }
        return true;
      },
      /* Nothing sent before the ending is still unconfirmed: no batch waiting to be sent
         again after a failure, none on its way. */
      accepted: function () { return !session.sending && !session.retryTimer; },
      lastError: function () { return ''; }
    };
    return adapter;
  }
  cmi5.apiName = GLOBAL;
  DFC.adapters.cmi5 = cmi5;
})();
