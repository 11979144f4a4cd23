/* The preview page: the live panel of tracked data and calls, reload on rebuild, reset. */
(function () {
  'use strict';
  var LMS = window.PreviewLMS;
  var V12 = LMS.version === '1.2';
  var frame = document.getElementById('course');
  var panel = document.getElementById('panel');
  var errorBox = document.getElementById('build-error');
  var build = null;

  var el = DFCPreview.el, row = DFCPreview.row;
  function v(key) { return LMS.data[key] || ''; }

  function interactions() {
    var rows = [];
    for (var i = 0; LMS.data['cmi.interactions.' + i + '.id'] !== undefined; i++) {
      var p = 'cmi.interactions.' + i + '.';
      rows.push([v(p + 'id'), v(p + 'type'), v(p + (V12 ? 'student_response' : 'learner_response')), v(p + 'result')]);
    }
    return rows;
  }

  function render() {
    panel.replaceChildren();
    panel.appendChild(el('h2', 'What the LMS holds'));
    var facts = el('dl', undefined, 'facts');
    var items = V12
      ? [['Status', v('cmi.core.lesson_status')], ['Score', v('cmi.core.score.raw')],
         ['Location', v('cmi.core.lesson_location')]]
      : [['Completion', v('cmi.completion_status')], ['Success', v('cmi.success_status')],
         ['Score', v('cmi.score.raw') + (v('cmi.score.scaled') ? ' (scaled ' + v('cmi.score.scaled') + ')' : '')],
         ['Progress', v('cmi.progress_measure')], ['Location', v('cmi.location')]];
    items.push(['Suspend data', v('cmi.suspend_data').length + ' characters']);
    items.forEach(function (item) {
      facts.appendChild(el('dt', item[0]));
      facts.appendChild(el('dd', item[1] || '–'));
    });
    panel.appendChild(facts);
    panel.appendChild(el('h2', 'Interactions'));
    var table = el('table', undefined, 'interactions');
    row(table, ['Id', 'Type', 'Response', 'Result'], true);
    interactions().forEach(function (cells) { row(table, cells); });
    panel.appendChild(table);
    panel.appendChild(el('h2', 'API calls (' + LMS.calls.length + ')'));
    var list = el('ol', undefined, 'calls');
    LMS.calls.slice(-60).forEach(function (call) {
      var text = call.name + '(' + call.args.map(function (a) { return JSON.stringify(a); }).join(', ') + ') → ' +
        JSON.stringify(call.result) + (call.error !== '0' ? ' [error ' + call.error + ']' : '');
      list.appendChild(el('li', text));
    });
    panel.appendChild(list);
  }

  var pending = false;
  LMS.listeners.push(function () {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; render(); });
  });

  /* Unload the course first, so it terminates its session, then launch it again. */
  function reloadCourse(beforeLaunch) {
    frame.addEventListener('load', function launch() {
      frame.removeEventListener('load', launch);
      if (beforeLaunch) beforeLaunch();
      LMS.relaunch();
      frame.src = '/course/index.html';
    });
    frame.src = 'about:blank';
  }

  function poll() {
    fetch('/__dfc/status', { cache: 'no-store' }).then(function (r) { return r.json(); }).then(function (status) {
      if (DFCPreview.buildChanged(status, errorBox, build)) reloadCourse();
      build = status.build;
    }).catch(function () { /* the preview server stopped */ }).then(function () {
      window.setTimeout(poll, 500);
    });
  }

  document.getElementById('reset').addEventListener('click', function () {
    reloadCourse(function () { LMS.reset(); render(); });
  });
  render();
  poll();
})();
