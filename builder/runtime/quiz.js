/* Quizzes, the screen: shuffling, answering, feedback, the result, and the attempt's records.
   The marking (draw, right or not, score) is in quiz-marking.js. */
(function () {
  'use strict';
  var DFC = window.DFC;
  var TYPES = { single: 'choice', multiple: 'choice', 'true-false': 'true-false',
    matching: 'matching', ordering: 'sequencing' };

  var Q = DFC.Quiz;
  var drawn = Q.drawn, score = Q.score, isAnswered = Q.isAnswered, isRight = Q.isRight,
    settings = Q.settings, attemptsLeft = Q.attemptsLeft, response = Q.response,
    correctResponse = Q.correctResponse;


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
        /* A wrong pair names its right match, as a wrong position names the right place. */
        var match = DFC.$('select option[value="' + id + '"]', row);
        mark(fb, answer[id] === id ? DFC.t('mark.match_right', 'Right.') : DFC.t('question.right_match', 'Not right: the right match is “{match}”.',
          { match: match ? match.text : id }), answer[id] === id ? 'dfc-right' : 'dfc-wrong');
      } else if (q.type === 'ordering') {
        var place = q.options.indexOf(id) + 1;
        var ok = +answer[id] === place;
        mark(fb, ok ? DFC.t('mark.place_right', 'Right place.') :
          DFC.t('mark.place_wrong', 'Not right: this goes at position {position}.', { position: place }),
          ok ? 'dfc-right' : 'dfc-wrong');
      } else {
        var chosen = (Array.isArray(answer) ? answer : [answer]).indexOf(id) >= 0;
        var correct = q.correct.indexOf(id) >= 0;
        if (chosen) {
          mark(fb, correct ? DFC.t('mark.chosen_right', 'Your answer is right.') :
            DFC.t('mark.chosen_wrong', 'Your answer is not right.'), correct ? 'dfc-right' : 'dfc-wrong');
        } else if (correct) {
          mark(fb, DFC.t('mark.missed', 'This is a right answer.'), 'dfc-right');
        }
      }
    });
    var result = DFC.$('[data-dfc-result]', box);
    result.hidden = false;
    result.textContent = isRight(q, answer) ? DFC.t('mark.question_right', 'You got this question right.') :
      DFC.t('mark.question_wrong', 'You did not get this question right.');
    DFC.$('fieldset', box).disabled = true;
  }

  /* Wire up the quiz form in the screen just shown. */
  function mount(form, app) {
    if (form.hasAttribute('data-dfc-diagnostic')) return DFC.Diagnostic.mount(form, app);
    if (form.getAttribute('data-dfc-quiz') !== 'final') return setup(form, app);
    return borrowQuestions(form, app).then(function () { setup(form, app); }, function (error) {
      DFC.warn('the assessment questions could not be loaded: ' + error.message);
      DFC.$('[data-dfc-loading]', form).textContent =
        DFC.t('quiz.load_failed', 'The questions could not be loaded. Check your connection, then reload this page.');
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
        /* Each step's choices in this attempt's order: the seed is kept, so a resume keeps it.
           Choices are recorded by id, so the order on screen never changes what is recorded. */
        if (conf.shuffle) {
          var own = DFC.random(qs.seed + 101 + ids.indexOf(qid));
          DFC.$$('[data-dfc-node] .dfc-options', box).forEach(function (holder) {
            DFC.shuffle(DFC.$$('[data-dfc-choice]', holder), own).forEach(function (row) { holder.appendChild(row); });
          });
        }
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
      DFC.$('.dfc-qnum', box).textContent = DFC.t('question.of', 'Question {number} of {total}', { number: i + 1, total: ids.length });
      form.insertBefore(box, actions);
    });
    DFC.QuizForm.enterChooses(form);
    /* The final and every knowledge check come in the same short pages (finding 11): a page of
       three questions is about four phone screens, where a whole check was ten to twelve. */
    var pages = DFC.QuizForm.paginate(form, data, ids);
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
      var text = scoreText(Q.madeOf(data, key, qs), pct) + ' ';
      if (graded) {
        text += passed ? DFC.t('result.passed', 'You passed. The pass mark is {pass_mark}%.', { pass_mark: conf.passMark }) :
          DFC.t('result.not_passed', 'You did not pass this time. The pass mark is {pass_mark}%.', { pass_mark: conf.passMark }) +
          ' ' + DFC.QuizForm.attemptsLeftText(conf, qs);
        if (key === data.graded && app.finished) text += ' ' + DFC.t('result.course_finished', 'You have finished the course.');
      } else {
        text += DFC.t('result.read_feedback', 'Read the feedback on each answer below.');
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
        resultBox.textContent = DFC.t('quiz.missing', 'Answer every question before you submit. Not yet answered: {numbers}.',
          { numbers: missing.map(function (qid) { return ids.indexOf(qid) + 1; }).join(', ') }) +
          (pages ? ' ' + DFC.t('quiz.missing_page', 'This is the page of question {number}.', { number: ids.indexOf(missing[0]) + 1 }) : '');
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

  /* The score, saying what it is made of when it is not simply the share of questions right. */
  function scoreText(made, pct) {
    var params = { right: made.right, total: made.count, percent: pct };
    if (made.partial && made.weighted) {
      return DFC.t('result.score_partial_weighted', 'You got {right} of {total} questions fully right. Your score is ' +
        '{percent}%: it counts part marks for scenario steps, and some questions count more than others.', params);
    }
    if (made.partial) {
      return DFC.t('result.score_partial', 'You got {right} of {total} questions fully right. Your score is {percent}%: ' +
        'it counts part marks for scenario steps.', params);
    }
    if (made.weighted) {
      return DFC.t('result.score_weighted', 'You got {right} of {total} right. Your score is {percent}%: ' +
        'some questions count more than others.', params);
    }
    return DFC.t('result.score', 'You got {right} of {total} right: {percent}%.', params);
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
          var text = DFC.$('#q-' + qid + ' [data-dfc-node="' + d.node + '"]');
          text = text && [DFC.$('.dfc-node-text', text), DFC.$('legend', text)].map(function (el) {
            return el ? el.textContent : '';
          }).join(' ');
          app.record(Object.assign({ id: qid + '-' + d.node + suffix, type: 'choice', options: d.options,
            targets: d.options, response: d.response, correct: d.correct, result: d.result,
            weighting: d.weighting, credit: d.credit,
            description: text ? text.replace(/\s+/g, ' ').trim() : '' }, common));
        });
      }
      var legend = DFC.$('#q-' + qid + ' legend');
      app.record(Object.assign({
        id: qid + suffix,
        type: TYPES[q.type], options: q.options, targets: q.targets || q.options,
        response: response(q, answer), correct: correctResponse(q),
        result: isRight(q, answer) ? 'correct' : 'incorrect',
        weighting: q.weighting, credit: isRight(q, answer) ? 1 : 0, latencyMs: now.getTime() - (shown[qid] || opened),
        description: legend ? DFC.Quiz.legendText(legend) : ''
      }, common));
    });
  }

  /* A legend's words without its number ("Question 2 of 5"), as an LMS report shows them. */
  function legendText(legend) {
    var copy = legend.cloneNode(true);
    var number = DFC.$('.dfc-qnum', copy);
    if (number) number.remove();
    return copy.textContent.replace(/^\s+/, '');
  }

  Q.mount = mount;
  Q.legendText = legendText;
  Q.readAnswer = readAnswer;
  Q.writeAnswer = writeAnswer;
})();
