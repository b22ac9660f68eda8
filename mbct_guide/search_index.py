"""Tidying the theme's search index after the build, so it stays small and every hit is useful.

Material for MkDocs indexes every section of every page, with its whole text, which the
browser downloads the first time someone searches. Three changes keep that download small
without losing what search can find:

- Sections with no text are dropped (a page's own entry stays). The theme makes one for every
  heading with an id, even inside a block kept out of search: each action card on a stage,
  role or theme page would otherwise add an empty hit beside the action's own page.
- The HTML tags the theme keeps in the text are removed; results show plain lines anyway.
- A long section keeps its opening words as written, which is what a result shows, followed
  by the other words it uses, each once, without common words such as "the". Search still
  finds a section by any word in it; the result's preview is unchanged.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

# Results show two or three lines of a section's text; this keeps that much as written.
PREVIEW_CHARACTERS = 200
# The spaces around a block tag are squeezed with the rest (split and join), so the pattern
# matches the tag alone: "\s*" on both sides would rescan a long run of spaces from each one.
_BLOCK_TAG = re.compile(r"</?(?:p|ul|ol|li|pre)>")
_INLINE_TAG = re.compile(r"</?(?:code|sub|sup)>")
# A citation marker (a superscript source number, such as <sup>1</sup> or <sup>2,3</sup>): not
# a word anyone searches for, and left in it would glue its number to the word before.
_CITATION_MARKER = re.compile(r"<sup>[\d,\s]*</sup>")
_WORD = re.compile(r"[\w'’-]+")
# Words too common to search for (the theme's search ignores them too).
COMMON_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "can",
        "do",
        "does",
        "for",
        "from",
        "had",
        "has",
        "have",
        "how",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "may",
        "more",
        "most",
        "not",
        "of",
        "on",
        "one",
        "only",
        "or",
        "other",
        "our",
        "out",
        "over",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "up",
        "was",
        "we",
        "well",
        "were",
        "what",
        "when",
        "which",
        "who",
        "will",
        "with",
        "you",
        "your",
    ]
)


def plain_text(text: str) -> str:
    """Entry text without the kept HTML tags: blocks become spaces, inline tags vanish, and
    citation markers go with their numbers."""
    return " ".join(_BLOCK_TAG.sub(" ", _INLINE_TAG.sub("", _CITATION_MARKER.sub("", text))).split())


def compact(text: str, keep: int = PREVIEW_CHARACTERS) -> str:
    """The opening words as written, then every other word once (lower case, no common words)."""
    if len(text) <= keep:
        return text
    cut = text.rfind(" ", 0, keep)
    preview = text[: cut if cut > keep // 3 else keep]
    seen = {word.lower() for word in _WORD.findall(preview)}
    rest = []
    for word in _WORD.findall(text[len(preview) :]):
        word = word.lower()
        if len(word) > 2 and word not in COMMON_WORDS and word not in seen:
            seen.add(word)
            rest.append(word)
    return f"{preview} … {' '.join(rest)}" if rest else preview


def tidy(index: dict) -> dict:
    """The index with empty sections dropped and each entry's text made plain and compact."""
    kept = []
    for doc in index["docs"]:
        text = plain_text(doc["text"])
        if text or "#" not in doc["location"]:
            kept.append({**doc, "text": compact(text)})
    return {**index, "docs": kept}


def tidy_file(path: Path) -> None:
    if path.is_file():
        index = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps(tidy(index), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
