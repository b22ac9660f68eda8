/* Guidance explorer: filters every action by role, stage, theme, topic, framework element
   and words. The filters live in the URL query (?role=teacher&stage=developing, values may
   repeat or be comma-separated), so a pasted link opens the same view. Only known ids are
   accepted from the URL; anything else is ignored. Without JavaScript every action shows.

   Words: every word typed must match (AND), ignoring case and accents, and the start of a
   word is enough ("fund" finds "funding"). They are matched against each action's whole
   text: its card on this page, plus a word index the build writes to a script file
   (render/tools.py explorer_words_script: the title, summary, detail and signs of
   progress). The index is fetched only when someone is about to search (the words box gets
   focus, or the address has words), so a first visit does not pay for it. While it loads,
   words are matched on the cards but no result is final: the count says "Loading" and
   "No actions match" is never shown, so a shared link with words never claims, even for a
   moment, that nothing matches. If the index cannot be had, words are matched on the cards.

   Synonyms (guidance_data/search_synonyms.yml, in the same index): a word typed that is
   listed there also finds the word the guidance uses ("money" finds "funding"). */
(function () {
  "use strict";

  var form = document.getElementById("explorer-form");
  var results = document.getElementById("explorer-results");
  if (!form || !results) return;

  var FACETS = ["role", "stage", "theme", "topic", "element"];
  var LEGENDS = {};
  var MAX_QUERY_LENGTH = 200;
  var count = document.getElementById("explorer-count");
  var empty = document.getElementById("explorer-empty");
  var emptySet = document.getElementById("explorer-empty-set");
  var clearList = document.getElementById("explorer-clear-list");
  var barCount = document.getElementById("explorer-bar-count");
  var show = document.getElementById("explorer-show");
  var search = document.getElementById("filter-q");
  var cards = results.querySelectorAll(".mbct-action");
  var total = cards.length;
  var site = window.mbctSite || null;

  /** Words as the build indexes them (render/tools.py search_words): lower case, accents
      removed (NFKD, then every combining mark dropped), split at anything that is not a
      letter or a digit. */
  function words(text) {
    return String(text).toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "").match(/[\p{L}\p{N}]+/gu) || [];
  }

  var allowed = {};
  var labels = {};
  FACETS.forEach(function (facet) {
    allowed[facet] = {};
    labels[facet] = {};
    var fieldset = form.querySelector('[data-filter="' + facet + '"]');
    LEGENDS[facet] = fieldset ? fieldset.querySelector("legend").textContent : facet;
    form.querySelectorAll('input[name="' + facet + '"]').forEach(function (input) {
      allowed[facet][input.value] = true;
      labels[facet][input.value] = form.querySelector('label[for="' + input.id + '"]').textContent;
    });
  });

  // Read each card once; filtering then touches only these plain objects. Each card's own
  // text (title, first sentence, stage, theme and who leads) is kept as " word word ...",
  // so " fund" found in it means a word beginning with "fund".
  var entries = Array.prototype.map.call(cards, function (card) {
    return {
      card: card,
      role: (card.getAttribute("data-roles") || "").split(" "),
      stage: [card.getAttribute("data-stage")],
      theme: [card.getAttribute("data-theme")],
      topic: (card.getAttribute("data-topics") || "").split(" "),
      element: (card.getAttribute("data-elements") || "").split(" "),
      text: " " + words(card.textContent).join(" ")
    };
  });

  // The rest of each action's words: "word:gaps word:gaps ...", where gaps (base 36) give
  // the positions of the cards whose action has that word. If the index is missing or does
  // not fit the cards, words are matched on the cards alone.
  var index = { words: [], cards: [], synonyms: {} };
  function readIndex(data) {
    if (!data || data.version !== 1 || data.actions !== total || typeof data.words !== "string") return;
    // Synonyms: { "money": ["funding"], ... }, words as words() gives them.
    if (data.synonyms && typeof data.synonyms === "object") {
      Object.keys(data.synonyms).forEach(function (word) {
        var means = data.synonyms[word];
        if (Array.isArray(means)) index.synonyms[word] = means.filter(function (w) { return typeof w === "string"; });
      });
    }
    data.words.split(" ").forEach(function (entry) {
      var parts = entry.split(":");
      if (parts.length !== 2) return;
      var positions = [];
      var position = -1;
      parts[1].split(",").forEach(function (gap) {
        position += parseInt(gap, 36) + 1;
        if (position >= 0 && position < total) positions.push(position);
      });
      index.words.push(parts[0]);
      index.cards.push(positions);
    });
  }

  // A script file (not fetch), so it loads from file:// in the offline copy too. It sets
  // window.mbctExplorerWords; results gets data-word-index="loaded" or "failed".
  function loadIndex() {
    if (results.hasAttribute("data-word-index")) return;
    var source = results.getAttribute("data-words");
    if (!source) {
      results.setAttribute("data-word-index", "failed");
      return;
    }
    results.setAttribute("data-word-index", "loading");
    var script = document.createElement("script");
    script.src = source;
    // Either way the words typed so far are matched again, now on the whole text (or, if the
    // index failed, finally on the cards alone), and the result is announced.
    script.onload = function () {
      readIndex(window.mbctExplorerWords);
      results.setAttribute("data-word-index", index.words.length ? "loaded" : "failed");
      if (search.value.trim()) render(stateFromForm(), true);
    };
    script.onerror = function () {
      results.setAttribute("data-word-index", "failed");
      if (search.value.trim()) render(stateFromForm(), true);
    };
    document.head.appendChild(script);
  }

  /** For one typed word: a flag per card, set when its action has a word beginning so. */
  function cardsWith(word) {
    var found = new Uint8Array(total);
    for (var i = 0; i < index.words.length; i++) {
      if (index.words[i].lastIndexOf(word, 0) === 0) {
        var positions = index.cards[i];
        for (var j = 0; j < positions.length; j++) found[positions[j]] = 1;
      }
    }
    var needle = " " + word;
    for (var k = 0; k < total; k++) {
      if (!found[k] && entries[k].text.indexOf(needle) >= 0) found[k] = 1;
    }
    return found;
  }

  /** For one typed word: the cards with it, or with a word it is a synonym of. */
  function cardsWithOrSynonyms(word) {
    var found = cardsWith(word);
    var means = Object.prototype.hasOwnProperty.call(index.synonyms, word) ? index.synonyms[word] : [];
    means.forEach(function (other) {
      var also = cardsWith(other);
      for (var k = 0; k < total; k++) if (also[k]) found[k] = 1;
    });
    return found;
  }

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

  function facetsMatch(entry, state) {
    for (var i = 0; i < FACETS.length; i++) {
      var chosen = state[FACETS[i]];
      if (chosen.length && !chosen.some(function (value) { return entry[FACETS[i]].indexOf(value) >= 0; })) {
        return false;
      }
    }
    return true;
  }

  function plural(number, one, many) {
    return number + " " + (number === 1 ? one : many);
  }

  function describe(shown) {
    if (shown === total) return "Showing all " + total + " actions.";
    if (shown === 0) return "No actions match these filters.";
    return "Showing " + shown + " of " + total + " actions.";
  }

  /* --- the bar beside the filters: the count and a link down to the results ------------- */

  function updateBar(shown, loading) {
    if (loading) {
      barCount.textContent = "Loading the search…";
      show.textContent = "Show actions";
      show.setAttribute("href", "#explorer-count");
    } else if (shown === 0) {
      barCount.textContent = "No actions match.";
      show.textContent = "See what to change";
      show.setAttribute("href", "#explorer-empty");
    } else {
      barCount.textContent = shown === total ? "All " + total + " actions match." : plural(shown, "action matches.", "actions match.");
      show.textContent = "Show " + plural(shown, "action", "actions");
      show.setAttribute("href", "#explorer-count");
    }
  }

  /* --- no results: which filters are set, with a button to clear each -------------------- */

  function clearButton(text, clear) {
    var item = document.createElement("li");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button mbct-clear-button";
    button.textContent = text;
    button.addEventListener("click", function () {
      clear();
      update(true);
      // The button has gone: keep the keyboard where the reader is.
      var next = clearList.querySelector("button");
      if (!empty.hidden && next) { next.focus(); } else { count.focus(); }
    });
    item.appendChild(button);
    clearList.appendChild(item);
  }

  function describeFilters(state, typed) {
    emptySet.textContent = "";
    clearList.textContent = "";
    var set = [];
    FACETS.forEach(function (facet) {
      if (!state[facet].length) return;
      set.push(LEGENDS[facet] + ": " + state[facet].map(function (value) { return labels[facet][value]; }).join(" or "));
      state[facet].forEach(function (value) {
        clearButton("Remove " + LEGENDS[facet].toLowerCase() + ": " + labels[facet][value], function () {
          document.getElementById("filter-" + facet + "-" + value).checked = false;
        });
      });
    });
    if (typed.length) {
      set.push("Words: " + typed.join(" "));
      typed.forEach(function (word, position) {
        clearButton("Remove the word: " + word, function () {
          search.value = typed.filter(function (_, i) { return i !== position; }).join(" ");
        });
      });
    }
    var removable = clearList.querySelectorAll("button").length;
    emptySet.textContent = removable ?
      "You have chosen " + set.join("; ") + ". Remove " + (removable > 1 ? "one of these" : "it") + " to see more actions:" : "";
    clearButton("Clear all filters", function () { showInForm(readState("")); });
  }

  /* --- filtering ----------------------------------------------------------------------- */

  var announceTimer = null;
  function render(state, announceNow) {
    var typed = state.q.split(/\s+/).filter(Boolean);
    var wanted = words(state.q);
    var hits = wanted.map(cardsWithOrSynonyms);
    // Words typed while the index is on its way: what shows is not the answer yet.
    var loading = wanted.length > 0 && results.getAttribute("data-word-index") === "loading";
    var shown = 0;
    entries.forEach(function (entry, position) {
      var visible = facetsMatch(entry, state) && hits.every(function (hit) { return hit[position] === 1; });
      if (entry.card.hidden === visible) entry.card.hidden = !visible; // only what changes
      if (visible) shown += 1;
    });
    empty.hidden = shown !== 0 || loading;
    if (shown === 0 && !loading) describeFilters(state, typed);
    results.setAttribute("data-shown", String(shown));
    results.setAttribute("aria-busy", loading ? "true" : "false");
    updateBar(shown, loading);
    // The count is a polite live region; while someone types, announce once they pause.
    var message = loading ? "Loading the search…" : describe(shown);
    window.clearTimeout(announceTimer);
    if (announceNow) {
      count.textContent = message;
    } else {
      announceTimer = window.setTimeout(function () { count.textContent = message; }, 600);
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
  search.addEventListener("focus", loadIndex);
  search.addEventListener("input", function () {
    loadIndex();
    update(false);
  });
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

  // "Copy link to this view": this page with the filters as they are now.
  var copy = document.getElementById("explorer-copy");
  if (site && copy) {
    site.copyButton(copy, function () {
      return new URL(location.pathname + queryFor(stateFromForm()), location.href).href;
    });
  } else if (copy) {
    copy.hidden = true;
  }

  // explorer-early.js kept the original query (q included) away from the theme's search.
  var initial = readState(typeof window.mbctExplorerQuery === "string" ? window.mbctExplorerQuery : location.search);
  if (initial.q.trim()) loadIndex();
  showInForm(initial);
  render(initial, true);
  // Drop anything we ignored from the address, so what is shared is what is shown.
  var clean = location.pathname + queryFor(initial) + location.hash;
  if (clean !== location.pathname + location.search + location.hash) history.replaceState(null, "", clean);

  // For the browser tests: the word splitting, to compare with the build's (search_words).
  window.mbctExplorer = { words: words };
})();
