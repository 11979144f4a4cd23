/* Scenarios: one decision at a time. The answer is the path taken (a list of choice ids).
   It earns the points of the choices taken over the best points on offer at the steps
   visited, so the best choice at every step earns full marks whatever the path's length.
   A decision stands: there is no going back. */
(function () {
  'use strict';
  var DFC = window.DFC;

  /* Follow a path from the start: each step's node, choice [id, next, end, score] and
     position; then the node it stands at, or the ending it reached. */
  function walk(q, path) {
    var steps = [], node = q.start, end = '';
    (path || []).forEach(function (id) {
      var choices = end ? null : q.nodes[node];
      var i = choices ? choices.map(function (c) { return c[0]; }).indexOf(id) : -1;
      if (i < 0) throw new Error('bad path');
      steps.push({ node: node, choice: choices[i], index: i });
      node = choices[i][1];
      end = choices[i][2];
    });
    return { steps: steps, node: end ? '' : node, end: end };
  }

  function ended(q, path) { return !!(path && path.length && walk(q, path).end); }
  /* The highest score any choice at the node earns. */
  function bestAt(q, node) {
    return Math.max.apply(null, q.nodes[node].map(function (c) { return c[3]; }));
  }
  function isBest(q, step) { return step.choice[3] === bestAt(q, step.node); }
  /* The points taken and the best points on offer at the steps visited. */
  function tally(q, path) {
    return walk(q, path).steps.reduce(function (sum, s) {
      return { got: sum.got + s.choice[3], offered: sum.offered + bestAt(q, s.node),
        best: sum.best + (isBest(q, s) ? 1 : 0), steps: sum.steps + 1 };
    }, { got: 0, offered: 0, best: 0, steps: 0 });
  }
  /* The share of the marks (0 to 1) the path earns; nothing until it reaches an ending. */
  function credit(q, path) {
    if (!ended(q, path)) return 0;
    var t = tally(q, path);
    return t.offered ? t.got / t.offered : 1;
  }

  /* In suspend data: each step's choice position, one base-36 character a step. */
  function encode(q, path) {
    return walk(q, path).steps.map(function (s) { return s.index.toString(36); }).join('');
  }
  function decode(q, text) {
    var node = q.start, path = [];
    text.split('').forEach(function (ch) {
      var choice = node && q.nodes[node] && q.nodes[node][parseInt(ch, 36)];
      if (!choice) throw new Error('bad answer');
      path.push(choice[0]);
      node = choice[2] ? '' : choice[1];
    });
    return path;
  }

  function fourPlaces(x) { return Math.round(x * 10000) / 10000; }

  /* One LMS interaction per decision: id <question>-<node>; correct for a best choice,
     neutral for one that earns some points, incorrect for none. The scenario's weight is
     shared among its decisions by the best points on offer at each, so the decisions'
     weightings add up to the scenario's; credit is the share of its weighting earned. */
  function decisions(q, path) {
    var at = walk(q, path), offered = tally(q, path).offered;
    return at.steps.map(function (s) {
      var choices = q.nodes[s.node], top = bestAt(q, s.node);
      var best = choices.filter(function (c) { return c[3] === top; }).map(function (c) { return c[0]; });
      var share = offered ? top / offered : 1 / at.steps.length;
      return { node: s.node, options: choices.map(function (c) { return c[0]; }), response: [s.choice[0]],
        correct: best, result: s.choice[3] === top ? 'correct' : s.choice[3] > 0 ? 'neutral' : 'incorrect',
        weighting: fourPlaces((q.weighting || 1) * share), credit: top ? fourPlaces(s.choice[3] / top) : 1 };
    });
  }

  /* ---- The DOM side ---- */

  function choiceRow(box, step) {
    return DFC.$('[data-dfc-node="' + step.node + '"] [data-dfc-choice="' + step.choice[0] + '"]', box);
  }
  function said(row, selector) { return DFC.$(selector, row).textContent.trim(); }

  /* A line of the review: its label in bold, then what it says. */
  function line(parent, label, text, cls) {
    var p = document.createElement('p');
    var strong = document.createElement('strong');
    strong.textContent = label + ' ';
    p.appendChild(strong);
    p.appendChild(document.createTextNode(text));
    if (cls) p.className = cls;
    parent.appendChild(p);
    return p;
  }

  /* The path taken, one numbered item a step: the choice, what happened, its points, and
     where it was not the best choice, the best one. */
  function review(box, q, path) {
    var list = DFC.$('[data-dfc-path] ol', box);
    list.replaceChildren();
    walk(q, path).steps.forEach(function (s) {
      var row = choiceRow(box, s), top = bestAt(q, s.node);
      var item = document.createElement('li');
      line(item, DFC.t('scenario.you_chose', 'You chose:'), said(row, 'label') + ' ' +
        DFC.tp('scenario.points', top, { one: '({got} of {count} point)', other: '({got} of {count} points)' }, { got: s.choice[3] }),
        'dfc-review-choice');
      line(item, DFC.t('scenario.what_happened', 'What happened:'), said(row, '[data-dfc-feedback]'), 'dfc-review-outcome');
      if (!isBest(q, s)) {
        var best = q.nodes[s.node].filter(function (c) { return c[3] === top; }).map(function (c) {
          return said(choiceRow(box, { node: s.node, choice: c }), 'label');
        });
        line(item, best.length > 1 ? DFC.t('scenario.best_choices', 'Best choices here:') :
          DFC.t('scenario.best_choice', 'The best choice here:'), best.join(' ' + DFC.t('scenario.or', 'Or:') + ' '), 'dfc-review-best');
      }
      list.appendChild(item);
    });
    DFC.$('[data-dfc-path]', box).hidden = false;
  }

  function show(box, q, path, focus) {
    var at = walk(q, path);
    DFC.$$('[data-dfc-node]', box).forEach(function (el) { el.hidden = el.getAttribute('data-dfc-node') !== at.node; });
    DFC.$$('[data-dfc-ending]', box).forEach(function (el) { el.hidden = el.getAttribute('data-dfc-ending') !== at.end; });
    var last = at.steps[at.steps.length - 1];
    var note = DFC.$('[data-dfc-consequence]', box);
    note.hidden = !last;
    note.replaceChildren();
    var told = '';
    if (last) {
      var row = choiceRow(box, last);
      line(note, DFC.t('scenario.you_chose', 'You chose:'), said(row, 'label'));
      line(note, DFC.t('scenario.what_happened', 'What happened:'), said(row, '[data-dfc-feedback]'));
      told = DFC.t('scenario.told', 'You chose: {choice}. What happened: {outcome}',
        { choice: said(row, 'label'), outcome: said(row, '[data-dfc-feedback]') });
    }
    var current = DFC.$(at.node ? '[data-dfc-node="' + at.node + '"]' : '[data-dfc-ending="' + at.end + '"]', box);
    if (at.node) {
      DFC.$('[data-dfc-step]', current).textContent = at.steps.length + 1;
      DFC.$$('input', current).forEach(function (input) { input.checked = false; });
    } else {
      review(box, q, path);
    }
    if (focus) {
      DFC.$('h3', current).focus();
      DFC.announce(told + (at.end ? ' ' + DFC.$('h3', current).nextElementSibling.textContent : ''));
    }
  }

  /* Wire up one scenario of a quiz; `decided` runs after each decision is kept. */
  function mount(box, q, path, decided) {
    DFC.$$('[data-dfc-decide]', box).forEach(function (button) {
      button.addEventListener('click', function () {
        var node = button.closest('[data-dfc-node]');
        var picked = DFC.$('input:checked', node);
        DFC.$('[data-dfc-choose]', node).hidden = !!picked;
        if (!picked) return DFC.$('input', node).focus();
        path = decided(picked.value);
        show(box, q, path, true);
      });
    });
    show(box, q, path, false);
  }

  /* In the same terms as the handbook and the trainer's preview. */
  function summary(t) {
    return DFC.tp('scenario.summary', t.steps, {
      one: 'You took the best choice at {best} of {count} step ({got} of the {offered} points on offer at those steps).',
      other: 'You took the best choice at {best} of {count} steps ({got} of the {offered} points on offer at those steps).'
    }, { best: t.best, got: t.got, offered: t.offered });
  }

  /* After the quiz is marked: the path stays in view with the score it earned. */
  function mark(box, q, path) {
    DFC.$$('fieldset', box).forEach(function (f) { f.disabled = true; });
    DFC.$$('[data-dfc-decide]', box).forEach(function (b) { b.disabled = true; });
    var result = DFC.$('[data-dfc-result]', box);
    result.hidden = false;
    result.textContent = ended(q, path) ? summary(tally(q, path)) : DFC.t('scenario.unfinished', 'You did not finish this scenario.');
  }

  DFC.Scenario = { walk: walk, ended: ended, credit: credit, tally: tally, bestAt: bestAt, encode: encode, decode: decode,
    decisions: decisions, mount: mount, mark: mark };
})();
