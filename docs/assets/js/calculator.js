/* Cost and capacity calculator. Mirrors mbct_guide/calculator.py line for line (a browser
   test compares them). Inputs live in the URL query under their ids (?courses=10&...), so a
   scenario can be shared. Bad input gets a message beside its field; results never show
   NaN, Infinity or undefined. Nothing is sent anywhere. */
(function () {
  "use strict";

  var form = document.getElementById("calculator-form");
  var resultsSection = document.getElementById("calculator-results");
  if (!form || !resultsSection) return;

  var NUMBER = /^\+?(\d+(\.\d+)?|\.\d+)$/;
  var NEGATIVE = /^-(\d+(\.\d+)?|\.\d+)$/;
  var MAX_INPUT_LENGTH = 30;
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input[name]"));
  var status = document.getElementById("calc-status");
  var summary = document.getElementById("calc-error-summary");
  var summaryText = document.getElementById("calc-summary-text");
  var printSummary = document.getElementById("calc-print-summary");

  function clean(raw) {
    return String(raw).replace(/[\s,£%]/g, "");
  }

  function roundHalfUp(value, places) {
    var factor = Math.pow(10, places);
    var rounded = Math.floor(Math.abs(value) * factor + 0.5) / factor;
    return value >= 0 ? rounded : -rounded;
  }

  function group(whole) {
    return String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  function number(value, places) {
    if (places === undefined) places = 1;
    var rounded = roundHalfUp(value, places);
    var absolute = Math.abs(rounded);
    var whole = Math.floor(absolute);
    var text = group(whole);
    var fraction = roundHalfUp(absolute - whole, places);
    if (places && fraction) {
      text += "." + fraction.toFixed(places).split(".")[1].replace(/0+$/, "");
    }
    return (rounded < 0 ? "-" : "") + text;
  }

  // Why a result cannot be worked out (the same words as NOT_APPLICABLE in calculator.py).
  var NOT_APPLICABLE = {
    cost_per_completer: "Not applicable (no one completes a course)",
    courses_for_completers: "Not applicable (no people to reach, or no one completes)"
  };
  var NOT_APPLICABLE_DEFAULT = "Not applicable (no one starts a course)";

  function formatOutput(kind, value, key) {
    if (value === null || !isFinite(value)) {
      return Object.prototype.hasOwnProperty.call(NOT_APPLICABLE, key) ? NOT_APPLICABLE[key] : NOT_APPLICABLE_DEFAULT;
    }
    if (kind === "money") return "£" + number(value, 0);
    if (kind === "people") return number(value, 0);
    return number(value, 1);
  }

  function spec(input) {
    return {
      id: input.name,
      minimum: Number(input.getAttribute("data-min")),
      maximum: Number(input.getAttribute("data-max")),
      whole: input.getAttribute("data-whole") === "true"
    };
  }

  /** Returns [value, null] or [null, message], exactly as check_value in Python. */
  function checkValue(s, raw) {
    var text = clean(raw || "").slice(0, MAX_INPUT_LENGTH);
    if (!text) return [null, "Enter a number"];
    if (NEGATIVE.test(text)) return [null, "Enter a number of " + number(s.minimum, 2) + " or more; it cannot be negative"];
    if (!NUMBER.test(text)) return [null, "Enter a number using digits only, like 12"];
    var value = Number(text);
    if (s.whole && value !== Math.floor(value)) return [null, "Enter a whole number"];
    if (value < s.minimum) return [null, "Enter a number of " + number(s.minimum, 2) + " or more"];
    if (value > s.maximum) return [null, "Enter a number of " + number(s.maximum, 2) + " or less"];
    return [value, null];
  }

  function coursesNeeded(people, groupSize) {
    return Math.ceil(people / groupSize);
  }

  function coursesNeededToComplete(people, groupSize, completionRate) {
    if (completionRate <= 0) return null;
    return Math.ceil(people * 100 / (groupSize * completionRate));
  }

  function compute(v) {
    var reach = v.people_to_reach;
    var courses = reach > 0 ? coursesNeeded(reach, v.group_size) : v.courses;
    var forCompleters = reach > 0 ? coursesNeededToComplete(reach, v.group_size, v.completion_rate) : null;
    var starting = courses * v.group_size;
    var completing = starting * v.completion_rate / 100;
    var sessionsPerCourse = v.sessions + v.orientation_sessions + v.follow_up_sessions;
    var contact = courses * sessionsPerCourse * v.session_hours * v.teachers;
    var preparation = courses * sessionsPerCourse * v.teachers * v.prep_hours;
    var assessment = starting * v.assessment_minutes / 60;
    var supervision = courses * v.supervision_hours;
    var retreat = v.team_teachers * v.retreat_days * v.working_day_hours;
    var staffHours = contact + preparation + assessment + supervision + retreat;
    var staffCost = staffHours * v.hourly_cost;
    var supervisorCost = supervision * v.supervisor_hourly_cost;
    var trainingAndRetreat = v.training_cost + v.team_teachers * v.retreat_cost;
    var other = courses * v.other_costs;
    var total = staffCost + supervisorCost + trainingAndRetreat + other;
    return {
      courses_run: courses,
      courses_for_completers: forCompleters,
      participants_starting: starting,
      participants_completing: completing,
      sessions_per_course: sessionsPerCourse,
      teacher_contact_hours: contact,
      preparation_hours: preparation,
      assessment_hours: assessment,
      supervision_hours: supervision,
      retreat_hours: retreat,
      total_staff_hours: staffHours,
      staff_cost: staffCost,
      supervisor_cost: supervisorCost,
      training_and_retreat_costs: trainingAndRetreat,
      other_costs: other,
      total_cost: total,
      cost_per_starter: starting > 0 ? total / starting : null,
      cost_per_completer: completing > 0 ? total / completing : null,
      one_to_one_hours: starting * v.one_to_one_sessions,
      group_hours_per_starter: starting > 0 ? staffHours / starting : null
    };
  }

  /** The answer in one sentence, for the summary that stays in view and for screen readers. */
  function summarise(v, r) {
    var courses = formatOutput("count", r.courses_run) + (r.courses_run === 1 ? " course" : " courses") + " a year";
    if (v.people_to_reach > 0) {
      courses += " (" + formatOutput("people", v.people_to_reach) + " people ÷ " + formatOutput("people", v.group_size) +
        " a course, rounded up)";
    }
    var perCompleter = r.cost_per_completer === null ? "" :
      ", " + formatOutput("money", r.cost_per_completer) + " per person completing";
    return courses + ": " + formatOutput("people", r.participants_starting) + " people start and " +
      formatOutput("people", r.participants_completing) + " complete. Total cost " +
      formatOutput("money", r.total_cost) + " a year" + perCompleter + ".";
  }

  function showError(input, message) {
    var error = document.getElementById(input.id + "-error");
    var field = input.closest(".mbct-field");
    if (message) {
      error.textContent = message;
      error.hidden = false;
      input.setAttribute("aria-invalid", "true");
      field.classList.add("mbct-field--error");
    } else {
      error.textContent = "";
      error.hidden = true;
      input.removeAttribute("aria-invalid");
      field.classList.remove("mbct-field--error");
    }
  }

  function updateSummary(problems) {
    var list = summary.querySelector("ul");
    list.textContent = "";
    problems.forEach(function (problem) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + problem.input.id;
      link.textContent = problem.label + ": " + problem.message;
      item.appendChild(link);
      list.appendChild(item);
    });
    summary.hidden = problems.length === 0;
  }

  // The figures as typed, as a short table that prints with the results (one A4 page).
  var printTable = document.getElementById("calc-print-inputs");
  function updatePrintTable() {
    var body = printTable.querySelector("tbody");
    body.textContent = "";
    inputs.forEach(function (input) {
      var row = document.createElement("tr");
      var name = document.createElement("th");
      name.scope = "row";
      name.textContent = form.querySelector('label[for="' + input.id + '"]').firstChild.textContent;
      var value = document.createElement("td");
      var field = input.closest(".mbct-input");
      var prefix = field.querySelector(".mbct-input__prefix");
      var suffix = field.querySelector(".mbct-input__suffix");
      var unit = suffix ? suffix.textContent : "";
      if (unit && clean(input.value) === "1") unit = unit.replace(/s$/, "");
      value.textContent = (prefix ? prefix.textContent : "") + clean(input.value) + (unit === "%" ? unit : unit ? " " + unit : "");
      row.appendChild(name);
      row.appendChild(value);
      body.appendChild(row);
    });
  }

  // Which figure sets the courses: a note under "Courses a year" while people to reach is in use.
  var coursesNote = document.getElementById("calc-courses-note");

  var statusTimer = null;
  function calculate(writeUrl) {
    var values = {};
    var problems = [];
    inputs.forEach(function (input) {
      var checked = checkValue(spec(input), input.value);
      showError(input, checked[1]);
      if (checked[1]) {
        problems.push({ input: input, message: checked[1], label: form.querySelector('label[for="' + input.id + '"]').textContent });
      } else {
        values[input.name] = checked[0];
      }
    });
    updateSummary(problems);
    updatePrintTable();
    var cells = resultsSection.querySelectorAll("[data-output]");
    var message;
    if (problems.length) {
      cells.forEach(function (cell) { cell.textContent = "-"; });
      message = "Results will show when every figure is a valid number.";
      coursesNote.hidden = true;
    } else {
      var results = compute(values);
      cells.forEach(function (cell) {
        var key = cell.getAttribute("data-output");
        cell.textContent = formatOutput(cell.getAttribute("data-kind"), results[key], key);
      });
      message = summarise(values, results);
      coursesNote.hidden = !(values.people_to_reach > 0);
      coursesNote.textContent = values.people_to_reach > 0 ?
        "Not used while people to reach is above 0: the calculator works out " + formatOutput("count", results.courses_run) + "." : "";
    }
    // Shown at once; read out politely once typing pauses, not on every key.
    summaryText.textContent = message;
    printSummary.textContent = message;
    window.clearTimeout(statusTimer);
    statusTimer = window.setTimeout(function () { status.textContent = message; }, 500);
    if (writeUrl) history.replaceState(null, "", scenarioAddress() + location.hash);
  }

  /** This page with every figure as it is now in the query, so a link opens this scenario
      even if the default figures change later. */
  function scenarioAddress() {
    var params = new URLSearchParams();
    inputs.forEach(function (input) { params.set(input.name, clean(input.value).slice(0, MAX_INPUT_LENGTH)); });
    return location.pathname + "?" + params.toString();
  }

  // Values from the URL go into the fields as typed (trimmed), so a mistake shows with its message.
  var query = new URLSearchParams(location.search);
  inputs.forEach(function (input) {
    if (query.has(input.name)) input.value = String(query.get(input.name)).slice(0, MAX_INPUT_LENGTH);
  });

  form.addEventListener("input", function () { calculate(true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); calculate(true); });
  document.getElementById("calc-reset").addEventListener("click", function () {
    inputs.forEach(function (input) { input.value = input.getAttribute("data-default"); });
    calculate(true);
  });

  // "Copy link to this scenario" (site.js has the shared copy helper).
  var copy = document.getElementById("calc-copy");
  if (window.mbctSite) {
    window.mbctSite.copyButton(copy, function () { return new URL(scenarioAddress(), location.href).href; });
  } else {
    copy.hidden = true;
  }

  // The first results show without being read out: nothing has changed yet.
  calculate(false);
  window.clearTimeout(statusTimer);
  status.textContent = "";

  // Expose the pure parts for the browser test that compares them with Python.
  window.mbctCalculator = { checkValue: checkValue, compute: compute, formatOutput: formatOutput, summarise: summarise };
})();
