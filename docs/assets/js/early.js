/* Runs in the head, before the page is first drawn: marks the page as scripted so controls
   that need JavaScript (class mbct-needs-js) are laid out from the start instead of
   appearing later and shifting the text. */
document.documentElement.classList.add("mbct-js");
