/* The self-assessment as a team's review: snapshots, comparing two points in time, the team
   view of colleagues' answers files, and every download (Markdown, CSV, answers file).

   self-assessment.js fetches this file the first time someone uses one of these (or at
   once when snapshots are saved), so a first visit does not pay for it. It uses what that
   script shares as window.mbctSelfAssessment and the page's data; it holds no copy of the
   answers or the statements.

   - Snapshots: kept in this browser (localStorage, SNAPSHOTS_KEY) as
     {"version": 1, "snapshots": [{label, saved, answers, role, statements}]}, where
     statements lists the statements asked at the time (id, theme, stage, text), so a later
     comparison can tell a new statement from one no longer asked. A record without them
     (the shape of the saved answers, {"version": 1, "answers", "role", "saved"}) still opens.
     An entry that cannot be read is kept as it was and reported.
   - Nothing replaces the person's own answers without a snapshot of them first.
   - Answers files: read with the File API on this device; each problem names the file, and
     whatever was opened already stays. Answers for statements the site no longer has are
     kept aside and reported.
   Nothing is sent anywhere. */
(function () {
  "use strict";

  var sa = window.mbctSelfAssessment;
  if (!sa || window.mbctSelfAssessmentTeam) return;
  var data = sa.data;
  var el = sa.el;
  var has = sa.has;
  var ANSWER = sa.answer;
  var FILE = data.file;
  var ID = new RegExp(FILE.idPattern);
  var statements = sa.statements;
  // The answer that has no place on the way to "in place" (Don't know), by its label.
  var UNPLACED = sa.answerIds.filter(function (a) { return ANSWER[a].progress === null; }).map(function (a) { return ANSWER[a].label; }).join(" or ");
  var known = {};
  statements.forEach(function (s) { known[s.id] = s; });
  var area = el("sa-review-area");
  var problemBox = el("sa-review-problem");
  var statusBox = el("sa-review-status");
  // The parts, in their order on the page, each shown when first used.
  ["sa-snapshots", "sa-comparison", "sa-team"].forEach(function (id) {
    var part = document.createElement("section");
    part.id = id;
    part.className = "mbct-sa-part";
    part.hidden = true;
    area.appendChild(part);
  });

  /* --- small helpers ----------------------------------------------------------------------- */

  var counter = 0;
  function newId(prefix) { counter += 1; return prefix + counter; }

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function button(label, action, primary) {
    var node = make("button", "md-button" + (primary ? " md-button--primary" : ""), label);
    node.type = "button";
    node.addEventListener("click", action);
    return node;
  }

  function buttons(list) {
    var p = make("p", "mbct-sa-actions");
    list.forEach(function (b, i) { if (i) p.appendChild(document.createTextNode(" ")); p.appendChild(b); });
    return p;
  }

  function heading(level, text) {
    var node = make("h" + level, "", text);
    node.id = newId("sa-h");
    node.tabIndex = -1; // so focus can move to it when the section opens
    return node;
  }

  function section(id, title) {
    var node = el(id);
    node.textContent = "";
    var h = heading(3, title);
    node.setAttribute("aria-labelledby", h.id);
    node.appendChild(h);
    node.hidden = false;
    return node;
  }

  function say(text) { statusBox.textContent = text; }

  /** Shows every problem at once (each names its file), or hides the box. */
  function showProblems(list, intro) {
    problemBox.textContent = "";
    problemBox.hidden = !list.length;
    if (!list.length) return;
    if (intro) problemBox.appendChild(make("p", "", intro));
    var ul = make("ul");
    list.forEach(function (text) { ul.appendChild(make("li", "", text)); });
    problemBox.appendChild(ul);
  }

  var CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

  /** A name as it may be shown: no control, invisible or direction characters, one line. */
  function cleanName(text, limit) {
    return String(text).replace(CONTROL, " ").replace(/\s+/g, " ").trim().slice(0, limit || FILE.maxName);
  }

  function quoted(text) { return "\u201c" + text + "\u201d"; }

  function longDate(iso) {
    var date = new Date(iso);
    if (typeof iso !== "string" || isNaN(date.getTime())) return "an unknown date";
    return date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  }

  function today() { return new Date().toISOString().slice(0, 10); }

  function label(value) { return value && has(ANSWER, value) ? ANSWER[value].label : "Not answered"; }

  function count(answers) { return Object.keys(answers).length; }

  function absolute(url) { return new URL(url, location.href).href; }

  function roleNow() { return sa.knownRole(el("sa-role").value); }

  /* --- downloads: every cell and line made safe ---------------------------------------------- */

  var DIRECTION = /[\u202a-\u202e\u2066-\u2069]/g;

  /** Text for Markdown: shown as written, never as a link, image, HTML, heading or table cell. */
  function md(text) {
    return String(text)
      .replace(DIRECTION, "")
      .replace(/[\r\n]+/g, " ")
      .replace(/[\\`*_[\]()<>|#!~]/g, "\\$&")
      .replace(/^([+-])/, "\\$1")
      .replace(/^(\d+)([.)])/, "$1\\$2");
  }

  /** A CSV cell: quoted, and never a formula (a leading =, +, -, @, tab or return gets a '). */
  function csvCell(text) {
    text = String(text).replace(DIRECTION, "");
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return '"' + text.replace(/"/g, '""') + '"';
  }

  function csv(rows) {
    return "\ufeff" + rows.map(function (row) { return row.map(csvCell).join(","); }).join("\r\n") + "\r\n";
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

  var MARKDOWN = "text/markdown;charset=utf-8";
  var CSV = "text/csv;charset=utf-8";

  function planLines(items, why) {
    return items.map(function (item, i) {
      return (i + 1) + ". [" + md(item.action.title) + "](" + absolute(item.action.url) + ") (" +
        md(sa.themeTitles[item.action.theme]) + ", " + md(sa.stageTitles[item.action.stage]) + "). " + md(why(item));
    });
  }

  /* --- share links: the answers in the URL fragment (after #), never sent to a server ----- */

  var statementIds = statements.map(function (s) { return s.id; });
  var FROM_CODE = { "-": null };
  sa.answerIds.forEach(function (id) { FROM_CODE[ANSWER[id].code] = id; });

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

  /** The share link's fragment: the answers, and the role the plan is shown for, if any. */
  function encode(answers, role) {
    var codes = statementIds.map(function (id) { return answers[id] ? ANSWER[answers[id]].code : "-"; }).join("");
    return "answers=v1." + fingerprint() + "." + codes + (sa.knownRole(role) ? "&role=" + encodeURIComponent(role) : "");
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
      if (sa.knownRole(value)) role = value;
    });
    var parts = fields[0].slice("answers=".length).split(".");
    var unreadable = { problem: "The answers in this link could not be read. It may have been cut short or changed. Nothing has been changed." };
    if (parts.length !== 3 || parts[0] !== "v1") return unreadable;
    if (parts[1] !== fingerprint()) return { problem: "This link was made with a different version of the self-assessment, so its answers cannot be shown. Nothing has been changed." };
    var codes = parts[2];
    if (codes.length !== statementIds.length) return unreadable;
    var answers = {};
    for (var i = 0; i < codes.length; i++) {
      var code = codes.charAt(i);
      if (!has(FROM_CODE, code)) return unreadable;
      if (FROM_CODE[code]) answers[statementIds[i]] = FROM_CODE[code];
    }
    return { answers: answers, role: role };
  }

  function share() {
    var url = location.href.split("#")[0] + "#" + encode(sa.currentAnswers(), el("sa-role").value);
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
  }

  /** The page was opened from a share link: shows its answers (saving nothing), or says why not. */
  function openShared() {
    var shared = readFragment();
    if (shared && shared.answers) {
      sa.setShared(true);
      sa.showAnswers(shared.answers);
      el("sa-role").value = shared.role;
      sa.refresh();
    } else {
      sa.setShared(false);
      var message = el("sa-message");
      if (shared && shared.problem) sa.showMessage((message.hidden ? "" : message.textContent + " ") + shared.problem);
    }
  }


  /* --- the current results as Markdown and CSV ----------------------------------------------- */

  function markdownExport(answers) {
    var role = roleNow();
    var lines = ["# Where are we now? Self-assessment results", "", "Date: " + today(), ""];
    lines.push("## Stage reached for each theme", "", "| Theme | Stage reached | Statements in place |", "| --- | --- | --- |");
    data.themes.forEach(function (t) {
      var r = sa.themeResult(t.id, answers);
      lines.push("| " + md(t.title) + " | " + md(sa.stageName(r.reached)) + " | " + r.inPlace + " of " + r.total + " |");
    });
    lines.push("", "## Action plan" + (role ? " for: " + md(sa.roleTitles[role]) : ""), "");
    lines = lines.concat(planLines(sa.actionPlan(answers, role), sa.whySentence));
    lines.push("", "## Answers", "");
    data.themes.forEach(function (t) {
      lines.push("### " + md(t.title), "");
      statements.forEach(function (s) {
        if (s.theme === t.id) lines.push("- " + md(s.text) + " (" + md(sa.stageTitles[s.stage]) + "): " + md(label(answers[s.id])));
      });
      lines.push("");
    });
    return lines.join("\n");
  }

  function csvExport(answers) {
    var role = roleNow();
    var date = today();
    var rows = [["date", "section", "theme", "stage", "item", "answer or link"]];
    statements.forEach(function (s) {
      rows.push([date, "answer", sa.themeTitles[s.theme], sa.stageTitles[s.stage], s.text, label(answers[s.id])]);
    });
    data.themes.forEach(function (t) {
      var r = sa.themeResult(t.id, answers);
      rows.push([date, "stage reached", t.title, sa.stageName(r.reached), r.inPlace + " of " + r.total + " in place", ""]);
    });
    sa.actionPlan(answers, role).forEach(function (item) {
      rows.push([date, "action plan", sa.themeTitles[item.action.theme], sa.stageTitles[item.action.stage], item.action.title, absolute(item.action.url)]);
    });
    return csv(rows);
  }

  /* --- snapshots ----------------------------------------------------------------------------- */

  var snapshots = null; // [{key, record, answers, aside, asked}] once read
  var unreadable = []; // stored entries that could not be read: kept as they were
  var storeLocked = false; // the stored list is in a format this page cannot write back safely

  function asked(record) {
    if (!Array.isArray(record.statements)) return null; // an older record: asked what the page asks now
    return record.statements.filter(function (s) { return s && typeof s.id === "string"; });
  }

  /** A stored record as the page uses it, or null if it cannot be read. */
  function fromRecord(record) {
    if (!record || typeof record !== "object" || Array.isArray(record)) return null;
    var cleaned = sa.cleanAnswers(record.answers);
    if (!cleaned) return null;
    if (typeof record.label !== "string") record.label = "";
    return { key: newId("sa-snap-"), record: record, answers: cleaned.answers, aside: cleaned.aside, asked: asked(record) };
  }

  function loadSnapshots() {
    if (snapshots) return [];
    snapshots = [];
    var problems = [];
    var text = null;
    try {
      text = sa.storing() ? window.localStorage.getItem(sa.keys.snapshots) : null;
    } catch (error) {
      return ["Your browser is not letting this page read its storage, so saved snapshots cannot be shown. Snapshots you save now are kept until you close this page."];
    }
    if (text === null) return problems;
    var stored = null;
    try { stored = JSON.parse(text); } catch (error) { stored = null; }
    if (!stored || stored.version !== 1 || !Array.isArray(stored.snapshots)) {
      storeLocked = true;
      return ["The snapshots saved in this browser could not be read, so they are not shown. They have been left as they were. Snapshots you save now are kept until you close this page."];
    }
    stored.snapshots.forEach(function (record) {
      var snapshot = fromRecord(record);
      if (snapshot) snapshots.push(snapshot); else unreadable.push(record);
    });
    if (unreadable.length) {
      problems.push(sa.plural(unreadable.length, "snapshot", "snapshots") + " saved in this browser could not be read, so " +
        (unreadable.length === 1 ? "it is" : "they are") + " not shown. " + (unreadable.length === 1 ? "It has" : "They have") + " been kept as saved.");
    }
    return problems;
  }

  /** Writes the snapshots: "saved", "off" (saving is off in the offline copy) or "failed". */
  function storeSnapshots() {
    if (!snapshots) loadSnapshots();
    if (!sa.storing()) return "off";
    if (storeLocked) return "failed";
    var records = snapshots.map(function (s) { return s.record; }).concat(unreadable);
    try {
      window.localStorage.setItem(sa.keys.snapshots, JSON.stringify({ version: 1, snapshots: records }));
      return "saved";
    } catch (error) {
      return "failed";
    }
  }

  function snapshotName(snapshot) { return snapshot.record.label || "Snapshot"; }

  function describeSnapshot(snapshot) {
    var text = "Saved " + longDate(snapshot.record.saved) + ", " + sa.plural(count(snapshot.answers), "answer", "answers");
    var aside = count(snapshot.aside);
    if (aside) text += ", and " + sa.plural(aside, "answer", "answers") + " for statements this self-assessment no longer has";
    return text + ".";
  }

  function addSnapshot(answers, role, name) {
    var record = {
      label: cleanName(name, 80),
      saved: new Date().toISOString(),
      answers: JSON.parse(JSON.stringify(answers)),
      role: sa.knownRole(role),
      statements: statements.map(function (s) { return { id: s.id, theme: s.theme, stage: s.stage, text: s.text }; })
    };
    var snapshot = fromRecord(record);
    snapshots.push(snapshot);
    return snapshot;
  }

  var KEPT_FOR_VISIT = "kept only until you close this page";

  function storedMessage(result, what) {
    if (result === "off") return what + " is " + KEPT_FOR_VISIT + ": saving is off.";
    if (result === "failed") return "Your browser's storage is full or not available, so " + what.charAt(0).toLowerCase() + what.slice(1) + " is " + KEPT_FOR_VISIT + ". Use Download answers to keep a copy.";
    return "";
  }

  function saveSnapshot() {
    showProblems(loadSnapshots());
    var answers = sa.currentAnswers();
    if (!count(answers)) {
      say("There are no answers to keep yet. Answer some statements, then save a snapshot.");
      return;
    }
    var field = el("sa-snapshot-name");
    var snapshot = addSnapshot(answers, el("sa-role").value, field.value);
    field.value = "";
    var result = storeSnapshots();
    var name = quoted(snapshotName(snapshot));
    if (result === "failed") showProblems([storedMessage(result, "Snapshot " + name)]);
    say("Snapshot " + name + " saved, with " + sa.plural(count(answers), "answer", "answers") +
      ". Your current answers are unchanged." + (result === "off" ? " " + storedMessage(result, "It") : ""));
    showSnapshots();
  }

  function confirmBox(question, yesLabel, noLabel, yes, no) {
    var box = make("div", "mbct-confirm");
    box.setAttribute("role", "group");
    var q = make("p");
    q.id = newId("sa-q");
    q.appendChild(make("strong", "", question));
    box.setAttribute("aria-labelledby", q.id);
    box.appendChild(q);
    var yesButton = button(yesLabel, yes, true);
    box.appendChild(buttons([yesButton, button(noLabel, no)]));
    return { box: box, focus: function () { yesButton.focus(); } };
  }

  function showSnapshots(focusKey) {
    if (!snapshots) showProblems(loadSnapshots());
    var part = section("sa-snapshots", "Snapshots");
    if (!snapshots.length) {
      part.appendChild(make("p", "", "No snapshots yet. Save one each time you review your answers."));
      return;
    }
    part.appendChild(make("p", "", "Newest first. Each keeps the answers as they were when it was saved."));
    var list = make("ul", "mbct-snapshots");
    snapshots.slice().reverse().forEach(function (snapshot) {
      var li = make("li", "mbct-snapshot");
      var name = make("strong", "", snapshotName(snapshot));
      name.id = snapshot.key + "-name";
      li.appendChild(name);
      li.appendChild(make("span", "mbct-plan__meta", " " + describeSnapshot(snapshot)));
      var actions = [
        button("Rename", function () { renameSnapshot(snapshot, li); }),
        button("Delete", function () { deleteSnapshot(snapshot, li); }),
        button("Use these answers as mine", function () { useSnapshot(snapshot, li); })
      ];
      actions.forEach(function (b) { b.setAttribute("aria-describedby", name.id); });
      actions[0].id = snapshot.key + "-rename";
      li.appendChild(buttons(actions));
      list.appendChild(li);
    });
    part.appendChild(list);
    if (focusKey && el(focusKey)) el(focusKey).focus();
  }

  function renameSnapshot(snapshot, li) {
    var field = make("div", "mbct-field mbct-field--wide");
    var input = make("input");
    input.type = "text";
    input.id = snapshot.key + "-new-name";
    input.maxLength = 80;
    input.value = snapshot.record.label;
    var fieldLabel = make("label", "", "New name for " + quoted(snapshotName(snapshot)));
    fieldLabel.htmlFor = input.id;
    field.appendChild(fieldLabel);
    field.appendChild(input);
    var done = function () {
      var result = storeSnapshots();
      showSnapshots(snapshot.key + "-rename");
      say("Snapshot renamed to " + quoted(snapshotName(snapshot)) + "." + (result === "saved" ? "" : " " + storedMessage(result, "The new name")));
    };
    li.textContent = "";
    li.appendChild(field);
    li.appendChild(buttons([
      button("Save name", function () { snapshot.record.label = cleanName(input.value, 80); done(); }, true),
      button("Cancel", function () { showSnapshots(snapshot.key + "-rename"); })
    ]));
    input.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") return;
      event.preventDefault(); // or the Enter would press the Rename button that takes focus
      snapshot.record.label = cleanName(input.value, 80);
      done();
    });
    input.focus();
  }

  function deleteSnapshot(snapshot, li) {
    var name = quoted(snapshotName(snapshot));
    var confirm = confirmBox("Delete the snapshot " + name + "? This cannot be undone.", "Yes, delete it", "No, keep it",
      function () {
        snapshots.splice(snapshots.indexOf(snapshot), 1);
        var result = storeSnapshots();
        showSnapshots();
        el("sa-snapshots").querySelector("h3").focus();
        say("Snapshot " + name + " deleted." + (result === "failed" ? " " + storedMessage(result, "The change") : ""));
      },
      function () { showSnapshots(snapshot.key + "-rename"); });
    li.appendChild(confirm.box);
    confirm.focus();
  }

  function useSnapshot(snapshot, li) {
    var name = quoted(snapshotName(snapshot));
    var confirm = confirmBox("Replace your answers with the answers in the snapshot " + name + "? Your current answers will be kept as a snapshot first.",
      "Yes, use these answers", "No, keep mine",
      function () { replaceAnswers(snapshot.answers, snapshot.record.role, "the snapshot " + name); },
      function () { showSnapshots(snapshot.key + "-rename"); });
    li.appendChild(confirm.box);
    confirm.focus();
  }

  /** Makes ``answers`` the person's own, after keeping their own as a snapshot. Refuses, and
      changes nothing, if that snapshot cannot be kept where their answers are kept. */
  function replaceAnswers(answers, role, fromWhat) {
    showProblems(loadSnapshots());
    var own = sa.viewingShared() ? sa.readSaved() : { answers: sa.currentAnswers(), role: el("sa-role").value };
    var kept = null;
    if (count(own.answers)) {
      kept = addSnapshot(own.answers, own.role, "Before using " + fromWhat.replace(/\u201c|\u201d/g, ""));
      if (storeSnapshots() === "failed") {
        snapshots.pop();
        showProblems(["Your browser's storage is full or not available, so we could not keep your current answers as a snapshot. Nothing has been replaced. Use Download answers to keep a copy of your answers first."]);
        return false;
      }
    }
    sa.showAnswers(answers);
    el("sa-role").value = sa.knownRole(role);
    sa.leaveSharedView(false);
    sa.save(sa.refresh());
    showSnapshots();
    say("Your answers are now " + fromWhat + "." + (kept ? " Your previous answers are kept as the snapshot " + quoted(snapshotName(kept)) + "." : ""));
    el("sa-results-title").setAttribute("tabindex", "-1");
    el("sa-results-title").focus();
    return true;
  }

  /* --- compare two points in time ------------------------------------------------------------ */

  var CURRENT = "current";
  var CHANGES = {
    forward: "Moved forward",
    back: "Moved back",
    same: "Stayed the same",
    changed: "Changed",
    "new": "New",
    gone: "No longer asked"
  };

  /** One side of a comparison: its name, every answer it holds, and what was asked. */
  function source(value) {
    if (value === CURRENT) {
      return { name: "your current answers", short: "Now", answers: sa.currentAnswers(), asked: statements, date: "" };
    }
    var snapshot = snapshots.filter(function (s) { return s.key === value; })[0];
    var all = {};
    Object.keys(snapshot.aside).forEach(function (id) { all[id] = snapshot.aside[id]; });
    Object.keys(snapshot.answers).forEach(function (id) { all[id] = snapshot.answers[id]; });
    var list = snapshot.asked || statements.concat(Object.keys(snapshot.aside).map(function (id) { return { id: id }; }));
    return { name: "the snapshot " + quoted(snapshotName(snapshot)), short: snapshotName(snapshot), answers: all, asked: list, date: longDate(snapshot.record.saved) };
  }

  function direction(before, after) {
    if (before === after) return "same";
    var a = before && has(ANSWER, before) ? ANSWER[before].progress : null;
    var b = after && has(ANSWER, after) ? ANSWER[after].progress : null;
    if (a === null || b === null) return "changed";
    return b > a ? "forward" : "back";
  }

  /** Every statement either side asked, with how its answer changed, in the page's order. */
  function comparison(from, to) {
    var info = {};
    var order = [];
    var add = function (s, side) {
      if (!info[s.id]) {
        var here = has(known, s.id) ? known[s.id] : null;
        info[s.id] = { id: s.id, text: here ? here.text : (typeof s.text === "string" ? s.text : s.id),
          theme: here ? here.theme : s.theme, stage: here ? here.stage : s.stage, sides: {} };
        order.push(s.id);
      }
      info[s.id].sides[side] = true;
    };
    from.asked.forEach(function (s) { add(s, "from"); });
    to.asked.forEach(function (s) { add(s, "to"); });
    // The page's statements in its order, then the others in the order they were met.
    var position = {};
    order.forEach(function (id, i) { position[id] = statements.length + i; });
    statements.forEach(function (s, i) { if (has(position, s.id)) position[s.id] = i; });
    order.sort(function (a, b) { return position[a] - position[b]; });
    return order.map(function (id) {
      var row = info[id];
      row.before = has(from.answers, id) ? from.answers[id] : null;
      row.after = has(to.answers, id) ? to.answers[id] : null;
      row.change = !row.sides.from ? "new" : !row.sides.to ? "gone" : direction(row.before, row.after);
      return row;
    });
  }

  function tally(rows) {
    var counts = { forward: 0, back: 0, same: 0, changed: 0, "new": 0, gone: 0 };
    rows.forEach(function (row) { counts[row.change] += 1; });
    return counts;
  }

  function tallySentence(counts) {
    var parts = [
      sa.plural(counts.forward, "statement", "statements") + " moved forward",
      counts.back + " moved back",
      counts.same + " stayed the same"
    ];
    var text = parts[0] + ", " + parts[1] + " and " + parts[2] + ".";
    if (counts.changed) text += " " + counts.changed + " changed to or from " + UNPLACED + " or no answer.";
    if (counts["new"] || counts.gone) {
      text += " " + sa.plural(counts["new"], "statement is", "statements are") + " new and " + counts.gone + " " + (counts.gone === 1 ? "is" : "are") + " no longer asked.";
    }
    return text;
  }

  function summarySentence(from, to, rows) {
    return "From " + from.name + (from.date ? " (" + from.date + ")" : "") + " to " + to.name + (to.date ? " (" + to.date + ")" : "") + ": " + tallySentence(tally(rows));
  }

  function themeGroups(rows) {
    var groups = data.themes.map(function (t) { return { id: t.id, title: t.title, rows: [] }; });
    var other = { id: "", title: "Other statements", rows: [] };
    rows.forEach(function (row) {
      var group = groups.filter(function (g) { return g.id === row.theme; })[0] || other;
      group.rows.push(row);
    });
    if (other.rows.length) groups.push(other);
    return groups.filter(function (g) { return g.rows.length; });
  }

  function stageGroups(rows) {
    var stages = data.stages.map(function (s) { return { id: s.id, title: s.title, rows: [] }; });
    var other = { id: "", title: "Stage not known", rows: [] };
    rows.forEach(function (row) {
      (stages.filter(function (s) { return s.id === row.stage; })[0] || other).rows.push(row);
    });
    if (other.rows.length) stages.push(other);
    return stages.filter(function (s) { return s.rows.length; });
  }

  function changeLine(row, from, to) {
    if (row.change === "new") return to.short + ": " + label(row.after) + " (not asked in " + from.short + ")";
    if (row.change === "gone") return from.short + ": " + label(row.before) + " (not asked in " + to.short + ")";
    return from.short + ": " + label(row.before) + ". " + to.short + ": " + label(row.after) + ".";
  }

  function compareChart(from, to) {
    var chart = make("div", "mbct-chart mbct-chart--compare");
    chart.setAttribute("aria-hidden", "true");
    var table = make("table", "mbct-profile-table");
    var caption = make("caption", "", "Stage reached for each theme, " + from.short + " and " + to.short);
    table.appendChild(caption);
    var head = make("thead");
    var headRow = make("tr");
    ["Theme", from.short, to.short].forEach(function (text) {
      var th = make("th", "", text);
      th.scope = "col";
      headRow.appendChild(th);
    });
    head.appendChild(headRow);
    table.appendChild(head);
    var body = make("tbody");
    data.themes.forEach(function (t) {
      var before = sa.themeResult(t.id, from.answers).reached;
      var after = sa.themeResult(t.id, to.answers).reached;
      var group = make("div", "mbct-chart__group");
      group.appendChild(make("span", "mbct-chart__theme", t.title));
      group.appendChild(sa.chartRow(from.short, before));
      var later = sa.chartRow(to.short, after);
      later.className += " mbct-chart__row--later";
      group.appendChild(later);
      chart.appendChild(group);
      body.appendChild(sa.tableRow([t.title, sa.stageName(before), sa.stageName(after)]));
    });
    table.appendChild(body);
    return [chart, table];
  }

  var compared = null; // {from, to, rows} for the downloads
  var redrawComparison = null; // once a comparison is open

  function options(select, chosen) {
    select.textContent = "";
    snapshots.slice().reverse().forEach(function (snapshot) {
      var option = make("option", "", snapshotName(snapshot) + " (" + longDate(snapshot.record.saved) + ")");
      option.value = snapshot.key;
      select.appendChild(option);
    });
    var current = make("option", "", "Your current answers");
    current.value = CURRENT;
    select.appendChild(current);
    select.value = chosen;
  }

  function compare() {
    showProblems(loadSnapshots());
    if (!snapshots.length) {
      say("Save a snapshot first. Compare sets a snapshot beside your current answers, or beside another snapshot.");
      return;
    }
    var part = section("sa-comparison", "Comparison");
    var choose = make("div", "mbct-compare-choose mbct-no-print");
    var selects = {};
    [["from", "Earlier answers", snapshots[snapshots.length - 1].key], ["to", "Later answers", CURRENT]].forEach(function (spec) {
      var field = make("p", "mbct-field");
      var select = make("select");
      select.id = "sa-compare-" + spec[0];
      var fieldLabel = make("label", "", spec[1]);
      fieldLabel.htmlFor = select.id;
      field.appendChild(fieldLabel);
      field.appendChild(select);
      options(select, spec[2]);
      select.addEventListener("change", function () {
        redrawComparison();
        say("Comparing " + compared.from.short + " with " + compared.to.short + ".");
      });
      selects[spec[0]] = select;
      choose.appendChild(field);
    });
    part.appendChild(choose);
    var results = make("div");
    results.id = "sa-comparison-results";
    part.appendChild(results);
    part.appendChild(buttons([
      button("Print comparison", function () { printPart(part); }),
      button("Download comparison as Markdown", function () { download("self-assessment-comparison.md", MARKDOWN, comparisonMarkdown()); }),
      button("Download comparison as CSV", function () { download("self-assessment-comparison.csv", CSV, comparisonCsv()); })
    ])).className += " mbct-no-print";
    redrawComparison = function () { drawComparison(results, selects); };
    redrawComparison();
    say("Comparing " + compared.from.short + " with " + compared.to.short + ".");
    part.querySelector("h3").focus();
  }

  function drawComparison(results, selects) {
    var from = source(selects.from.value);
    var to = source(selects.to.value);
    var rows = comparison(from, to);
    compared = { from: from, to: to, rows: rows };
    results.textContent = "";
    var summary = make("p", "mbct-compare-summary", summarySentence(from, to, rows));
    summary.id = "sa-comparison-summary";
    results.appendChild(summary);
    compareChart(from, to).forEach(function (node) { results.appendChild(node); });
    themeGroups(rows).forEach(function (group) {
      results.appendChild(make("h4", "", group.title));
      results.appendChild(make("p", "", tallySentence(tally(group.rows))));
      stageGroups(group.rows).forEach(function (stage) {
        results.appendChild(make("p", "mbct-compare-stage", stage.title + ": " + tallySentence(tally(stage.rows))));
        var list = make("ul", "mbct-changes");
        stage.rows.forEach(function (row) {
          var li = make("li");
          li.setAttribute("data-statement", row.id);
          li.setAttribute("data-change", row.change);
          li.appendChild(make("strong", "mbct-change mbct-change--" + row.change, CHANGES[row.change]));
          li.appendChild(document.createTextNode(" " + row.text + " "));
          li.appendChild(make("span", "mbct-plan__meta", changeLine(row, from, to)));
          list.appendChild(li);
        });
        results.appendChild(list);
      });
    });
  }

  function comparisonMarkdown() {
    var c = compared;
    var lines = ["# Self-assessment: what moved", "", "Date: " + today(), "", md(summarySentence(c.from, c.to, c.rows)), ""];
    lines.push("## Stage reached for each theme", "", "| Theme | " + md(c.from.short) + " | " + md(c.to.short) + " |", "| --- | --- | --- |");
    data.themes.forEach(function (t) {
      lines.push("| " + md(t.title) + " | " + md(sa.stageName(sa.themeResult(t.id, c.from.answers).reached)) + " | " +
        md(sa.stageName(sa.themeResult(t.id, c.to.answers).reached)) + " |");
    });
    themeGroups(c.rows).forEach(function (group) {
      lines.push("", "## " + md(group.title), "", md(tallySentence(tally(group.rows))), "");
      stageGroups(group.rows).forEach(function (stage) {
        lines.push("### " + md(stage.title), "", md(tallySentence(tally(stage.rows))), "");
        stage.rows.forEach(function (row) {
          lines.push("- **" + CHANGES[row.change] + "**: " + md(row.text) + " " + md(changeLine(row, c.from, c.to)));
        });
        lines.push("");
      });
    });
    return lines.join("\n") + "\n";
  }

  function comparisonCsv() {
    var c = compared;
    var date = today();
    var rows = [["date", "theme", "stage", "statement", c.from.short, c.to.short, "change"]];
    c.rows.forEach(function (row) {
      rows.push([date, sa.themeTitles[row.theme] || "", sa.stageTitles[row.stage] || "", row.text,
        row.change === "new" ? "Not asked" : label(row.before), row.change === "gone" ? "Not asked" : label(row.after), CHANGES[row.change]]);
    });
    return csv(rows);
  }

  /* --- answers files --------------------------------------------------------------------------- */

  function downloadAnswers() {
    var name = cleanName(el("sa-name").value);
    var file = { format: FILE.format, version: FILE.version, saved: new Date().toISOString() };
    if (name) file.name = name;
    var role = roleNow();
    if (role) file.role = role;
    file.answers = sa.currentAnswers();
    var slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    download("self-assessment-answers-" + (slug ? slug + "-" : "") + today() + ".json", "application/json",
      JSON.stringify(file, null, 2) + "\n");
    say("Your answers file has been downloaded, with " + sa.plural(count(file.answers), "answer", "answers") +
      ". Send it to the colleague who is putting the team view together.");
  }

  /** The first reserved key (such as "__proto__") anywhere in a parsed file, or "". */
  function reservedKey(value) {
    var stack = [value];
    while (stack.length) {
      var item = stack.pop();
      if (!item || typeof item !== "object") continue;
      for (var key in item) {
        if (!has(item, key)) continue;
        if (FILE.reserved.indexOf(key) >= 0) return key;
        stack.push(item[key]);
      }
    }
    return "";
  }

  var ALLOWED = ["format", "version", "saved", "name", "role", "answers"];

  /** A person from a file's text, or {problem}. ``name`` is the file's name, for messages. */
  function readAnswersFile(fileName, text) {
    var named = quoted(fileName);
    var notOurs = named + " was not opened: it is not an answers file from this self-assessment (";
    var parsed;
    try { parsed = JSON.parse(text); } catch (error) {
      return { problem: named + " was not opened: it is not an answers file, because it is not JSON. Choose a file saved with Download answers." };
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
      return { problem: notOurs + "it holds " + (Array.isArray(parsed) ? "a list" : "a single value") + ", not a set of answers)." };
    }
    var reserved = reservedKey(parsed);
    if (reserved) return { problem: named + " was not opened: it contains the key " + quoted(reserved) + ", which answers files never have." };
    var legacy = !has(parsed, "format") && parsed.version === 1; // the browser's saved answers, as stored
    if (!legacy && parsed.format !== FILE.format) return { problem: notOurs + "its " + quoted("format") + " is missing or different)." };
    if (!legacy && parsed.version !== FILE.version) {
      return { problem: typeof parsed.version === "number" ?
        named + " was not opened: it uses version " + parsed.version + " of the answers file format, and this page reads version " + FILE.version + ". It may come from a newer version of this site." :
        notOurs + "its version is missing)." };
    }
    var extra = Object.keys(parsed).filter(function (key) { return ALLOWED.indexOf(key) < 0; });
    if (!legacy && extra.length) return { problem: notOurs + "it has a field answers files do not have: " + quoted(cleanName(extra[0], 40)) + ")." };
    var answers = parsed.answers;
    if (!answers || typeof answers !== "object" || Array.isArray(answers)) return { problem: notOurs + "its answers are missing or not in the expected form)." };
    var ids = Object.keys(answers);
    if (ids.length > FILE.maxAnswers) return { problem: notOurs + "it has " + ids.length + " answers; the self-assessment has " + statements.length + " statements)." };
    for (var i = 0; i < ids.length; i++) {
      if (!ID.test(ids[i])) return { problem: notOurs + quoted(cleanName(ids[i], 40)) + " is not a statement id)." };
      if (typeof answers[ids[i]] !== "string" || !has(ANSWER, answers[ids[i]])) {
        return { problem: notOurs + "the answer to " + quoted(ids[i]) + " is not one of " + sa.answerIds.map(function (a) { return ANSWER[a].label; }).join(", ") + ")." };
      }
    }
    if (has(parsed, "name") && parsed.name !== null && typeof parsed.name !== "string") return { problem: notOurs + "its name is not text)." };
    var cleaned = sa.cleanAnswers(answers);
    return {
      person: {
        name: cleanName(parsed.name || "") || cleanName(fileName.replace(/\.json$/i, "")) || "No name",
        fileName: cleanName(fileName, 200),
        saved: parsed.saved,
        role: sa.knownRole(parsed.role),
        answers: cleaned.answers,
        aside: cleaned.aside
      }
    };
  }

  var people = []; // everyone opened so far
  var includeOwn = true;

  function uniqueName(name) {
    var taken = people.map(function (p) { return p.name; }).concat(["You"]);
    var candidate = name;
    for (var n = 2; taken.indexOf(candidate) >= 0; n++) candidate = name + " (" + n + ")";
    return candidate;
  }

  function readText(file) {
    if (file.text) return file.text();
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () { resolve(reader.result); };
      reader.onerror = function () { reject(reader.error); };
      reader.readAsText(file);
    });
  }

  function openFiles(files) {
    var problems = [];
    var opened = [];
    var next = function (i) {
      if (i >= files.length) return finish();
      var file = files[i];
      var named = quoted(cleanName(file.name, 200));
      if (file.size > FILE.maxBytes) {
        problems.push(named + " was not opened: it is too large to be an answers file (" + (file.size / 1048576).toFixed(1) +
          " MB; answers files are a few kilobytes, and the limit is " + Math.round(FILE.maxBytes / 1048576) + " MB).");
        return next(i + 1);
      }
      readText(file).then(function (text) {
        var result = readAnswersFile(cleanName(file.name, 200), text);
        if (result.problem) {
          problems.push(result.problem);
        } else {
          result.person.name = uniqueName(result.person.name);
          people.push(result.person);
          opened.push(result.person);
          var aside = count(result.person.aside);
          if (aside) {
            problems.push(named + ": " + sa.plural(aside, "answer is for a statement", "answers are for statements") +
              " this self-assessment no longer has. " + (aside === 1 ? "It is" : "They are") + " kept aside, under " + quoted("Answers kept aside") + ", not dropped.");
          }
        }
        next(i + 1);
      }, function () {
        problems.push(named + " was not opened: your browser could not read it.");
        next(i + 1);
      });
    };
    var finish = function () {
      showProblems(problems, opened.length ? "" : "Nothing has been changed, and everything you opened before is still here.");
      if (people.length) showTeam(!!opened.length);
      say(opened.length ? "Opened " + sa.plural(opened.length, "answers file", "answers files") + ". The team view shows " +
        sa.plural(team().length, "person's", "people's") + " answers." : "No answers file was opened.");
    };
    next(0);
  }

  /** Everyone in the team view: the person's own answers (if any, and chosen), then the files. */
  function team() {
    var own = sa.currentAnswers();
    var list = includeOwn && count(own) ? [{ name: "You", own: true, answers: own, aside: {} }] : [];
    return list.concat(people);
  }

  function teamAnswer(values) {
    var given = values.filter(function (v) { return v && has(ANSWER, v); });
    var placed = [];
    given.forEach(function (v) { if (ANSWER[v].progress !== null && placed.indexOf(v) < 0) placed.push(v); });
    if (placed.length > 1) return data.discuss.id;
    if (placed.length) return placed[0];
    return given.length ? given[0] : null;
  }

  function teamAnswers(everyone) {
    var combined = {};
    statements.forEach(function (s) {
      var value = teamAnswer(everyone.map(function (p) { return p.answers[s.id]; }));
      if (value) combined[s.id] = value;
    });
    return combined;
  }

  /** How far the team agrees on one statement, with how many gave each answer. */
  function agreement(everyone, id) {
    var counts = {};
    var answered = 0;
    everyone.forEach(function (p) {
      if (has(p.answers, id)) { counts[p.answers[id]] = (counts[p.answers[id]] || 0) + 1; answered += 1; }
    });
    if (!answered) return "No one has answered";
    var parts = sa.answerIds.filter(function (a) { return counts[a]; }).map(function (a) {
      return counts[a] + " " + ANSWER[a].label;
    });
    if (answered < everyone.length) parts.push((everyone.length - answered) + " not answered");
    var team = teamAnswer(everyone.map(function (p) { return p.answers[id]; }));
    var verdict = team === data.discuss.id ? "Answers differ" :
      counts[team] === everyone.length ? "Everyone agrees" : "No one disagrees";
    return verdict + " (" + parts.join(", ") + ")";
  }

  function teamWhy(item) {
    var statement = "\u201c" + item.because.replace(/[.\s]+$/, "") + "\u201d";
    if (item.answer === data.discuss.id) return "People gave different answers to " + statement + ": discuss it.";
    if (!item.answer) return "No one has answered " + statement + " yet.";
    return "The team answered " + ANSWER[item.answer].label + " to " + statement + ".";
  }

  function personLine(person) {
    if (person.own) return "Your current answers on this page, " + sa.plural(count(person.answers), "answer", "answers") + ".";
    var text = "From " + quoted(person.fileName) + ", saved " + longDate(person.saved) + ", " + sa.plural(count(person.answers), "answer", "answers");
    if (person.role) text += ", for " + sa.roleTitles[person.role];
    return text + ".";
  }

  var teamState = null; // {everyone, combined} for the downloads

  function showTeam(focus) {
    var everyone = team();
    var combined = teamAnswers(everyone);
    var discuss = statements.filter(function (s) { return combined[s.id] === data.discuss.id; });
    teamState = { everyone: everyone, combined: combined, discuss: discuss };
    var part = section("sa-team", "Team view");
    part.appendChild(make("p", "mbct-team-summary", "Answers from " + sa.plural(everyone.length, "person", "people") + ": " +
      everyone.map(function (p) { return p.name; }).join(", ") + ". " +
      (discuss.length ? sa.plural(discuss.length, "statement has", "statements have") + " different answers, marked " + quoted(data.discuss.label) + "." :
        "No statement has different answers.")));
    part.appendChild(make("p", "mbct-hint", "A statement is marked " + quoted(data.discuss.label) + " when people gave different answers among " +
      sa.answerIds.filter(function (a) { return ANSWER[a].progress !== null; }).map(function (a) { return ANSWER[a].label; }).join(", ") +
      ". " + UNPLACED + " is shown, but is not a disagreement."));

    var ownBox = make("p", "mbct-no-print");
    var check = make("label", "mbct-check");
    var input = make("input");
    input.type = "checkbox";
    input.id = "sa-team-own";
    input.checked = includeOwn;
    input.addEventListener("change", function () { includeOwn = input.checked; showTeam(); el("sa-team-own").focus(); });
    check.appendChild(input);
    check.appendChild(document.createTextNode(" Include my own answers"));
    ownBox.appendChild(check);
    part.appendChild(ownBox);

    part.appendChild(make("h4", "", "Whose answers"));
    var who = make("ul", "mbct-people");
    everyone.forEach(function (person) {
      var li = make("li");
      var name = make("strong", "", person.name);
      name.id = newId("sa-person-");
      li.appendChild(name);
      li.appendChild(make("span", "mbct-plan__meta", " " + personLine(person)));
      if (!person.own) {
        var actions = [
          button("Use these answers as mine", function () { useFile(person, li); }),
          button("Remove", function () {
            people.splice(people.indexOf(person), 1);
            if (team().length) { showTeam(); part.querySelector("h3").focus(); } else { part.hidden = true; el("sa-open").focus(); }
            say(person.name + " has been removed from the team view.");
          })
        ];
        actions.forEach(function (b) { b.setAttribute("aria-describedby", name.id); });
        li.appendChild(buttons(actions)).className += " mbct-no-print";
      }
      who.appendChild(li);
    });
    part.appendChild(who);

    // The profile and the combined plan.
    var table = make("table", "mbct-profile-table");
    table.appendChild(make("caption", "", "Stage reached for each theme, by the team's agreed answers"));
    var head = make("tr");
    ["Theme", "Stage reached", data.discuss.label].forEach(function (text) { var th = make("th", "", text); th.scope = "col"; head.appendChild(th); });
    table.appendChild(make("thead")).appendChild(head);
    var body = make("tbody");
    data.themes.forEach(function (t) {
      var reached = sa.themeResult(t.id, combined).reached;
      var open = discuss.filter(function (s) { return s.theme === t.id; }).length;
      body.appendChild(sa.tableRow([t.title, sa.stageName(reached), String(open)]));
    });
    table.appendChild(body);
    part.appendChild(table);

    part.appendChild(make("h4", "", "The team's action plan"));
    part.appendChild(make("p", "", "Statements to discuss and those answered " + ANSWER[sa.answerIds[0]].label + " come first, weakest themes first. Actions for all roles."));
    var plan = make("ol", "mbct-plan");
    plan.id = "sa-team-plan";
    sa.actionPlan(combined, "").forEach(function (item) {
      var li = make("li");
      var link = make("a", "", item.action.title);
      link.href = item.action.url;
      li.appendChild(link);
      li.appendChild(make("span", "mbct-plan__meta", " (" + sa.themeTitles[item.action.theme] + ", " + sa.stageTitles[item.action.stage] + ")"));
      li.appendChild(make("br"));
      li.appendChild(make("span", "mbct-plan__why", teamWhy(item)));
      plan.appendChild(li);
    });
    part.appendChild(plan);

    part.appendChild(make("h4", "", "Everyone's answers, statement by statement"));
    data.themes.forEach(function (t) {
      part.appendChild(make("h5", "", t.title));
      var list = make("ul", "mbct-team-statements");
      statements.forEach(function (s) {
        if (s.theme !== t.id) return;
        var li = make("li");
        li.setAttribute("data-statement", s.id);
        if (combined[s.id] === data.discuss.id) {
          li.className = "mbct-discuss";
          li.appendChild(make("strong", "mbct-change mbct-change--discuss", data.discuss.label));
          li.appendChild(document.createTextNode(" "));
        }
        li.appendChild(make("span", "mbct-team-statement", s.text + " (" + sa.stageTitles[s.stage] + ")"));
        var answers = make("ul", "mbct-team-answers");
        everyone.forEach(function (p) { answers.appendChild(make("li", "", p.name + ": " + label(p.answers[s.id]))); });
        li.appendChild(answers);
        li.appendChild(make("span", "mbct-plan__meta", agreement(everyone, s.id) + "."));
        if (combined[s.id] === data.discuss.id) {
          var action = data.actions.filter(function (a) { return a.id === s.actions[0]; })[0];
          if (action) {
            var what = make("p", "mbct-discuss__action", data.discuss.label + ", with the guidance: ");
            var link = make("a", "", action.title);
            link.href = action.url;
            what.appendChild(link);
            li.appendChild(what);
          }
        }
        list.appendChild(li);
      });
      part.appendChild(list);
    });

    var asideRows = [];
    everyone.forEach(function (p) {
      Object.keys(p.aside).forEach(function (id) { asideRows.push(p.name + ": " + quoted(id) + ", " + label(p.aside[id])); });
    });
    if (asideRows.length) {
      part.appendChild(make("h4", "", "Answers kept aside"));
      part.appendChild(make("p", "", "These answers are for statements this self-assessment no longer has (it has been updated since the file was saved). They are kept here, but do not count toward the results."));
      var asideList = make("ul");
      asideRows.forEach(function (text) { asideList.appendChild(make("li", "", text)); });
      part.appendChild(asideList);
    }

    part.appendChild(buttons([
      button("Print team view", function () { printPart(part); }),
      button("Download team view as Markdown", function () { download("self-assessment-team-view.md", MARKDOWN, teamMarkdown()); }),
      button("Download team view as CSV", function () { download("self-assessment-team-view.csv", CSV, teamCsv()); })
    ])).className += " mbct-no-print";
    if (focus) part.querySelector("h3").focus();
  }

  function useFile(person, li) {
    var confirm = confirmBox("Replace your answers with " + person.name + "'s answers? Your current answers will be kept as a snapshot first.",
      "Yes, use these answers", "No, keep mine",
      function () {
        if (replaceAnswers(person.answers, person.role, person.name + "'s answers from " + quoted(person.fileName))) showTeam();
      },
      function () { confirm.box.remove(); });
    li.appendChild(confirm.box);
    confirm.focus();
  }

  function teamMarkdown() {
    var t = teamState;
    var lines = ["# Self-assessment: team view", "", "Date: " + today(), "",
      "Answers from: " + t.everyone.map(function (p) { return md(p.name); }).join(", ") + ".", "",
      t.discuss.length + " " + (t.discuss.length === 1 ? "statement has" : "statements have") + " different answers, marked " + md(data.discuss.label) + ".", ""];
    lines.push("## Stage reached for each theme", "", "| Theme | Stage reached | " + md(data.discuss.label) + " |", "| --- | --- | --- |");
    data.themes.forEach(function (th) {
      lines.push("| " + md(th.title) + " | " + md(sa.stageName(sa.themeResult(th.id, t.combined).reached)) + " | " +
        t.discuss.filter(function (s) { return s.theme === th.id; }).length + " |");
    });
    lines.push("", "## The team's action plan", "");
    lines = lines.concat(planLines(sa.actionPlan(t.combined, ""), teamWhy));
    lines.push("", "## Everyone's answers", "");
    lines.push("| Theme | Statement | " + t.everyone.map(function (p) { return md(p.name); }).join(" | ") + " | Agreement |");
    lines.push("| --- | --- | " + t.everyone.map(function () { return "---"; }).join(" | ") + " | --- |");
    statements.forEach(function (s) {
      var mark = t.combined[s.id] === data.discuss.id ? "**" + md(data.discuss.label) + "**: " : "";
      lines.push("| " + md(sa.themeTitles[s.theme]) + " | " + md(s.text) + " | " +
        t.everyone.map(function (p) { return md(label(p.answers[s.id])); }).join(" | ") + " | " + mark + md(agreement(t.everyone, s.id)) + " |");
    });
    return lines.join("\n") + "\n";
  }

  function teamCsv() {
    var t = teamState;
    var date = today();
    var rows = [["date", "theme", "stage", "statement"].concat(t.everyone.map(function (p) { return p.name; }), ["agreement", data.discuss.label])];
    statements.forEach(function (s) {
      rows.push([date, sa.themeTitles[s.theme], sa.stageTitles[s.stage], s.text].concat(
        t.everyone.map(function (p) { return label(p.answers[s.id]); }),
        [agreement(t.everyone, s.id), t.combined[s.id] === data.discuss.id ? "yes" : "no"]));
    });
    return csv(rows);
  }

  /* --- the offline copy: saving on or off ------------------------------------------------ */

  /** Turns saving on (answers and snapshots are written now) or off (both are deleted from
      this computer, and stay on the page until it closes). */
  function offlineSaving(on) {
    try {
      if (on) {
        window.localStorage.setItem(sa.keys.offline, "on");
      } else {
        [sa.keys.offline, sa.keys.answers, sa.keys.snapshots].forEach(function (key) { window.localStorage.removeItem(key); });
      }
    } catch (error) { /* save() below says that storage is not available */ }
    if (on) {
      if (sa.save(sa.currentAnswers()) && snapshots && storeSnapshots() === "failed") {
        showProblems([storedMessage("failed", "Your snapshots")]);
      }
    } else {
      el("sa-saved-status").textContent = "Saving is off. Your answers and snapshots have been deleted from this computer; they stay on this page until you close it.";
    }
  }

  /* --- print one part ------------------------------------------------------------------------- */

  function printPart(part) {
    var page = document.documentElement;
    page.classList.add("mbct-print-part");
    part.classList.add("mbct-print-target");
    var done = function () {
      page.classList.remove("mbct-print-part");
      part.classList.remove("mbct-print-target");
      window.removeEventListener("afterprint", done);
    };
    window.addEventListener("afterprint", done);
    window.print();
  }

  // An open comparison or team view follows the person's own answers as they change them.
  var follow = function () {
    if (redrawComparison && !el("sa-comparison").hidden) redrawComparison();
    if (people.length && !el("sa-team").hidden) showTeam();
  };
  el("sa-form").addEventListener("change", follow);
  el("sa-role").addEventListener("change", follow);

  window.mbctSelfAssessmentTeam = {
    showSnapshots: function () { showSnapshots(); },
    saveSnapshot: saveSnapshot,
    offlineSaving: offlineSaving,
    share: share,
    openShared: openShared,
    compare: compare,
    downloadAnswers: downloadAnswers,
    openFiles: openFiles,
    replaceAnswers: replaceAnswers,
    downloadMarkdown: function () { download("self-assessment.md", MARKDOWN, markdownExport(sa.currentAnswers())); },
    downloadCsv: function () { download("self-assessment.csv", CSV, csvExport(sa.currentAnswers())); },
    // For the tests: the pure parts.
    encode: encode,
    markdownText: md,
    csvCell: csvCell,
    readAnswersFile: readAnswersFile,
    teamAnswer: teamAnswer
  };
})();
