"""Tidying the theme's search index after the build, so it stays small and every hit reads well.

Material for MkDocs indexes every section of every page, with its whole text, which the
browser downloads the first time someone searches. A result shows a section's ``text``, and
search matches every field the index's ``config.fields`` names (the theme's search worker
builds its index from that list). So each entry keeps two things apart:

- ``text``, what a result shows: the section's first sentence or two, as written, without
  citation numbers, trimmed to about 150 characters at a word boundary. A page whose top
  has no text of its own (such as Urgent help, which is all headings and cards) shows its
  description instead, a sentence written to say what the page is for.
- ``words``, only for matching: every other word the section uses, each once, in lower case,
  without common words such as "the" and without a word that begins another of its words
  ("fund" goes when "funding" is there: the theme matches the start of each word typed).
  Search finds a section by any word in it; nobody reads this list.

Sections with no text are dropped (a page's own entry stays). The theme makes one for every
heading with an id, even inside a block kept out of search: each action card on a stage,
role or theme page would otherwise add an empty hit beside the action's own page.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from pathlib import Path

# A result shows two or three lines of its text: the first sentence or two, up to this many
# characters, cut at a word boundary when a single sentence is longer.
PREVIEW_CHARACTERS = 150
# The field the theme's search matches but never shows (config.fields in the index).
WORDS_FIELD = "words"
# A page's tags (an action's topics), matched with the theme's weight for tags but kept out of
# the theme's "tags" field: the theme shows that field in each result as a <nav> landmark, and
# a list of results then holds several landmarks with the same name (axe: landmark-unique).
TOPICS_FIELD = "topics"
# The spaces around a block tag are squeezed with the rest (split and join), so the pattern
# matches the tag alone: "\s*" on both sides would rescan a long run of spaces from each one.
_BLOCK_TAG = re.compile(r"</?(?:p|ul|ol|li|pre|table|tr|th|td|h\d)>")
_INLINE_TAG = re.compile(r"</?(?:code|sub|sup|strong|em)>")
# A citation marker (a superscript source number, such as <sup>1</sup> or <sup>2,3</sup>): not
# a word anyone searches for, and left in it would glue its number to the word before.
_CITATION_MARKER = re.compile(r"<sup>[\d,\s–-]*</sup>")
# A sentence ends at . ? or ! (perhaps inside a closing quote or bracket) before a space and
# a capital letter, a digit or an opening quote or bracket.
_SENTENCE_END = re.compile(r"(?:(?<=[.?!])|(?<=[.?!][\"”’)]))\s+(?=[A-Z0-9\"“‘(])")
_ENDS_SENTENCE = re.compile(r"[.?!:;][\"”’)]?$")
# Words for matching: letters, digits and apostrophes, without the punctuation around them,
# which nobody types. The theme splits what it indexes only at spaces and hyphens (its
# separator), so a word it shows stays as written: "(MBCT)" is one token.
_WORD = re.compile(r"[\w'’]+")
_SEPARATOR = re.compile(r"[\s\-]+")
_DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)"')
# Words the theme's search leaves out of its index (lunr's English stop words, the list in
# Material's search worker): in the words to match they would only add to the download.
_STOP_WORD_LIST = (
    "a able about across after all almost also am among an and any are as at be because been but by can "
    "cannot could dear did do does either else ever every for from get got had has have he her hers him "
    "his how however i if in into is it its just least let like likely may me might most must my neither "
    "no nor not of off often on only or other our own rather said say says she should since so some than "
    "that the their them then there these they this tis to too twas us wants was we were what when where "
    "which while who whom why will with would yet you your"
)
STOP_WORDS = frozenset(_STOP_WORD_LIST.split())
# Words too common to search for: the stop words and a few more that nearly every page uses.
COMMON_WORDS = STOP_WORDS | {"more", "one", "out", "over", "such", "up", "well"}


def _without_markers(text: str) -> str:
    return _INLINE_TAG.sub("", _CITATION_MARKER.sub("", text))


def plain_text(text: str) -> str:
    """Entry text without the kept HTML tags: blocks become spaces, inline tags vanish, and
    citation markers go with their numbers."""
    return " ".join(_BLOCK_TAG.sub(" ", _without_markers(text)).split())


def blocks(text: str) -> list[str]:
    """The paragraphs, list items and cells of an entry's text, each as plain text."""
    return [b for b in (" ".join(part.split()) for part in _BLOCK_TAG.split(_without_markers(text))) if b]


def sentences(text: str) -> list[str]:
    """An entry's text as sentences. A paragraph or list item that does not end as a sentence
    does (such as "Where: Anywhere in the UK"), with a full stop added, so that it does not
    run into the next one."""
    found = []
    for block in blocks(text):
        for sentence in _SENTENCE_END.split(block):
            sentence = sentence.strip()
            if sentence:
                found.append(sentence if _ENDS_SENTENCE.search(sentence) else f"{sentence}.")
    return found


def trim(text: str, keep: int = PREVIEW_CHARACTERS) -> str:
    """``text`` cut to at most ``keep`` characters at a word boundary, with "…" if cut."""
    if len(text) <= keep:
        return text
    cut = text.rfind(" ", 0, keep)
    return text[: cut if cut > keep // 3 else keep].rstrip(" ,;:–-") + "…"


def preview(text: str, keep: int = PREVIEW_CHARACTERS) -> str:
    """The first sentence, and the next ones while they fit in ``keep`` characters; a first
    sentence longer than that is trimmed at a word boundary."""
    shown = ""
    for sentence in sentences(text):
        joined = f"{shown} {sentence}" if shown else sentence
        if len(joined) > keep:
            break
        shown = joined
    return shown or trim(" ".join(sentences(text)[:1]), keep)


def search_words(text: str) -> list[str]:
    """Plain text's words in lower case, without the punctuation around them."""
    return [w.strip("'’") for w in _WORD.findall(text.lower().replace("_", " ")) if w.strip("'’")]


def matching_words(text: str, shown: str) -> str:
    """The words of plain ``text`` that search would not find in ``shown`` (the title and
    preview, as the theme indexes them): each once, no common words, and none that begins
    another, as the theme matches the start of each word typed ("fund" finds "funding")."""
    shown_tokens = {t for t in _SEPARATOR.split(html.unescape(shown).lower()) if t}
    # Every start of every shown word ("f", "fu", ... "funding"): a word search already finds
    # there is one of these. A set, so each word is one look-up, not a scan of the preview.
    shown_starts = {token[:end] for token in shown_tokens for end in range(1, len(token) + 1)}
    ordered = sorted({w for w in search_words(html.unescape(text)) if w not in COMMON_WORDS and len(w) > 1})
    kept: list[str] = []
    for word, after in zip(ordered, [*ordered[1:], ""][: len(ordered)], strict=True):
        if after.startswith(word) or word in shown_starts:
            continue
        kept.append(word)
    return " ".join(kept)


def tidy(index: dict, descriptions: dict[str, str] | None = None) -> dict:
    """The index with empty sections dropped and each entry's text split into a readable
    preview (``text``) and the rest of its words, for matching only (``words``).

    ``descriptions`` gives pages' own descriptions by location: a page's entry shows its
    description, which says what the page is for, where its top may be a list or nothing."""
    descriptions = descriptions or {}
    kept = []
    for doc in index["docs"]:
        text = plain_text(doc["text"])
        is_page = "#" not in doc["location"]
        if not text and not is_page:
            continue
        description = descriptions.get(doc["location"]) if is_page else None
        if description:
            shown = trim(html.escape(description, quote=False))
            text = f"{text} {description}"
        else:
            shown = preview(doc["text"])
        entry = {key: value for key, value in doc.items() if key != "tags"}
        entry["text"] = shown
        if doc.get("tags"):
            entry[TOPICS_FIELD] = " ".join(doc["tags"])
        words = matching_words(text, f"{doc['title']} {shown}")
        if words:
            entry[WORDS_FIELD] = words
        kept.append(entry)
    config = index.get("config", {})
    fields = {**config.get("fields", {}), WORDS_FIELD: {"boost": 1.0}}
    fields[TOPICS_FIELD] = fields.get("tags", {"boost": 1000000.0})
    return {**index, "config": {**config, "fields": fields}, "docs": kept}


def page_descriptions(site: Path, index: dict) -> dict[str, str]:
    """Each indexed page's own description, read from its built page (<meta name="description">).
    A description that several pages share is the site's, given to pages without their own:
    it says nothing about any one of them, so it is left out."""
    found: dict[str, str] = {}
    for doc in index["docs"]:
        location = doc["location"]
        if "#" in location:
            continue
        page = site / location / "index.html" if not location or location.endswith("/") else site / location
        if page.is_file():
            match = _DESCRIPTION.search(page.read_text(encoding="utf-8"))
            if match:
                found[location] = html.unescape(match.group(1))
    uses = Counter(found.values())
    shared = {d for d, count in uses.items() if count > 1}
    return {location: d for location, d in found.items() if d not in shared}


def tidy_file(path: Path) -> None:
    if path.is_file():
        index = json.loads(path.read_text(encoding="utf-8"))
        tidied = tidy(index, page_descriptions(path.parent.parent, index))
        path.write_text(json.dumps(tidied, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
