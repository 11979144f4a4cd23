/* Quizzes, the marking: which questions an attempt draws, whether an answer is complete and
   right, the score, and the response the LMS is told. No DOM: quiz.js shows and records. */
(function () {
  'use strict';
  var DFC = window.DFC;
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

  /* What the score is made of: questions fully right, and whether part marks (a scenario
     partly well played) or unequal weights make the per cent differ from that count. */
  function madeOf(data, key, qs) {
    var ids = drawn(data, key, qs), weights = {};
    var made = { right: 0, count: ids.length, partial: false, weighted: false };
    ids.forEach(function (qid) {
      var q = data.questions[qid], answer = qs.answers[qid];
      if (isRight(q, answer)) made.right += 1;
      else if (q.type === 'scenario' && DFC.Scenario.credit(q, answer) > 0) made.partial = true;
      weights[q.weighting] = true;
    });
    made.weighted = Object.keys(weights).length > 1;
    return made;
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

  DFC.Quiz = { drawn: drawn, score: score, madeOf: madeOf, isAnswered: isAnswered, isRight: isRight,
    settings: settings, attemptsLeft: attemptsLeft, response: response, correctResponse: correctResponse };
})();
