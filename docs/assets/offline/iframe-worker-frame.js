/* Part of the iframe-worker shim (iframe-worker-shim.js, MIT licence, Copyright (c) 2020-2022
   Martin Donath), for the offline copy only. It runs inside the hidden iframe that stands in
   for a web worker, before the worker's own script: what the original wrote there as an inline
   script, moved to a file so that the offline copy's Content Security Policy can forbid inline script. */
(function () {
  "use strict";
  var worker = document.currentScript.getAttribute("data-worker");
  // The worker's messages go to the page that made the iframe.
  window.postMessage = function (message, origin) {
    parent.postMessage(message, origin || "*");
  };
  // Workers load scripts with importScripts; here each becomes a script element, in order.
  window.importScripts = function () {
    var urls = Array.prototype.slice.call(arguments);
    return urls.reduce(function (done, url) {
      return done.then(function () {
        return new Promise(function (resolve) {
          var script = document.createElement("script");
          script.src = url;
          script.onload = resolve;
          document.body.appendChild(script);
        });
      });
    }, Promise.resolve());
  };
  window.addEventListener("error", function (event) {
    parent.dispatchEvent(new ErrorEvent("error", { filename: worker, error: event.error }));
  });
})();
