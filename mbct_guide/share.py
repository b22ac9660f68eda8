"""A "Share" button under the title of the pages people pass on.

Champions share action, role, stage and story pages by email and chat. Each of those pages
gets a "Share" button under its title (share.js opens the phone's share sheet where there is
one, and copies the link otherwise). The link it shares is always the page's address on the
published site, ``site_url`` plus the page's folder, never the address it was opened from:
from the offline copy that would be a ``file://`` path on one person's computer, and the
offline copy's ``.html`` file names do not exist on the published site either. Without
JavaScript the button is hidden (class ``mbct-needs-js``); the address bar has the link.
Its scripts (share.js, and start-stage.js on role pages) are added to these pages only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .routes import live_address, source_file
from .text import attribute, plain

__all__ = ["SHARED_KINDS", "add_share_control", "live_address", "share_control", "shared_pages"]

# The kinds of page that get a Share button, and the Guide collection each is made for.
SHARED_KINDS = {"action": "actions", "role": "roles", "stage": "stages", "story": "stories"}


def shared_pages(record_ids: Callable[[str], Iterable[str]]) -> frozenset[str]:
    """The docs/ paths of the pages that get a Share button; ``record_ids(collection)`` gives
    a collection's ids (``Guide.record_ids``)."""
    return frozenset(source_file(kind, i) for kind, collection in SHARED_KINDS.items() for i in record_ids(collection))


def share_control(address: str) -> str:
    """The Share button, with the address it shares (share.js gives the page's title with it);
    hidden in print and without JavaScript. In print the address is written out instead, so a
    printed page says where it lives."""
    return (
        '<div class="mbct-share mbct-no-print mbct-needs-js" data-search-exclude>'
        f'<button type="button" class="mbct-share__button" data-share-url="{attribute(address)}">'
        '<svg class="mbct-share__icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="20" height="20">'
        '<path d="M18 16.1c-.8 0-1.5.3-2 .8l-7.1-4.2c.1-.2.1-.5.1-.7s0-.5-.1-.7L16 7.2c.5.5 1.2.8 2 .8 1.7 0 3-1.3 '
        "3-3s-1.3-3-3-3-3 1.3-3 3c0 .2 0 .5.1.7L8 9.8C7.5 9.3 6.8 9 6 9c-1.7 0-3 1.3-3 3s1.3 3 3 3c.8 0 1.5-.3 "
        '2-.8l7.1 4.2c-.1.2-.1.4-.1.6 0 1.6 1.3 2.9 2.9 2.9s2.9-1.3 2.9-2.9-1.2-2.9-2.8-2.9z" fill="currentColor"/>'
        '</svg><span class="mbct-share__label">Share<span class="mbct-visually-hidden"> this page</span></span>'
        "</button></div>"
        f'<p class="mbct-print-only mbct-share__address">Online: {plain(address)}</p>'
    )


SCRIPT = "assets/js/share.js"  # Share and the stage choice; after the theme's scripts and site.js
HEAD_SCRIPT = "assets/js/start-stage.js"  # the stage 'Start here' opens at, chosen before the first paint
_EARLY_SCRIPT = 'assets/js/early.js"></script>'


def add_share_control(html: str, address: str, base_url: str = "") -> str:
    """``html`` with the Share button right after its first heading (the page's title), and
    the scripts it needs: only these pages pay for them. ``base_url`` leads to the site root."""
    end = html.find("</h1>")
    if end == -1:
        return html
    end += len("</h1>")
    html = html[:end] + share_control(address) + html[end:]
    root = base_url.rstrip("/") + "/" if base_url else ""
    if 'name="mbct-start-stage"' in html:  # 'Start here' by stage (render/pages.py)
        early = html.find(_EARLY_SCRIPT)
        if early != -1:
            early += len(_EARLY_SCRIPT)
            html = html[:early] + f'<script src="{root}{HEAD_SCRIPT}"></script>' + html[early:]
    body_end = html.rfind("</body>")
    if body_end != -1:
        html = html[:body_end] + f'<script src="{root}{SCRIPT}"></script>' + html[body_end:]
    return html
