/* cmi5 session (AU side, cmi5 sections 7-11): launch parameters, auth token, LMS.LaunchData,
   learner preferences, the course's own State document, and statements queued in order and
   retried until the LRS takes them. What the course reports as statements is in
   cmi5-statements.js; the statement profile is in docs/cmi5-statements.md. */
(function () {
  'use strict';
  var DFC = window.DFC;
  var VERB = 'http://adlnet.gov/expapi/verbs/';
  var CMI5 = 'https://w3id.org/xapi/cmi5/context/';
  var CATEGORY = CMI5 + 'categories/cmi5', MOVEON = CMI5 + 'categories/moveon';
  var GLOBAL = 'DFC_cmi5Session';
  var RETRY_MAX_MS = 30000;

  function uuid() {
    var b = new Uint8Array(16);
    window.crypto.getRandomValues(b);
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }
  function copy(x) { return JSON.parse(JSON.stringify(x)); }
  function duration(ms) {
    var cs = Math.max(0, Math.round(ms / 10));
    var h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60, s = (cs % 6000) / 100;
    return 'PT' + (h ? h + 'H' : '') + (m ? m + 'M' : '') + s + 'S';
  }
  function store(kind) { try { return window[kind]; } catch (e) { return null; } }
  function remember(key, value) {
    var s = store('sessionStorage');
    try { if (s) s.setItem(key, JSON.stringify(value)); } catch (e) { /* full or refused: keep it in memory */ }
  }
  function recall(key) {
    var s = store('sessionStorage');
    try { return s ? JSON.parse(s.getItem(key) || 'null') : null; } catch (e) { return null; }
  }

  /* 8.1: every launch parameter, or this is not a cmi5 launch. */
  function launchParameters() {
    var q = new URLSearchParams(window.location.search);
    var p = {};
    var ok = ['endpoint', 'fetch', 'actor', 'registration', 'activityId'].every(function (n) {
      p[n] = q.get(n);
      return !!p[n];
    });
    if (!ok) return null;
    try { p.actor = JSON.parse(p.actor); } catch (e) { return null; }
    if (p.endpoint.slice(-1) !== '/') p.endpoint += '/';
    return p;
  }

  /* One session with the LMS: the token, LaunchData and the xAPI requests. */
  function Session(p) {
    this.p = p;
    this.key = 'dfc-cmi5:' + p.registration + ':' + p.fetch;
    this.queue = [];
    this.sending = 0;
    this.delay = 1000;
    this.log = [];
  }

  Session.prototype.request = function (method, resource, query, body, keepalive) {
    var url = this.p.endpoint + resource + '?' + new URLSearchParams(query || {}).toString();
    var headers = { Authorization: 'Basic ' + this.token, 'X-Experience-API-Version': '1.0.3' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    var init = { method: method, headers: headers, credentials: 'omit', keepalive: !!keepalive };
    if (body !== undefined) init.body = JSON.stringify(body);
    try { return fetch(url, init); } catch (e) { return Promise.reject(e); }
  };

  /* The course's own State document: progress and what this registration has been sent. */
  function progressId() { return String(DFC.data().iri || '').replace(/\/+$/, '') + '/state/progress'; }

  Session.prototype.stateQuery = function (stateId) {
    return { stateId: stateId, activityId: this.p.activityId, agent: JSON.stringify(this.p.actor),
      registration: this.p.registration };
  };

  Session.prototype.getJSON = function (resource, query) {
    return this.request('GET', resource, query).then(function (r) {
      if (r.status === 404) return null;
      if (!r.ok) throw new Error(resource + ' answered ' + r.status);
      return r.json();
    });
  };

  /* 8.2: POST once for the token; a reload finds it kept for this session. */
  Session.prototype.fetchToken = function () {
    var self = this;
    var kept = recall(this.key);
    if (kept && kept.token) {
      this.kept = kept;
      this.token = kept.token;
      return Promise.resolve();
    }
    return fetch(this.p.fetch, { method: 'POST', credentials: 'omit' }).then(function (r) { return r.json(); })
      .then(function (answer) {
        if (!answer || !answer['auth-token']) {
          throw new Error('the LMS refused the session (' + (answer && answer['error-code']) + ': ' +
            (answer && answer['error-text']) + ')');
        }
        self.token = answer['auth-token'];
        self.kept = { token: self.token };
        remember(self.key, self.kept);
      });
  };

  /* 10, 11 and the course's own State document, in that order, before any statement. */
  Session.prototype.open = function () {
    var self = this;
    return this.fetchToken().then(function () {
      return self.getJSON('activities/state', self.stateQuery('LMS.LaunchData'));
    }).then(function (launchData) {
      if (!launchData || !launchData.contextTemplate) throw new Error('LMS.LaunchData is missing');
      self.launchData = launchData;
      var agent = { agent: JSON.stringify(self.p.actor), profileId: 'cmi5LearnerPreferences' };
      return self.getJSON('agents/profile', agent).catch(function () { return null; });
    }).then(function (preferences) {
      self.preferences = preferences || {};
      return self.readProgress(3);
    });
  };

  /* Saved progress: none is a 404. A document that cannot be read is never overwritten:
     progress is then kept for this visit only. */
  Session.prototype.readProgress = function (tries) {
    var self = this;
    return this.getJSON('activities/state', this.stateQuery(progressId())).then(function (saved) {
      self.saved = saved || {};
    }, function (error) {
      if (tries > 1) {
        return new Promise(function (done) { window.setTimeout(done, 1000); }).then(function () {
          return self.readProgress(tries - 1);
        });
      }
      DFC.warn('saved progress could not be read (' + error.message + '); this visit\'s progress is not saved');
      self.saved = {};
      self.unreadable = true;
    });
  };

  Session.prototype.context = function (defined, moveOn) {
    var context = copy(this.launchData.contextTemplate || {});
    context.registration = this.p.registration;
    var data = DFC.data(), base = String(data.iri || '').replace(/\/+$/, '');
    if (data.language) context.language = data.language;  /* the language this package is in */
    if (data.contentHash && base) {  /* a release build: results can be told apart by version */
      context.extensions = context.extensions || {};
      context.extensions[base + '/extensions/course-version'] = data.version;
      context.extensions[base + '/extensions/content-hash'] = data.contentHash;
    }
    if (defined) {
      var ca = context.contextActivities = context.contextActivities || {};
      ca.category = (ca.category || []).concat([{ id: CATEGORY, objectType: 'Activity' }]);
      if (moveOn) ca.category.push({ id: MOVEON, objectType: 'Activity' });
    }
    return context;
  };

  Session.prototype.statement = function (verb, object, result, context) {
    var s = { id: uuid(), actor: this.p.actor, verb: { id: VERB + verb, display: { 'en-US': verb } },
      object: object, context: context, timestamp: new Date().toISOString() };
    if (result) s.result = result;
    return s;
  };

  /* A cmi5 defined statement about the AU itself. */
  Session.prototype.defined = function (verb, result, extensions) {
    var moveOn = !!result && (result.success !== undefined || result.completion !== undefined);
    var context = this.context(true, moveOn);
    if (extensions) {
      context.extensions = context.extensions || {};
      Object.keys(extensions).forEach(function (k) { context.extensions[k] = extensions[k]; });
    }
    this.send(this.statement(verb, { id: this.p.activityId, objectType: 'Activity' }, result, context));
  };

  /* Queue in order; one request at a time; on failure keep everything and try again later. */
  Session.prototype.send = function (statement) {
    this.queue.push(statement);
    this.log.push(statement);
    DFC.fire('cmi5-statement', statement);
  };

  Session.prototype.flush = function (ending) {
    var self = this;
    if (ending) {
      /* The page is going: send all that is unconfirmed, in flight or not (the LRS drops
         repeats of the same id and content), with keepalive so it outlives the page. */
      var batch = this.queue.slice();
      if (!batch.length) return;
      this.post(batch, true).then(function (ok) {
        if (ok) self.queue = self.queue.filter(function (s) { return batch.indexOf(s) < 0; });
        else if (!self.retryTimer) self.retryTimer = window.setTimeout(function () { self.retryTimer = null; self.flush(); }, self.delay);
      });
      return;
    }
    if (this.sending || !this.queue.length || this.retryTimer) return;
    var sent = this.queue.slice();
    this.sending = sent.length;
    this.post(sent, false).then(function (ok) {
      if (ok) {
        self.queue = self.queue.filter(function (s) { return sent.indexOf(s) < 0; });
        self.delay = 1000;
      }
      self.sending = 0;
      if (!ok) {
        self.retryTimer = window.setTimeout(function () { self.retryTimer = null; self.flush(); }, self.delay);
        self.delay = Math.min(self.delay * 2, RETRY_MAX_MS);
      } else if (self.queue.length) {
        self.flush();
      }
    });
  };

  /* True when the LRS has them; 401, 5xx and no answer are worth trying again. */
  Session.prototype.post = function (batch, keepalive) {
    return this.request('POST', 'statements', {}, batch, keepalive).then(function (r) {
      if (r.ok) return true;
      if (r.status === 401 || r.status === 429 || r.status >= 500) {
        DFC.warn('the learning record store answered ' + r.status + '; statements are kept and sent later');
        return false;
      }
      DFC.warn('the learning record store refused ' + batch.length + ' statements (' + r.status + ')');
      return true; /* sending the same again cannot help */
    }, function () {
      DFC.warn('the learning record store cannot be reached; statements are kept and sent later');
      return false;
    });
  };

  Session.prototype.putState = function (doc, keepalive) {
    var self = this;
    return this.request('PUT', 'activities/state', this.stateQuery(progressId()), doc, keepalive).then(function (r) {
      if (!r.ok) throw new Error(String(r.status));
      return true;
    }).catch(function (e) {
      DFC.warn('progress could not be saved in the learning record store (' + e.message + '); trying again later');
      if (!self.stateTimer && !keepalive) {
        self.stateTimer = window.setTimeout(function () { self.stateTimer = null; self.onStateRetry(); }, 5000);
      }
      return false;
    });
  };

  /* Before the runtime starts: open the session when the launch URL is a cmi5 one. */
  DFC.beforeConnect = function () {
    var p = launchParameters();
    if (!p) {
      DFC.connectWaitMs = 0; /* opened outside a cmi5 LMS: no session to wait for */
      return Promise.resolve();
    }
    var session = new Session(p);
    return session.open().then(function () {
      window[GLOBAL] = session;
      DFC.connectWaitMs = 0;
      applyLaunchData(session);
    }, function (error) {
      DFC.warn('cmi5 launch failed: ' + error.message + '; progress is kept in this browser');
      DFC.connectWaitMs = 0;
    });
  };

  /* The LMS's masteryScore overrides the course's pass mark, so the trainee is told the
     same result the LMS receives. */
  function applyLaunchData(session) {
    var data = DFC.data();
    var mastery = session.launchData.masteryScore;
    if (typeof mastery === 'number' && data.graded && mastery >= 0 && mastery <= 1) {
      var mark = Math.round(mastery * 10000) / 100;
      data.passMark = mark;
      if (data.graded === 'final' && data.final) data.final.passMark = mark;
      else if (data.quizzes[data.graded]) data.quizzes[data.graded].passMark = mark;
    }
    /* 11.1: the first preferred language the course is written in. */
    var wanted = String(session.preferences.languagePreference || '').split(',');
    var lang = String(data.language || '').toLowerCase();
    for (var i = 0; i < wanted.length; i++) {
      var tag = wanted[i].trim().toLowerCase();
      if (tag && tag.split('-')[0] === lang.split('-')[0]) {
        document.documentElement.lang = data.language;
        session.language = data.language;
        break;
      }
    }
  }

  /* What the statements adapter (cmi5-statements.js) shares with the session. */
  DFC.cmi5 = { GLOBAL: GLOBAL, CMI5: CMI5, copy: copy, duration: duration, remember: remember };
})();
