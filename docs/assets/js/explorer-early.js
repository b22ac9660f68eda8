/* Runs in <head> on the explorer, before the theme's script. The theme opens its site
   search whenever the address has ?q=, but on this page q means "filter the actions by
   these words". Set the query aside for explorer.js and take q out of the address, so the
   theme never sees it; explorer.js puts the filters back once the page is ready. */
(function () {
  "use strict";
  window.mbctExplorerQuery = location.search;
  var params = new URLSearchParams(location.search);
  if (params.has("q")) {
    params.delete("q");
    var rest = params.toString();
    history.replaceState(history.state, "", location.pathname + (rest ? "?" + rest : "") + location.hash);
  }
})();
