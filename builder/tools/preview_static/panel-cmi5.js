/* The cmi5 preview page: every statement the course sent, reload on rebuild, reset. */
(function () {
  'use strict';
  var frame = document.getElementById('course');
  var panel = document.getElementById('panel');
  var errorBox = document.getElementById('build-error');
  var build = null;
  var shown = '';

  var el = DFCPreview.el, row = DFCPreview.row;
  function verb(s) { return String(s.verb && s.verb.id || '').split('/').pop(); }
  function object(s) {
    var id = String(s.object && s.object.id || '');
    var at = id.indexOf('/questions/');
    return at >= 0 ? id.slice(at + 1) : 'the course (AU)';
  }
  function result(s) {
    var r = s.result || {};
    var parts = [];
    if (r.response !== undefined) parts.push('response ' + r.response);
    if (r.success !== undefined) parts.push(r.success ? 'right' : 'not right');
    if (r.completion) parts.push('completion');
    if (r.score) parts.push('score ' + r.score.raw + ' (scaled ' + r.score.scaled + ')');
    if (r.duration) parts.push(r.duration);
    return parts.join(', ');
  }

  function render(summary) {
    var text = JSON.stringify(summary);
    if (text === shown) return;
    shown = text;
    panel.replaceChildren();
    panel.appendChild(el('h2', 'Statements sent (' + summary.statements.length + ')'));
    var table = el('table', undefined, 'statements');
    row(table, ['#', 'Verb', 'Object', 'Result'], true);
    summary.statements.forEach(function (s, i) { row(table, [String(i + 1), verb(s), object(s), result(s)]); });
    panel.appendChild(table);
    var progress = summary.state && Object.keys(summary.state).filter(function (k) { return k !== 'LMS.LaunchData'; })[0];
    var facts = el('dl', undefined, 'facts');
    var doc = progress ? summary.state[progress] : {};
    [['Registration', summary.registration], ['Location', doc.location || ''],
      ['Suspend data', (doc.suspendData || '').length + ' characters']].forEach(function (item) {
      facts.appendChild(el('dt', item[0]));
      facts.appendChild(el('dd', item[1] || '–'));
    });
    panel.appendChild(el('h2', 'State'));
    panel.appendChild(facts);
    var details = el('details');
    details.appendChild(el('summary', 'The last statement in full'));
    details.appendChild(el('pre', JSON.stringify(summary.statements[summary.statements.length - 1] || {}, null, 2)));
    panel.appendChild(details);
  }

  /* Unload the course first, so it sends terminated, then launch a new session. */
  function reloadCourse(beforeLaunch) {
    frame.addEventListener('load', function launch() {
      frame.removeEventListener('load', launch);
      Promise.resolve(beforeLaunch && beforeLaunch()).then(function () { frame.src = '/__dfc/launch'; });
    });
    frame.src = 'about:blank';
  }

  function poll() {
    Promise.all([
      fetch('/__dfc/status', { cache: 'no-store' }).then(function (r) { return r.json(); }),
      fetch('/__dfc/statements', { cache: 'no-store' }).then(function (r) { return r.json(); })
    ]).then(function (answers) {
      var status = answers[0];
      if (DFCPreview.buildChanged(status, errorBox, build)) reloadCourse();
      build = status.build;
      render(answers[1]);
    }).catch(function () { /* the preview server stopped */ }).then(function () {
      window.setTimeout(poll, 500);
    });
  }

  document.getElementById('reset').addEventListener('click', function () {
    reloadCourse(function () { return fetch('/__dfc/reset', { method: 'POST' }); });
  });
  poll();
})();
