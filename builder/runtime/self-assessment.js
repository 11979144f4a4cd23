/* The self-assessment: no right answers and no total. Documented rules place the
   organisation in a band; the profile averages each element; each "don't know" is an action. */
(function () {
  'use strict';
  var DFC = window.DFC;
  function readAnswer(q, box) { return DFC.Quiz.readAnswer(q, box); }
  function writeAnswer(q, box, answer) { return DFC.Quiz.writeAnswer(q, box, answer); }

  function scalePosition(diag, answer) {
    return answer === diag.dontKnow ? -1 : diag.answers.indexOf(answer);
  }
  function holds(diag, answers, condition) {
    return condition.questions.every(function (qid) {
      var p = scalePosition(diag, answers[qid]);
      return p >= 0 && p >= condition.min && p <= condition.max;
    });
  }
  /* Bands with rules in file order; the first rule whose conditions all hold wins; else the
     band without rules. Returns { band, rule } with rule null for the default band. */
  function place(diag, answers) {
    for (var b = 0; b < diag.bands.length; b++) {
      var rules = diag.bands[b].rules;
      for (var r = 0; r < rules.length; r++) {
        if (rules[r].every(function (c) { return holds(diag, answers, c); })) return { band: diag.bands[b], rule: r };
      }
    }
    return { band: diag.bands.filter(function (band) { return !band.rules.length; })[0], rule: null };
  }
  /* Per element: the average score of the statements answered, and how many were "don't know". */
  function profile(diag, answers) {
    return diag.elements.map(function (e) {
      var scores = [], unknown = 0;
      e.questions.forEach(function (qid) {
        if (answers[qid] === diag.dontKnow) unknown += 1;
        else if (diag.scale[answers[qid]] !== undefined) scores.push(diag.scale[answers[qid]]);
      });
      var sum = scores.reduce(function (a, x) { return a + x; }, 0);
      return { id: e.id, average: scores.length ? sum / scores.length : null, answered: scores.length, unknown: unknown };
    });
  }
  function nearestText(form, diag, average) {
    var best = null;
    Object.keys(diag.scale).forEach(function (id) {
      if (best === null || Math.abs(diag.scale[id] - average) < Math.abs(diag.scale[best] - average)) best = id;
    });
    var label = DFC.$('label[for="q-' + diag.questions[0] + '-' + best + '"]', form);
    return label ? label.textContent : best;
  }
  function shownNumber(n) { return String(Math.round(n * 10) / 10); }

  function showProfile(form, diag, answers) {
    profile(diag, answers).forEach(function (p) {
      var bar = DFC.$('[data-dfc-bar="' + p.id + '"] .dfc-bar', form);
      var row = DFC.$('[data-dfc-profile="' + p.id + '"]', form);
      if (!row) return;
      var share = p.average === null || !diag.top ? 0 : p.average / diag.top;
      if (bar) bar.style.width = Math.round(share * 100) + '%';
      DFC.$('[data-dfc-average]', row).textContent = p.average === null ?
        DFC.t('diagnostic.no_average', 'No average: no statement has a scale answer.') :
        DFC.t('diagnostic.average_of', '{average} out of {top} (about "{nearest}")',
          { average: shownNumber(p.average), top: diag.top, nearest: nearestText(form, diag, p.average) });
      var count = DFC.$('[data-dfc-unknown-count]', row);
      var unsure = diag.dontKnow ? DFC.$('label[for="q-' + diag.questions[0] + '-' + diag.dontKnow + '"]', form) : null;
      if (count) {
        count.textContent = p.unknown ? DFC.t('diagnostic.unknown_count', '({count} answered "{dont_know}")',
          { count: p.unknown, dont_know: unsure ? unsure.textContent : diag.dontKnow }) : '';
      }
    });
  }

  function statementText(qid) {
    var legend = DFC.$('#q-' + qid + ' legend');
    return legend ? DFC.Quiz.legendText(legend) : '';
  }

  /* Through the app's numbered records where it keeps them, so no record is written over. */
  function send(app, rec) {
    if (app.record) app.record(rec);
    else app.lms.addInteraction(rec);
  }

  function recordDiagnostic(app, diag, st, placed, opened, shown) {
    var now = new Date();
    var suffix = st.attempt > 1 ? '-attempt-' + st.attempt : '';
    diag.questions.forEach(function (qid) {
      send(app, {
        id: qid + suffix, question: qid, attempt: st.attempt, quiz: 'self-assessment',
        type: 'likert', options: diag.answers, response: st.answers[qid], result: 'neutral',
        when: now, latencyMs: now.getTime() - (shown[qid] || opened), description: statementText(qid)
      });
    });
    send(app, {
      id: 'self-assessment' + suffix, question: 'self-assessment', attempt: st.attempt,
      quiz: 'self-assessment', type: 'other', response: placed.band.id, result: 'neutral',
      when: now, description: DFC.t('record.self_assessment', 'The result of the self-assessment')
    });
  }

  DFC.Diagnostic = {
    place: place,
    profile: profile,
    mount: function (form, app) {
      var diag = app.data.diagnostic;
      var st = app.state.diag;
      if (!st) {
        st = app.state.diag = { answers: {}, done: false, attempt: 1 };
        if (app.save) app.save(false);
      }
      var resultBox = DFC.$('[data-dfc-quiz-result]', form);
      var retry = DFC.$('[data-dfc-retry]', form);
      var submit = DFC.$('.dfc-submit', form);
      var opened = Date.now(), shown = {};
      var single = { type: 'single' };
      DFC.QuizForm.enterChooses(form);
      diag.questions.forEach(function (qid) {
        var box = document.getElementById('q-' + qid);
        writeAnswer(single, box, st.answers[qid]);
        box.addEventListener('change', function () {
          st.answers[qid] = readAnswer(single, box);
          if (!shown[qid]) shown[qid] = Date.now();
          app.save(false);
        });
        box.addEventListener('focusin', function () { if (!shown[qid]) shown[qid] = Date.now(); });
      });
      function show(focus) {
        var placed = place(diag, st.answers);
        resultBox.hidden = false;
        DFC.$$('[data-dfc-band]', resultBox).forEach(function (el) {
          el.hidden = el.getAttribute('data-dfc-band') !== placed.band.id;
        });
        var rule = placed.rule === null ? 'default' : String(placed.rule);
        DFC.$$('[data-dfc-rule]', resultBox).forEach(function (el) {
          el.hidden = el.getAttribute('data-dfc-rule') !== rule;
        });
        showProfile(form, diag, st.answers);
        var unknowns = DFC.$('[data-dfc-unknowns]', resultBox);
        var count = 0;
        DFC.$$('[data-dfc-unknown]', resultBox).forEach(function (li) {
          li.hidden = st.answers[li.getAttribute('data-dfc-unknown')] !== diag.dontKnow;
          if (!li.hidden) count += 1;
        });
        if (unknowns) unknowns.hidden = !count;
        retry.hidden = false;
        submit.hidden = true;
        DFC.$$('fieldset', form).forEach(function (f) { f.disabled = true; });
        DFC.announce(DFC.t('diagnostic.announce', 'Your result: {band}.', { band: placed.band.title }) +
          (count ? ' ' + DFC.t('diagnostic.announce_unknowns', '{count} {actions} to find out.',
            { count: count, actions: unknowns.getAttribute(count === 1 ? 'data-dfc-one' : 'data-dfc-many') }) : ''));
        if (focus) resultBox.focus();
        return placed;
      }
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        if (st.done) return;
        var missing = diag.questions.filter(function (qid) { return !st.answers[qid]; });
        var note = DFC.$('.dfc-diag-missing', form);
        if (missing.length) {
          if (!note) {
            note = document.createElement('p');
            note.className = 'dfc-diag-missing dfc-error';
            note.tabIndex = -1;
            form.insertBefore(note, resultBox);
          }
          var unsure = diag.dontKnow ? DFC.$('label[for="q-' + diag.questions[0] + '-' + diag.dontKnow + '"]', form) : null;
          var numbers = missing.map(function (qid) { return diag.questions.indexOf(qid) + 1; }).join(', ');
          note.textContent = unsure ?
            DFC.t('diagnostic.missing_unsure', 'Answer every statement first (choose "{dont_know}" where neither of you knows). Not yet answered: {numbers}.',
              { dont_know: unsure.textContent, numbers: numbers }) :
            DFC.t('diagnostic.missing', 'Answer every statement first. Not yet answered: {numbers}.', { numbers: numbers });
          note.focus();
          return;
        }
        if (note) note.remove();
        st.done = true;
        var placed = show(true);
        recordDiagnostic(app, diag, st, placed, opened, shown);
        app.save(true);
        if (app.nav) app.nav.markMenu();
      });
      retry.addEventListener('click', function () {
        /* A new attempt starts from the answers given, so a pair can change what they found out. */
        var answers = {};
        Object.keys(st.answers).forEach(function (qid) { answers[qid] = st.answers[qid]; });
        app.state.diag = { answers: answers, done: false, attempt: (st.attempt || 1) + 1 };
        app.save(true);
        /* The new attempt's form, read again from the top. */
        app.reshow().then(function () { DFC.focusHeading(DFC.$('#dfc-screen h1')); });
      });
      if (st.done) show(false);
    }
  };
})();
