/* "Share" under the title of action, role, stage and story pages, and "Start here" by stage
   on role pages. share.py adds this script to those pages only; it runs after site.js and
   uses its helpers (window.mbctSite). */
(function () {
  "use strict";
  if (!window.mbctSite) return;
  var announce = window.mbctSite.announce;
  var copyText = window.mbctSite.copyText;

  /* "Share" under the title of action, role, stage and story pages (share.py): the phone's
     share sheet where there is one, otherwise the link is copied. It always shares the
     published address it carries (data-share-url), so a link shared from the offline copy
     works for the person who gets it. */
  document.querySelectorAll("button.mbct-share__button").forEach(function (button) {
    var url = button.getAttribute("data-share-url");
    var label = button.querySelector(".mbct-share__label");
    var heading = document.querySelector(".md-content h1");
    var title = heading ? heading.textContent.replace(/\u00b6\s*$/, "").trim() : document.title;
    var shown = Array.prototype.slice.call(label.childNodes);
    var timer = null;
    function copied() {
      label.textContent = "Link copied";
      announce("Link copied");
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { label.replaceChildren.apply(label, shown); }, 3000);
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

/* "Start here" by stage on role pages (render/pages.py): start-stage.js chose the stage before the
   page was drawn (data-mbct-start on <html>, which start-here.css follows); the radios show it and
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
