"""The one output shape every reader produces: one paragraph a line, blank lines between.

Readers know where their paragraphs are (a ``<p>``, a ``w:p``, a vertical gap in a PDF), so they
join a paragraph's wrapped lines themselves instead of leaving it to the normaliser's guesswork.
Joining is script-aware: Chinese and Japanese text is written without spaces, so a line break
between two CJK characters disappears, while one between Latin words becomes a space.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# CJK ideographs, kana, CJK punctuation and full-width forms: no space is written next to them.
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\U00020000-\U0002fa1f]")
# A word broken at the line end by a hyphen: "enforce-" + "ment" is one word, "China-" +
# "Australia" keeps its hyphen.
_HYPHENATED = re.compile(r"[^\W\d_]-$")
_GLUED_HYPHEN = re.compile(r"\w-$")
_SPACES = re.compile(r"[ \t\u00a0\u2007\u2009\u200a\u200b\u202f]+")


def is_cjk(char: str) -> bool:
    """True for a character written without spaces around it (CJK scripts and punctuation).

    >>> is_cjk("中"), is_cjk("a")
    (True, False)
    """
    return bool(_CJK.match(char))


def join_lines(lines: Iterable[str], *, typeset: bool = False) -> str:
    """Join the wrapped lines of one paragraph into a single line.

    ``typeset`` is for lines broken by a typesetter (PDF), not by a person: a Latin word split
    by a hyphen at a line end is rejoined when the next line goes on in lower case, and in a
    Chinese-like paragraph every break is joined without a space (typesetters break Chinese
    anywhere, even inside a number or a parenthesised aside).

    >>> join_lines(["Law enforce-", "ment and China-", "Australia ties"], typeset=True)
    'Law enforcement and China-Australia ties'
    >>> join_lines(["2023年4月20", "23日(qǐ", "ng)合作"], typeset=True)
    '2023年4月2023日(qǐng)合作'
    """
    cleaned = [_SPACES.sub(" ", raw.replace("\u00ad", "")).strip() for raw in lines]
    cleaned = [line for line in cleaned if line]
    if typeset and _unspaced(cleaned):
        return "".join(cleaned)
    out = ""
    for line in cleaned:
        if not out:
            out = line
        elif typeset and _HYPHENATED.search(out) and line[0].islower():
            out = out[:-1] + line
        elif _GLUED_HYPHEN.search(out) or is_cjk(out[-1]) or is_cjk(line[0]):
            out += line
        else:
            out += " " + line
    return out


def _unspaced(lines: list[str]) -> bool:
    """Chinese-like text: CJK characters and hardly any spaces (pinyin asides included)."""
    text = "".join(lines)
    cjk = sum(map(is_cjk, text))
    return cjk > 0 and (cjk > 0.5 * len(text) or text.count(" ") < 0.05 * len(text))


def paragraphs(items: Iterable[str]) -> str:
    """Lay out finished paragraphs (each already one line) with a blank line between them.

    >>> paragraphs(["Title", "", "1. First."])
    'Title\\n\\n1. First.\\n'
    """
    kept = [item.strip() for item in items if item.strip()]
    return "\n\n".join(kept) + "\n" if kept else ""
