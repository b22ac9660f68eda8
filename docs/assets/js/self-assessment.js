/* "Where are we now?" self-assessment.
   - Answers save automatically in this browser (localStorage) and come back on return.
   - Results: the stage reached for each theme, a profile chart with a table, and a
     prioritised action plan (next-stage actions for the weakest themes first).
   - Export: print, Markdown, CSV, and a share link that carries the answers in the URL
     fragment (after #), which browsers never send to a server.
   - Saved answers keep every answer whose statement still exists; any dropped (a statement
     removed in an update, or a value that cannot be read) are counted in a message. Saved
     state or a shared link that cannot be read at all is ignored, with a message.
   Nothing is sent anywhere. Without JavaScript the statements are a printable checklist. */
(function () {
  "use strict";

  var dataElement = document.getElementById("sa-data");
  var form = document.getElementById("sa-form");
  if (!dataElement || !form) return;

  var STORAGE_KEY = "mbct-self-assessment-v1";
  var ANSWERS = { "not-yet": "Not yet", partly: "Partly", "in-place": "In place", "dont-know": "Don't know" };
  var CODES = { "not-yet": "n", partly: "p", "in-place": "i", "dont-know": "d" };
  var FROM_CODE = { n: "not-yet", p: "partly", i: "in-place", d: "dont-know", "-": null };

  var data = JSON.parse(dataElement.textContent);
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
  data.actions.forEach(function (a) { actionsById[a.id] = a; });
  var stageIndex = {};
  data.stages.forEach(function (s, i) { stageIndex[s.id] = i; });
  var themeTitles = {};
  data.themes.forEach(function (t) { themeTitles[t.id] = t.title; });
  var stageTitles = {};
  data.stages.forEach(function (s) { stageTitles[s.id] = s.title; });
  var roleTitles = {};
  data.roles.forEach(function (r) { roleTitles[r.id] = r.title; });

  var el = function (id) { return document.getElementById(id); };
  var message = el("sa-message");
  var sharedBanner = el("sa-shared");
  var viewingShared = false;

  /* --- state: reading and writing, always validated ------------------------------------ */

  // A short fingerprint of the statement list, so a link made for another version is spotted.
  function fingerprint() {
    var hash = 2166136261;
    var text = statementIds.join("|");
    for (var i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 16777619) >>> 0;
    }
    return hash.toString(36);
  }

  /** Every answer whose statement still exists and whose value is an answer; counts the rest. */
  function cleanAnswers(raw) {
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) return null;
    var result = { answers: {}, kept: 0, removed: 0, unreadable: 0 };
    for (var key in raw) {
      if (!Object.prototype.hasOwnProperty.call(raw, key)) continue;
      if (known[key] !== true) {
        result.removed += 1; // a statement taken out in an update (or a key that was never one)
      } else if (typeof raw[key] !== "string" || !Object.prototype.hasOwnProperty.call(ANSWERS, raw[key])) {
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
          role: typeof parsed.role === "string" ? parsed.role : "",
          problem: droppedMessage(cleaned),
          dropped: cleaned.removed + cleaned.unreadable
        };
      }
    } catch (error) {
      /* fall through to the message below */
    }
    return { answers: {}, problem: "We could not read the answers saved in this browser, so we have started again with no answers. Your new answers will be saved." };
  }

  function save(answers) {
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify({ version: 1, answers: answers, role: el("sa-role").value, saved: new Date().toISOString() }));
      el("sa-saved-status").textContent = "Your answers are saved in this browser only.";
    } catch (error) {
      el("sa-saved-status").textContent = "Your browser is not letting this page save answers, so they will not be kept.";
    }
  }

  /** The share link's fragment: the answers, and the role the plan is shown for, if any. */
  function encode(answers, role) {
    var codes = statementIds.map(function (id) { return answers[id] ? CODES[answers[id]] : "-"; }).join("");
    return "answers=v1." + fingerprint() + "." + codes + (role && roleTitles[role] ? "&role=" + encodeURIComponent(role) : "");
  }

  /** Answers (and a known role, or "") from the URL fragment, or null with no fragment, or
      {problem} if it cannot be read. */
  function readFragment() {
    var hash = location.hash.replace(/^#/, "");
    if (hash.indexOf("answers=") !== 0) return null;
    var fields = hash.split("&");
    var role = "";
    fields.slice(1).forEach(function (field) {
      var value = field.indexOf("role=") === 0 ? field.slice("role=".length) : "";
      try { value = decodeURIComponent(value); } catch (error) { value = ""; }
      if (Object.prototype.hasOwnProperty.call(roleTitles, value)) role = value;
    });
    var parts = fields[0].slice("answers=".length).split(".");
    if (parts.length !== 3 || parts[0] !== "v1") return { problem: "The answers in this link could not be read. It may have been cut short or changed. Nothing has been changed." };
    if (parts[1] !== fingerprint()) return { problem: "This link was made with a different version of the self-assessment, so its answers cannot be shown. Nothing has been changed." };
    var codes = parts[2];
    if (codes.length !== statementIds.length || !/^[npid-]+$/.test(codes)) {
      return { problem: "The answers in this link could not be read. It may have been cut short or changed. Nothing has been changed." };
    }
    var answers = {};
    statementIds.forEach(function (id, i) {
      var value = FROM_CODE[codes.charAt(i)];
      if (value) answers[id] = value;
    });
    return { answers: answers, role: role };
  }

  function currentAnswers() {
    var answers = {};
    statementIds.forEach(function (id) {
      var checked = form.querySelector('input[name="sa-' + id + '"]:checked');
      if (checked && ANSWERS[checked.value]) answers[id] = checked.value;
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

  /* --- scoring ---------------------------------------------------------------------------- */

  /** For one theme: the last stage whose statements are all in place, in order (-1 if none). */
  function themeResult(themeId, answers) {
    var own = statements.filter(function (s) { return s.theme === themeId; });
    var reached = -1;
    for (var i = 0; i < data.stages.length; i++) {
      var atStage = own.filter(function (s) { return s.stage === data.stages[i].id; });
      var allInPlace = atStage.length > 0 && atStage.every(function (s) { return answers[s.id] === "in-place"; });
      if (!allInPlace) break;
      reached = i;
    }
    var inPlace = own.filter(function (s) { return answers[s.id] === "in-place"; }).length;
    var credit = own.reduce(function (sum, s) {
      return sum + (answers[s.id] === "in-place" ? 1 : answers[s.id] === "partly" ? 0.5 : 0);
    }, 0);
    var answered = own.filter(function (s) { return answers[s.id]; }).length;
    return { theme: themeId, reached: reached, inPlace: inPlace, total: own.length, credit: credit, answered: answered };
  }

  function stageName(index) {
    return index < 0 ? "Not yet at starting out" : stageTitles[data.stages[index].id];
  }

  /** The plan: weakest themes first; in each, the next stage's statements not in place. */
  function actionPlan(answers, role) {
    var results = data.themes.map(function (t) { return themeResult(t.id, answers); });
    results.sort(function (a, b) { return a.reached - b.reached || a.credit - b.credit; });
    var items = [];
    var seen = {};
    results.forEach(function (result) {
      var nextStage = result.reached + 1;
      if (nextStage >= data.stages.length) return;
      var stageId = data.stages[nextStage].id;
      statements.forEach(function (s) {
        if (s.theme !== result.theme || s.stage !== stageId || answers[s.id] === "in-place") return;
        s.actions.forEach(function (actionId) {
          var action = actionsById[actionId];
          if (!action || seen[actionId]) return;
          if (role && action.roles.indexOf(role) < 0) return;
          seen[actionId] = true;
          items.push({ action: action, because: s.text, answer: answers[s.id] || null, theme: result.theme });
        });
      });
    });
    return items;
  }

  /** Why an action is in the plan, as a sentence: 'You answered Partly to "We have ..."'. */
  function whySentence(item) {
    var statement = "\u201c" + item.because.replace(/[.\s]+$/, "") + "\u201d";
    if (!item.answer) return "You have not answered " + statement + " yet.";
    return "You answered " + ANSWERS[item.answer] + " to " + statement + ".";
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

  function drawProfile(answers) {
    var chart = el("sa-chart");
    var table = el("sa-profile");
    chart.textContent = "";
    table.textContent = "";
    data.themes.forEach(function (theme) {
      var result = themeResult(theme.id, answers);
      var row = document.createElement("div");
      row.className = "mbct-chart__row";
      var name = document.createElement("span");
      name.className = "mbct-chart__label";
      name.textContent = theme.title;
      var track = document.createElement("span");
      track.className = "mbct-chart__track";
      var bar = document.createElement("span");
      bar.className = "mbct-chart__bar mbct-chart__bar--" + (result.reached + 1);
      bar.style.width = ((result.reached + 1) / data.stages.length) * 100 + "%";
      track.appendChild(bar);
      var value = document.createElement("span");
      value.className = "mbct-chart__value";
      value.textContent = stageName(result.reached);
      row.appendChild(name);
      row.appendChild(track);
      row.appendChild(value);
      chart.appendChild(row);

      var tr = document.createElement("tr");
      [theme.title, stageName(result.reached), result.inPlace + " of " + result.total].forEach(function (text, i) {
        var cell = document.createElement(i === 0 ? "th" : "td");
        if (i === 0) cell.scope = "row";
        cell.textContent = text;
        tr.appendChild(cell);
      });
      table.appendChild(tr);
    });
    var answered = Object.keys(answers).length;
    el("sa-summary").textContent = "You have answered " + answered + " of " + statements.length + " statements.";
  }

  function drawPlan(answers) {
    var list = el("sa-plan");
    var role = el("sa-role").value;
    list.textContent = "";
    var items = actionPlan(answers, roleTitles[role] ? role : "");
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

  /* --- export ------------------------------------------------------------------------------- */

  function absolute(url) {
    return new URL(url, location.href).href;
  }

  function markdownExport(answers) {
    var role = el("sa-role").value;
    var lines = ["# Where are we now? Self-assessment results", "", "Date: " + new Date().toISOString().slice(0, 10), ""];
    lines.push("## Stage reached for each theme", "", "| Theme | Stage reached | Statements in place |", "| --- | --- | --- |");
    data.themes.forEach(function (t) {
      var r = themeResult(t.id, answers);
      lines.push("| " + t.title + " | " + stageName(r.reached) + " | " + r.inPlace + " of " + r.total + " |");
    });
    lines.push("", "## Action plan" + (roleTitles[role] ? " for: " + roleTitles[role] : ""), "");
    actionPlan(answers, roleTitles[role] ? role : "").forEach(function (item, i) {
      lines.push((i + 1) + ". [" + item.action.title + "](" + absolute(item.action.url) + ") (" +
        themeTitles[item.action.theme] + ", " + stageTitles[item.action.stage] + "). " + whySentence(item));
    });
    lines.push("", "## Answers", "");
    data.themes.forEach(function (t) {
      lines.push("### " + t.title, "");
      statements.forEach(function (s) {
        if (s.theme === t.id) lines.push("- " + s.text + " (" + stageTitles[s.stage] + "): " + (answers[s.id] ? ANSWERS[answers[s.id]] : "Not answered"));
      });
      lines.push("");
    });
    return lines.join("\n");
  }

  function csvCell(text) {
    text = String(text);
    // A leading =, +, - or @ would run as a formula in a spreadsheet.
    if (/^[=+\-@]/.test(text)) text = "'" + text;
    return '"' + text.replace(/"/g, '""') + '"';
  }

  function csvExport(answers) {
    var role = el("sa-role").value;
    var rows = [["section", "theme", "stage", "item", "answer or link"]];
    statements.forEach(function (s) {
      rows.push(["answer", themeTitles[s.theme], stageTitles[s.stage], s.text, answers[s.id] ? ANSWERS[answers[s.id]] : "Not answered"]);
    });
    data.themes.forEach(function (t) {
      var r = themeResult(t.id, answers);
      rows.push(["stage reached", t.title, stageName(r.reached), r.inPlace + " of " + r.total + " in place", ""]);
    });
    actionPlan(answers, roleTitles[role] ? role : "").forEach(function (item) {
      rows.push(["action plan", themeTitles[item.action.theme], stageTitles[item.action.stage], item.action.title, absolute(item.action.url)]);
    });
    return rows.map(function (row) { return row.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }

  function download(filename, type, text) {
    var blob = new Blob([text], { type: type });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
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
    el("sa-saved-status").textContent = "Your answers have been cleared from this browser.";
    el("sa-clear").focus();
  });

  el("sa-print").addEventListener("click", function () { window.print(); });
  el("sa-download-md").addEventListener("click", function () {
    download("self-assessment.md", "text/markdown;charset=utf-8", markdownExport(currentAnswers()));
  });
  el("sa-download-csv").addEventListener("click", function () {
    download("self-assessment.csv", "text/csv;charset=utf-8", "\ufeff" + csvExport(currentAnswers()));
  });
  el("sa-share").addEventListener("click", function () {
    var url = location.href.split("#")[0] + "#" + encode(currentAnswers(), el("sa-role").value);
    var field = el("sa-share-url");
    field.value = url;
    field.hidden = false;
    var done = function () {
      el("sa-share").textContent = "Link copied";
      if (window.mbctSite) window.mbctSite.announce("Link copied");
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(done, function () { field.select(); });
    } else {
      field.select();
    }
    field.focus();
  });

  function leaveSharedView(restoreOwn) {
    viewingShared = false;
    sharedBanner.hidden = true;
    if (location.hash.indexOf("#answers=") === 0) history.replaceState(null, "", location.pathname + location.search);
    if (restoreOwn) {
      var saved = readSaved();
      showAnswers(saved.answers);
      el("sa-role").value = saved.role && roleTitles[saved.role] ? saved.role : "";
      refresh();
    }
  }

  el("sa-save-shared").addEventListener("click", function () {
    save(currentAnswers());
    leaveSharedView(false);
    el("sa-saved-status").textContent = "The shared answers are now saved as your answers in this browser.";
  });
  el("sa-discard-shared").addEventListener("click", function () { leaveSharedView(true); });

  /* --- start ------------------------------------------------------------------------------------ */

  var saved = readSaved();
  var shared = readFragment();
  var problems = [];
  if (saved.problem) problems.push(saved.problem);
  if (shared && shared.problem) problems.push(shared.problem);
  if (shared && shared.answers) {
    viewingShared = true;
    sharedBanner.hidden = false;
    showAnswers(shared.answers);
    el("sa-role").value = shared.role;
  } else {
    showAnswers(saved.answers);
    if (saved.role && roleTitles[saved.role]) el("sa-role").value = saved.role;
  }
  showMessage(problems.join(" "));
  var answersNow = refresh();
  // Keep what was kept: save it now, so the dropped answers are reported once, not on every visit.
  if (saved.dropped && !viewingShared) save(answersNow);

  // For the browser tests: the pure parts, to check answers against the expected plan.
  window.mbctSelfAssessment = { actionPlan: actionPlan, themeResult: themeResult, encode: encode, whySentence: whySentence };
})();
