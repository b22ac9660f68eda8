// Run after axe-core is injected, before axe.run (tests/test_accessibility.py).
//
// Why: axe's contrast check is most of the accessibility sweep's time, and nearly a third of
// that check (29% on a print pack) went into parsing colours. axe-core parses every colour
// with Color.js, afresh each time, and a page uses a handful of colours many thousands of
// times (a print pack has two thousand text elements, each with a stack of backgrounds). The
// result of parsing depends on nothing but the text parsed, so each text is parsed once per
// page and its channels reused. Verdicts do not change:
// test_the_colour_memo_changes_no_contrast_result compares every contrast result, with its
// colours and ratio, with and without it.
(() => {
  const Color = axe.commons.color.Color;
  const parseString = Color && Color.prototype.parseString;
  if (typeof parseString !== "function") {
    throw new Error(
      "axe-core no longer has axe.commons.color.Color.prototype.parseString: " +
        "remove tests/axe_colour_memo.js or update it to the new axe-core",
    );
  }
  const parsed = new Map(); // colour text -> [r, g, b, alpha], as parseString leaves them
  Color.prototype.parseString = function parseStringOnce(text) {
    const channels = parsed.get(text);
    if (channels === undefined) {
      parseString.call(this, text); // throws, as before, for a colour it cannot read
      parsed.set(text, [this.r, this.g, this.b, this.alpha]);
    } else {
      [this.r, this.g, this.b, this.alpha] = channels;
    }
    return this;
  };
})();
