/* Runs in the head of role pages (share.py adds it): "Start here" shows one stage's first
   actions (start-here.css, share.js). Which one is settled here, before the page is drawn, so the
   list does not jump: the stage in the
   address (?stage=developing), otherwise the stage the self-assessment answers saved in this
   browser point to (self-assessment.js saves it), otherwise Starting out (no attribute). */
(function () {
  "use strict";
  var STAGES = ["starting-out", "developing", "sustaining"]; // models.StageId (a test checks they match)
  var root = document.documentElement;
  try {
    var asked = new URLSearchParams(location.search).get("stage");
    if (STAGES.indexOf(asked) >= 0) {
      root.setAttribute("data-mbct-start", asked);
      return;
    }
    var saved = JSON.parse(window.localStorage.getItem("mbct-self-assessment-v1") || "null");
    if (saved && STAGES.indexOf(saved.stage) >= 0) {
      root.setAttribute("data-mbct-start", saved.stage);
      root.setAttribute("data-mbct-start-from", "assessment");
    }
  } catch (error) { /* no storage, or saved answers that cannot be read: Starting out */ }
})();
