/* Guidance explorer: filters every action by role, stage, theme, framework element and
   words. The filters live in the URL query (?role=teacher&stage=developing, values may
   repeat or be comma-separated), so a pasted link opens the same view. Only known ids are
   accepted from the URL; anything else is ignored. Without JavaScript every action shows. */
(function () {
  "use strict";

  var form = document.getElementById("explorer-form");
  var results = document.getElementById("explorer-results");
  if (!form || !results) return;

  var FACETS = ["role", "stage", "theme", "element"];
  var MAX_QUERY_LENGTH = 200;
  var count = document.getElementById("explorer-count");
  var empty = document.getElementById("explorer-empty");
  var search = document.getElementById("filter-q");
  var total = results.querySelectorAll(".mbct-action").length;

  function normalise(text) {
    return String(text)
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/\s+/g, " ")
      .trim();
  }

  var allowed = {};
  FACETS.forEach(function (facet) {
    allowed[facet] = {};
    form.querySelectorAll('input[name="' + facet + '"]').forEach(function (input) {
      allowed[facet][input.value] = true;
    });
  });

  // Read each card once; filtering then touches only these plain objects.
  var entries = Array.prototype.map.call(results.querySelectorAll(".mbct-action"), function (card) {
    return {
      card: card,
      role: (card.getAttribute("data-roles") || "").split(" "),
      stage: [card.getAttribute("data-stage")],
      theme: [card.getAttribute("data-theme")],
      element: (card.getAttribute("data-elements") || "").split(" "),
      text: normalise(card.textContent)
    };
  });

  /** Parse a query string into a clean state: known ids only, a bounded search text. */
  function readState(queryString) {
    var params = new URLSearchParams(queryString);
    var state = { q: "" };
    FACETS.forEach(function (facet) {
      var values = [];
      params.getAll(facet).forEach(function (raw) {
        raw.split(",").forEach(function (value) {
          value = value.trim();
          if (Object.prototype.hasOwnProperty.call(allowed[facet], value) && values.indexOf(value) < 0) {
            values.push(value);
          }
        });
      });
      state[facet] = values;
    });
    state.q = (params.get("q") || "").slice(0, MAX_QUERY_LENGTH);
    return state;
  }

  function queryFor(state) {
    var params = new URLSearchParams();
    FACETS.forEach(function (facet) {
      if (state[facet].length) params.set(facet, state[facet].join(","));
    });
    if (state.q.trim()) params.set("q", state.q.trim());
    var text = params.toString().replace(/%2C/g, ",");
    return text ? "?" + text : "";
  }

  function stateFromForm() {
    var state = { q: search.value.slice(0, MAX_QUERY_LENGTH) };
    FACETS.forEach(function (facet) {
      state[facet] = Array.prototype.map.call(
        form.querySelectorAll('input[name="' + facet + '"]:checked'),
        function (input) { return input.value; }
      );
    });
    return state;
  }

  function showInForm(state) {
    FACETS.forEach(function (facet) {
      form.querySelectorAll('input[name="' + facet + '"]').forEach(function (input) {
        input.checked = state[facet].indexOf(input.value) >= 0;
      });
    });
    search.value = state.q;
  }

  function matches(entry, state, words) {
    for (var i = 0; i < FACETS.length; i++) {
      var chosen = state[FACETS[i]];
      if (chosen.length && !chosen.some(function (value) { return entry[FACETS[i]].indexOf(value) >= 0; })) {
        return false;
      }
    }
    return words.every(function (word) { return entry.text.indexOf(word) >= 0; });
  }

  function describe(shown) {
    if (shown === total) return "Showing all " + total + " actions.";
    if (shown === 0) return "No actions match these filters.";
    return "Showing " + shown + " of " + total + " actions.";
  }

  var announceTimer = null;
  function render(state, announceNow) {
    var words = normalise(state.q).split(" ").filter(Boolean);
    var shown = 0;
    entries.forEach(function (entry) {
      var visible = matches(entry, state, words);
      entry.card.hidden = !visible;
      if (visible) shown += 1;
    });
    empty.hidden = shown !== 0;
    results.setAttribute("data-shown", String(shown));
    // The count is a live region; while someone types, announce once they pause.
    window.clearTimeout(announceTimer);
    if (announceNow) {
      count.textContent = describe(shown);
    } else {
      announceTimer = window.setTimeout(function () { count.textContent = describe(shown); }, 400);
    }
  }

  function update(push) {
    var state = stateFromForm();
    render(state, push);
    var url = location.pathname + queryFor(state) + location.hash;
    if (url !== location.pathname + location.search + location.hash) {
      history[push ? "pushState" : "replaceState"](null, "", url);
    }
  }

  form.addEventListener("change", function (event) {
    if (event.target && event.target.type === "checkbox") update(true);
  });
  search.addEventListener("input", function () { update(false); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    update(true);
  });
  form.addEventListener("reset", function (event) {
    event.preventDefault();
    showInForm(readState(""));
    update(true);
    search.focus();
  });
  window.addEventListener("popstate", function () {
    var state = readState(location.search);
    showInForm(state);
    render(state, true);
  });

  // explorer-early.js kept the original query (q included) away from the theme's search.
  var initial = readState(typeof window.mbctExplorerQuery === "string" ? window.mbctExplorerQuery : location.search);
  showInForm(initial);
  render(initial, true);
  // Drop anything we ignored from the address, so what is shared is what is shown.
  var clean = location.pathname + queryFor(initial) + location.hash;
  if (clean !== location.pathname + location.search + location.hash) history.replaceState(null, "", clean);
})();
