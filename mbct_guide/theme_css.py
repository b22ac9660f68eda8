"""The theme's stylesheet, trimmed to the rules this site can use.

Material's main stylesheet styles every feature it offers (content tabs, annotations,
tooltips, version menus, right-to-left layouts...), and every first visit downloads all of
it: about 23 KB gzip of a first visit's 80 KB budget. After the build, the rules that
cannot match anything here are removed, as PurgeCSS does:

- a selector is dropped when it needs a class that appears in no built page's ``class``
  attribute and in no script (the theme's scripts and ours add classes such as
  ``md-search-result__item`` or ``focus-visible`` while the page runs, so every word in a
  script counts as used), except the classes in FEATURES_NOT_USED and CONTENT_ONLY_CLASSES;
- a selector is dropped when it needs ``[dir=rtl]``: every page is English, left to right;
- a rule goes when all its selectors have gone, an @media or @supports block when it is empty;
- a custom property (``--md-version-icon: url(...)``) goes when nothing reads it any more:
  no ``var()`` in the rules that are left, and no script or page that names it.

The test is conservative: a class inside ``:not()``, ``:is()`` or ``:where()`` never
causes a drop, and anything else is kept as written. tinycss2 parses the stylesheet.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import tinycss2
from tinycss2 import ast

# Attribute values, however quoted. (No \b before the name: it stops the regex engine
# skipping ahead to "class=", which made this ten times slower on a big site.)
CLASS_ATTRIBUTE = re.compile(r"""class=(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""")
STYLE_ATTRIBUTE = re.compile(r"""style=(?:"([^"]*)"|'([^']*)')""")
SCRIPT_WORD = re.compile(r"-?-?[A-Za-z_][\w-]*")
CUSTOM_PROPERTY = re.compile(r"--[A-Za-z_][\w-]*")
# Classes (by how they begin) that the theme's script names but only puts on content this
# site does not have, or for features mkdocs.yml does not switch on. They count as used only
# if a built page has them: code blocks and their copy buttons, content tabs, annotations,
# tooltips, diagrams, the version menu, tags, page status, repository facts and footnotes.
# A browser test checks that no page, as it runs, carries a class whose styles were dropped.
FEATURES_NOT_USED = (
    "highlight",
    "md-clipboard",
    "md-code__",
    "tabbed-",
    "md-annotation",
    "md-tooltip",
    "mermaid",
    "md-version",
    "md-tag",
    "md-status",
    "md-source__fact",
    "footnote",
)
# Classes only Markdown puts on a page, never a script: admonition types (!!! warning),
# inline admonitions and keyboard keys. Scripts use these words for other things ("info",
# "end"), so they count as used only if a built page has them.
CONTENT_ONLY_CLASSES = frozenset(
    {
        *("note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success"),
        *("check", "done", "question", "help", "faq", "warning", "caution", "attention", "failure"),
        *("fail", "missing", "danger", "error", "bug", "example", "quote", "cite"),
        *("inline", "end", "keys"),
    }
)
# Blocks whose rules are kept or dropped one by one; any other at-rule is kept whole.
GROUPING_AT_RULES = {"media", "supports", "container", "layer"}


def names_in_use(pages: Iterable[str], scripts: Iterable[str]) -> set[str]:
    """Every class in the pages' class attributes, every custom property a page names (a
    ``style`` attribute may set one), and every word in the scripts but FEATURES_NOT_USED
    and CONTENT_ONLY_CLASSES."""
    classes: set[tuple[str, ...]] = set()
    styles: set[tuple[str, ...]] = set()
    for html in pages:  # the same values recur on every page: collect each once, then split
        classes.update(CLASS_ATTRIBUTE.findall(html))
        styles.update(STYLE_ATTRIBUTE.findall(html))
    names: set[str] = {name for value in classes for part in value for name in part.split()}
    names.update(name for value in styles for part in value for name in CUSTOM_PROPERTY.findall(part))
    for script in scripts:
        names.update(
            word
            for word in SCRIPT_WORD.findall(script)
            if word not in CONTENT_ONLY_CLASSES and not word.startswith(FEATURES_NOT_USED)
        )
    return names


def _split_selectors(prelude: list[ast.Node]) -> list[list[ast.Node]]:
    """A selector list, split at its top-level commas (those inside :is(...) stay)."""
    selectors: list[list[ast.Node]] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return [selector for selector in selectors if any(t.type != "whitespace" for t in selector)]


def _selector_can_match(selector: list[ast.Node], used: set[str]) -> bool:
    for position, token in enumerate(selector):
        if token.type == "[] block" and tinycss2.serialize(token.content).replace(" ", "") in {
            "dir=rtl",
            'dir="rtl"',
        }:
            return False
        follows_dot = position > 0 and selector[position - 1].type == "literal" and selector[position - 1].value == "."
        if follows_dot and token.type == "ident" and token.value not in used:
            return False
    return True


def _each_rule(rules: list[ast.Node], change: Callable[[ast.QualifiedRule], ast.Node | None]) -> list[ast.Node]:
    """The rules with ``change`` applied to each style rule, also inside @media and the like
    (None drops it; a block left empty goes too). Other at-rules stay as they are."""
    kept: list[ast.Node] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            rule = change(rule)
        elif rule.type == "at-rule" and rule.lower_at_keyword in GROUPING_AT_RULES and rule.content is not None:
            inner = _each_rule(_parse_rules(rule.content), change)
            rule = _at_rule_with(rule, inner) if inner else None
        elif rule.type != "at-rule":
            rule = None  # a parse error: nothing a browser would apply
        if rule is not None:
            kept.append(rule)
    return kept


def _with_selectors_that_can_match(rule: ast.QualifiedRule, used: set[str]) -> ast.QualifiedRule | None:
    selectors = [s for s in _split_selectors(rule.prelude) if _selector_can_match(s, used)]
    if not selectors:
        return None
    prelude: list[ast.Node] = []
    for number, selector in enumerate(selectors):
        if number:
            prelude.append(ast.LiteralToken(0, 0, ","))
        prelude.extend(selector)
    return ast.QualifiedRule(rule.source_line, rule.source_column, prelude, rule.content)


def _parse_rules(content: list[ast.Node]) -> list[ast.Node]:
    return tinycss2.parse_rule_list(content, skip_comments=True, skip_whitespace=True)


def _parse_stylesheet(css: str) -> list[ast.Node]:
    return tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)


def style_rule_selectors(css: str) -> list[list[ast.Node]]:
    """Every selector of every style rule in a stylesheet, also inside @media and the like,
    as tokens (page_styles.py reads what each needs)."""
    found: list[list[ast.Node]] = []

    def note(rule: ast.QualifiedRule) -> ast.QualifiedRule:
        found.extend(_split_selectors(rule.prelude))
        return rule

    _each_rule(_parse_stylesheet(css), note)
    return found


def selectors(css: str) -> set[str]:
    """Every selector in a stylesheet, as written (the browser tests compare the theme's
    stylesheet with the trimmed one)."""
    return {tinycss2.serialize(selector).strip() for selector in style_rule_selectors(css)}


def _at_rule_with(rule: ast.AtRule, inner: list[ast.Node]) -> ast.AtRule:
    content = tinycss2.parse_component_value_list(tinycss2.serialize(inner))
    return ast.AtRule(
        rule.source_line, rule.source_column, rule.at_keyword, rule.lower_at_keyword, rule.prelude, content
    )


def _custom_properties_read(rules: list[ast.Node]) -> set[str]:
    """The custom properties a var() reads, anywhere in the rules."""
    return set(re.findall(r"var\(\s*(--[\w-]+)", tinycss2.serialize(rules)))


def _without_declarations_of(rule: ast.QualifiedRule, unread: set[str]) -> ast.QualifiedRule | None:
    declarations = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
    left = [d for d in declarations if not (d.type == "declaration" and d.name in unread)]
    if not left:
        return None
    if len(left) == len(declarations):
        return rule
    content = tinycss2.parse_component_value_list(";".join(_serialize_declaration(d) for d in left))
    return ast.QualifiedRule(rule.source_line, rule.source_column, rule.prelude, content)


def _serialize_declaration(node: ast.Node) -> str:
    if node.type != "declaration":
        return tinycss2.serialize([node])
    important = "!important" if node.important else ""
    return f"{node.name}:{tinycss2.serialize(node.value).strip()}{important}"


def _custom_properties_declared(rules: list[ast.Node]) -> set[str]:
    return set(re.findall(r"(?<![\w-])(--[\w-]+)\s*:", tinycss2.serialize(rules)))


def trim_stylesheet(css: str, used: set[str]) -> str:
    """The stylesheet without the rules and custom properties that nothing here can use."""
    rules = _each_rule(_parse_stylesheet(css), functools.partial(_with_selectors_that_can_match, used=used))
    # Dropping one property can leave another unread (--a: var(--b)), so repeat until none go.
    while True:
        unread = {name for name in _custom_properties_declared(rules) if name not in used}
        unread -= _custom_properties_read(rules)
        if not unread:
            return tinycss2.serialize(rules)
        rules = _each_rule(rules, functools.partial(_without_declarations_of, unread=unread))


def trim_theme_stylesheet(site_dir: Path) -> Path | None:
    """Trim the theme's main stylesheet in the built site, in place; returns it, if there is one."""
    stylesheet = next(iter(sorted(site_dir.glob("assets/stylesheets/main.*.min.css"))), None)
    if stylesheet is None:
        return None
    pages = (path.read_text(encoding="utf-8", errors="replace") for path in site_dir.rglob("*.html"))
    scripts = (path.read_text(encoding="utf-8", errors="replace") for path in site_dir.rglob("*.js"))
    used = names_in_use(pages, scripts)
    stylesheet.write_text(trim_stylesheet(stylesheet.read_text(encoding="utf-8"), used), encoding="utf-8")
    # The theme's source map describes the whole stylesheet; it would mislead, so it goes.
    stylesheet.with_name(stylesheet.name + ".map").unlink(missing_ok=True)
    return stylesheet
