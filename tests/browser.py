"""Playwright set-up for Debian's Chromium (no browser download needed)."""

from __future__ import annotations

import os
import shutil

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# Debian's chromium-headless-shell is the same Chromium without the desktop browser around
# it: a new browser context costs it half the processor time (0.4 s against 0.9 s), and the
# tests open hundreds. Lighthouse (the benchmark) wants the full browser.
HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"
FULL_BROWSERS = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


def chromium_path(*, full_browser: bool = False) -> str | None:
    """The Chromium to drive: CHROMIUM_PATH if set, else Debian's headless shell (unless the
    full browser is asked for) or its full Chromium, else None to let Playwright use its own
    download (a developer laptop)."""
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured
    candidates = FULL_BROWSERS if full_browser else (HEADLESS_SHELL, *FULL_BROWSERS)
    for candidate in candidates:
        if shutil.which(candidate):
            return candidate
    return None


# Material fades colours and links in over 0.25 s: a check made mid-fade sees a state no reader
# is left with (a flaky contrast failure in CI once); waiting for each fade instead cost a
# quarter of a second a time.
_FINISH_FADES = """() => document.getAnimations()
    .filter((a) => a.effect && a.effect.getTiming().iterations !== Infinity)
    .forEach((a) => { try { a.finish(); } catch (error) { /* cannot end: leave it */ } })"""


def finish_fades(page) -> None:
    """End every running CSS transition and finite animation at once, in the state a reader
    sees when it ends."""
    page.evaluate(_FINISH_FADES)
