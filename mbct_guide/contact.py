"""Who runs the site and how to reach them without a GitHub account: extra.contact in mkdocs.yml.

Checked once per build and rendered once, so the footer, the foot of every page and the
accessibility and privacy pages all say the same thing. While ``placeholder: true`` is set,
every place says plainly that the address is not read yet, and the build log says so too.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from mkdocs.exceptions import PluginError

from .text import plain

_EMAIL = re.compile(r"^[^@\s<>\"'()]+@[^@\s<>\"'()]+\.[A-Za-z]{2,}$")

PLACEHOLDER_NOTE = "This address is a placeholder until the project names its owner, so it is not read yet."


@dataclass(frozen=True)
class Contact:
    organisation: str
    email: str
    placeholder: bool

    def html(self) -> str:
        """For the theme templates (footer and page foot)."""
        organisation = html.escape(self.organisation)
        email = html.escape(self.email)
        if self.placeholder:
            # No mailto link: nobody should send a message to an address that is not read.
            return f'Email {organisation} at <span class="mbct-contact-email">{email}</span>. {PLACEHOLDER_NOTE}'
        return f'Email {organisation} at <a class="mbct-contact-email" href="mailto:{email}">{email}</a>.'

    def markdown(self) -> str:
        """For pages in docs/, through the contact_details() macro."""
        organisation = plain(self.organisation)
        if self.placeholder:
            return f"Email {organisation} at {plain(self.email)}. {PLACEHOLDER_NOTE}"
        return f"Email {organisation} at [{plain(self.email)}](mailto:{self.email})."


def contact_settings(extra: dict[str, Any]) -> Contact:
    """Read and check extra.contact; a missing or malformed one stops the build with a clear message."""
    raw = extra.get("contact")
    where = "mkdocs.yml, extra.contact"
    if not isinstance(raw, dict):
        raise PluginError(
            f"{where}: is missing. Add 'organisation' and 'email' (and 'placeholder: true' until they are real)."
        )
    unknown = sorted(set(raw) - {"organisation", "email", "placeholder"})
    if unknown:
        raise PluginError(f"{where}: unknown key(s) {', '.join(unknown)}; use organisation, email and placeholder")
    organisation, email, placeholder = raw.get("organisation"), raw.get("email"), raw.get("placeholder", False)
    if not isinstance(organisation, str) or not organisation.strip():
        raise PluginError(f"{where}.organisation: give the name of the organisation or group that runs the site")
    if not isinstance(email, str) or not _EMAIL.match(email.strip()):
        raise PluginError(f"{where}.email: give an email address such as name@example.org")
    if not isinstance(placeholder, bool):
        raise PluginError(f"{where}.placeholder: must be true or false")
    return Contact(" ".join(organisation.split()), email.strip(), placeholder)
