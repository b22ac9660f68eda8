/* The helpers Material for MkDocs defines in an inline script (partials/javascripts/base.html),
   here as a file so the Content Security Policy can forbid inline scripts. Same behaviour:
   __md_scope is the site root; __md_get and __md_set keep the theme's own preferences. */
(function () {
  "use strict";
  // Marks the page as scripted before it is first drawn, so controls that need JavaScript
  // (class mbct-needs-js) are laid out from the start instead of appearing and shifting text.
  document.documentElement.classList.add("mbct-js");
  var script = document.currentScript;
  var scope = (script && script.getAttribute("data-md-scope")) || ".";
  window.__md_scope = new URL(scope, location);
  window.__md_hash = function (value) {
    return Array.prototype.reduce.call(value, function (hash, ch) { return (hash << 5) - hash + ch.charCodeAt(0); }, 0);
  };
  window.__md_get = function (key, storage, base) {
    storage = storage || localStorage;
    base = base || window.__md_scope;
    return JSON.parse(storage.getItem(base.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, base) {
    storage = storage || localStorage;
    base = base || window.__md_scope;
    try { storage.setItem(base.pathname + "." + key, JSON.stringify(value)); } catch (error) { /* storage full or blocked */ }
  };
})();
