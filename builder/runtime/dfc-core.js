/* dfc-course runtime: the shared namespace and small DOM helpers. */
(function () {
  'use strict';
  var DFC = window.DFC = window.DFC || {};
  DFC.adapters = DFC.adapters || {};

  /* Start pressed before the runtime is ready (the LMS may answer late): kept, and acted on
     once it is (main.js), never followed to a page outside the course's runtime. */
  document.addEventListener('click', function (event) {
    if (!(DFC.app && DFC.app.nav) && event.target.closest && event.target.closest('[data-dfc-start]')) {
      DFC.startPressed = true;
    }
  });

  /* Send a cancellable custom event from one place, like a11y-dialog's fire(). */
  DFC.fire = function (name, detail) {
    var event = new CustomEvent('dfc:' + name, { detail: detail, cancelable: true });
    document.dispatchEvent(event);
    return event;
  };

  DFC.$ = function (selector, root) { return (root || document).querySelector(selector); };
  DFC.$$ = function (selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  };

  /* Errors are logged once each, so a failing LMS never floods the console. */
  var logged = {};
  DFC.warn = function (message) {
    if (logged[message]) return;
    logged[message] = true;
    if (window.console) console.warn('[dfc] ' + message);
  };

  /* Polite announcements for screen readers. A newer one replaces one still waiting: a
     scenario's last step answered just before Check must not be read after the result. */
  var waiting = null;
  DFC.announce = function (text) {
    var live = document.getElementById('dfc-live');
    if (!live) return;
    live.textContent = '';
    window.clearTimeout(waiting);
    waiting = window.setTimeout(function () { live.textContent = text; }, 50);
  };

  /* Move focus to a heading and bring it into view: the top of the page when the heading fits
     below the header there, else the heading itself (a zoomed page may be short). */
  DFC.focusHeading = function (heading) {
    if (!heading) return;
    if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
    window.scrollTo(0, 0);
    /* Whole pixels, rounded down: a layout with fractional heights must not leave the
       heading's top a fraction of a pixel above the screen. */
    var box = heading.getBoundingClientRect();
    if (box.bottom > window.innerHeight) window.scrollTo(0, Math.floor(box.top + window.scrollY));
  };

  /* Interface text from the course language's catalogue (data.interface), or the English
     given here, which a test holds equal to the en-GB catalogue. {names} are filled from
     `params`; a count picks its CLDR plural form with the browser's Intl.PluralRules. */
  function fill(text, params) {
    return String(text).replace(/\{([a-z_]+)\}/g, function (all, name) {
      return params && name in params ? String(params[name]) : all;
    });
  }
  DFC.t = function (key, english, params) {
    var words = DFC.data().interface || {};
    return fill(typeof words[key] === 'string' ? words[key] : english, params);
  };
  DFC.tp = function (key, count, english, params) {
    var words = DFC.data().interface || {}, forms = words[key] || english;
    var lang = DFC.data().language || document.documentElement.lang || 'en';
    var form = 'other';
    try { form = new Intl.PluralRules(lang).select(count); } catch (e) { /* unknown tag */ }
    var all = { count: count };
    Object.keys(params || {}).forEach(function (k) { all[k] = params[k]; });
    return fill(forms[form] || forms.other, all);
  };

  DFC.data = function () {
    if (!DFC._data) DFC._data = JSON.parse(document.getElementById('dfc-data').textContent);
    return DFC._data;
  };

  /* A small seeded generator, so a resumed attempt draws and shuffles the same way. */
  DFC.random = function (seed) {
    var s = seed >>> 0 || 1;
    return function () {
      s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
      return s / 4294967296;
    };
  };
  DFC.shuffle = function (list, rand) {
    var copy = list.slice();
    for (var i = copy.length - 1; i > 0; i--) {
      var j = Math.floor(rand() * (i + 1));
      var t = copy[i]; copy[i] = copy[j]; copy[j] = t;
    }
    return copy;
  };
  DFC.newSeed = function () { return 1 + Math.floor(Math.random() * 2147483646); };
})();
