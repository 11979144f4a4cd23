/* The quiz form around its questions: Enter on an option never submits, a long assessment
   comes in short pages with a counter, and the attempt line says how many attempts are left. */
(function () {
  'use strict';
  var DFC = window.DFC;
  /* At most this many questions a page: three open questions are about four phone screens
     (375 × 667) with the screen's heading and buttons. A scenario, long on its own, has a page
     to itself. */
  var PAGE = 3;

  /* Enter on an option chooses it, as Space does; on a scenario's option it also decides.
     Browsers would otherwise submit the whole form from any radio button or checkbox. */
  function enterChooses(form) {
    form.addEventListener('keydown', function (event) {
      var input = event.target;
      if (event.key !== 'Enter' || !input.matches || !input.matches('input[type=radio], input[type=checkbox]')) return;
      event.preventDefault();
      if (input.disabled) return;
      if (input.type === 'radio' && !input.checked) input.click();
      else if (input.type === 'checkbox') input.click();
      var step = input.closest('[data-dfc-node]');
      var decide = step && DFC.$('[data-dfc-decide]', step);
      if (decide && !decide.disabled) decide.click();
    });
  }

  /* The questions between two scenarios share out as evenly as they can over the fewest
     pages of at most PAGE: seven make 3, 2, 2 rather than 3, 3, 1. */
  function split(data, ids) {
    var pages = [], run = [];
    function close() {
      var count = Math.ceil(run.length / PAGE);
      for (var i = 0, at = 0; i < count; i++) {
        var size = Math.ceil((run.length - at) / (count - i));
        pages.push(run.slice(at, at + size));
        at += size;
      }
      run = [];
    }
    ids.forEach(function (qid) {
      if (data.questions[qid].type !== 'scenario') return run.push(qid);
      close();
      pages.push([qid]);
    });
    close();
    return pages;
  }

  function button(text, cls) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'dfc-button ' + cls;
    b.textContent = text;
    return b;
  }

  /* Show the questions `ids` (in order, already in the form) in pages. Returns
     { show(n, focus), pageOf(qid), refresh() }, or null for a quiz that fits on one page: it
     gets no controls. After marking, the feedback stays in the same pages, from page 1: a
     marked question is about twice as tall as an open one, so one long page of feedback would
     be twenty phone screens, while a page of three marked ones is four to eight, and the counter
     and Next/Previous take the trainee through every answer in order. */
  function paginate(form, data, ids) {
    var pages = split(data, ids);
    if (pages.length < 2) return null;
    var current = 0;
    var actions = DFC.$('.dfc-quiz-actions', form);
    var submit = DFC.$('.dfc-submit', form);
    var status = document.createElement('h2');
    status.className = 'dfc-page-status';
    status.tabIndex = -1;
    var prev = button(DFC.t('quiz.previous_page', 'Previous questions'), 'dfc-page-prev');
    var next = button(DFC.t('quiz.next_page', 'Next questions'), 'dfc-page-next');
    form.insertBefore(status, document.getElementById('q-' + ids[0]));
    actions.insertBefore(prev, actions.firstChild);
    actions.insertBefore(next, submit);
    function show(n, focus) {
      current = Math.max(0, Math.min(n, pages.length - 1));
      ids.forEach(function (qid) {
        document.getElementById('q-' + qid).hidden = pages[current].indexOf(qid) < 0;
      });
      var first = ids.indexOf(pages[current][0]) + 1, last = first + pages[current].length - 1;
      var where = { page: current + 1, pages: pages.length, first: first, last: last, total: ids.length };
      status.textContent = first === last ?
        DFC.t('quiz.page_one', 'Page {page} of {pages}: question {first} of {total}', where) :
        DFC.t('quiz.page_many', 'Page {page} of {pages}: questions {first} to {last} of {total}', where);
      prev.hidden = current === 0;
      next.hidden = current === pages.length - 1;
      refresh();
      if (focus) DFC.focusHeading(status);
    }
    /* Submit belongs on the last page, until the answers are in. */
    function refresh() {
      submit.hidden = form.hasAttribute('data-dfc-done') || current !== pages.length - 1;
    }
    prev.addEventListener('click', function () { show(current - 1, true); });
    next.addEventListener('click', function () { show(current + 1, true); });
    show(0, false);
    return {
      show: show,
      refresh: refresh,
      pageOf: function (qid) {
        for (var i = 0; i < pages.length; i++) if (pages[i].indexOf(qid) >= 0) return i;
        return 0;
      }
    };
  }

  /* The line above the questions: which attempt this is and how many there are. */
  function attemptLine(form, conf, qs) {
    var line = DFC.$('[data-dfc-attempt]', form);
    if (!line) {
      line = document.createElement('p');
      line.className = 'dfc-attempt';
      line.setAttribute('data-dfc-attempt', '');
      form.insertBefore(line, form.firstChild);
    }
    var params = { attempt: qs.attempt, attempts: conf.attempts, pass_mark: conf.passMark };
    line.textContent = conf.attempts ?
      DFC.t('quiz.attempt_of', 'Attempt {attempt} of {attempts}. The pass mark is {pass_mark}%.', params) :
      DFC.t('quiz.attempt_unlimited', 'Attempt {attempt}. You can try as often as you need. The pass mark is {pass_mark}%.', params);
  }

  /* What the result says about attempts once answers are marked and did not pass. */
  function attemptsLeftText(conf, qs) {
    if (!conf.attempts) return DFC.t('quiz.try_again', 'Read the feedback, then try again.');
    var left = conf.attempts - qs.attempt;
    if (left <= 0) return DFC.t('quiz.no_attempts_left', 'You have used all your attempts.');
    return DFC.tp('quiz.attempts_left', left, { one: 'You have {count} attempt left. Read the feedback, then try again.',
      other: 'You have {count} attempts left. Read the feedback, then try again.' });
  }

  DFC.QuizForm = { enterChooses: enterChooses, paginate: paginate, split: split,
    attemptLine: attemptLine, attemptsLeftText: attemptsLeftText, PAGE: PAGE };
})();
