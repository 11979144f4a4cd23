/* Wiring: connect to the LMS, restore progress, keep the LMS told, leave cleanly. */
(function () {
  'use strict';
  var DFC = window.DFC;

  /* Every value reaches the LMS as soon as it changes. Commits are batched: answers and screen
     changes are committed at most this often; submitted answers, the role and a hidden page
     at once. */
  var SETTLE_MS = 5000;

  function App(lms) {
    this.data = DFC.data();
    this.lms = lms;
    this.startedAt = Date.now();
    this.ended = false;
    this.lastCheckpoint = 0;
    var text = this.lms.suspendData;
    var saved = DFC.State.decode(text, this.data);
    this.stale = !!text && !saved;
    this.state = saved || DFC.State.empty();
    if (this.stale) {
      /* Progress of this very version that no longer reads was cut short by the LMS: keep
         within the length it kept. Records already in the LMS are never written over. */
      if (text.indexOf('1~' + this.data.fingerprint + '~') === 0) this.limit = text.length;
      if (this.lms.recordCount) this.state.records = this.lms.recordCount();
    }
  }

  /* A quiz's state, made on first sight with the seed its questions are drawn by: saved at
     once, so a relaunch draws the same questions. */
  App.prototype.quizState = function (key) {
    if (!this.state.quizzes[key]) {
      this.state.quizzes[key] = DFC.State.emptyQuiz();
      this.save(false);
    }
    return this.state.quizzes[key];
  };

  /* A screen's quiz state, made before the screen's progress is sent: one value, not two
     racing each other in an LMS that stores each value by a request of its own. */
  App.prototype.prepareQuiz = function (article) {
    var form = article && article.querySelector ? article.querySelector('form.dfc-quiz') : null;
    if (!form) return;
    if (form.hasAttribute('data-dfc-diagnostic')) {
      if (!this.state.diag) this.state.diag = { answers: {}, done: false, attempt: 1 };
    } else if (form.getAttribute('data-dfc-quiz') && !this.state.quizzes[form.getAttribute('data-dfc-quiz')]) {
      this.state.quizzes[form.getAttribute('data-dfc-quiz')] = DFC.State.emptyQuiz();
    }
  };

  App.prototype.newAttempt = function (key) {
    var old = this.quizState(key);
    var fresh = DFC.State.emptyQuiz();
    fresh.attempt = old.attempt + 1;
    this.state.quizzes[key] = fresh;
    this.writeState();
    this.updateStatus();
    this.save(true);
    var nav = this.nav;
    /* Once the new attempt's questions are on screen (the final loads them first), start
       reading again from the top: the heading, in view. */
    nav.reshow().then(function () { return nav.ready; }).then(function () {
      DFC.focusHeading(DFC.$('#dfc-screen h1'));
    });
  };

  App.prototype.reshow = function () { return this.nav.reshow(); };

  /* Progress changed: send it now, and commit now when urgent, else within SETTLE_MS of the
     last commit. */
  App.prototype.save = function (urgent) {
    if (this.ended) return;
    this.writeState();
    this.writeRecords();
    var wait = urgent ? 0 : this.lastCheckpoint + SETTLE_MS - Date.now();
    if (wait <= 0) return this.checkpoint();
    if (this.timer) return;
    var self = this;
    this.timer = window.setTimeout(function () { self.timer = null; self.checkpoint(); }, wait);
  };

  /* Commit what was sent, with the session time as it would stand if the trainee left now:
     so leaving needs at most the session time and Terminate. */
  App.prototype.checkpoint = function () {
    if (this.ended) return;
    window.clearTimeout(this.timer);
    this.timer = null;
    this.lastCheckpoint = Date.now();
    this.writeState();
    this.writeRecords();
    this.lms.setSessionTime(Date.now() - this.startedAt);
    this.lms.commit();
  };

  App.prototype.writeState = function () {
    if (this.ended) return;
    if (this.lms.sync) this.state = DFC.State.merge(this.state, DFC.State.decode(this.lms.sync(), this.data));
    var limit = this.limit || this.lms.maxSuspend;
    var text = DFC.State.encode(this.state, this.data, limit);
    if (!text || text === this.lastSaved) return;
    var ok = this.lms.setSuspendData(text);
    /* An LMS may refuse a value shorter than the standard allows: save less, never nothing. */
    while (!ok) {
      limit = Math.floor(text.length * 0.75);
      text = DFC.State.encode(this.state, this.data, limit);
      if (!text) break;
      ok = this.lms.setSuspendData(text);
    }
    /* Refused at every size: the LMS is failing, not measuring, so try in full next time. */
    this.limit = ok ? limit : 0;
    if (ok) this.lastSaved = text;
  };

  /* An interaction record, numbered after every record this attempt has written before. It
     is sent after the progress that counts it (what a relaunch needs comes first): by the
     save that follows it, else at the end of this task. */
  App.prototype.record = function (rec) {
    var self = this;
    rec.index = this.state.records;
    this.state.records += 1;
    if (!this.records) {
      this.records = [];
      Promise.resolve().then(function () { self.writeState(); self.writeRecords(); });
    }
    this.records.push(rec);
  };

  App.prototype.writeRecords = function () {
    var records = this.records || [];
    this.records = null;
    if (this.ended) return;
    records.forEach(function (rec) { this.lms.addInteraction(rec); }, this);
  };

  App.prototype.visit = function (index, article) {
    var screen = this.data.screens[index];
    this.state.seen[index] = true;
    this.prepareQuiz(article);
    this.writeState();
    this.lms.setLocation(screen.id);
    this.applyRole(article);
    this.updateProgress();
    if (screen.module) this.updateModule(screen.module);
    this.updateStatus();
    this.save(false);
  };

  App.prototype.updateProgress = function () {
    var total = this.data.screens.length;
    /* Once the course is complete, the bar says so, whatever was skipped on the way. */
    var seen = this.finished ? total : this.seenCount();
    document.getElementById('dfc-progress').value = seen;
    document.getElementById('dfc-progress-text').textContent = this.finished
      ? DFC.t('progress.finished', 'Course finished')
      : DFC.t('progress.done', '{done} of {total} done', { done: seen, total: total });
    this.lms.setProgress(total ? seen / total : 1);
  };

  App.prototype.seenCount = function () {
    var seen = this.state.seen;
    return this.data.screens.filter(function (s, i) { return seen[i]; }).length;
  };

  /* Each module is an LMS objective: completed once all of its screens are seen. */
  App.prototype.updateModule = function (moduleId) {
    var seen = this.state.seen;
    var done = this.data.screens.every(function (s, i) { return s.module !== moduleId || seen[i]; });
    var qs = this.state.quizzes[moduleId];
    var index = this.data.modules.map(function (m) { return m.id; }).indexOf(moduleId);
    var update = { index: index, completion: done ? 'completed' : 'incomplete' };
    if (qs && qs.done) {
      update.score = DFC.Quiz.score(this.data, moduleId, qs);
      update.success = update.score >= this.data.quizzes[moduleId].passMark ? 'passed' : 'failed';
    }
    this.lms.setObjective(moduleId, update);
  };

  App.prototype.quizFinished = function (key, percent, graded) {
    /* Progress, then the answers, then what they lead to (cmi5 statements keep that order). */
    this.writeState();
    this.writeRecords();
    if (this.data.quizzes[key]) this.updateModule(key);
    this.updateStatus();
    this.save(true);
  };

  /* The course status: score first, then status (some LMSs read the score when the status changes). */
  App.prototype.status = function () {
    var data = this.data;
    var key = data.graded;
    var allSeen = this.seenCount() === data.screens.length;
    if (!key) return { completion: allSeen ? 'completed' : 'incomplete', success: 'unknown' };
    var qs = this.state.quizzes[key];
    if (!qs || !qs.done) return { completion: 'incomplete', success: 'unknown' };
    var percent = DFC.Quiz.score(data, key, qs);
    var passed = percent >= data.passMark;
    if (passed) return { completion: 'completed', success: 'passed', score: percent };
    if (!DFC.Quiz.attemptsLeft(data, key, qs)) return { completion: 'completed', success: 'failed', score: percent };
    /* Failed with attempts left: some LMSs refuse a new attempt once they hold "failed". */
    return { completion: 'incomplete', success: data.retryStatus === 'failed' ? 'failed' : 'unknown', score: percent };
  };

  App.prototype.updateStatus = function () {
    var status = this.status();
    var key = JSON.stringify(status);
    var was = this.finished;
    this.finished = status.completion === 'completed';
    if (was !== undefined && was !== this.finished) this.updateProgress();
    this.lms.setExit(!this.finished);
    if (this.nav) this.nav.markMenu();
    if (key === this.lastStatus) return;
    this.lastStatus = key;
    if (status.score !== undefined) this.lms.setScore(status.score);
    this.lms.setStatus(status);
  };

  App.prototype.applyRole = function (root) {
    var role = this.state.role;
    document.body.className = document.body.className.replace(/\bdfc-role-\S+/g, '').trim();
    if (role) document.body.classList.add('dfc-role-' + role);
    orderLenses(root, role);
    DFC.$$('[data-dfc-lens]', root).forEach(function (lens) {
      var mine = lens.getAttribute('data-dfc-lens') === role;
      lens.classList.toggle('dfc-your-lens', mine);
      var tag = DFC.$('.dfc-your-role', lens);
      if (mine && !tag) {
        tag = document.createElement('span');
        tag.className = 'dfc-your-role';
        tag.textContent = ' ' + DFC.t('lens.your_role', '(your role)');
        DFC.$('h2', lens).appendChild(tag);
      } else if (!mine && tag) {
        tag.remove();
      }
    });
  };

  /* Lens boxes side by side on a page: the trainee's role first, the others in the author's
     order, which each box remembers so that a change of role puts them back. */
  function orderLenses(root, role) {
    var done = [];
    DFC.$$('[data-dfc-lens]', root).forEach(function (lens) {
      if (done.indexOf(lens) >= 0) return;
      var run = [lens], after = lens.nextElementSibling;
      while (after && after.hasAttribute('data-dfc-lens')) { run.push(after); after = after.nextElementSibling; }
      done.push.apply(done, run);
      run.forEach(function (box, i) { if (!box.hasAttribute('data-dfc-order')) box.setAttribute('data-dfc-order', String(i)); });
      function rank(box) { return (box.getAttribute('data-dfc-lens') === role ? -1000 : 0) + +box.getAttribute('data-dfc-order'); }
      run.sort(function (a, b) { return rank(a) - rank(b); }).forEach(function (box) { lens.parentNode.insertBefore(box, after); });
    });
  }

  /* A course whose role question may not be skipped keeps the trainee on the start screen
     until they answer it. */
  App.prototype.roleMissing = function () {
    if (!this.data.roleRequired || this.state.role) return false;
    var needed = DFC.$('[data-dfc-role-needed]');
    var first = DFC.$('input[name="dfc-role"]');
    if (needed) needed.hidden = false;
    if (first) first.focus();
    return true;
  };

  /* The trainee's role is kept in progress and reported as an ungraded interaction. */
  App.prototype.setRole = function (role) {
    if (role === this.state.role) return;
    this.state.role = role;
    this.record({ id: 'role', question: 'role', quiz: 'role', attempt: 1, type: 'other', response: role, result: 'neutral', when: new Date(),
      description: DFC.t('record.role', 'The role the trainee takes the course in') });
    this.applyRole(document);
    var needed = DFC.$('[data-dfc-role-needed]');
    if (needed) needed.hidden = true;
    this.save(true);
  };

  /* Leave once: anything not yet sent, in the order a relaunch needs it (progress, then the
     bookmark, then the rest), the session time, then only Finish or Terminate, which the LMS
     persists: browsers refuse synchronous requests while a page closes, so no Commit here.
     True when the LMS accepted everything the course sent it. */
  App.prototype.end = function () {
    if (this.ended) return false;
    window.clearTimeout(this.timer);
    this.writeState();
    if (this.nav && this.nav.current >= 0) this.lms.setLocation(this.data.screens[this.nav.current].id);
    this.writeRecords();
    this.lms.setExit(!this.finished);
    this.lms.setSessionTime(Date.now() - this.startedAt);
    this.ended = true;
    var finished = this.lms.finish();
    return finished && (!this.lms.accepted || this.lms.accepted());
  };

  App.prototype.run = function () {
    var self = this;
    this.nav = new DFC.Nav(this);
    this.nav.markMenu();
    if (this.lms.standalone) {
      this.notice(DFC.t('notice.not_recorded', 'Your results are not being recorded by a learning system. Your progress is saved in this browser only.'));
    } else if (this.stale) {
      this.notice(DFC.t('notice.progress_reset', 'Your saved answers could not be used with this version of the course, so they start afresh.'));
    } else if (this.lms.notice) {
      this.notice(this.lms.notice);
    }
    var exit = DFC.$('[data-dfc-exit]');
    if (exit && this.lms.canExit) {
      /* An LMS that launched the course in its own window gets it back from here. */
      exit.hidden = false;
      exit.addEventListener('click', function () {
        /* Claim only what the LMS confirmed: a refused value or a refused ending is said. */
        var confirmed = self.end();
        exit.hidden = true;
        self.notice(confirmed
          ? DFC.t('notice.left', 'You have left the course and your results have been sent to your learning system. You can close this window.')
          : DFC.t('notice.left_unconfirmed', 'You have left the course, but your learning system did not confirm that it has all of your results. Open the course again from your learning system to see what it kept.'));
      });
    }
    var form = DFC.$('[data-dfc-role-form]');
    if (form) DFC.QuizForm.enterChooses(form);
    DFC.$$('input[name="dfc-role"]', form).forEach(function (input) {
      input.checked = input.value === self.state.role;
      input.addEventListener('change', function () { self.setRole(input.value); });
    });
    this.applyRole(document);
    this.updateStatus();
    this.updateProgress();
    var index = this.resumeIndex(this.lms.location);
    if (index >= 0) this.nav.go(index, null, true);
    else if (DFC.startPressed) this.nav.go(0);
    window.addEventListener('pagehide', function () { self.end(); });
    window.addEventListener('beforeunload', function () { self.end(); });
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'hidden' && self.lms.dirty && self.lms.dirty()) self.checkpoint();
    });
  };

  /* Where to resume: the saved screen, else its module's first screen, else the start. */
  App.prototype.resumeIndex = function (location) {
    var ids = this.data.screens.map(function (s) { return s.id; });
    if (!location) return -1;
    var index = ids.indexOf(location);
    if (index < 0) index = ids.indexOf(location.split('/')[0] + '/overview');
    return index;
  };

  App.prototype.notice = function (text) {
    var box = document.getElementById('dfc-notice');
    box.textContent = text;
    box.hidden = false;
  };

  document.addEventListener('DOMContentLoaded', function () {
    /* An adapter may need to ask its LMS things first (cmi5 fetches its launch data). */
    var ready = DFC.beforeConnect ? DFC.beforeConnect() : Promise.resolve();
    ready.then(function () {
      DFC.connect(function (lms) {
        DFC.app = new App(lms);
        DFC.app.run();
      }, DFC.connectWaitMs);
    });
  });
})();
