/* preview --review: a Comment control for the screen on show, and the comments on it.
   Plain buttons, labels and a live region: usable by keyboard and screen reader. */
(function () {
  'use strict';
  var box = document.getElementById('review');
  var frame = document.getElementById('course');
  var state = { screen: null, title: '', comments: [], reviewer: null, version: '' };

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  /* The screen the trainee sees in the frame: its id and title, or the start screen. */
  function current() {
    try {
      var win = frame.contentWindow, DFC = win && win.DFC;
      if (!DFC || !DFC.app || !DFC.app.nav) return null;
      var index = DFC.app.nav.current;
      if (index < 0) return { id: 'start', title: 'Start' };
      var screen = DFC.data().screens[index];
      return { id: screen.id, title: screen.title };
    } catch (e) { return null; }
  }

  /* What on the screen a comment can be about: blocks with an id, questions, options. */
  function anchors() {
    var found = [];
    try {
      var doc = frame.contentDocument;
      var article = doc.querySelector('#dfc-screen article') || doc.querySelector('article');
      if (!article) return found;
      article.querySelectorAll('[id]').forEach(function (node) {
        if (/^H[1-6]$|^SECTION$|^ASIDE$|^FIGURE$/.test(node.tagName)) {
          found.push({ value: node.id, label: 'Block: ' + (node.textContent || node.id).trim().slice(0, 60) });
        }
      });
      article.querySelectorAll('[data-dfc-question]').forEach(function (q) {
        var qid = q.getAttribute('data-dfc-question');
        found.push({ value: qid, label: 'Question ' + qid });
        q.querySelectorAll('[data-dfc-option]').forEach(function (o) {
          var oid = qid + '/' + o.getAttribute('data-dfc-option');
          found.push({ value: oid, label: 'Option ' + oid });
        });
      });
    } catch (e) { /* the frame is between screens */ }
    return found;
  }

  function load() {
    return fetch('/__dfc/reviews', { cache: 'no-store' }).then(function (r) { return r.json(); })
      .then(function (data) {
        state.comments = data.comments;
        state.reviewer = data.reviewer;
        state.version = data.version;
      });
  }

  function announce(text) { document.getElementById('review-status').textContent = text; }

  function render(keepForm) {
    var open = !keepForm && document.getElementById('review-form');
    if (keepForm && document.getElementById('review-form')) {
      renderList();
      return;
    }
    box.replaceChildren();
    box.appendChild(el('h2', 'Review comments', { id: 'review-heading' }));
    var who = state.reviewer ? state.reviewer.name + ' (' + state.reviewer.group + ')' : '';
    box.appendChild(el('p', 'Version ' + state.version + ', commenting as ' + who + '.'));
    box.appendChild(el('p', 'Screen: ' + (state.title || '–'), { id: 'review-screen', 'data-screen': state.screen || '' }));
    var button = el('button', 'Comment', {
      type: 'button', id: 'review-comment', 'aria-expanded': 'false', 'aria-controls': 'review-form',
      'aria-describedby': 'review-screen'
    });
    button.disabled = !state.screen;
    button.addEventListener('click', function () { showForm(button); });
    box.appendChild(button);
    box.appendChild(el('div', '', { id: 'review-status', role: 'status', 'aria-live': 'polite' }));
    box.appendChild(el('ul', undefined, { id: 'review-list', 'aria-label': 'Comments on this screen' }));
    renderList();
    if (open) open.remove();
  }

  function renderList() {
    var list = document.getElementById('review-list');
    list.replaceChildren();
    state.comments.filter(function (c) { return c.screen === state.screen; }).forEach(function (c) {
      var item = el('li', undefined, { 'data-comment': String(c.id) });
      var about = c.anchor ? ' on ' + c.anchor : '';
      item.appendChild(el('p', '#' + c.id + ' ' + c.author + ' (' + c.group + ')' + about + ', ' + c.status));
      item.appendChild(el('p', c.text, { 'class': 'review-text' }));
      var toggle = el('button', c.status === 'open' ? 'Mark resolved' : 'Reopen', { type: 'button' });
      toggle.setAttribute('aria-label', (c.status === 'open' ? 'Mark resolved: comment ' : 'Reopen: comment ') + c.id);
      toggle.addEventListener('click', function () { resolve(c); });
      item.appendChild(toggle);
      list.appendChild(item);
    });
  }

  function showForm(button) {
    if (document.getElementById('review-form')) {
      document.getElementById('review-text').focus();
      return;
    }
    var form = el('form', undefined, { id: 'review-form', 'aria-label': 'New comment' });
    var choices = anchors();
    form.appendChild(el('label', 'About', { 'for': 'review-anchor' }));
    var select = el('select', undefined, { id: 'review-anchor' });
    select.appendChild(el('option', 'The whole screen', { value: '' }));
    choices.forEach(function (a) { select.appendChild(el('option', a.label, { value: a.value })); });
    form.appendChild(select);
    form.appendChild(el('label', 'Your comment on ' + state.title, { 'for': 'review-text' }));
    var text = el('textarea', undefined, { id: 'review-text', rows: '4', required: '' });
    form.appendChild(text);
    form.appendChild(el('button', 'Save comment', { type: 'submit' }));
    var cancel = el('button', 'Cancel', { type: 'button' });
    form.appendChild(cancel);
    var screen = state.screen;
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (!text.value.trim()) { announce('Write a comment first.'); text.focus(); return; }
      save({ screen: screen, anchor: select.value || null, text: text.value }, form, button);
    });
    cancel.addEventListener('click', function () { close(form, button); });
    form.addEventListener('keydown', function (event) { if (event.key === 'Escape') close(form, button); });
    button.after(form);
    button.setAttribute('aria-expanded', 'true');
    text.focus();
  }

  function close(form, button) {
    form.remove();
    button.setAttribute('aria-expanded', 'false');
    button.focus();
  }

  function save(comment, form, button) {
    fetch('/__dfc/reviews', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(comment) })
      .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
      .then(function (answer) {
        if (!answer.ok) { announce('Not saved: ' + answer.body.error); return; }
        close(form, button);
        return load().then(function () { renderList(); announce('Comment ' + answer.body.id + ' saved.'); });
      })
      .catch(function () { announce('Not saved: the preview server did not answer. Your text is still in the box.'); });
  }

  function resolve(comment) {
    var status = comment.status === 'open' ? 'resolved' : 'open';
    fetch('/__dfc/reviews/resolve', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: comment.id, status: status }) })
      .then(function () { return load(); })
      .then(function () { renderList(); announce('Comment ' + comment.id + ' is ' + status + '.'); });
  }

  /* Follow the screen on show; keep a half-written comment when the trainee moves on. */
  function watch() {
    var now = current();
    var id = now ? now.id : null;
    if (id !== state.screen && !document.getElementById('review-form')) {
      state.screen = id;
      state.title = now ? now.title : '';
      render(false);
      /* Another reviewer may have commented since: show this screen's comments as stored. */
      load().then(function () { if (state.screen === id) renderList(); });
    }
  }

  /* Other reviewers' comments appear without a reload; the list is redrawn only when the
     stored comments changed, so a screen reader's place in it is not lost for nothing. */
  function refresh() {
    var before = JSON.stringify(state.comments);
    load().then(function () {
      if (JSON.stringify(state.comments) !== before && document.getElementById('review-list')) renderList();
    });
  }

  load().then(function () {
    render(false);
    window.setInterval(watch, 300);
    window.setInterval(refresh, 2000);
  });
})();
