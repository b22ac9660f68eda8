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
  toggle.addEventListener("change", update);
  if (narrow.addEventListener) narrow.addEventListener("change", update);
  update();
})();
