/* "Where are we now?" self-assessment.
   - Answers save automatically in this browser (localStorage) and come back on return. In
     the offline copy (file://), where every local file shares one storage, saving is off
     until the person turns it on.
   - Results: the stage reached for each theme, a profile chart with a table, and a
     prioritised action plan ("Not yet" first, then "Partly", then "Don't know", then not
     answered; within each, the weakest themes first).
   - Share link: the answers in the URL fragment (after #), which browsers never send to a
     server.
   - Saved answers keep every answer whose statement still exists; any dropped (a statement
     removed in an update, or a value that cannot be read) are counted in a message. Saved
     state or a shared link that cannot be read at all is ignored, with a message.
   - The answers and what each counts for come from the page's data (Python's
     assessment.ANSWERS): this script holds no copy of the list.
   - Snapshots, comparing, the team view and the downloads live in a second script,
     self-assessment-team.js, fetched the first time someone uses them (or at once when
     snapshots are saved), so a first visit does not pay for them.
   Nothing is sent anywhere. Without JavaScript the statements are a printable checklist. */
(function () {
  "use strict";

  var dataElement = document.getElementById("sa-data");
  var form = document.getElementById("sa-form");
  var root = document.getElementById("sa");
  if (!dataElement || !form || !root) return;

  var STORAGE_KEY = "mbct-self-assessment-v1";
  var SNAPSHOTS_KEY = "mbct-self-assessment-snapshots";
  var OFFLINE_KEY = "mbct-self-assessment-offline-saving";
  var OFFLINE = location.protocol === "file:";

  var data = JSON.parse(dataElement.textContent);
  var has = function (object, key) { return Object.prototype.hasOwnProperty.call(object, key); };
  // The answers, by id (ANSWER), and what counts toward a plan (RULES: the answers, and the
  // team view's "to discuss").
  var ANSWER = {};
  var RULES = {};
  data.answers.forEach(function (a) { ANSWER[a.id] = RULES[a.id] = a; });
  RULES[data.discuss.id] = data.discuss;
  var answerIds = data.answers.map(function (a) { return a.id; });
  var UNANSWERED = data.unanswered_order; // the plan order of a statement not answered

  var statements = data.statements;
  // Each statement's text is in its legend (before the stage label), not repeated in the data.
  statements.forEach(function (s) {
    var input = form.querySelector('input[name="sa-' + s.id + '"]');
    var legend = input && input.closest("fieldset").querySelector("legend");
    s.text = legend && legend.firstChild ? legend.firstChild.textContent.trim() : s.id;
  });
  var statementIds = statements.map(function (s) { return s.id; });
  // Prototype-free, so keys such as "__proto__" in saved data are just unknown keys.
  var known = Object.create(null);
  statementIds.forEach(function (id) { known[id] = true; });
  var actionsById = {};
  data.actions.forEach(function (a) { a.url = data.actionUrl.replace("{id}", a.id); actionsById[a.id] = a; });
  var themeTitles = {};
  data.themes.forEach(function (t) { themeTitles[t.id] = t.title; });
  var stageTitles = {};
  data.stages.forEach(function (s) { stageTitles[s.id] = s.title; });
  var roleTitles = {};
  data.roles.forEach(function (r) { roleTitles[r.id] = r.title; });
  var knownRole = function (role) { return typeof role === "string" && has(roleTitles, role) ? role : ""; };

  var el = function (id) { return document.getElementById(id); };
  var message = el("sa-message");
  var sharedBanner = el("sa-shared");
  var status = el("sa-saved-status");
  // Answers from a share link (#answers=...): the second script reads them, then shows them
  // or says why it cannot. Until then nothing is saved.
  var viewingShared = location.hash.indexOf("#answers=") === 0;

  /* --- state: reading and writing, always validated ------------------------------------ */

  /** Whether answers may be kept in the browser's storage: always online; in the offline
      copy only once the person has turned saving on. */
  function storing() {
    if (!OFFLINE) return true;
    try { return window.localStorage.getItem(OFFLINE_KEY) === "on"; } catch (error) { return false; }
  }

  /** Every answer whose statement still exists and whose value is an answer; counts the rest,
      and keeps the answers for statements this page does not have in ``aside``. */
  function cleanAnswers(raw) {
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) return null;
    var result = { answers: {}, aside: {}, kept: 0, removed: 0, unreadable: 0 };
    for (var key in raw) {
      if (!has(raw, key)) continue;
      var valid = typeof raw[key] === "string" && has(ANSWER, raw[key]);
      if (known[key] !== true) {
        result.removed += 1; // a statement taken out in an update (or a key that was never one)
        if (valid) result.aside[key] = raw[key];
      } else if (!valid) {
        result.unreadable += 1;
      } else {
        result.answers[key] = raw[key];
        result.kept += 1;
      }
    }
    return result;
  }

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  /** Says how many saved answers were dropped, and why; "" when none were. */
  function droppedMessage(cleaned) {
    var dropped = cleaned.removed + cleaned.unreadable;
    if (!dropped) return "";
    var reasons = [];
    if (cleaned.removed) {
      reasons.push(plural(cleaned.removed, "answer was for a statement", "answers were for statements") +
        " that this self-assessment no longer has (it has been updated since you answered)");
    }
    if (cleaned.unreadable) {
      reasons.push(plural(cleaned.unreadable, "answer", "answers") + " could not be read");
    }
    return (cleaned.kept ? "We kept " + cleaned.kept + " of your saved answers. " : "") +
      reasons.join(", and ") + ", so " + (dropped === 1 ? "it has" : "they have") + " been dropped.";
  }

  function readSaved() {
    if (!storing()) return { answers: {} };
    var text;
    try {
      text = window.localStorage.getItem(STORAGE_KEY);
    } catch (error) {
      return { answers: {}, problem: "Your browser is not letting this page save answers, so they will not be kept." };
    }
    if (text === null) return { answers: {} };
    try {
      var parsed = JSON.parse(text);
      var cleaned = parsed && parsed.version === 1 ? cleanAnswers(parsed.answers) : null;
      if (cleaned) {
        return {
          answers: cleaned.answers,
          role: knownRole(parsed.role),
          problem: droppedMessage(cleaned),
          dropped: cleaned.removed + cleaned.unreadable
        };
      }
    } catch (error) {
      /* fall through to the message below */
    }
    return { answers: {}, problem: "We could not read the answers saved in this browser, so we have started again with no answers. Your new answers will be saved." };
  }

  /** Saves the answers (and the role chosen); true if they were saved. */
  function save(answers) {
    if (!storing()) {
      status.textContent = "Saving is off, so your answers will be gone when you close this page.";
      return false;
    }
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify({ version: 1, answers: answers, role: el("sa-role").value, stage: suggestedStage(answers), saved: new Date().toISOString() }));
      status.textContent = OFFLINE ?
        "Your answers are saved on this computer, and other files on this computer can read them." :
        "Your answers are saved in this browser only.";
      return true;
    } catch (error) {
      status.textContent = "Your browser is not letting this page save answers, so they will not be kept.";
      return false;
    }
  }

  function currentAnswers() {
    var answers = {};
    statementIds.forEach(function (id) {
      var checked = form.querySelector('input[name="sa-' + id + '"]:checked');
      if (checked && has(ANSWER, checked.value)) answers[id] = checked.value;
    });
    return answers;
  }

  function showAnswers(answers) {
    statementIds.forEach(function (id) {
      form.querySelectorAll('input[name="sa-' + id + '"]').forEach(function (input) {
        input.checked = answers[id] === input.value;
      });
    });
  }

  function showMessage(text) {
    message.textContent = text;
    message.hidden = !text;
  }

  /* --- scoring (mbct_guide/assessment.py has the same rules) ------------------------------- */

  function rule(answers, id) {
    return has(answers, id) && has(RULES, answers[id]) ? RULES[answers[id]] : null;
  }

  /** For one theme: the last stage whose statements are all in place, in order (-1 if none). */
  function themeResult(themeId, answers) {
    var own = statements.filter(function (s) { return s.theme === themeId; });
    var done = function (s) { var r = rule(answers, s.id); return !!(r && r.done); };
    var reached = -1;
    for (var i = 0; i < data.stages.length; i++) {
      var atStage = own.filter(function (s) { return s.stage === data.stages[i].id; });
      if (!(atStage.length > 0 && atStage.every(done))) break;
      reached = i;
    }
    var credit = own.reduce(function (sum, s) { var r = rule(answers, s.id); return sum + (r ? r.credit : 0); }, 0);
    var answered = own.filter(function (s) { return rule(answers, s.id); }).length;
    return { theme: themeId, reached: reached, inPlace: own.filter(done).length, total: own.length, credit: credit, answered: answered };
  }

  /** The stage a service is working on, for "Start here" on role pages (start-stage.js reads it from
      the saved answers): the stage after the one its weakest theme has reached, where the
      plan starts. Undefined with no answers. */
  function suggestedStage(answers) {
    if (!Object.keys(answers).length) return undefined;
    var weakest = Math.min.apply(null, data.themes.map(function (t) { return themeResult(t.id, answers).reached; }));
    return data.stages[Math.min(weakest + 1, data.stages.length - 1)].id;
  }

  function stageName(index) {
    return index < 0 ? "Not yet at starting out" : stageTitles[data.stages[index].id];
  }

  /** The statements the plan works on: for each theme, the next stage's statements not in
      place; by answer (plan_order), then weakest theme, then statement order. */
  function planStatements(answers) {
    var results = data.themes.map(function (t) { return themeResult(t.id, answers); });
    results.sort(function (a, b) { return a.reached - b.reached || a.credit - b.credit; });
    var chosen = [];
    results.forEach(function (result, rank) {
      var nextStage = result.reached + 1;
      if (nextStage >= data.stages.length) return;
      var stageId = data.stages[nextStage].id;
      statements.forEach(function (s, position) {
        var r = rule(answers, s.id);
        if (s.theme !== result.theme || s.stage !== stageId || (r && r.done)) return;
        chosen.push({ statement: s, key: [r ? r.plan_order : UNANSWERED, rank, position] });
      });
    });
    chosen.sort(function (a, b) { return a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2]; });
    return chosen.map(function (c) { return c.statement; });
  }

  /** The plan: each plan statement's actions, each action once (for one role, if given). */
  function actionPlan(answers, role) {
    var items = [];
    var seen = {};
    planStatements(answers).forEach(function (s) {
      s.actions.forEach(function (actionId) {
        var action = actionsById[actionId];
        if (!action || seen[actionId]) return;
        if (role && action.roles.indexOf(role) < 0) return;
        seen[actionId] = true;
        items.push({ action: action, because: s.text, statement: s, answer: has(answers, s.id) ? answers[s.id] : null, theme: s.theme });
      });
    });
    return items;
  }

  /** Why an action is in the plan, as a sentence: 'You answered Partly to "We have ..."'. */
  function whySentence(item) {
    var statement = "\u201c" + item.because.replace(/[.\s]+$/, "") + "\u201d";
    if (!item.answer || !has(ANSWER, item.answer)) return "You have not answered " + statement + " yet.";
    return "You answered " + ANSWER[item.answer].label + " to " + statement + ".";
  }

  /* --- drawing ------------------------------------------------------------------------------ */

  function updateTaskStatuses(answers) {
    data.themes.forEach(function (theme) {
      var result = themeResult(theme.id, answers);
      var tag = document.querySelector('[data-status-for="' + theme.id + '"]');
      // "All answered", not "Completed": every statement has an answer, whatever it is.
      var label = result.answered === 0 ? "Not started" : result.answered < result.total ? "In progress" : "All answered";
      tag.textContent = label;
      tag.className = "mbct-tag mbct-tag--" + label.toLowerCase().replace(" ", "-");
      tag.hidden = false;
    });
  }

  /** A bar chart row: the theme, a bar for the stage reached, the stage as words. */
  function chartRow(title, reached) {
    var row = document.createElement("div");
    row.className = "mbct-chart__row";
    var name = document.createElement("span");
    name.className = "mbct-chart__label";
    name.textContent = title;
    var track = document.createElement("span");
    track.className = "mbct-chart__track";
    var bar = document.createElement("span");
    bar.className = "mbct-chart__bar mbct-chart__bar--" + (reached + 1);
    bar.style.width = ((reached + 1) / data.stages.length) * 100 + "%";
    track.appendChild(bar);
    var value = document.createElement("span");
    value.className = "mbct-chart__value";
    value.textContent = stageName(reached);
    row.appendChild(name);
    row.appendChild(track);
    row.appendChild(value);
    return row;
  }

  function tableRow(cells) {
    var tr = document.createElement("tr");
    cells.forEach(function (text, i) {
      var cell = document.createElement(i === 0 ? "th" : "td");
      if (i === 0) cell.scope = "row";
      cell.textContent = text;
      tr.appendChild(cell);
    });
    return tr;
  }

  function drawProfile(answers) {
    var chart = el("sa-chart");
    var table = el("sa-profile");
    chart.textContent = "";
    table.textContent = "";
    data.themes.forEach(function (theme) {
      var result = themeResult(theme.id, answers);
      chart.appendChild(chartRow(theme.title, result.reached));
      table.appendChild(tableRow([theme.title, stageName(result.reached), result.inPlace + " of " + result.total]));
    });
    var answered = Object.keys(answers).length;
    el("sa-summary").textContent = "You have answered " + answered + " of " + statements.length + " statements.";
  }

  function drawPlan(answers) {
    var list = el("sa-plan");
    list.textContent = "";
    var items = actionPlan(answers, knownRole(el("sa-role").value));
    items.forEach(function (item) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = item.action.url;
      link.textContent = item.action.title;
      var meta = document.createElement("span");
      meta.className = "mbct-plan__meta";
      meta.textContent = " (" + themeTitles[item.action.theme] + ", " + stageTitles[item.action.stage] + ")";
      var why = document.createElement("span");
      why.className = "mbct-plan__why";
      why.textContent = whySentence(item);
      li.appendChild(link);
      li.appendChild(meta);
      li.appendChild(document.createElement("br"));
      li.appendChild(why);
      list.appendChild(li);
    });
    el("sa-plan-empty").hidden = items.length !== 0;
    return items;
  }

  function refresh() {
    var answers = currentAnswers();
    updateTaskStatuses(answers);
    drawProfile(answers);
    drawPlan(answers);
    return answers;
  }

  /* --- the second script: snapshots, compare, team view, downloads ------------------------- */

  var waiting = [];
  var loading = false;

  /** Runs ``use(team)`` once self-assessment-team.js has loaded (fetching it the first time).
      A script file, not fetch(), so it loads from file:// in the offline copy too. */
  function more(use) {
    if (window.mbctSelfAssessmentTeam) return use(window.mbctSelfAssessmentTeam);
    waiting.push(use);
    if (loading) return;
    loading = true;
    var style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = root.getAttribute("data-more-css");
    document.head.appendChild(style);
    var script = document.createElement("script");
    script.src = root.getAttribute("data-more");
    script.onload = function () {
      var queued = waiting;
      waiting = [];
      queued.forEach(function (queuedUse) { queuedUse(window.mbctSelfAssessmentTeam); });
    };
    script.onerror = function () {
      loading = false;
      viewingShared = !sharedBanner.hidden; // a share link that could not be read: answers save again
      waiting = [];
      script.remove();
      var problem = el("sa-review-problem");
      problem.textContent = "This part of the tool could not be loaded. Reload the page and try again. Nothing has been changed.";
      problem.hidden = false;
    };
    document.head.appendChild(script);
  }

  function onClick(id, use) {
    el(id).addEventListener("click", function () { more(use); });
  }

  /* --- wiring ---------------------------------------------------------------------------------- */

  form.addEventListener("change", function () {
    var answers = refresh();
    if (!viewingShared) save(answers);
  });
  el("sa-role").addEventListener("change", function () {
    var answers = refresh();
    if (!viewingShared) save(answers);
  });

  el("sa-clear").addEventListener("click", function () {
    el("sa-clear-confirm").hidden = false;
    el("sa-clear-yes").focus();
  });
  el("sa-clear-no").addEventListener("click", function () {
    el("sa-clear-confirm").hidden = true;
    el("sa-clear").focus();
  });
  el("sa-clear-yes").addEventListener("click", function () {
    try { window.localStorage.removeItem(STORAGE_KEY); } catch (error) { /* nothing saved */ }
    showAnswers({});
    el("sa-role").value = "";
    el("sa-clear-confirm").hidden = true;
    leaveSharedView(false);
    refresh();
    showMessage(""); // any message about earlier saved answers no longer applies
    status.textContent = "Your answers have been cleared from this browser.";
    el("sa-clear").focus();
  });

  el("sa-print").addEventListener("click", function () { window.print(); });
  onClick("sa-download-md", function (team) { team.downloadMarkdown(); });
  onClick("sa-download-csv", function (team) { team.downloadCsv(); });
  onClick("sa-snapshot", function (team) { team.saveSnapshot(); });
  onClick("sa-compare", function (team) { team.compare(); });
  onClick("sa-download-answers", function (team) { team.downloadAnswers(); });
  onClick("sa-share", function (team) { team.share(); });
  // Fetched as the pointer or focus reaches "Copy a link", so the copy happens within the click.
  ["pointerover", "focus"].forEach(function (type) { el("sa-share").addEventListener(type, function () { more(function () {}); }); });
  // The file chooser opens at once, within the click (browsers allow it only then).
  el("sa-open").addEventListener("click", function () { el("sa-files").click(); });
  el("sa-files").addEventListener("change", function () {
    var files = Array.prototype.slice.call(this.files || []);
    this.value = "";
    if (files.length) more(function (team) { team.openFiles(files); });
  });
  function leaveSharedView(restoreOwn) {
    viewingShared = false;
    sharedBanner.hidden = true;
    if (location.hash.indexOf("#answers=") === 0) history.replaceState(null, "", location.pathname + location.search);
    if (restoreOwn) {
      var saved = readSaved();
      showAnswers(saved.answers);
      el("sa-role").value = knownRole(saved.role);
      refresh();
    }
  }

  // The person's own answers are kept as a snapshot first (self-assessment-team.js).
  onClick("sa-save-shared", function (team) {
    team.replaceAnswers(currentAnswers(), el("sa-role").value, "the answers from a shared link");
  });
  el("sa-discard-shared").addEventListener("click", function () { leaveSharedView(true); });

  // The offline copy: saving is off until the person turns it on (every local file can read it).
  if (OFFLINE) {
    el("sa-offline").hidden = false;
    el("sa-offline-save").checked = storing();
    el("sa-offline-save").addEventListener("change", function () {
      var on = this.checked;
      more(function (team) { team.offlineSaving(on); });
    });
  }

  /* --- start ------------------------------------------------------------------------------------ */

  var saved = readSaved();
  showAnswers(saved.answers);
  el("sa-role").value = knownRole(saved.role);
  if (!storing()) status.textContent = "Saving is off, so your answers will be gone when you close this page.";
  showMessage(saved.problem || "");
  var answersNow = refresh();
  // Keep what was kept: save it now, so the dropped answers are reported once, not on every visit.
  if (saved.dropped && !viewingShared) save(answersNow);
  if (viewingShared) more(function (team) { team.openShared(); });

  // What the second script (and the browser tests) use.
  window.mbctSelfAssessment = {
    data: data, statements: statements, answer: ANSWER, answerIds: answerIds, has: has, plural: plural,
    themeTitles: themeTitles, stageTitles: stageTitles, roleTitles: roleTitles, knownRole: knownRole,
    cleanAnswers: cleanAnswers, themeResult: themeResult, suggestedStage: suggestedStage, stageName: stageName, actionPlan: actionPlan,
    planStatements: planStatements, whySentence: whySentence, chartRow: chartRow, tableRow: tableRow,
    currentAnswers: currentAnswers, showAnswers: showAnswers, refresh: refresh, readSaved: readSaved, save: save,
    storing: storing, leaveSharedView: leaveSharedView, showMessage: showMessage,
    viewingShared: function () { return viewingShared; }, setShared: function (on) { viewingShared = on; sharedBanner.hidden = !on; },
    keys: { answers: STORAGE_KEY, snapshots: SNAPSHOTS_KEY, offline: OFFLINE_KEY }, el: el
  };

  // Saved snapshots are listed from the start, so their script comes now.
  var hasSnapshots = false;
  try { hasSnapshots = storing() && window.localStorage.getItem(SNAPSHOTS_KEY) !== null; } catch (error) { /* none */ }
  if (hasSnapshots) more(function (team) { team.showSnapshots(); });
})();
