/* Site-wide enhancements. Every page works without them. */
(function () {
  "use strict";

  // One polite live region for short confirmations such as "Link copied".
  var announcer = document.createElement("div");
  announcer.className = "mbct-visually-hidden";
  announcer.setAttribute("role", "status");
  announcer.setAttribute("aria-live", "polite");
  document.body.appendChild(announcer);

  function announce(message) {
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = message; }, 50);
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var field = document.createElement("textarea");
      field.value = text;
      field.setAttribute("readonly", "");
      field.className = "mbct-visually-hidden";
      document.body.appendChild(field);
      field.select();
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
      document.body.removeChild(field);
      if (copied) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  /** Makes ``button`` copy the link ``urlOf()`` gives: the button says "Link copied" for a
      moment and the page announces it. If the browser cannot copy, the link shows in a box
      beside the button, selected, to copy by hand. Shared by every "Copy link" on the site
      (window.mbctSite.copyButton). */
  function copyButton(button, urlOf) {
    var label = button.textContent;
    var timer = null;
    var fallback = null;
    button.addEventListener("click", function () {
      var url = urlOf();
      copyText(url).then(
        function () {
          if (fallback) fallback.hidden = true;
          button.textContent = "Link copied";
          announce("Link copied");
          window.clearTimeout(timer);
          timer = window.setTimeout(function () { button.textContent = label; }, 3000);
        },
        function () {
          if (!fallback) {
            fallback = document.createElement("p");
            fallback.className = "mbct-copy-fallback";
            var name = document.createElement("label");
            var field = document.createElement("input");
            field.type = "text";
            field.readOnly = true;
            field.className = "mbct-share-url";
            field.id = (button.id || "mbct-copy") + "-url";
            name.htmlFor = field.id;
            name.textContent = "Your browser did not let this page copy. Copy this link yourself:";
            fallback.appendChild(name);
            fallback.appendChild(field);
            var block = button.closest("p, div") || button;
            block.insertAdjacentElement("afterend", fallback);
          }
          var input = fallback.querySelector("input");
          input.value = url;
          fallback.hidden = false;
          input.focus();
          input.select();
          announce("Could not copy. The link is in the box below the button, selected for you to copy.");
        }
      );
    });
  }

  window.mbctSite = { announce: announce, copyText: copyText, copyButton: copyButton };

  /* "Share" under the title of action, role, stage and story pages (share.py): the phone's
     share sheet where there is one, otherwise the link is copied. It always shares the
     published address it carries (data-share-url), so a link shared from the offline copy
     works for the person who gets it. */
  document.querySelectorAll("button.mbct-share__button").forEach(function (button) {
    var url = button.getAttribute("data-share-url");
    var label = button.querySelector(".mbct-share__label");
    var heading = document.querySelector(".md-content h1");
    var title = heading ? heading.textContent.replace(/\u00b6\s*$/, "").trim() : document.title;
    var shown = label.innerHTML;
    var timer = null;
    function copied() {
      label.textContent = "Link copied";
      announce("Link copied");
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { label.innerHTML = shown; }, 3000);
    }
    function copy() {
      copyText(url).then(copied, function () {
        // As copyButton does: the link in a box beside the button, selected, to copy by hand.
        var box = button.parentNode.querySelector("input");
        if (!box) {
          var name = document.createElement("label");
          box = document.createElement("input");
          box.type = "text";
          box.readOnly = true;
          box.id = "mbct-share-url";
          box.className = "mbct-share-url";
          name.htmlFor = box.id;
          name.textContent = "Your browser did not let this page copy. Copy this link yourself:";
          button.parentNode.appendChild(name);
          button.parentNode.appendChild(box);
        }
        box.value = url;
        box.focus();
        box.select();
        announce("Could not copy. The link is in the box below the button, selected for you to copy.");
      });
    }
    button.addEventListener("click", function () {
      url = button.getAttribute("data-share-url"); // a role page adds the stage chosen
      if (typeof navigator.share === "function") {
        navigator.share({ title: title, url: url }).catch(function (error) {
          if (!error || error.name !== "AbortError") copy(); // AbortError: the person closed the sheet
        });
      } else {
        copy();
      }
    });
  });
})();

/* "Start here" by stage on role pages (render/pages.py): early.js chose the stage before the
   page was drawn (data-mbct-start on <html>, which extra.css follows); the radios show it and
   change it, and the address keeps it (?stage=), so the page can be shared at that stage. */
(function () {
  "use strict";
  var radios = document.querySelectorAll('input[name="mbct-start-stage"]');
  if (!radios.length) return;
  var root = document.documentElement;
  var chosen = root.getAttribute("data-mbct-start") || radios[0].value;
  var share = document.querySelector("button.mbct-share__button");
  var shareBase = share && share.getAttribute("data-share-url");
  radios.forEach(function (radio) {
    radio.checked = radio.value === chosen;
    radio.addEventListener("change", function () {
      if (!radio.checked) return;
      root.setAttribute("data-mbct-start", radio.value);
      root.removeAttribute("data-mbct-start-from");
      var params = new URLSearchParams(location.search);
      params.set("stage", radio.value);
      history.replaceState(history.state, "", location.pathname + "?" + params.toString() + location.hash);
      if (share) share.setAttribute("data-share-url", shareBase + "?stage=" + radio.value);
    });
  });
  if (share && new URLSearchParams(location.search).get("stage") === chosen) {
    share.setAttribute("data-share-url", shareBase + "?stage=" + chosen);
  }
})();

/* The theme's menu and search buttons on narrow screens are labels; theme_fixes.py puts them
   in the tab order. Enter or Space presses them, and Escape closes the open menu. */
(function () {
  "use strict";
  document.querySelectorAll('label.md-header__button[tabindex="0"]').forEach(function (button) {
    button.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        button.click();
      }
    });
  });
  var drawer = document.getElementById("__drawer");
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && drawer && drawer.checked) {
      drawer.checked = false;
      var opener = document.querySelector('label.md-header__button[for="__drawer"]');
      if (opener) opener.focus();
    }
  });
})();

/* On narrow screens the search box is hidden until opened, but its input and results stayed in
   the tab order, so Tab stopped on things nobody could see. While hidden they leave the tab
   order (tabindex -1); the theme can still focus the input to open search (its / shortcut),
   and opening search puts them back. */
(function () {
  "use strict";
  var toggle = document.getElementById("__search");
  var box = document.querySelector(".md-search__form");
  if (!toggle || !box) return;
  var narrow = window.matchMedia("(max-width: 59.9375em)");
  var FOCUSABLE = "input, button, a[href], [tabindex]";  // the results area is hidden by CSS
  function update() {
    var hidden = narrow.matches && !toggle.checked;
    box.querySelectorAll(FOCUSABLE).forEach(function (element) {
      if (hidden && !element.hasAttribute("data-mbct-tabindex")) {
        element.setAttribute("data-mbct-tabindex", element.getAttribute("tabindex") || "");
        element.setAttribute("tabindex", "-1");
      } else if (!hidden && element.hasAttribute("data-mbct-tabindex")) {
        var before = element.getAttribute("data-mbct-tabindex");
        if (before) { element.setAttribute("tabindex", before); } else { element.removeAttribute("tabindex"); }
        element.removeAttribute("data-mbct-tabindex");
      }
    });
  }
  // The results area is a Tab stop (tabindex 0, so its list can scroll by keyboard), but while
  // search is closed it has no height, at every width: an invisible stop. It joins the tab
  // order only while search is open.
  var results = document.querySelector(".md-search__scrollwrap[tabindex]");
  function updateResults() {
    if (results) results.setAttribute("tabindex", toggle.checked ? "0" : "-1");
  }
  toggle.addEventListener("change", function () { update(); updateResults(); });
  if (narrow.addEventListener) narrow.addEventListener("change", update);
  update();
  updateResults();
})();
