"""Match keys: the folded form of a text that comparison uses and users never see.

Two texts with the same key differ only in presentation: full-width vs half-width characters
(NFKC), curly vs straight quotes, dash variants, whitespace, and Traditional vs Simplified script
(OpenCC ``t2s``). ``strict_key`` folds further (case and punctuation) and decides whether a change
is *editorial*. Both are idempotent: ``match_key(match_key(s)) == match_key(s)``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache

import opencc

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RE = re.compile(f"[{HAN}]")

_QUOTES = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u300c": '"',
        "\u300d": '"',
        "\u300e": '"',
        "\u300f": '"',
        "\u301d": '"',
        "\u301e": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\ufe58": "-",
        "\u2026": "...",
        "\u00b7": "\u00b7",
        "\u30fb": "\u00b7",
        "\u2022": "\u00b7",
        "\u3001": ",",
        "\u3002": ".",
        "\uff61": ".",
        "\u3008": "<",
        "\u3009": ">",
        "\u300a": "<",
        "\u300b": ">",
        # Variants OpenCC leaves alone because both are valid Simplified characters, but which
        # Traditional-era texts use where Simplified ones write the second (本著 → 本着).
        "著": "着",
    }
)
_QUOTE_CHARS = "".join(map(chr, _QUOTES))
_QUOTE_RE = re.compile("[" + re.escape(_QUOTE_CHARS) + "]")
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")
_DASH_RUN = re.compile(r"-{2,}")
_LONG = 2048  # characters from which a table's characters are replaced one by one


def _quote_of(char: str) -> str:
    return str(_QUOTES[ord(char)])


def _half_width_of(char: str) -> str:
    return " " if char == "\u3000" else chr(ord(char) - 0xFEE0)


def _fold(
    text: str, pattern: re.Pattern[str], fold_char: Callable[[str], str], chars: str = ""
) -> str:
    """Replace each character ``pattern`` matches by ``fold_char`` of it.

    A long text, a document's joined clauses, holds thousands of 。 and ，: calling back into
    Python for each is slow. There, each character present is replaced throughout by one
    str.replace. Which are present is found by a C scan for each of ``chars`` (the table's
    characters, when they are few), else by the pattern. No replacement holds a character
    that another one replaces (· maps only to itself), so the order does not matter.
    """
    if len(text) < _LONG:
        return pattern.sub(lambda m: fold_char(m.group()), text)
    present = [c for c in chars if c in text] if chars else set(pattern.findall(text))
    for char in present:
        text = text.replace(char, fold_char(char))
    return text


# Whitespace is meaningful only between two Latin letters or digits ("in 2023"); next to Han
# characters or punctuation it is layout, so the key drops it. After NFKC, letters and digits
# that matter here are ASCII; accented letters lose the space on both sides alike, which keeps
# keys comparable.
_LAYOUT_SPACE = re.compile(r" (?!(?<=[A-Za-z0-9] )[A-Za-z0-9])")  # not between two of them
_PUNCT = re.compile(r"[\W_]+")


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert Traditional Chinese characters to Simplified; other text is left as it is.

    >>> to_simplified("聯邦警察 police")
    '联邦警察 police'
    """
    if not _HAN_RE.search(text):
        return text
    return str(_t2s().convert(text))


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, faster on Chinese text.

    Full-width ASCII (，（）０-９) is most of what NFKC changes in Chinese text. Folding it first,
    by a pattern that visits only those characters, usually leaves a string that NFKC's quick
    check passes, and the full pass (several times slower) is skipped. The result is the same:
    NFKC maps each of them to exactly that ASCII character.

    >>> nfkc("２０２３年，ｅｔｃ") == unicodedata.normalize("NFKC", "２０２３年，ｅｔｃ")
    True
    """
    if text.isascii():
        return text
    folded = _fold(text, _FULL_WIDTH, _half_width_of)
    if unicodedata.is_normalized("NFKC", folded):
        return folded
    return unicodedata.normalize("NFKC", folded)


def _fold_characters(text: str) -> str:
    """A key's folding of characters (width, quotes, dashes, script), whitespace left as it is."""
    if text.isascii():  # NFKC and t2s leave ASCII as it is; only the backquote folds
        folded = text.replace("`", "'") if "`" in text else text
    else:
        # Few quote and dash characters, and few of them in a statement: looking for each beats
        # the pattern, which fails a match at every other character of a long text.
        folded = to_simplified(_fold(nfkc(text), _QUOTE_RE, _quote_of, _QUOTE_CHARS))
    # Looking for one character first is a C scan several times quicker than looking for two,
    # and in a document's joined clauses the two are seldom there.
    if "-" in folded and "--" in folded:
        folded = _DASH_RUN.sub("-", folded)
    return folded


def match_key(text: str) -> str:
    """Fold a text to the key used for comparing clauses.

    >>> match_key("應澳大利亞聯邦警察邀請, 2023年")
    '应澳大利亚联邦警察邀请,2023年'
    >>> match_key("“Quad”  leaders — ２０２３")
    '"Quad"leaders-2023'
    """
    folded = _fold_characters(text)
    # Whitespace survives, as one space, only between two Latin letters or digits. Collapsing
    # runs first lets the pattern start at a literal space rather than look around everywhere.
    parts = folded.split()
    if len(parts) < 2:
        return parts[0] if parts else ""
    return _LAYOUT_SPACE.sub("", " ".join(parts))


_BLANKS = re.compile(r"[^\S\n]+")  # whitespace runs, line feeds excepted
# Whitespace other than the space and the line feed. Looking for each by itself is a C scan;
# one pattern class visits every character in Python's regex engine, several times slower.
_ODD_BLANKS = tuple(c for c in map(chr, range(0x3001)) if c.isspace() and c not in " \n")
_ODD_ASCII_BLANKS = tuple(c for c in _ODD_BLANKS if c.isascii())


def match_keys(texts: Sequence[str]) -> list[str]:
    """``match_key`` of each text, computed over the texts joined by line feeds.

    Every step of a key (NFKC, quote and dash folding, Traditional → Simplified, whitespace) acts
    on a character or a run that a line feed ends, so it gives the same result on the joined
    texts as on each alone, in a few calls instead of several per text. A document's clauses are
    thousands of short texts, and per-text calls into the C and C++ libraries were most of the
    cost. Texts that hold a line feed themselves are keyed one by one.

    >>> match_keys(["應邀, 2023年", "“Quad”  leaders — ２０２３"])
    ['应邀,2023年', '"Quad"leaders-2023']
    """
    if not texts:
        return []
    folded = _fold_characters("\n".join(texts))
    odd = _ODD_ASCII_BLANKS if folded.isascii() else _ODD_BLANKS
    # Collapsing runs is a pattern pass; usually there are none, only single spaces.
    if any(map(folded.__contains__, odd)) or "  " in folded:
        folded = _BLANKS.sub(" ", folded)
    # Spaces at a text's ends need no stripping: no letter or digit stands on their far side.
    keys = _LAYOUT_SPACE.sub("", folded).split("\n")
    # No step adds or removes a line feed, so a text holding one shows as an extra key.
    return keys if len(keys) == len(texts) else [match_key(t) for t in texts]


@lru_cache(maxsize=65536)
def token_key(token: str) -> str:
    """Key of one inline-diff token; whitespace tokens all fold to a single space."""
    if token.isspace():
        return " "
    return match_key(token) or token


def strict_key(text: str) -> str:
    """A key that also ignores case and punctuation: equal strict keys mean an editorial change.

    >>> strict_key("Rule of Law,") == strict_key("rule of law")
    True
    """
    return _PUNCT.sub("", match_key(text).casefold())
