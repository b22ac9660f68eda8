"""Registers the macros editors call in docs/ pages (page_macros.py). macros.py at the top
level calls register() once per build.

Every macro is registered from the one list, ``page_macros.MACROS``, through one wrapper: it
checks the arguments against the macro's signature and every id against the data (from the
argument's type, such as ``stage: StageId``), gives the macro the page being built, and turns
a wrong id or argument into a message naming the page, the macro and the allowed values.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import logging
import re
import typing
from collections.abc import Callable, Iterable
from typing import Any

from . import macro_errors, render
from .build_context import BuildContext, for_build
from .contact import Contact
from .downloads import release_version
from .generated import reviewed_with
from .guide import Guide
from .page_macros import MACROS, Choice, MacroPage, MacroUsageError, Record
from .render.common import holding_html, reload_widget_templates
from .routes import Links, RouteError, nav_titles
from .suggest import did_you_mean, quoted

LOG = logging.getLogger("mkdocs.plugins.mbct_guide")
Macro = Callable[..., str]


def report_overdue(guide: Guide, on: dt.date) -> None:
    """List overdue reviews in the build output. INFO, not WARNING: --strict would fail the build."""
    late = [r for r in guide.reviews if r.next_review_due < on]
    for review in late:
        LOG.info("Review overdue: %s (was due %s)", review.page, review.next_review_due.isoformat())
    if late:
        LOG.info("%d page(s) overdue for review: see the maintainers page.", len(late))


def report_placeholder_contact(contact: Contact) -> None:
    """Say in the build output while extra.contact is a placeholder. INFO, not WARNING (see above)."""
    if contact.placeholder:
        LOG.info(
            "Contact is a placeholder: extra.contact in mkdocs.yml (%s, %s) is shown on the site as not read yet. "
            "Set the real organisation and email and remove 'placeholder: true' before publishing.",
            contact.organisation,
            contact.email,
        )


# --- ids checked from the macros' argument types -------------------------------------------------


def allowed_values(rule: Record | Choice, guide: Guide) -> list[str]:
    if isinstance(rule, Choice):
        return list(rule.values)
    return sorted(guide.record_ids(rule.collection))


def check_value(rule: Record | Choice, value: str | None, guide: Guide) -> None:
    """A wrong id stops the build, with the closest id if there is one, or every allowed id."""
    if value is None:
        return
    allowed = allowed_values(rule, guide)
    if value not in allowed:
        hint = did_you_mean(value, allowed)
        listed = hint or f". Use one of: {', '.join(allowed)}"
        raise MacroUsageError(f"{quoted(value)} is not a known {rule.noun}{listed}")


@functools.cache
def argument_rules(function: Macro) -> dict[str, Record | Choice]:
    """Each argument whose type carries a rule (``Annotated[str, Record(...)]``), by name."""
    hints = typing.get_type_hints(function, include_extras=True)
    rules = {}
    for name, hint in hints.items():
        for metadata in getattr(hint, "__metadata__", ()):
            if isinstance(metadata, (Record, Choice)):
                rules[name] = metadata
    return rules


def check_arguments(function: Macro, bound: inspect.BoundArguments, guide: Guide) -> None:
    for name, rule in argument_rules(function).items():
        value = bound.arguments.get(name)
        values: Iterable[str | None] = value if isinstance(value, tuple) else (value,)  # *ids
        for one in values:
            check_value(rule, one, guide)


def editor_signature(function: Macro) -> inspect.Signature:
    """The macro's signature as editors write it: without the page it is given."""
    signature = inspect.signature(function)
    return signature.replace(parameters=list(signature.parameters.values())[1:])


# --- registration ----------------------------------------------------------------------------------


def registered(function: Macro, context: BuildContext, env: Any, menu_titles: dict[str, str] | None = None) -> Macro:
    """``function`` as editors call it: arguments and ids checked, the page given, errors
    turned into one message naming the page and the macro, time counted for the benchmark."""
    signature = editor_signature(function)
    takes = ", ".join(signature.parameters) or "no arguments"
    name = function.__name__

    @functools.wraps(function)
    def macro(*args: Any, **kwargs: Any) -> str:
        with context.timed("macros"):
            try:
                bound = signature.bind(*args, **kwargs)
            except TypeError as error:
                raise MacroUsageError(f"{error}; it takes: {takes}", name) from None
            path = env.page.file.src_uri
            page = MacroPage(
                guide=context.guide,
                links=Links(
                    context.guide,
                    env.variables["files"],
                    path,
                    site_url=env.conf.get("site_url"),
                    menu_titles=menu_titles,
                ),
                path=path,
                today=context.today,
                contact=context.contact,
                nav=env.conf["nav"] or [],
                print_packs=context.print_packs,
            )
            try:
                check_arguments(function, bound, context.guide)
                with holding_html(context.held_html.setdefault(path, {})):
                    return function(page, *bound.args, **bound.kwargs)
            except (MacroUsageError, RouteError) as error:
                raise MacroUsageError(error.problem, name) from None

    macro.__signature__ = signature
    return macro


def theme_settings(context: BuildContext) -> dict[str, Any]:
    """What the theme templates read: page foot (review dates), footer (version, contact)."""
    guide = context.guide
    reviews = render.review_summary(guide, context.today)
    for page, owner in reviewed_with(guide).items():
        if owner in reviews:
            reviews[page] = reviews[owner]
    return {
        "version": release_version(guide),
        "reviews": reviews,
        "contact": context.contact.html(),
        "not_medical_advice": render.NOT_MEDICAL_ADVICE,
    }


def register(env: Any) -> BuildContext:
    """Load the data (once per build, shared with the hooks) and register every macro."""
    reload_widget_templates()  # so a template edited while `mkdocs serve` runs shows in this build
    context = for_build(env.conf)
    macro_errors.install(MacroUsageError)
    env.variables["guide"] = context.guide
    env.conf["extra"]["mbct"] = theme_settings(context)
    report_overdue(context.guide, context.today)
    report_placeholder_contact(context.contact)
    menu_titles = nav_titles(env.conf["nav"])  # once per build, not once per macro call
    for function in MACROS:
        env.macro(registered(function, context, env, menu_titles), function.__name__)
    return context


# --- the macros reference (docs/maintainers/macros.md), generated from the macros themselves ------


def _arguments(signature: inspect.Signature) -> str:
    parts = []
    for parameter in signature.parameters.values():
        if parameter.kind is parameter.VAR_POSITIONAL:
            parts.append(f"*{parameter.name}")
        elif parameter.default is parameter.empty:
            parts.append(parameter.name)
        else:
            parts.append(f"{parameter.name}={parameter.default!r}")
    return f"`{', '.join(parts)}`" if parts else "none"


def macro_reference(macros: Iterable[Macro] = MACROS) -> str:
    """Markdown for the macros reference: each macro's summary, arguments, where it is used and
    an example, all read from its signature and docstring (so they cannot drift apart)."""
    sections = []
    for function in macros:
        name = function.__name__
        doc = inspect.getdoc(function) or ""
        fields = dict(re.findall(r"^(Used on|Example): (.+)$", doc, re.M))
        summary = re.split(r"\n\s*\n", doc)[0].replace("\n", " ")
        if "Example" not in fields or "Used on" not in fields:
            raise MacroUsageError(f"the macro {name} needs 'Used on:' and 'Example:' lines in its docstring")
        sections.append(
            "\n".join(
                [
                    f"### `{name}` {{: #{name.replace('_', '-')} }}",
                    "",
                    summary,
                    "",
                    f"- **Arguments:** {_arguments(editor_signature(function))}",
                    f"- **Used on:** {fields['Used on']}",
                    f"- **Example:** `{fields['Example']}`",
                    "",
                ]
            )
        )
    return "\n".join(sections)
