"""Bytes to ``str`` for text-based inputs (plain text, HTML, Markdown), reporting the encoding.

Users paste or upload statements saved by whatever tool they had: UTF-8 with or without a BOM,
UTF-16 from Windows Notepad, GB18030/GBK from mainland sites, Big5 from Taiwan and Hong Kong,
Windows-1252 from old English pages. Order of evidence, strongest first: a byte order mark, strict
the NUL pattern of BOM-less UTF-16, strict UTF-8 (which almost never decodes by accident), then
charset-normalizer's statistical guess. The encoding we report is the codec's canonical Python
name, so callers can re-encode with it.

Decoded text that is mostly control characters is binary data that happened to decode; it is
rejected here rather than fed to the normaliser as garbage.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from diffsvc.engine.ingest.sniff import binary_data
from diffsvc.errors import DecodeError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# charset-normalizer names a subset when it only saw subset characters; decoding with the superset
# is identical on valid input and survives the rare character outside the subset.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "big5hkscs"}

_EAST_ASIAN = {
    *("gb2312", "gbk", "gb18030", "hz", "big5", "big5hkscs", "cp950"),
    *("cp949", "euc_kr", "johab", "cp932", "shift_jis", "euc_jp", "euc_jis_2004", "iso2022_jp"),
}
_CJK_PUNCTUATION = "，。、；：？！“”「」（）《》"
_LATIN = {"cp1250", "cp1257", "iso8859-1", "iso8859-2", "iso8859-15", "mac-roman"}

_DECLARATION = re.compile(
    rb"""<(?:meta\b[^>]*?charset|\?xml\b[^>]*?encoding)\s*=\s*["']?([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
# Control characters other than tab, newline, carriage return and form feed (a page break in
# text saved from PDFs and printers, which the normaliser reads as a page break).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.01


def decode(data: bytes) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``; newlines come back as ``\\n``.

    >>> decode("一、合作".encode("gb18030"))
    ('一、合作', 'gb18030')
    """
    text, encoding = _decode(data)
    if _CONTROL.search(text) and len(_CONTROL.findall(text)) > _MAX_CONTROL_SHARE * len(text):
        raise binary_data()
    text = _CONTROL.sub("", text)
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


def pasted(text: str) -> str:
    """Pasted text laid out the way ``decode`` lays out a file: newlines as ``\\n``, no byte
    order mark, no control characters, so that pasted text is recognised like the same file.

    >>> pasted("\\ufeffTitle\\r\\n\\r\\n1. Meet.\\x07")
    'Title\\n\\n1. Meet.'
    """
    text = _CONTROL.sub("", text.removeprefix("\ufeff"))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            codec = "utf-8" if encoding == "utf-8-sig" else encoding
            try:
                return data[len(bom) :].decode(codec), encoding
            except UnicodeDecodeError as error:
                raise DecodeError(
                    f"The text starts with a {encoding} byte order mark but does not decode as "
                    f"{encoding}."
                ) from error
    # BOM-less UTF-16 before UTF-8: English in UTF-16 ("T\0h\0e\0") is valid UTF-8 too, one
    # NUL after every letter, which no real UTF-8 text holds.
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _looks_binary(data):
        raise binary_data()
    return _declared(data) or _guess(data)


def _declared(data: bytes) -> tuple[str, str] | None:
    """The charset a saved web page or XML file declares (``<meta charset="gb2312">``), if it is
    a codec we know and the bytes really decode with it; Chinese sites still serve GB2312/GBK."""
    match = _DECLARATION.search(data[:4096])
    if match is None:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
        codec = _SUPERSETS.get(name, name)
        return data.decode(codec), "gb18030" if codec == "gb18030" else name
    except (LookupError, UnicodeDecodeError):
        return None


def _looks_binary(data: bytes) -> bool:
    """Control bytes are rare in every text encoding except the UTF-16/32 handled above."""
    sample = data[:8192]
    return len(_CONTROL_BYTES.findall(sample)) > _MAX_CONTROL_SHARE * len(sample)


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: mostly-ASCII text has a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return _chinese_utf16(sample)


# What Chinese text in UTF-16 is made of: CJK ideographs, CJK and full-width punctuation, and
# ASCII. GB18030, Big5 or binary data read as UTF-16 land mostly elsewhere (Hangul, private use,
# unpaired surrogates).
_CHINESE_TEXT = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\t\n\r\x20-\x7e]")


def _chinese_utf16(sample: bytes) -> str | None:
    """UTF-16 without a BOM whose text is Chinese: few or no NULs, so only the decoded text
    tells, and only if nearly all of it is what Chinese text is written with."""
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue  # a sample cut inside a surrogate pair is rare enough to ignore
        if text and len(_CHINESE_TEXT.findall(text)) >= 0.95 * len(text):
            return codec
    return None


def _guess(data: bytes) -> tuple[str, str]:
    # UTF-16/32 without a BOM was ruled out above; charset-normalizer proposes them for short
    # CJK byte strings, where they are always wrong.
    names = [
        codecs.lookup(match.encoding).name
        for match in from_bytes(data)
        if not codecs.lookup(match.encoding).name.startswith(("utf-16", "utf-32"))
    ]
    if not names:
        raise DecodeError(
            "The text is in an encoding diffsvc does not recognise; save it as UTF-8 and try again."
        )
    name = _chinese(data, names) if names[0] in _EAST_ASIAN else names[0]
    codec = _SUPERSETS.get(name, name)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        raise DecodeError(f"The text looks like {name} but does not decode as {name}.") from error
    if name != "cp1252" and name in _LATIN and _same(data, text, "cp1252"):
        # Western code pages agree on most bytes; when they agree on all of these, say so with
        # the one that is by far the most common.
        name = "cp1252"
    return text, "gb18030" if codec == "gb18030" else name


def _chinese(data: bytes, names: list[str]) -> str:
    """Which East Asian double-byte encoding? Most of them decode almost any byte pair, and
    statistics on a short statement are noise. Real Chinese text is full of full-width
    punctuation, which each encoding puts where the others have rare or private-use characters;
    the decoding with the most of it wins, and a tie goes to Chinese (GB before Big5), the
    languages this service reads.
    """
    candidates = ["gb18030", "big5hkscs", *(name for name in names if name in _EAST_ASIAN)]
    scores: dict[str, int] = {}
    for candidate in candidates:
        codec = _SUPERSETS.get(candidate, candidate)
        if codec in scores:
            continue
        try:
            scores[codec] = sum(map(data.decode(codec).count, _CJK_PUNCTUATION))
        except UnicodeDecodeError:
            continue
    if not scores:
        return names[0]
    best = max(scores, key=scores.__getitem__)  # first of the ties: candidates are in order
    return "big5" if best == "big5hkscs" else best


def _same(data: bytes, text: str, encoding: str) -> bool:
    try:
        return data.decode(encoding) == text
    except UnicodeDecodeError:
        return False
