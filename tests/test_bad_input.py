"""Bad input: each gets its own error naming the problem, fast and in bounded memory.

Every case must raise a ``DiffsvcError`` subclass with a 4xx status (the web layer turns it into
a problem+json body, the CLI into exit status 2): never a traceback, never a hang, never an
attempt to inflate a bomb.
"""

from __future__ import annotations

import io
import os
import random
import time
import tracemalloc
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, StreamObject

from diffsvc import errors
from diffsvc.engine.ingest import pdf, read

FORMATS = Path(__file__).parent.parent / "fixtures" / "formats"
SECONDS = 5.0


def fixture(name: str) -> bytes:
    return (FORMATS / name).read_bytes()


def docx_with(document_xml: bytes) -> bytes:
    """The English DOCX fixture with its main part replaced."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(fixture("statement_en.docx"))) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            data = document_xml if entry.filename == "word/document.xml" else source.read(entry)
            target.writestr(entry.filename, data)
    return out.getvalue()


def zip_bomb() -> bytes:
    """A DOCX whose main part inflates 20 MB of zeros from about 20 kB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w") as part:
            for _ in range(20):
                part.write(bytes(1_000_000))
    return out.getvalue()


def entity_bomb() -> bytes:
    """Billion laughs inside word/document.xml: 10^9 'lol's if an XML parser expands it."""
    levels = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    ]
    return docx_with(
        b'<?xml version="1.0"?><!DOCTYPE w:document ['
        + "".join(levels).encode()
        + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    )


def many_pages() -> bytes:
    writer = PdfWriter()
    for _ in range(pdf.MAX_PAGES + 1):
        writer.add_blank_page(100, 100)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def operator_flood() -> bytes:
    """A 6 kB PDF whose one page draws 'x' 100,000 times: minutes of work for a PDF reader."""
    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    fonts = DictionaryObject({NameObject("/F1"): writer._add_object(font)})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
    content = StreamObject()
    content.set_data(zlib.compress(b"BT /F1 12 Tf (x) Tj ET\n" * 100_000, 9))
    content[NameObject("/Filter")] = NameObject("/FlateDecode")
    page[NameObject("/Contents")] = writer._add_object(content)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "Not a Word document.")
    return out.getvalue()


CASES: list[tuple[str, Callable[[], bytes], type[errors.DiffsvcError], str]] = [
    ("encrypted pdf", lambda: fixture("encrypted.pdf"), errors.EncryptedFile, "password"),
    (
        "scanned pdf",
        lambda: fixture("scanned.pdf"),
        errors.NoTextLayer,
        "no text layer; OCR is not supported",
    ),
    ("docx zip bomb", zip_bomb, errors.UnsafeFile, "zip bomb"),
    ("xml entity bomb in docx", entity_bomb, errors.UnsafeFile, "entity"),
    (
        "truncated pdf",
        lambda: fixture("statement_en.pdf")[:4000],
        errors.BrokenFile,
        "damaged or truncated",
    ),
    (
        "truncated docx",
        lambda: fixture("statement_en.docx")[:20_000],
        errors.BrokenFile,
        "damaged or truncated",
    ),
    ("empty file", lambda: b"", errors.EmptyInput, "empty"),
    ("whitespace only", lambda: b" \r\n\t\n", errors.EmptyInput, "empty"),
    ("random binary", lambda: os.urandom(20_000), errors.UnsupportedFormat, "binary"),
    ("png image", lambda: b"\x89PNG\r\n\x1a\n" + bytes(2_000), errors.UnsupportedFormat, "PNG"),
    (
        "legacy word .doc",
        lambda: bytes.fromhex("d0cf11e0a1b11ae1") + bytes(512),
        errors.UnsupportedFormat,
        "DOCX",
    ),
    ("zip that is not docx", plain_zip, errors.UnsupportedFormat, "ZIP"),
    ("over the size limit", lambda: b"a" * 5_000_001, errors.TooLarge, "limit"),
    ("too many pdf pages", many_pages, errors.TooLarge, "pages"),
    ("pdf page flooded with operators", operator_flood, errors.UnsafeFile, "safety limits"),
    (
        "html that is only navigation",
        lambda: fixture("nav_only.html"),
        errors.NoArticle,
        "navigation",
    ),
    (
        "docx with malformed xml",
        lambda: docx_with(b"<w:document><w:body>"),
        errors.BrokenFile,
        "XML",
    ),
]


@pytest.mark.parametrize(
    ("make", "error", "words"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_bad_input_gets_a_clear_4xx_error_in_bounded_time(
    make: Callable[[], bytes], error: type[errors.DiffsvcError], words: str
) -> None:
    data = make()
    started = time.monotonic()
    with pytest.raises(error) as raised:
        read(data, "upload")
    assert time.monotonic() - started < SECONDS
    assert 400 <= raised.value.status < 500
    assert words.lower() in raised.value.message.lower()


def test_zip_bomb_is_refused_without_inflating_it() -> None:
    bomb = zip_bomb()
    tracemalloc.start()
    try:
        with pytest.raises(errors.UnsafeFile):
            read(bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000  # the part is 20 MB inflated


def test_size_limit_is_the_callers_choice() -> None:
    with pytest.raises(errors.TooLarge):
        read(fixture("statement_en.txt"), max_bytes=1_000)
    assert read(fixture("statement_en.txt"), max_bytes=10_000).format == "text"


def damaged_copies(data: bytes, seed: int, count: int) -> list[bytes]:
    """Copies with a few random bytes overwritten and, sometimes, a slice cut out."""
    rng = random.Random(seed)
    copies = []
    for _ in range(count):
        copy = bytearray(data)
        for _ in range(rng.choice([1, 3, 10, 50])):
            copy[rng.randrange(len(copy))] = rng.randrange(256)
        if rng.random() < 0.2:
            cut = rng.randrange(len(copy))
            del copy[cut : cut + rng.randrange(1, 500)]
        copies.append(bytes(copy))
    return copies


DAMAGEABLE = [
    "statement_en.pdf",
    "seed_bilingual.pdf",
    "seed_bilingual.docx",
    "tracked_changes.docx",
]


@pytest.mark.parametrize("name", DAMAGEABLE)
def test_damaged_files_get_a_specific_error_from_their_reader(name: str) -> None:
    generic = []
    for data in damaged_copies(fixture(name), seed=4, count=40):
        started = time.monotonic()
        try:
            read(data)
        except errors.DiffsvcError as error:
            if "could not be read (" in error.message:  # the backstop in read(), not a reader
                generic.append(repr(error.__cause__))
        assert time.monotonic() - started < SECONDS
    assert generic == []
