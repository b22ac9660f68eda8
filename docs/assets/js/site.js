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

  // "Copy link" beside each action's permalink. The link itself stays for no-JS use.
  document.querySelectorAll("a.mbct-copy-link").forEach(function (link) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "mbct-copy-button";
    button.textContent = "Copy link";
    button.setAttribute("data-copy-url", link.href);
    link.setAttribute("data-print-url", link.href);
    var title = link.closest(".mbct-action");
    var heading = title && title.querySelector("h2, h3, h4");
    if (heading) button.setAttribute("aria-label", "Copy link to: " + heading.textContent.replace(/¶$/, "").trim());
    copyButton(button, function () { return link.href; });
    link.insertAdjacentElement("afterend", button);
  });
})();
