"""HTML: the article of a saved web page, without the site around it.

Main-content extraction is trafilatura's job (it scores blocks the way a reader skims a page);
we only prepare the tree for it and read the tree it returns (its XML vocabulary: ``p``,
``head``, ``list``/``item``, ``table``/``row``/``cell``, ``lb`` for line breaks):

* ``<ol>``/``<ul>`` items get their marker written into the text first (``3.``, ``(b)``,
  ``- ``, honouring ``start``, ``type`` and ``value`` as a browser does), because the
  extractor keeps list structure but not the numbers, and the numbers are the clause labels.
* Blocks that are mostly link text (menus, breadcrumbs, "Print | Close" bars, footers full of
  links) are dropped before extraction. On a page that is *only* navigation trafilatura falls
  back to returning the navigation, so this is what lets us say "no article" instead.
* Paragraphs made only of page-tool words (Print, Close, 打印, 关闭 …) are dropped after it.
* What the extractor would lose of the document is kept: it collapses paragraphs of identical
  text into one (a report's repeated "各位代表！", an agreement's "[Reserved]"), so a repeat is
  tagged with a private mark for the duration of the extraction; it drops the page's ``<h1>``
  title from some layouts, so a lone title it dropped is put back first; and the paragraphs of
  a layout table's cell stay paragraphs, where a data table's row is one line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from diffsvc.engine.ingest.word_numbering import format_number
from diffsvc.errors import BrokenFile, NoArticle, TooLarge
from diffsvc.text.wrap import join_lines, page_lines, paragraphs

# Paragraph-like blocks a page may hold (a table row counts once). The extractor's cost and
# memory grow with them (a 4.5 MB page of 200,000 paragraphs: 12 s, 650 MB), and no document a
# comparison can take (at most 20,000 clauses a side by default) comes near this many.
MAX_BLOCKS = 50_000
_COUNTED = ("p", "li", "tr", "dt", "dd", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6")
_BLOCKS = ("nav", "header", "footer", "aside", "ul", "ol", "div", "p", "td", "table", "section")
_MAX_LINK_SHARE = 0.5
_TOOLS = re.compile(
    r"^(?:[\s|/·•:：\[\]【】()（）<>＞»›-]|print|close|share|e-?mail|back(?: to top)?|top|"
    r"font size|large|medium|small|打印(?:本页)?|关闭(?:窗口)?|關閉(?:窗口)?|返回顶部|字号|"
    r"大|中|小|分享(?:到)?)+$",
    re.IGNORECASE,
)
# <ol type="..."> in Word's number-format names, so both readers share one formatter.
_STYLES = {
    "1": "decimal",
    "a": "lowerLetter",
    "A": "upperLetter",
    "i": "lowerRoman",
    "I": "upperRoman",
}
_INLINE_OR_WRAPPER = {"p", "div", "span", "strong", "b", "em", "i", "a", "font", "u"}
# trafilatura's XML: block elements that stay paragraphs of their own inside a list item.
_BLOCK_TAGS = {"p", "list", "quote", "head", "table", "div", "code"}
# Page chrome named as such in id or class, which trafilatura returns when there is no article.
_CHROME = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|footer|sidebar|copyright)(?:$|[\s_-])",
    re.IGNORECASE,
)
# Elements that hold a paragraph's text in a page's markup; a repeat among them is tagged.
_TEXT_BLOCKS = (
    *("p", "li", "dt", "dd", "td", "th", "caption", "blockquote", "pre", "div", "figcaption"),
    *("h1", "h2", "h3", "h4", "h5", "h6"),
)
# What names a site's masthead, where an <h1> is the site's name.
_MASTHEAD = re.compile(
    r"(?:^|[\s_-])(?:header|masthead|banner|logo|brand|site-?(?:name|title)|navbar)(?:$|[\s_-])",
    re.IGNORECASE,
)
# A part of an agreement published as a file of its own, and the files it is published as.
_PART = re.compile(
    r"^(?:annex|schedule|appendix|attachment|exhibit|protocol|side letter)\b.{0,60}$"
    r"|^附(?:件|表|录)\s*\S{0,30}$",
    re.IGNORECASE,
)
_FILE = re.compile(r"\.(?:pdf|docx?|xlsx?)(?:[?#].*)?$", re.IGNORECASE)
# A block of notes named as such ("footnotes", "endnotes"), and a note's link back to its mark.
_NOTES = re.compile(r"(?:^|[\s_-])(?:foot|end)notes?(?:$|[\s_-])", re.IGNORECASE)
_BACK = ("↩", "↩︎", "↑", "^")
# Private-use characters: no page text is expected to hold this pair around digits.
_REPEAT = re.compile("\ue000\\d+\ue001")


def extract(markup: str) -> str:
    """The article text of an HTML page: one paragraph a line, list markers kept as labels.

    >>> page = ("<html><body><nav><a href='/'>Home</a></nav><article><h1>Statement</h1>"
    ...         "<p>The parties agreed to cooperate in the following fields this year:</p>"
    ...         "<ol><li>Maintaining communication at the senior and working levels.</li>"
    ...         "</ol></article></body></html>")
    >>> print(extract(page).strip())
    Statement
    <BLANKLINE>
    The parties agreed to cooperate in the following fields this year:
    <BLANKLINE>
    1. Maintaining communication at the senior and working levels.
    """
    # trafilatura takes about a second to import (its URL and language tables): only a page
    # pays it, not every `import diffsvc` and every run of the command line.
    import trafilatura

    tree = trafilatura.load_html(markup)
    if tree is None:
        raise BrokenFile("The HTML could not be parsed.")
    if sum(1 for _ in tree.iter(*_COUNTED)) > MAX_BLOCKS:
        raise TooLarge(
            f"The page holds more than {MAX_BLOCKS:,} paragraphs, list items and table rows.",
            what="document",
        )
    _write_notes(tree)
    _unlink_parts(tree)
    _write_list_markers(tree)
    _drop_link_blocks(tree)
    title = _title(tree)
    _tag_repeats(tree)
    # bare_extraction hands back the result tree; extract() would also hash it for a fingerprint
    # we do not need, which costs more than the extraction on large pages.
    result = trafilatura.bare_extraction(
        tree, favor_recall=True, include_comments=False, with_metadata=False, as_dict=False
    )
    body = getattr(result, "body", None)
    kept = [p for p in _paragraphs(body) if p and not _TOOLS.match(p)] if body is not None else []
    if not kept:
        raise NoArticle(
            "The page has no article text: only navigation, menus or other site chrome."
        )
    if title and all(_squash(p) != _squash(title) for p in kept):
        kept.insert(0, title)
    return paragraphs(kept, lines=page_lines(kept))


def _title(tree: Any) -> str | None:
    """The page's title heading: its one ``<h1>`` that is neither a link nor in the masthead
    (a site's name)."""
    headings = [h for h in tree.iter("h1") if _visible("".join(h.itertext()))]
    if len(headings) != 1:
        return None
    heading = headings[0]
    text = "".join(heading.itertext())
    linked = sum(_visible("".join(a.itertext())) for a in heading.iter("a"))
    around = [heading, *heading.iterancestors()]
    if any(a.tag == "a" for a in around) or 2 * linked > _visible(text) or _masthead(around):
        return None
    return _line([text])


def _masthead(around: list[Any]) -> bool:
    """Whether an element (with its ancestors, ``around``) is in the site's masthead: a
    ``<header>`` or a block named as one, outside the article."""
    if any(a.tag in ("article", "main") for a in around):
        return False
    return any(
        a.tag == "header" or _MASTHEAD.search(f"{a.get('id') or ''} {a.get('class') or ''}")
        for a in around
    )


def _tag_repeats(tree: Any) -> None:
    """Mark each repeat of a paragraph's text, so the extractor keeps it as a paragraph.

    A block holding other blocks is not a paragraph; its inner blocks are. The mark goes at the
    end of the block's text and ``_line`` takes it out again. It runs after the link-heavy
    blocks are gone, so a menu repeated in the footer is not marked into the article.
    """
    outer: set[Any] = set()
    for block in tree.iter(*_TEXT_BLOCKS):
        for ancestor in block.iterancestors():
            if ancestor in outer:
                break
            outer.add(ancestor)
    seen: set[str] = set()
    for number, block in enumerate(tree.iter(*_TEXT_BLOCKS)):
        if block in outer:
            continue
        text = _squash(" ".join(block.itertext()))
        if not text:
            continue
        if text in seen:
            mark = f"\ue000{number}\ue001"
            if len(block):
                block[-1].tail = (block[-1].tail or "") + mark
            else:
                block.text = (block.text or "") + mark
        seen.add(text)


def _squash(text: str) -> str:
    return "".join(text.split())


def _write_notes(tree: Any) -> None:
    """Footnotes as the other readers write them: the mark "[1]" in the text, each note opening
    on "[1] " (pandoc and many sites set a mark as a small linked "1" and the notes as a list
    after the text, with a "↩" link back), for the normaliser to attach to the clause."""
    for link in list(tree.iter("a")):
        text = "".join(link.itertext()).strip()
        role, named = link.get("role") or "", link.get("class") or ""
        if role == "doc-backlink" or "footnote-back" in named or text in _BACK:
            link.drop_tree()
        elif (
            (link.get("href") or "").startswith("#")
            and text.isdigit()
            and len(text) <= 3
            and (
                role == "doc-noteref"
                or "footnote-ref" in named
                or any(a.tag == "sup" for a in (*link.iter(), *link.iterancestors()))
            )
        ):
            tail = link.tail
            link.clear()
            link.text, link.tail = f"[{text}]", tail
    for node in tree.iter("ol"):
        around = [node, *node.iterancestors()]
        if any(
            (a.get("role") or "") in ("doc-endnotes", "doc-footnotes")
            or _NOTES.search(f"{a.get('id') or ''} {a.get('class') or ''}")
            for a in around
        ):
            number = _int(node.get("start"), 1)
            for item in node.findall("li"):
                _prepend(item, f"[{number}] ")
                number += 1
            node.set("data-notes", "1")


def _unlink_parts(tree: Any) -> None:
    """An agreement's annexes and schedules linked as files ("Annex 1" → Annex-1.pdf) are lines
    of the agreement, not a menu: their link comes off so no link test drops them."""
    for link in list(tree.iter("a")):
        text = " ".join("".join(link.itertext()).split())
        if _PART.match(text) and _FILE.search(link.get("href") or ""):
            link.drop_tag()


def _write_list_markers(tree: Any) -> None:
    for node in tree.iter("ol", "ul"):
        if node.get("data-notes"):
            continue  # written by _write_notes
        ordered = node.tag == "ol"
        number = _int(node.get("start"), 1)
        style = _STYLES.get(node.get("type") or "1", "decimal")
        for item in node.findall("li"):
            number = _int(item.get("value"), number)
            _prepend(item, _marker(number, style) if ordered else "- ")
            number += 1


def _prepend(item: Any, marker: str) -> None:
    """Write the marker where the item's text starts, also when it sits in ``<li><p>…``."""
    node = item
    while not (node.text or "").strip() and len(node) and node[0].tag in _INLINE_OR_WRAPPER:
        node = node[0]
    node.text = marker + (node.text or "").lstrip()


def _marker(number: int, style: str) -> str:
    """``3. `` for numbers; letters and Roman numerals in parentheses (``(c) ``, ``(iv) ``), the
    form the normaliser recognises whatever follows (``c. exchange`` would read as prose)."""
    label = format_number(number, style)
    return f"{label}. " if style == "decimal" else f"({label}) "


def _int(value: str | None, default: int) -> int:
    return int(value) if value is not None and value.strip().lstrip("-").isdigit() else default


def _drop_link_blocks(tree: Any) -> None:
    """Drop chrome blocks, innermost first, so a menu goes but the article around it stays.

    Text and link-text lengths are summed bottom-up in one pass (a parent reuses its children's
    sums), which keeps this linear in the page size however deeply the markup nests.
    """
    sizes: dict[Any, tuple[int, int]] = {}
    for element in reversed(list(tree.iter())):
        if not isinstance(element.tag, str):  # comments and processing instructions
            continue
        total = _visible(element.text)
        linked = 0
        for child in element:
            child_total, child_linked = sizes.pop(child, (0, 0))
            total += child_total + _visible(child.tail)
            linked += child_linked
        if element.tag == "a":
            linked = total
        named = f"{element.get('id') or ''} {element.get('class') or ''}"
        if (
            element.tag in _BLOCKS
            and element.getparent() is not None
            and (element.tag == "nav" or _CHROME.search(named) or linked > _MAX_LINK_SHARE * total)
        ):
            element.drop_tree()
            continue
        sizes[element] = (total, linked)


def _visible(text: str | None) -> int:
    return len(text) - sum(map(text.count, " \t\n\r")) if text else 0


def _paragraphs(body: Any) -> Iterator[str]:
    for child in body:
        yield from _block(child)


def _block(element: Any) -> Iterator[str]:
    if element.tag in ("list", "quote", "div"):
        for child in element:
            yield from _block(child)
    elif element.tag == "item":
        yield from _item(element)
    elif element.tag == "table":
        for row in element.iter("row"):
            if next(row.iterancestors("table")) is not element:
                continue  # a table inside a cell is read with its cell
            cells = row.findall("cell")
            if any(_holds_paragraphs(cell, alone=len(cells) == 1) for cell in cells):
                # A layout table: the page's paragraphs sit in its cells. (A data table's cell
                # may wrap its line in a <p>, as Word's HTML does; its row stays a line.)
                for cell in cells:
                    yield from _item(cell)
            else:
                yield " ".join(_line(list(cell.itertext())) for cell in row)
    else:
        yield from _segments(element)


def _holds_paragraphs(cell: Any, *, alone: bool) -> bool:
    """A cell that is a page's column of text: the row's only cell, or a long run of blocks."""
    blocks = sum(child.tag in _BLOCK_TAGS for child in cell)
    return bool(blocks) and (alone or (blocks >= 2 and _visible("".join(cell.itertext())) > 200))


def _item(item: Any) -> Iterator[str]:
    """A list item's own text, then its block children (paragraphs, nested lists) in order."""
    own: list[str] = [item.text or ""]
    for child in item:
        if child.tag in _BLOCK_TAGS:
            yield _line(own)
            own = []
            yield from _block(child)
        else:
            own.append("".join(child.itertext()))
        own.append(child.tail or "")
    yield _line(own)


def _segments(element: Any) -> Iterator[str]:
    """A paragraph's text; ``<br>`` (``<lb/>``) separates paragraphs on many pages."""
    parts: list[str] = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            yield _line(parts)
            parts = []
        else:
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    yield _line(parts)


def _line(parts: list[str]) -> str:
    return join_lines(_REPEAT.sub("", "".join(parts)).split("\n"))
