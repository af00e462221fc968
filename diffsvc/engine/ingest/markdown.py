"""Markdown: statements kept in repositories and notes, and documents converted to Markdown.

The text is parsed with markdown-it-py (CommonMark plus tables) rather than stripped with regular
expressions, so what is a paragraph, a list item or a heading is decided the way every Markdown
renderer decides it. YAML front matter is metadata, not statement text, and is dropped. List
markers become labels: ordered items keep their own number and delimiter (``1.`` or ``1)``),
bullets become ``- ``. Emphasis, links and inline code keep their text; images are dropped. A
paragraph's hard-wrapped lines are joined here (script-aware, see ``lines``).

Documents converted to Markdown (pandoc from a Word file or a web page, as the White House
agreements are published) carry markup that CommonMark leaves as text; it is rendered to text
here, and no text is lost with it:

* Inline HTML: tags dropped, their text kept (``<span style=…>`` underlines,
  ``<a href="#_ftn1">[1]</a>`` footnote links, ``21<sup>st</sup>``); ``<br>`` is a line break;
  comments, scripts and styles go whole. Entities (``&nbsp;``) are decoded.
* HTML blocks: CommonMark makes a block of raw HTML of a line that is only an opening tag (a
  ``<span style=…>`` left alone on its line, with the paragraph ``(a) Jordan shall…`` after
  its ``</span>``). Its tags are dropped and what remains is read as Markdown, so its text stays;
  paragraph-level tags (``<p>``, ``<div>``, ``<li>``, ``<tr>``, ``<br>`` …) end a paragraph.
* Emphasis CommonMark cannot open or close because a (no-break) space stands inside its
  delimiters (``** **``, ``**Ministerial: **The``): the stray ``**`` are dropped.
* Backslash escapes (``1\\.``, ``\\(b\\)``, ``\\[1\\]``) read as the character they escape.
* Pandoc's footnotes (``[^1]``, ``[^1]: …``) read as the other formats' ``[1]`` and ``[1] …``.
* Indented paragraphs: a statement holds no code, so a paragraph indented by four or more spaces
  (Word's first-line indents, a layout of no-break spaces turned into spaces) is a paragraph,
  its wrapped lines joined, never an indented code block. Fenced code stays as written.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from html import unescape

from markdown_it import MarkdownIt
from markdown_it.common.html_re import HTML_TAG_RE
from markdown_it.token import Token

from diffsvc.text.wrap import join_lines, paragraphs

# YAML front matter: metadata before the text, between "---" lines.
FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
# Pandoc's footnotes, "[^1]" in the text and "[^1]: …" for the note, written "[1]" and "[1] …"
# as every other reader writes them, so a note reads alike whatever form it came in.
_NOTE_DEFINITION = re.compile(r"^ {0,3}\[\^(\d{1,3})\]:[ \t]*", re.MULTILINE)
_NOTE_MARK = re.compile(r"\[\^(\d{1,3})\](?!:)")
_UNICODE_BLANK_LINE = re.compile(r"^[ \t\u00a0\u2007\u202f\u3000]+$", re.MULTILINE)
_MARKER_NBSP = re.compile(r"^( {0,3}(?:\d{1,9}[.)]|[-*+]))[\u00a0\u2007\u202f]", re.MULTILINE)
# No indented code blocks (see above); escapes and entities stay tokens of their own
# (text_special), so an escaped "\*\*" is told from a stray "**" delimiter.
_PARSER = MarkdownIt("commonmark").enable("table").disable(["code", "text_join"])
_TEXT_TOKENS = {"text", "text_special", "code_inline"}
_BREAKS = {"softbreak", "hardbreak"}
_SENTENCE_END = re.compile(r"[.!?。！？][\"'”’)）]*\s*$")
# Emphasis delimiters left as text: CommonMark did not pair them, so they mark nothing.
_STRAY_STARS = re.compile(r"(?<!\*)\*{2,3}(?!\*)")
# Emphasis on a lone punctuation mark after a word ("agreements*,*"), which CommonMark cannot
# open: the mark stays, the asterisks go.
_STARRED_MARK = re.compile(r"(?<!\*)\*([^\w\s*])\*(?!\*)")
# Raw HTML whose content is not text: dropped whole.
_HIDDEN = re.compile(
    r"<(script|style|head|template|title)\b[^>]*>.*?(?:</\1\s*>|\Z)|<!--.*?(?:-->|\Z)",
    re.IGNORECASE | re.DOTALL,
)
_HIDDEN_OPEN = re.compile(r"<(script|style|head|template|title)\b", re.IGNORECASE)
# Tags that stand between paragraphs; a table cell's end is a space between cells.
_PARAGRAPH_TAG = re.compile(
    r"</?(?:p|div|li|ul|ol|h[1-6]|table|thead|tbody|tfoot|tr|section|article|aside|header"
    r"|footer|main|nav|blockquote|pre|dl|dt|dd|hr|figure|figcaption|center)\b[^>]*>"
    r"|<br\s*/?>",
    re.IGNORECASE,
)
_CELL_END = re.compile(r"</t[dh]\s*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^<>]*>")
# A line (or lines) that is all bold or italic: a heading when a hard break ends it.
_EMPHASIS_ONLY = re.compile(r"\s*(\*{1,3}|_{1,3})(?=\S)(?:(?!\1).)+?\1\s*", re.DOTALL)


def extract(source: str) -> str:
    """Plain text of a Markdown document, one paragraph a line, list markers as labels.

    >>> source = "---\\ntitle: x\\n---\\n# Title\\n\\n1.  First item,\\n    wrapped.\\n"
    >>> print(extract(source), end="")
    Title
    <BLANKLINE>
    1. First item, wrapped.
    >>> print(extract('**<span style="text-decoration: underline">Section 1. Tariffs and\\n'
    ...               "Quotas</span>**\\n\\n1\\\\. ** ** Jordan shall\\\\[1\\\\] apply\\n"), end="")
    Section 1. Tariffs and Quotas
    <BLANKLINE>
    1. Jordan shall[1] apply
    """
    body = FRONT_MATTER.sub("", source, count=1)
    body = _NOTE_DEFINITION.sub(r"\\[\1\\] ", _NOTE_MARK.sub(r"\\[\1\\]", body))
    return paragraphs(_blocks(body, nested=False))


def _blocks(body: str, *, nested: bool) -> list[str]:
    # Pages converted to Markdown keep the web's no-break spaces, which CommonMark does not count
    # as whitespace: a separator line of "\u00a0 " would glue two paragraphs together and
    # "1.\u202fWe" would not be a list item.
    body = _UNICODE_BLANK_LINE.sub("", body)
    body = _MARKER_NBSP.sub(r"\1 ", body)
    return _walk(_PARSER.parse(body), nested=nested)


def _walk(tokens: Sequence[Token], *, nested: bool) -> list[str]:
    out: list[str] = []
    # One pending marker per open list item: written before the item's first paragraph.
    pending: list[str | None] = []
    for token in tokens:
        if token.type == "list_item_open":
            pending.append(_marker(token))
        elif token.type == "list_item_close":
            pending.pop()
        elif token.type in ("inline", "html_block"):
            if token.type == "inline":
                texts = _inline(token.children or [])
            else:
                texts = [text for text in _html_block(token.content, nested=nested) if text]
            if texts and pending and pending[-1] is not None:
                texts[0] = f"{pending[-1]} {texts[0]}"
                pending[-1] = None
            out.extend(texts)
        elif token.type == "fence":
            out.extend(block for block in token.content.split("\n\n") if block.strip())
    return out


def _html_block(content: str, *, nested: bool) -> list[str]:
    """The paragraphs of a block of raw HTML: tags dropped, the rest read as Markdown.

    Reading the rest as Markdown keeps its emphasis, escapes and entities from showing; inside
    that second reading (``nested``) any HTML block left is only stripped, so this recurses once.

    >>> _html_block('<span style="color: black">\\u00a0\\n  </span>(a) Jordan \\\\(b\\\\) shall\\n'
    ...             "accord &amp; <b>treat</b>.", nested=False)
    ['(a) Jordan (b) shall accord & treat.']
    """
    text = _HIDDEN.sub("", content)
    text = _PARAGRAPH_TAG.sub("\n\n", text)
    text = _CELL_END.sub(" ", text)
    if nested:
        bare = unescape(_ANY_TAG.sub("", text))
        return [join_lines(block.split("\n")) for block in bare.split("\n\n")]
    return _blocks(HTML_TAG_RE.sub("", text), nested=True)


def _marker(item: Token) -> str:
    """The item's marker as written: ``info`` holds an ordered item's number, ``markup`` its
    delimiter (``.`` or ``)``) or bullet character."""
    if item.info:
        return f"{item.info}{item.markup}"
    return "-"


def _inline(children: Sequence[Token]) -> list[str]:
    """A paragraph's text; two when it opens with emphasis alone (bold or italic, perhaps over
    several lines) ended by a hard break (two trailing spaces, a backslash or ``<br>``): the
    statements' section headings as pages and pandoc write them (``**Climate**`` and two spaces
    over the section's first paragraph), which a reader sees on a line of their own and which are
    not the first words of that paragraph.

    >>> _inline(_PARSER.parseInline("**Climate**  \\nRecognizing the need")[0].children or [])
    ['Climate', 'Recognizing the need']
    >>> _inline(_PARSER.parseInline("**Climate** change\\nis real")[0].children or [])
    ['Climate change is real']
    """
    lines: list[str] = [""]
    ends: list[int] = []  # the lines a hard break ends
    hidden: str | None = None  # inside <script> or <style>: the tag that ends it
    # The source of the paragraph up to its first hard break, with its emphasis marks (those
    # CommonMark paired and those it could not, beside a no-break space), and how many lines
    # that took.
    opening, heading_lines = "", 0
    for child in children:
        if hidden is not None:
            if child.type == "html_inline" and child.content.lower().startswith(hidden):
                hidden = None
            continue
        if not heading_lines:
            if child.type in _TEXT_TOKENS or child.type.startswith(("strong_", "em_")):
                opening += child.content or child.markup
            elif child.type == "softbreak":
                opening += "\n"
        if child.type == "text":
            lines[-1] += _STRAY_STARS.sub("", _STARRED_MARK.sub(r"\1", child.content))
        elif child.type in _TEXT_TOKENS:
            lines[-1] += child.content
        elif child.type in _BREAKS:
            if child.type == "hardbreak":
                heading_lines = heading_lines or len(lines)
                ends.append(len(lines))
            lines.append("")
        elif child.type == "html_inline":
            opened = _HIDDEN_OPEN.match(child.content)
            if opened:
                hidden = f"</{opened.group(1).lower()}"
            elif child.content[:3].lower() == "<br":
                heading_lines = heading_lines or len(lines)
                ends.append(len(lines))
                lines.append("")
    # A hard break after a sentence ends a paragraph, as ``<br>`` does on the page the text was
    # converted from (the G7's 2024 statement sets its paragraphs apart this way); one inside a
    # sentence, or after a title's line, only wraps it.
    start = 0
    if heading_lines and _EMPHASIS_ONLY.fullmatch(opening):
        heading = join_lines(lines[:heading_lines])
        if heading.strip() and join_lines(lines[heading_lines:]).strip():
            start = heading_lines
    cuts = [n for n in ends if n > start and _SENTENCE_END.search(lines[n - 1])]
    parts = [join_lines(lines[a:b]) for a, b in itertools.pairwise([0, start, *cuts, len(lines)])]
    return [part for part in parts if part.strip()] or [join_lines(lines)]
