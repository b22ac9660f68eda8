"""Playwright set-up for Debian's Chromium (no browser download needed)."""

from __future__ import annotations

import contextlib
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
# The tests' browser only: scripts run without V8's top optimising compiler (TurboFan). A test
# page lives for a second or two, too short for its slow compiling to pay back: without it the
# accessibility sweep took a tenth less processor time, and pages behave the same. Maglev, the
# quick compiler below it, stays on: without it axe's contrast check (many thousands of colour
# objects on a print pack) took about 1.4 times as long, and the browser tests 4% longer in all
# (237 and 244 s with Maglev, 249 and 249 s without, taking turns on 2 cores). Not for the
# benchmark, which measures the browser as readers have it.
TEST_CHROMIUM_ARGS = [*CHROMIUM_ARGS, "--js-flags=--no-opt"]


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


# What a test may not do to the lent tab or its profile, as it would outlast the test and
# nothing undoes it. Init scripts, routes and exposed functions on the tab itself are undone.
REFUSED_ON_LENT_PROFILE = (
    "add_init_script",
    "route",
    "route_from_har",
    "route_web_socket",
    "expose_binding",
    "expose_function",
    "grant_permissions",
    "set_extra_http_headers",
    "set_geolocation",
    "set_offline",
)
REFUSED_ON_LENT_TAB = ("route_from_har", "route_web_socket", "set_extra_http_headers")
UNDONE_ON_LENT_TAB = ("add_init_script", "route", "expose_binding", "expose_function")
DEFAULT_VIEWPORT = {"width": 1280, "height": 720}  # Playwright's, as a new profile has it
DEFAULT_TIMEOUT_MS = 30_000  # Playwright's


class LentTabMisused(RuntimeError):
    """A test changed the lent tab's profile in a way that would outlast it."""


def _refusal(name: str):
    def refuse(*args, **kwargs):
        raise LentTabMisused(
            f"{name}() would outlast this test: the `page` fixture's tab and its browser profile "
            "are lent to every test in turn. Ask for the `context` fixture (a new profile) and "
            "open a tab in it."
        )

    return refuse


class TabLender:
    """One tab, lent to each test in turn (the `page` fixture) and put back as a new browser
    profile would have it, except that the browser's cache is kept, as a returning reader's is.

    Why: a new profile for each test cost twice the processor time of a visit in a kept tab (a
    new renderer process, and the theme's scripts fetched and compiled again), for some 200 tests.

    Put back: the test's other tabs closed; its listeners, init scripts, routes and exposed
    functions removed; the size, emulated media and time-outs reset; the page left for
    about:blank; the site's storage of every kind (local, session, IndexedDB, Cache API, service
    workers, cookies) cleared. Refused (tests that need them ask for `context`): changes
    to the profile (its init scripts, routes, permissions, headers, offline mode). A fake clock
    cannot be refused before it is installed: it is found when the tab comes back, which fails
    that test and gives the next a new profile. Anything else going wrong while putting back
    also starts a new profile, so a test's mess never reaches the next test.
    """

    def __init__(self, browser, site_origin: str):
        self._browser = browser
        self._site_origin = site_origin
        self._open_profile()

    def _open_profile(self) -> None:
        self.profile = self._browser.new_context()
        for name in REFUSED_ON_LENT_PROFILE:
            setattr(self.profile, name, _refusal(f"the profile's {name}"))
        self.tab = self.profile.new_page()
        self._devtools = self.profile.new_cdp_session(self.tab)
        self._listeners: list[tuple[str, object]] = []
        self._undo: list[object] = []  # what the test added to the tab, each with a close()
        for name in REFUSED_ON_LENT_TAB:
            setattr(self.tab, name, _refusal(name))
        for name in UNDONE_ON_LENT_TAB:
            setattr(self.tab, name, self._undone_later(getattr(self.tab, name)))
        for name in ("on", "once"):
            setattr(self.tab, name, self._removed_later(getattr(self.tab, name)))

    def _undone_later(self, add):
        def add_then_remember(*args, **kwargs):
            added = add(*args, **kwargs)
            self._undo.append(added)
            return added

        return add_then_remember

    def _removed_later(self, listen):
        def listen_then_remember(event: str, handler) -> None:
            self._listeners.append((event, handler))
            listen(event, handler)

        return listen_then_remember

    def lend(self):
        return self.tab

    def put_back(self) -> None:
        """Make the tab as it was lent, or start a new profile if that fails (and say why)."""
        if self.tab.is_closed():  # the test closed it: a new profile, as nothing can be cleared through it
            self._start_afresh()
            return
        try:
            self._tidy()
        except Exception:
            self._start_afresh()
            raise

    def _start_afresh(self) -> None:
        self.close()
        self._open_profile()

    def _tidy(self) -> None:
        for other in self.profile.pages:
            if other is not self.tab:
                other.close()
        for event, handler in self._listeners:
            with contextlib.suppress(KeyError):  # a `once` listener that has run is gone already
                self.tab.remove_listener(event, handler)
        for added in reversed(self._undo):
            added.close()
        self._listeners.clear()
        self._undo.clear()
        self.tab.set_default_timeout(DEFAULT_TIMEOUT_MS)
        self.tab.set_default_navigation_timeout(DEFAULT_TIMEOUT_MS)
        self.tab.goto("about:blank")
        if self.tab.evaluate("() => typeof globalThis.__pwClock") != "undefined":
            raise LentTabMisused(
                "the test installed a fake clock in the lent tab's profile, where it would "
                "outlast the test: ask for the `context` fixture (a new profile) and open a tab in it"
            )
        if self.tab.viewport_size != DEFAULT_VIEWPORT:
            self.tab.set_viewport_size(DEFAULT_VIEWPORT)
        self.tab.emulate_media(
            media="null", color_scheme="null", reduced_motion="null", forced_colors="null", contrast="null"
        )
        # "all" is every kind of storage the site can write, its cookies included.
        self._devtools.send("Storage.clearDataForOrigin", {"origin": self._site_origin, "storageTypes": "all"})

    def close(self) -> None:
        with contextlib.suppress(Exception):  # closing what may be broken already
            self.profile.close()
