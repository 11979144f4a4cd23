/* Quizzes: drawing, shuffling, answering, scoring, feedback and what the LMS is told. */
(function () {
  'use strict';
  var DFC = window.DFC;
  var TYPES = { single: 'choice', multiple: 'choice', 'true-false': 'true-false',
    matching: 'matching', ordering: 'sequencing' };

  function family(data, qid) { return data.questions[qid].family || qid; }
  function covers(q, objective) { return (q.objectives || [q.objective]).indexOf(objective) >= 0; }

  /* The questions of one attempt, decided by the attempt's seed alone. The final takes from
     each module one question per objective first, then tops up; never two of one family. */
  function drawn(data, key, qs) {
    var rand = DFC.random(qs.seed);
    if (key === 'final') {
      var list = [], taken = {}, per = data.final.perModule;
      data.modules.forEach(function (m) {
        var quiz = data.quizzes[m.id];
        if (!quiz) return;
        var bank = quiz.questions.concat(quiz.finalOnly || []);
        var pool = DFC.shuffle(bank, rand), picked = [];
        function take(qid) {
          var f = family(data, qid);
          if (picked.length >= per || taken[f]) return false;
          taken[f] = true;
          return picked.push(qid);
        }
        DFC.shuffle(m.objectives || [], rand).forEach(function (objective) {
          if (picked.some(function (qid) { return covers(data.questions[qid], objective); })) return;
          pool.some(function (qid) { return covers(data.questions[qid], objective) && take(qid); });
        });
        pool.forEach(take);
        if (!data.final.shuffle) picked.sort(function (a, b) { return bank.indexOf(a) - bank.indexOf(b); });
        list = list.concat(picked);
      });
      return data.final.shuffle ? DFC.shuffle(list, rand) : list;
    }
    var quiz = data.quizzes[key];
    var ids = quiz.questions;
    var families = ids.map(function (qid) { return family(data, qid); });
    var related = families.some(function (f, i) { return families.indexOf(f) !== i; });
    if ((quiz.draw && quiz.draw < ids.length) || related) {
      var seen = {};
      var chosen = DFC.shuffle(ids, rand).filter(function (qid) {
        var f = family(data, qid);
        return seen[f] ? false : (seen[f] = true);
      }).slice(0, quiz.draw || ids.length);
      ids = ids.filter(function (id) { return chosen.indexOf(id) >= 0; });
    }
    return quiz.shuffle ? DFC.shuffle(ids, rand) : ids;
  }

  function isAnswered(q, answer) {
    if (answer === undefined || answer === '') return false;
    if (q.type === 'scenario') return DFC.Scenario.ended(q, answer);
    if (q.type === 'multiple') return answer.length > 0;
    if (q.type === 'matching' || q.type === 'ordering') {
      return q.options.every(function (id) { return answer[id] !== undefined && answer[id] !== ''; });
    }
    return true;
  }

  function isRight(q, answer) {
    if (!isAnswered(q, answer)) return false;
    if (q.type === 'scenario') return DFC.Scenario.credit(q, answer) === 1;
    if (q.type === 'multiple') {
      return answer.length === q.correct.length && q.correct.every(function (id) { return answer.indexOf(id) >= 0; });
    }
    if (q.type === 'matching') return q.options.every(function (id) { return answer[id] === id; });
    if (q.type === 'ordering') return q.options.every(function (id, i) { return +answer[id] === i + 1; });
    return answer === q.correct[0];
  }

  function settings(data, key) { return key === 'final' ? data.final : data.quizzes[key]; }

  /* Score in per cent (0-100), weighted. */
  function score(data, key, qs) {
    var total = 0, got = 0;
    drawn(data, key, qs).forEach(function (qid) {
      var q = data.questions[qid];
      total += q.weighting;
      if (q.type === 'scenario') got += q.weighting * DFC.Scenario.credit(q, qs.answers[qid]);
      else if (isRight(q, qs.answers[qid])) got += q.weighting;
    });
    return total ? Math.round((100 * got) / total) : 0;
  }

  function attemptsLeft(data, key, qs) {
    var allowed = settings(data, key).attempts;
    return !allowed || qs.attempt < allowed;
  }

  /* The structured response the adapters format for their SCORM version. */
  function response(q, answer) {
    if (q.type === 'matching') return q.options.map(function (id) { return [id, answer[id]]; });
    if (q.type === 'ordering') {
      return q.options.slice().sort(function (a, b) { return answer[a] - answer[b]; });
    }
    if (q.type === 'true-false') return answer;
    if (q.type === 'multiple') return q.options.filter(function (id) { return answer.indexOf(id) >= 0; });
    return [answer];
  }
  function correctResponse(q) {
    if (q.type === 'matching') return q.options.map(function (id) { return [id, id]; });
    if (q.type === 'true-false') return q.correct[0];
    return q.type === 'ordering' ? q.options.slice() : q.correct.slice();
  }

  /* ---- The DOM side ---- */

  /* A chosen match is shown in full under its list, which may cut long text short. */
  function showChosen(box) {
    DFC.$$('[data-dfc-chosen]', box).forEach(function (el) {
      var sel = el.previousElementSibling;
      el.textContent = sel.value ? sel.options[sel.selectedIndex].text : '';
    });
  }

  function readAnswer(q, box) {
    showChosen(box);
    if (q.type === 'matching' || q.type === 'ordering') {
      var out = {};
      DFC.$$('select', box).forEach(function (sel) {
        var id = sel.closest('[data-dfc-option]').getAttribute('data-dfc-option');
        if (sel.value) out[id] = q.type === 'ordering' ? +sel.value : sel.value;
      });
      return out;
    }
    var picked = DFC.$$('input:checked', box).map(function (i) { return i.value; });
    /* Options may be shuffled on screen; keep answers in the bank's order. */
    if (q.type === 'multiple') return q.options.filter(function (id) { return picked.indexOf(id) >= 0; });
    return picked[0];
  }

  function writeAnswer(q, box, answer) {
    if (answer === undefined) return;
    if (q.type === 'matching' || q.type === 'ordering') {
      DFC.$$('select', box).forEach(function (sel) {
        var id = sel.closest('[data-dfc-option]').getAttribute('data-dfc-option');
        sel.value = answer[id] !== undefined ? String(answer[id]) : '';
      });
      return showChosen(box);
    }
    var chosen = Array.isArray(answer) ? answer : [answer];
    DFC.$$('input', box).forEach(function (input) { input.checked = chosen.indexOf(input.value) >= 0; });
  }

  function mark(el, text, cls) {
    var label = document.createElement('strong');
    label.className = 'dfc-mark';
    label.textContent = text + ' ';
    el.insertBefore(label, el.firstChild);
    el.classList.add(cls);
  }

  /* Show every option's feedback, saying which answers were right. */
  function showFeedback(q, box, answer) {
    if (q.type === 'scenario') return DFC.Scenario.mark(box, q, answer);
    if (answer === undefined) answer = q.type === 'matching' || q.type === 'ordering' ? {} : [];
    DFC.$$('[data-dfc-option]', box).forEach(function (row) {
      var id = row.getAttribute('data-dfc-option');
      var fb = DFC.$('[data-dfc-feedback]', row);
      fb.hidden = false;
      if (q.type === 'matching') {
        mark(fb, answer[id] === id ? 'Right.' : 'Not right.', answer[id] === id ? 'dfc-right' : 'dfc-wrong');
      } else if (q.type === 'ordering') {
        var place = q.options.indexOf(id) + 1;
        var ok = +answer[id] === place;
        mark(fb, ok ? 'Right place.' : 'Not right: this goes at position ' + place + '.', ok ? 'dfc-right' : 'dfc-wrong');
      } else {
        var chosen = (Array.isArray(answer) ? answer : [answer]).indexOf(id) >= 0;
        var correct = q.correct.indexOf(id) >= 0;
        if (chosen) mark(fb, correct ? 'Your answer is right.' : 'Your answer is not right.', correct ? 'dfc-right' : 'dfc-wrong');
        else if (correct) mark(fb, 'This is a right answer.', 'dfc-right');
      }
    });
    var result = DFC.$('[data-dfc-result]', box);
    result.hidden = false;
    result.textContent = isRight(q, answer) ? 'You got this question right.' : 'You did not get this question right.';
    DFC.$('fieldset', box).disabled = true;
  }

  /* Wire up the quiz form in the screen just shown. */
  function mount(form, app) {
    if (form.hasAttribute('data-dfc-diagnostic')) return DFC.Diagnostic.mount(form, app);
    if (form.getAttribute('data-dfc-quiz') !== 'final') return setup(form, app);
    return borrowQuestions(form, app).then(function () { setup(form, app); }, function (error) {
      DFC.warn('the assessment questions could not be loaded: ' + error.message);
      DFC.$('[data-dfc-loading]', form).textContent =
        'The questions could not be loaded. Check your connection, then reload this page.';
    });
  }

  /* The final assessment's page carries no questions of its own: it takes the ones this
     attempt draws from the modules' knowledge-check pages, so no question is sent twice. */
  function borrowQuestions(form, app) {
    var data = app.data;
    var ids = drawn(data, 'final', app.quizState('final'));
    var pages = {};
    data.screens.forEach(function (s) { if (s.kind === 'quiz') pages[s.module] = s.url; });
    var modules = ids.map(function (qid) { return data.questions[qid].module; })
      .filter(function (m, i, all) { return all.indexOf(m) === i; });
    return Promise.all(modules.map(function (m) { return DFC.loadScreen(pages[m]); })).then(function (articles) {
      var actions = DFC.$('.dfc-quiz-actions', form);
      ids.forEach(function (qid) {
        for (var i = 0; i < articles.length; i++) {
          var box = articles[i].querySelector('[data-dfc-question="' + qid + '"]');
          if (box) { form.insertBefore(document.importNode(box, true), actions); return; }
        }
        throw new Error('question ' + qid + ' is missing');
      });
      var loading = DFC.$('[data-dfc-loading]', form);
      if (loading) loading.remove();
    });
  }

  function setup(form, app) {
    var data = app.data;
    var key = form.getAttribute('data-dfc-quiz');
    var graded = form.getAttribute('data-dfc-graded') === 'true';
    var qs = app.quizState(key);
    var ids = drawn(data, key, qs);
    var conf = settings(data, key);
    var rand = DFC.random(qs.seed + 7);
    var actions = DFC.$('.dfc-quiz-actions', form);
    var shown = {};
    DFC.$$('.dfc-question', form).forEach(function (box) {
      var qid = box.getAttribute('data-dfc-question');
      if (ids.indexOf(qid) < 0) { box.remove(); return; }
      var q = data.questions[qid];
      if (q.type === 'scenario') {
        return DFC.Scenario.mount(box, q, qs.answers[qid], function (choice) {
          qs.answers[qid] = (qs.answers[qid] || []).concat(choice);
          app.save(true);
          DFC.fire('answer', { quiz: key, question: qid });
          return qs.answers[qid];
        });
      }
      if (conf.shuffle && q.type !== 'true-false') {
        var holder = DFC.$('.dfc-options', box);
        DFC.shuffle(DFC.$$('[data-dfc-option]', holder), rand).forEach(function (row) { holder.appendChild(row); });
      }
      writeAnswer(q, box, qs.answers[qid]);
      box.addEventListener('change', function () {
        qs.answers[qid] = readAnswer(q, box);
        if (!shown[qid]) shown[qid] = Date.now();
        app.save(false);
        DFC.fire('answer', { quiz: key, question: qid });
      });
      box.addEventListener('focusin', function () { if (!shown[qid]) shown[qid] = Date.now(); });
    });
    ids.forEach(function (qid, i) {
      var box = document.getElementById('q-' + qid);
      DFC.$('.dfc-qnum', box).textContent = 'Question ' + (i + 1) + ' of ' + ids.length;
      form.insertBefore(box, actions);
    });
    DFC.QuizForm.enterChooses(form);
    var pages = key === 'final' ? DFC.QuizForm.paginate(form, data, ids) : null;
    if (graded) DFC.QuizForm.attemptLine(form, conf, qs);
    var opened = Date.now();
    var resultBox = DFC.$('[data-dfc-quiz-result]', form);
    var retry = DFC.$('[data-dfc-retry]', form);
    var submit = DFC.$('.dfc-submit', form);

    function finish(record) {
      var pct = score(data, key, qs);
      var passed = pct >= conf.passMark;
      var left = attemptsLeft(data, key, qs);
      ids.forEach(function (qid) {
        showFeedback(data.questions[qid], document.getElementById('q-' + qid), qs.answers[qid]);
      });
      submit.hidden = true;
      form.setAttribute('data-dfc-done', '');
      if (record) {
        if (graded) recordAttempt(app, key, ids, qs, opened, shown);
        app.quizFinished(key, pct, graded);
      }
      var right = ids.filter(function (qid) { return isRight(data.questions[qid], qs.answers[qid]); }).length;
      var text = 'You got ' + right + ' of ' + ids.length + ' right: ' + pct + '%. ';
      if (graded) {
        text += passed ? 'You passed. The pass mark is ' + conf.passMark + '%.' :
          'You did not pass this time. The pass mark is ' + conf.passMark + '%. ' +
          DFC.QuizForm.attemptsLeftText(conf, qs);
        if (key === data.graded && app.finished) text += ' You have finished the course.';
      } else {
        text += 'Read the feedback on each answer below.';
      }
      resultBox.textContent = text;
      resultBox.hidden = false;
      retry.hidden = graded ? passed || !left : false;
      if (pages) pages.show(0, false);
      if (record) resultBox.focus();
      DFC.announce(text);
    }

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var missing = ids.filter(function (qid) { return !isAnswered(data.questions[qid], qs.answers[qid]); });
      if (missing.length) {
        resultBox.hidden = false;
        resultBox.textContent = 'Answer every question before you submit. Not yet answered: ' +
          missing.map(function (qid) { return ids.indexOf(qid) + 1; }).join(', ') + '.' +
          (pages ? ' This is the page of question ' + (ids.indexOf(missing[0]) + 1) + '.' : '');
        if (pages) pages.show(pages.pageOf(missing[0]), false);
        resultBox.focus();
        return;
      }
      qs.done = true;
      finish(true);
    });
    retry.addEventListener('click', function () {
      app.newAttempt(key);
    });
    if (qs.done) finish(false);
    submit.disabled = false;
    form.setAttribute('data-dfc-ready', '');
    DFC.fire('quiz-ready', { quiz: key });
  }

  function recordAttempt(app, key, ids, qs, opened, shown) {
    var now = new Date();
    var suffix = qs.attempt > 1 ? '-attempt-' + qs.attempt : '';
    ids.forEach(function (qid) {
      var q = app.data.questions[qid];
      var answer = qs.answers[qid];
      var common = { question: qid, attempt: qs.attempt, quiz: key, objective: q.objective, when: now };
      if (q.type === 'scenario') {
        return DFC.Scenario.decisions(q, answer).forEach(function (d) {
          var text = DFC.$('#q-' + qid + ' [data-dfc-node="' + d.node + '"] .dfc-node-text');
          app.record(Object.assign({ id: qid + '-' + d.node + suffix, type: 'choice', options: d.options,
            targets: d.options, response: d.response, correct: d.correct, result: d.result,
            description: text ? text.textContent.replace(/\s+/g, ' ').trim() : '' }, common));
        });
      }
      var legend = DFC.$('#q-' + qid + ' legend');
      app.record(Object.assign({
        id: qid + suffix,
        type: TYPES[q.type], options: q.options, targets: q.targets || q.options,
        response: response(q, answer), correct: correctResponse(q),
        result: isRight(q, answer) ? 'correct' : 'incorrect',
        weighting: q.weighting, latencyMs: now.getTime() - (shown[qid] || opened),
        description: legend ? legend.textContent.replace(/^Question \d+ of \d+\s*/, '') : ''
      }, common));
    });
  }

  DFC.Quiz = { mount: mount, drawn: drawn, score: score, isRight: isRight, attemptsLeft: attemptsLeft,
    response: response, correctResponse: correctResponse };

  /* The self-assessment: no right answers and no total. Documented rules place the
     organisation in a band; the profile averages each element; each "don't know" is an action. */
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
      DFC.$('[data-dfc-average]', row).textContent = p.average === null ? 'No average: no statement has a scale answer.' :
        shownNumber(p.average) + ' out of ' + diag.top + ' (about "' + nearestText(form, diag, p.average) + '")';
      var count = DFC.$('[data-dfc-unknown-count]', row);
      var unsure = diag.dontKnow ? DFC.$('label[for="q-' + diag.questions[0] + '-' + diag.dontKnow + '"]', form) : null;
      if (count) count.textContent = p.unknown ? '(' + p.unknown + ' answered "' + (unsure ? unsure.textContent : diag.dontKnow) + '")' : '';
    });
  }

  function statementText(qid) {
    var legend = DFC.$('#q-' + qid + ' legend');
    return legend ? legend.textContent.replace(/^Statement \d+\s*/, '') : '';
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
      when: now, description: 'The result of the self-assessment'
    });
  }

  DFC.Diagnostic = {
    place: place,
    profile: profile,
    mount: function (form, app) {
      var diag = app.data.diagnostic;
      var st = app.state.diag = app.state.diag || { answers: {}, done: false, attempt: 1 };
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
        DFC.announce('Your result: ' + placed.band.title + '.' +
          (count ? ' ' + count + ' joint ' + (count === 1 ? 'action' : 'actions') + ' to find out.' : ''));
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
          note.textContent = 'Answer every statement first' +
            (unsure ? ' (choose "' + unsure.textContent + '" where neither of you knows)' : '') + '. Not yet answered: ' +
            missing.map(function (qid) { return diag.questions.indexOf(qid) + 1; }).join(', ') + '.';
          note.focus();
          return;
        }
        if (note) note.remove();
        st.done = true;
        var placed = show(true);
        recordDiagnostic(app, diag, st, placed, opened, shown);
        app.save(true);
      });
      retry.addEventListener('click', function () {
        /* A new attempt starts from the answers given, so a pair can change what they found out. */
        var answers = {};
        Object.keys(st.answers).forEach(function (qid) { answers[qid] = st.answers[qid]; });
        app.state.diag = { answers: answers, done: false, attempt: (st.attempt || 1) + 1 };
        app.save(true);
        app.reshow();
      });
      if (st.done) show(false);
    }
  };
})();
