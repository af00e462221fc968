"""Match keys: the folded form of a text that comparison uses and users never see.

Two texts with the same key differ only in presentation: full-width vs half-width characters
(NFKC), curly vs straight quotes, dash variants, whitespace, and Traditional vs Simplified script
(OpenCC ``t2s``). ``strict_key`` folds further (case, punctuation and British spelling) and
decides whether a change is *editorial*; an inline diff's ``token_key`` folds spelling too. Both
are idempotent: ``match_key(match_key(s)) == match_key(s)``.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from functools import cache, cached_property, lru_cache

import opencc

from diffsvc.text.scripts import has_han

# Characters a key writes in their plain form: quotes, dashes, ellipsis, bullets, CJK
# punctuation and brackets.
_QUOTES = (
    dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u300c\u300d\u300e\u300f\u301d\u301e", '"')
    | dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4`", "'")
    | dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58", "-")
    | dict.fromkeys("\u30fb\u2022", "\u00b7")
    | dict.fromkeys("\u3008\u300a", "<")
    | dict.fromkeys("\u3009\u300b", ">")
    | {"\u2026": "...", "\u3001": ",", "\u3002": ".", "\uff61": "."}
    # Variants OpenCC leaves alone because both are valid Simplified characters, but which
    # Traditional-era texts use where Simplified ones write the second (本著 → 本着).
    | {"著": "着"}
)
_QUOTE_RE = re.compile("[" + "".join(map(re.escape, _QUOTES)) + "]")
_DASH_RUN = re.compile(r"-{2,}")
# Whitespace is meaningful only between two Latin letters or digits ("in 2023"); next to Han
# characters or punctuation it is layout, so the key drops it. After NFKC, letters and digits
# that matter here are ASCII; accented letters lose the space on both sides alike, which keeps
# keys comparable.
_LAYOUT_SPACE = re.compile(r" (?!(?<=[A-Za-z0-9] )[A-Za-z0-9])")  # not between two of them
_PUNCT = re.compile(r"[\W_]+")

# British spelling written the American way, for the inline diff and the editorial test only: a
# clause's ``normalized`` text, which users read, keeps the spelling it was written in. Joint
# statements are drafted by whoever hosts: the Quad's Australian and Japanese texts "recognise"
# the "labour" rights that the American ones "recognize" as "labor", and a G7 communiqué's
# "organisations" are next year's "organizations". An analyst reads none of that as a change.
# Each rule needs a stem of three letters before the ending, so "four" is never "for", "rise"
# never "rize"; both versions fold alike, so a word that merely looks British ("promise") folds
# harmlessly on both sides.
_SPELLING: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?<=[A-Za-z]{3})is(e|es|ed|ing|ation|ations|er|ers)\b"), r"iz\1"),
    (re.compile(r"(?<=[A-Za-z]{2})ys(e|es|ed|ing)\b"), r"yz\1"),
    (re.compile(r"(?<=[A-Za-z]{3})our(s|ed|ing|able|ably|ite|ites|ism)?\b"), r"or\1"),
    (re.compile(r"(?<=[A-Za-z]{3})tre(s)?\b"), r"ter\1"),
    (re.compile(r"(?<=[A-Za-z]{2}[aeiou])ll(ed|ing|er|ers)\b"), r"l\1"),
    (re.compile(r"\b([Dd]efen|[Oo]ffen|[Ll]icen|[Pp]reten)ce(s)?\b"), r"\1se\2"),
    (re.compile(r"\b([Pp]rogram)me(s)?\b"), r"\1\2"),
    (re.compile(r"\b([Cc]atalog|[Aa]nalog)ue(s)?\b"), r"\1\2"),
    (re.compile(r"\b([Jj]udg|[Aa]cknowledg)ement(s)?\b"), r"\1ment\2"),
    (re.compile(r"\b([Ff]ulfil|[Ee]nrol)(s|ment|ments)?\b"), r"\1l\2"),
    (re.compile(r"\b([Aa])geing\b"), r"\1ging"),
]


_ENGLISH_WORD = re.compile("[A-Za-z]{5,}")  # the shortest word a rule changes: "enrol"


def american(text: str) -> str:
    """English written with American spelling, as comparison reads it.

    >>> american("We recognise the organisations’ labour rights and the centre’s programme.")
    'We recognize the organizations’ labor rights and the center’s program.'
    >>> american("four hours, the rise of wise promises")
    'four hours, the rise of wise promizes'
    """
    return _ENGLISH_WORD.sub(lambda m: _american_word(m.group()), text)


@lru_cache(maxsize=65536)  # a statement's words recur; a megabyte of text is a few thousand
def _american_word(word: str) -> str:
    for pattern, american_form in _SPELLING:
        word = pattern.sub(american_form, word)
    return word


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@cache
def _to_traditional() -> tuple[opencc.OpenCC, ...]:
    # OpenCC's own standard, and Taiwan's and Hong Kong's, which write 為 where it writes 爲.
    return tuple(opencc.OpenCC(config) for config in ("s2t", "s2tw", "s2hk"))


@cache
def _traditional(character: str) -> str:
    """A Simplified character's Traditional forms, "" where it is written alike."""
    forms = {str(convert.convert(character)) for convert in _to_traditional()}
    return "".join(sorted(f for f in forms if len(f) == 1 and f != character))


def either_script(pattern: str) -> str:
    """A regular expression written in Simplified Chinese that matches the Traditional forms of
    its characters too, so a lexicon reads a Hong Kong or Taiwan text as it reads a mainland one:
    "增长|[从由]" becomes "增[长長]|[从從由]". Only for patterns with no range of Chinese
    characters in a class.

    >>> import re
    >>> bool(re.fullmatch(either_script("年均增长|[从由]"), "年均增長"))
    True
    """
    out: list[str] = []
    in_class = escaped = False
    for c in pattern:
        if escaped:
            escaped = False
        elif c == "\\":
            escaped = True
        elif c == "[" and not in_class:
            in_class = True
        elif c == "]" and in_class:
            in_class = False
        elif forms := _traditional(c):
            out.append(c + forms if in_class else f"[{c}{forms}]")
            continue
        out.append(c)
    return "".join(out)


class EitherScript:
    """``either_script`` of a pattern, compiled when first used: the Traditional forms come
    from OpenCC, whose three dictionaries take a seventh of a second to load, which a process
    that reads no Chinese figure need not pay at import."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._pattern, self._flags = pattern, flags

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        return re.compile(either_script(self._pattern), self._flags)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.fullmatch(text, pos, endpos)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text)

    def split(self, text: str) -> list[str]:
        return self.compiled.split(text)

    def sub(self, repl: str, text: str) -> str:
        return self.compiled.sub(repl, text)


def to_simplified(text: str) -> str:
    """Convert Traditional Chinese characters to Simplified; other text is left as it is.

    >>> to_simplified("聯邦警察 police")
    '联邦警察 police'
    """
    return str(_t2s().convert(text)) if has_han(text) else text


def nfkc(text: str) -> str:
    """Unicode compatibility normalisation: full-width letters, digits and punctuation as ASCII.

    >>> nfkc("２０２３年，ｅｔｃ")
    '2023年,etc'
    """
    return unicodedata.normalize("NFKC", text)


def _fold_characters(text: str) -> str:
    """A key's folding of characters (width, quotes, dashes, script); whitespace left as it is."""
    return to_simplified(_QUOTE_RE.sub(lambda m: _QUOTES[m.group()], nfkc(text)))


def _finish(spaced: str) -> str:
    """What is left once a key's whitespace is single spaces: drop the spaces that are layout,
    then fold what that brought together (a combining mark onto its letter, dashes into one),
    so that a key is its own key."""
    joined = _LAYOUT_SPACE.sub("", spaced)
    key = nfkc(joined)
    key = _DASH_RUN.sub("-", key) if "--" in key else key
    return key if key == joined else _finish(key)


def match_key(text: str) -> str:
    """Fold a text to the key used for comparing clauses.

    >>> match_key("應澳大利亞聯邦警察邀請, 2023年")
    '应澳大利亚联邦警察邀请,2023年'
    >>> match_key("“Quad”  leaders — ２０２３")
    '"Quad"leaders-2023'
    """
    return _finish(" ".join(_fold_characters(text).split()))


def match_keys(texts: Sequence[str]) -> list[str]:
    """``match_key`` of each text; the same result, in a few calls for a whole document.

    A document is hundreds of short clauses, and keying them one by one called NFKC, the quote
    table and OpenCC once each: most of normalising a statement. Every step of a key acts on a
    character or a run that a line feed ends, so it gives the same result on the texts joined
    by line feeds as on each alone. ``match_key`` is the specification; a property test holds
    the two together. Texts that hold a line feed themselves are keyed one by one.

    >>> match_keys(["應邀, 2023年", "“Quad”  leaders — ２０２３"])
    ['应邀,2023年', '"Quad"leaders-2023']
    """
    if any("\n" in text for text in texts):
        return [match_key(text) for text in texts]
    folded = _fold_characters("\n".join(texts))
    spaced = "\n".join(" ".join(line.split()) for line in folded.split("\n"))
    keys = _finish(spaced).split("\n")
    # NFKC turns some characters into a line feed (none in practice); then key one by one.
    return keys if len(keys) == len(texts) else [match_key(text) for text in texts]


@lru_cache(maxsize=65536)  # an inline diff keys every token of both clauses, and they recur
def token_key(token: str) -> str:
    """Key of one inline-diff token; whitespace tokens all fold to a single space."""
    if token.isspace():
        return " "
    return american(match_key(token)) or token


def strict_key(text: str) -> str:
    """A key that also ignores case and punctuation: equal strict keys mean an editorial change.

    >>> strict_key("Rule of Law,") == strict_key("rule of law")
    True
    """
    return fold_key(match_key(text))


def fold_key(key: str) -> str:
    """``strict_key`` of a text already keyed by ``match_key`` (a clause's ``normalized``): its
    letters and digits, case folded, spelled the American way."""
    return _PUNCT.sub("", american(key).casefold())
