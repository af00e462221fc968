"""Markdown: statements kept in repositories and notes (front matter, hard wraps, list syntax).

The text is parsed with markdown-it-py (CommonMark plus tables) rather than stripped with regular
expressions, so what is a paragraph, a list item or a heading is decided the way every Markdown
renderer decides it. YAML front matter is metadata, not statement text, and is dropped. List
markers become labels: ordered items keep their own number and delimiter (``1.`` or ``1)``),
bullets become ``- ``. Emphasis, links and inline code keep their text; raw HTML and images are
dropped. A paragraph's hard-wrapped lines are joined here (script-aware, see ``lines``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from diffsvc.text.wrap import join_lines, paragraphs

# YAML front matter: metadata before the text, between "---" lines.
FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_UNICODE_BLANK_LINE = re.compile(r"^[ \t\u00a0\u2007\u202f\u3000]+$", re.MULTILINE)
_MARKER_NBSP = re.compile(r"^( {0,3}(?:\d{1,9}[.)]|[-*+]))[\u00a0\u2007\u202f]", re.MULTILINE)
_PARSER = MarkdownIt("commonmark").enable("table")
# Inline tokens that carry text; everything else (html_inline, image, markup) is dropped.
_TEXT_TOKENS = {"text", "code_inline"}
_BREAKS = {"softbreak", "hardbreak"}


def extract(source: str) -> str:
    """Plain text of a Markdown document, one paragraph a line, list markers as labels.

    >>> source = "---\\ntitle: x\\n---\\n# Title\\n\\n1.  First item,\\n    wrapped.\\n"
    >>> print(extract(source), end="")
    Title
    <BLANKLINE>
    1. First item, wrapped.
    """
    body = FRONT_MATTER.sub("", source, count=1)
    # Pages converted to Markdown keep the web's no-break spaces, which CommonMark does not count
    # as whitespace: a separator line of "\u00a0 " would glue two paragraphs together and
    # "1.\u202fWe" would not be a list item.
    body = _UNICODE_BLANK_LINE.sub("", body)
    body = _MARKER_NBSP.sub(r"\1 ", body)
    return paragraphs(_walk(_PARSER.parse(body)))


def _walk(tokens: Sequence[Token]) -> list[str]:
    out: list[str] = []
    # One pending marker per open list item: written before the item's first paragraph.
    pending: list[str | None] = []
    for token in tokens:
        if token.type == "list_item_open":
            pending.append(_marker(token))
        elif token.type == "list_item_close":
            pending.pop()
        elif token.type == "inline":
            text = _inline(token.children or [])
            if pending and pending[-1] is not None:
                text = f"{pending[-1]} {text}"
                pending[-1] = None
            out.append(text)
        elif token.type in ("fence", "code_block"):
            out.extend(block for block in token.content.split("\n\n") if block.strip())
    return out


def _marker(item: Token) -> str:
    """The item's marker as written: ``info`` holds an ordered item's number, ``markup`` its
    delimiter (``.`` or ``)``) or bullet character."""
    if item.info:
        return f"{item.info}{item.markup}"
    return "-"


def _inline(children: Sequence[Token]) -> str:
    lines: list[str] = [""]
    for child in children:
        if child.type in _TEXT_TOKENS:
            lines[-1] += child.content
        elif child.type in _BREAKS:
            lines.append("")
    return join_lines(lines)
