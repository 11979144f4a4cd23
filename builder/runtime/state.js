/* The trainee's progress, and its compact suspend_data form (SCORM 1.2 allows 4,096 characters). */
(function () {
  'use strict';
  var DFC = window.DFC;
  var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  /* The role is stored as its place in the course's roles, counted from 1; 0 is none. */
  function roleIndex(data, role) { return role ? (data.roles || []).indexOf(role) + 1 : 0; }
  function roleAt(data, index) { return index > 0 ? (data.roles || [])[index - 1] || '' : ''; }

  /* records: how many interaction records the LMS holds, so a relaunch never writes over one. */
  function emptyState() { return { seen: {}, role: '', quizzes: {}, diag: null, records: 0 }; }

  function emptyQuiz() { return { attempt: 1, seed: DFC.newSeed(), answers: {}, done: false }; }

  /* Bits of the seen screens, six to a character. */
  function encodeSeen(seen, count) {
    var out = '';
    for (var i = 0; i < count; i += 6) {
      var v = 0;
      for (var b = 0; b < 6; b++) if (seen[i + b]) v |= 1 << b;
      out += B64.charAt(v);
    }
    return out.replace(/A+$/, '');
  }
  function decodeSeen(text) {
    var seen = {};
    for (var i = 0; i < text.length; i++) {
      var v = B64.indexOf(text.charAt(i));
      if (v < 0) throw new Error('bad progress');
      for (var b = 0; b < 6; b++) if (v & (1 << b)) seen[i * 6 + b] = true;
    }
    return seen;
  }

  /* One answer in a few characters: option positions in base 36, a bit mask for
     multiple response, '_' for a gap in matching and ordering. */
  function encodeAnswer(q, answer) {
    var opts = q.options, targets = q.targets || opts;
    if (q.type === 'scenario') return DFC.Scenario.encode(q, answer);
    if (q.type === 'matching' || q.type === 'ordering') {
      return opts.map(function (id) {
        var v = answer[id];
        if (v === undefined || v === '') return '_';
        return (q.type === 'matching' ? targets.indexOf(v) : v - 1).toString(36);
      }).join('');
    }
    if (q.type === 'multiple') {
      return answer.reduce(function (mask, id) { return mask | (1 << opts.indexOf(id)); }, 0).toString(36);
    }
    return opts.indexOf(answer).toString(36);
  }
  function decodeAnswer(q, text) {
    var opts = q.options, targets = q.targets || opts;
    if (q.type === 'scenario') return DFC.Scenario.decode(q, text);
    function at(ch, list) {
      var i = parseInt(ch, 36);
      if (isNaN(i) || i >= (list || opts).length) throw new Error('bad answer');
      return i;
    }
    if (q.type === 'matching' || q.type === 'ordering') {
      if (text.length !== opts.length) throw new Error('bad answer');
      var out = {};
      text.split('').forEach(function (ch, i) {
        if (ch !== '_') out[opts[i]] = q.type === 'matching' ? targets[at(ch, targets)] : at(ch) + 1;
      });
      return out;
    }
    if (q.type === 'multiple') {
      var mask = parseInt(text, 36);
      if (isNaN(mask) || mask >= 1 << opts.length) throw new Error('bad answer');
      return opts.filter(function (id, i) { return mask & (1 << i); });
    }
    if (text.length !== 1) throw new Error('bad answer');
    return opts[at(text)];
  }

  /* Answers in the order the attempt's questions were drawn, so no ids are stored. */
  function encodeAnswers(answers, ids, lookup) {
    return ids.map(function (qid) {
      return answers[qid] === undefined ? '' : encodeAnswer(lookup(qid), answers[qid]);
    }).join(',').replace(/,+$/, '');
  }
  function decodeAnswers(text, ids, lookup) {
    var answers = {};
    if (!text) return answers;
    var parts = text.split(',');
    if (parts.length > ids.length) throw new Error('bad answer list');
    parts.forEach(function (part, i) { if (part) answers[ids[i]] = decodeAnswer(lookup(ids[i]), part); });
    return answers;
  }

  function questionLookup(data) { return function (qid) { return data.questions[qid]; }; }
  function scaleLookup(data) {
    var q = { type: 'single', options: data.diagnostic.answers };
    return function () { return q; };
  }

  function quizKey(data, key) {
    if (key === 'final') return 'F';
    return data.modules.map(function (m) { return m.id; }).indexOf(key).toString(36);
  }
  function keyFromCode(data, code) {
    if (code === 'F') return 'final';
    var m = data.modules[parseInt(code, 36)];
    if (!m) throw new Error('bad quiz');
    return m.id;
  }

  /* Encode; when too long, drop practice answers first; never return more than `max`. */
  function encode(state, data, max) {
    var lookup = questionLookup(data);
    var keep = true;
    function build() {
      var quizzes = Object.keys(state.quizzes).map(function (key) {
        var q = state.quizzes[key];
        var kept = keep || key === 'final' || key === data.graded;
        var answers = kept ? encodeAnswers(q.answers, DFC.Quiz.drawn(data, key, q), lookup) : '';
        return quizKey(data, key) + '!' + q.attempt + '.' + q.seed.toString(36) + '.' + (q.done ? 'd' : 'o') + '!' + answers;
      }).join(';');
      var diag = '';
      if (state.diag && data.diagnostic) {
        var dids = data.diagnostic.questions;
        var attempt = state.diag.attempt > 1 ? '.' + state.diag.attempt.toString(36) : '';
        diag = (state.diag.done ? 'd' : 'o') + attempt + '!' + encodeAnswers(state.diag.answers, dids, scaleLookup(data));
      }
      return ['1', data.fingerprint, encodeSeen(state.seen, data.screens.length),
        roleIndex(data, state.role), quizzes, diag, state.records.toString(36)].join('~');
    }
    var text = build();
    if (text.length > max) { keep = false; text = build(); }
    if (text.length > max) {
      DFC.warn('progress is too large to save in full');
      text = ['1', data.fingerprint, encodeSeen(state.seen, data.screens.length), roleIndex(data, state.role), '', '',
        state.records.toString(36)].join('~');
    }
    return text.length > max ? '' : text;
  }

  /* Decode; stale (another course version) or damaged text gives null. */
  function decode(text, data) {
    if (!text) return null;
    try {
      var parts = text.split('~');
      /* Six parts before the record count was kept; such progress counts no records. */
      if (parts.length < 6 || parts.length > 7 || parts[0] !== '1' || parts[1] !== data.fingerprint) return null;
      var state = emptyState();
      state.seen = decodeSeen(parts[2]);
      Object.keys(state.seen).forEach(function (i) { if (+i >= data.screens.length) throw new Error('bad'); });
      state.role = roleAt(data, +parts[3]);
      state.records = parts[6] ? parseInt(parts[6], 36) : 0;
      if (!(state.records >= 0)) throw new Error('bad record count');
      var lookup = questionLookup(data);
      if (parts[4]) parts[4].split(';').forEach(function (entry) {
        var bits = entry.split('!');
        var head = bits[1].split('.');
        var attempt = parseInt(head[0], 10), seed = parseInt(head[1], 36);
        if (bits.length !== 3 || !(attempt > 0) || !(seed > 0)) throw new Error('bad quiz');
        var key = keyFromCode(data, bits[0]);
        var quiz = { attempt: attempt, seed: seed, done: head[2] === 'd', answers: {} };
        quiz.answers = decodeAnswers(bits[2], DFC.Quiz.drawn(data, key, quiz), lookup);
        state.quizzes[key] = quiz;
      });
      if (parts[5] && data.diagnostic) {
        var d = parts[5].split('!');
        var dhead = d[0].split('.');
        var dattempt = dhead.length > 1 ? parseInt(dhead[1], 36) : 1;
        if (d.length !== 2 || dhead.length > 2 || !(dattempt > 0) || (dhead[0] !== 'd' && dhead[0] !== 'o')) throw new Error('bad self-assessment');
        state.diag = { done: dhead[0] === 'd', attempt: dattempt,
          answers: decodeAnswers(d[1], data.diagnostic.questions, scaleLookup(data)) };
      }
      return state;
    } catch (e) {
      return null;
    }
  }

  /* Combine progress saved by another tab: nothing seen or answered is lost, and an
     attempt is never counted twice (the later attempt wins). */
  function merge(a, b) {
    if (!b) return a;
    var out = { seen: {}, role: a.role || b.role, quizzes: {}, diag: a.diag || b.diag,
      records: Math.max(a.records, b.records) };
    [a.seen, b.seen].forEach(function (seen) { Object.keys(seen).forEach(function (i) { out.seen[i] = true; }); });
    Object.keys(a.quizzes).concat(Object.keys(b.quizzes)).forEach(function (key) {
      var x = a.quizzes[key], y = b.quizzes[key];
      if (!x || !y) { out.quizzes[key] = x || y; return; }
      if (x.attempt !== y.attempt) { out.quizzes[key] = x.attempt > y.attempt ? x : y; return; }
      if (x.done !== y.done) { out.quizzes[key] = x.done ? x : y; return; }
      var answers = {};
      Object.keys(y.answers).forEach(function (q) { answers[q] = y.answers[q]; });
      Object.keys(x.answers).forEach(function (q) { answers[q] = x.answers[q]; });
      x.answers = answers;
      out.quizzes[key] = x;
    });
    if (a.diag && b.diag) {
      var da = a.diag.attempt || 1, db = b.diag.attempt || 1;
      if (da !== db) out.diag = da > db ? a.diag : b.diag;
      else if (!a.diag.done && b.diag.done) out.diag = b.diag;
    }
    return out;
  }

  DFC.State = { empty: emptyState, emptyQuiz: emptyQuiz, encode: encode, decode: decode, merge: merge };
})();
