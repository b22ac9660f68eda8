"""Macro errors in pages, reported as "page, line, macro: problem", without a traceback.

With ``on_error_fail: true`` (mkdocs.yml), mkdocs-macros stops the build at the first macro
that fails and logs what its ``mkdocs_macros.errors.format_error`` returns for the error.
That function is a ``functools.singledispatch``: by default it adds the Python traceback,
which helps a programmer but buries the message for an editor. ``install`` registers a
formatter for the errors an editor can cause in a page (a wrong id or argument, a name
that does not exist), so those read as one line such as::

    docs/roles/index.md, line 16: macro role_actions(): 'no-such-role' is not a known role. ...

Any other error (a bug in our code) keeps the default report, traceback and all.
tests/test_abuse.py checks the message and that no traceback is printed.
"""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

from jinja2.exceptions import TemplateSyntaxError, UndefinedError
from mkdocs_macros.errors import format_error


def template_line(error: BaseException) -> int | None:
    """The line of the page's Markdown (after its front matter) where the error happened.

    Jinja rewrites tracebacks so that template code appears as frames of "<template>"."""
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename == "<template>"]
    if frames and frames[-1].lineno:
        return frames[-1].lineno
    return getattr(error, "lineno", None)


def page_line(markdown: str, page: Any, line: int | None) -> int | None:
    """A line of the page's Markdown as a line of its source file (counting the front matter)."""
    if line is None:
        return None
    try:
        source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    except (AttributeError, OSError, TypeError, ValueError):
        return line
    start = source.rfind(markdown) if markdown else -1
    return line + (source.count("\n", 0, start) if start >= 0 else 0)


def describe(error: BaseException, markdown: str, page: Any, macro: str | None, problem: str) -> str:
    src = getattr(getattr(page, "file", None), "src_uri", None) or "a page"
    line = page_line(markdown, page, template_line(error))
    where = f"docs/{src}" + (f", line {line}" if line else "")
    what = f"macro {macro}(): " if macro else ""
    return f"{where}: {what}{problem}"


def install(usage_error: type[Exception]) -> None:
    """Register the one-line report for ``usage_error`` (which carries .macro and .problem),
    for names a page uses that do not exist (Jinja's UndefinedError) and for broken
    ``{{ }}`` or ``{% %}`` syntax (TemplateSyntaxError)."""

    @format_error.register(usage_error)
    def _usage(error: Exception, markdown: str, page: Any) -> str:
        return describe(error, markdown, page, getattr(error, "macro", None), getattr(error, "problem", str(error)))

    @format_error.register(UndefinedError)
    def _undefined(error: Exception, markdown: str, page: Any) -> str:
        problem = f"{error.message}; check the macro's name against docs/maintainers/macros.md"
        return describe(error, markdown, page, None, problem)

    @format_error.register(TemplateSyntaxError)
    def _syntax(error: Exception, markdown: str, page: Any) -> str:
        problem = (
            f"the {{{{ }}}} or {{% %}} syntax is broken ({error.message}); "
            "to write {{ as text, put render_macros: false in the page's front matter (docs/maintainers/macros.md)"
        )
        return describe(error, markdown, page, None, problem)
