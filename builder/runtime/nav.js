/* Moving between screens: fetch the page, show it, move focus, update menu and progress. */
(function () {
  'use strict';
  var DFC = window.DFC;
  var cache = {};

  function load(url) {
    if (!cache[url]) {
      cache[url] = fetch(url, { credentials: 'same-origin' }).then(function (r) {
        if (!r.ok) throw new Error(url + ': ' + r.status);
        return r.text();
      }).then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var article = doc.querySelector('article.dfc-screen');
        if (!article) throw new Error(url + ': no screen');
        return article;
      });
      cache[url].catch(function () { delete cache[url]; });
    }
    return cache[url];
  }

  /* Other parts of the runtime borrow screens too (the final assessment borrows questions). */
  DFC.loadScreen = load;

  function Nav(app) {
    this.app = app;
    this.screens = app.data.screens;
    this.current = -1;
    this.holder = document.getElementById('dfc-screen');
    this.start = this.holder.firstElementChild;
    this.prev = DFC.$('[data-dfc-prev]');
    this.next = DFC.$('[data-dfc-next]');
    var self = this;
    this.prev.addEventListener('click', function () { self.go(self.current - 1); });
    this.next.addEventListener('click', function () { self.go(self.current + 1); });
    document.addEventListener('click', function (event) { self.onClick(event); });
    var resizing = 0;
    window.addEventListener('resize', function () {
      window.clearTimeout(resizing);
      resizing = window.setTimeout(function () { scrollableTables(self.holder); }, 150);
    });
    var toggle = this.toggle = DFC.$('.dfc-menu-toggle');
    this.menu = DFC.$('.dfc-menu');
    toggle.addEventListener('click', function () {
      var open = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', String(open));
      document.body.classList.toggle('dfc-menu-open', open);
    });
    /* The open menu lies over the screen: Escape closes it and gives focus back to its
       button; focus or a click anywhere else closes it too, so nothing focused is hidden. */
    document.addEventListener('keydown', function (event) {
      if (event.key !== 'Escape' || !self.menuOpen()) return;
      self.closeMenu();
      toggle.focus();
    });
    document.addEventListener('focusin', function (event) {
      if (self.menuOpen() && !self.inMenu(event.target)) self.closeMenu();
    });
    /* Start is a button the runtime wires up: until then it says it is not ready, and a
       press while waiting is kept (dfc-core.js) and acted on now. */
    var start = DFC.$('[data-dfc-start]');
    if (start) {
      start.removeAttribute('aria-disabled');
      start.addEventListener('click', function () { self.go(0); });
    }
  }

  Nav.prototype.menuOpen = function () { return document.body.classList.contains('dfc-menu-open'); };
  Nav.prototype.inMenu = function (el) { return this.menu.contains(el) || this.toggle.contains(el); };

  /* The contents say in words which screens were seen and which checks are done, so the
     marks do not rest on colour (a visited link's) alone. */
  Nav.prototype.markMenu = function () {
    var app = this.app, state = app.state;
    this.screens.forEach(function (screen, i) {
      var link = DFC.$('.dfc-menu a[data-dfc-screen="' + screen.id + '"]');
      if (!link) return;
      var key = screen.kind === 'final' ? 'final' : screen.module;
      var done = screen.kind === 'diagnostic' ? !!(state.diag && state.diag.done) :
        (screen.kind === 'quiz' || screen.kind === 'final') && !!(state.quizzes[key] && state.quizzes[key].done);
      var word = done ? DFC.t('menu.done', '(done)') : state.seen[i] ? DFC.t('menu.seen', '(seen)') : '';
      var mark = DFC.$('.dfc-menu-mark', link);
      if (!word) { if (mark) mark.remove(); return; }
      if (!mark) {
        mark = document.createElement('span');
        mark.className = 'dfc-menu-mark';
        link.appendChild(mark);
      }
      mark.textContent = ' ' + word;
    });
  };

  Nav.prototype.indexOfUrl = function (href) {
    var base = document.baseURI;
    for (var i = 0; i < this.screens.length; i++) {
      if (new URL(this.screens[i].url, base).href === href) return i;
    }
    return -1;
  };

  /* Print one template on its own: the print styles hide everything else while it prints. */
  DFC.printTemplate = function (section) {
    var body = document.body;
    section.classList.add('dfc-print-this');
    body.classList.add('dfc-print-one');
    function done() {
      section.classList.remove('dfc-print-this');
      body.classList.remove('dfc-print-one');
      window.removeEventListener('afterprint', done);
    }
    window.addEventListener('afterprint', done);
    try { window.print(); } catch (e) { DFC.warn('printing is not available here'); done(); }
  };

  /* A table or a diagram wider than the screen scrolls sideways: it can then take focus, so
     that a keyboard user can scroll it too, and a line just above it says that part of it is
     out of view. A diagram's wrapper is then a region named by the diagram's text alternative.
     Checked when a screen is shown and when the window changes size. */
  function scrollable(box, wide, cueText) {
    var cue = box.previousElementSibling;
    if (!(cue && cue.classList.contains('dfc-scroll-cue'))) cue = null;
    var figure = box.classList.contains('dfc-figure');
    var img = figure && box.querySelector('img');
    if (wide) {
      box.tabIndex = 0;
      if (figure) {
        box.setAttribute('role', 'region');
        box.setAttribute('aria-label', img ? img.getAttribute('alt') || '' : '');
      }
      if (!cue) {
        cue = document.createElement(figure ? 'span' : 'p');
        cue.className = 'dfc-scroll-cue';
        cue.textContent = cueText;
        box.parentNode.insertBefore(cue, box);
      }
    } else {
      ['tabindex', 'role', 'aria-label'].forEach(function (name) {
        if (box.hasAttribute(name) && (name === 'tabindex' || figure)) box.removeAttribute(name);
      });
      if (cue) cue.parentNode.removeChild(cue);
    }
  }
  function scrollableTables(root) {
    DFC.$$('table', root).forEach(function (table) {
      scrollable(table, table.scrollWidth > table.clientWidth + 1, DFC.t('table.scroll_cue',
        'This table is wider than the screen: scroll it sideways to see every column.'));
    });
    DFC.$$('.dfc-figure', root).forEach(function (box) {
      scrollable(box, box.scrollWidth > box.clientWidth + 1, DFC.t('figure.scroll_cue',
        'This diagram is wider than the screen: scroll it sideways to see all of it.'));
    });
  }
  DFC.scrollableTables = scrollableTables;

  /* Links to a screen move within the course instead of leaving it. */
  Nav.prototype.onClick = function (event) {
    var print = event.target.closest && event.target.closest('[data-dfc-print]');
    if (print) { DFC.printTemplate(print.closest('.dfc-template')); return; }
    if (this.menuOpen() && event.target.closest && !this.inMenu(event.target)) this.closeMenu();
    var link = event.target.closest && event.target.closest('a[href]');
    if (!link || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey) return;
    var target = new URL(link.getAttribute('href'), document.baseURI);
    var index = this.indexOfUrl(target.href.split('#')[0]);
    if (index < 0) return;
    event.preventDefault();
    if (link.closest('.dfc-menu')) this.closeMenu();
    this.go(index, target.hash ? target.hash.slice(1) : null);
  };

  Nav.prototype.closeMenu = function () {
    DFC.$('.dfc-menu-toggle').setAttribute('aria-expanded', 'false');
    document.body.classList.remove('dfc-menu-open');
  };

  Nav.prototype.go = function (index, anchor, quiet) {
    var self = this;
    var screen = this.screens[index];
    if (!screen || (this.current < 0 && this.app.roleMissing())) return Promise.resolve();
    this.pending = index;
    return load(screen.url).then(function (article) {
      if (self.pending !== index) return;
      self.show(index, document.importNode(article, true), anchor, quiet);
    }, function (error) {
      DFC.warn('could not open ' + screen.url + ': ' + error.message);
      window.location.href = screen.url;
    });
  };

  Nav.prototype.reshow = function () { return this.go(this.current, null, true); };

  Nav.prototype.show = function (index, article, anchor, quiet) {
    var screen = this.screens[index];
    this.current = index;
    this.holder.replaceChildren(article);
    document.title = screen.title + ' – ' + this.app.data.title;
    DFC.$$('.dfc-menu a[data-dfc-screen]').forEach(function (a) {
      if (a.getAttribute('data-dfc-screen') === screen.id) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    });
    this.setPager(this.prev, this.screens[index - 1], DFC.t('nav.previous', 'Previous'));
    this.setPager(this.next, this.screens[index + 1], DFC.t('nav.next', 'Next'));
    this.app.visit(index, article);
    scrollableTables(article);
    var form = DFC.$('form.dfc-quiz', article);
    /* Settles once the screen's quiz is set up (the final loads its questions first). */
    this.ready = Promise.resolve(form ? DFC.Quiz.mount(form, this.app) : null);
    var heading = anchor ? document.getElementById(anchor) : DFC.$('h1', article);
    if (!quiet) DFC.focusHeading(heading);
    if (this.screens[index + 1]) load(this.screens[index + 1].url);
    DFC.fire('page', { index: index, id: screen.id });
  };

  Nav.prototype.setPager = function (button, screen, word) {
    button.hidden = !screen;
    if (screen) {
      button.textContent = word;
      var hint = document.createElement('span');
      hint.className = 'dfc-visually-hidden';
      hint.textContent = ': ' + screen.title;
      button.appendChild(hint);
    }
  };

  DFC.Nav = Nav;
})();
