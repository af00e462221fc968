"""Hostile and awkward inputs against the API: time, worker memory growth and the answer (#12).

Each case runs in a fresh process that builds the app (SQLite in a temporary folder), sends one
request through Flask's test client, and reports the status, the first words of the answer, the
wall time and how much the process's peak resident memory grew during the request. A case passes
when it gets the answer a user should get (a reading, or a 4xx that names the limit) within
``SECONDS`` and ``GROWTH_MB``.

    .venv/bin/python bench/hostile.py            # every case, a Markdown table
    .venv/bin/python bench/hostile.py docx-breaks long-clauses-1mb
"""

from __future__ import annotations

import argparse
import io
import json
import multiprocessing as mp
import random
import re
import resource
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SECONDS = 5.0
GROWTH_MB = 500.0
KEPT_MB = 100.0  # what a worker may still hold once a hostile request is answered
DOCX = ROOT / "fixtures" / "formats" / "statement_en.docx"

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _words(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    vocabulary = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9)))
        for _ in range(5000)
    ]
    return [rng.choice(vocabulary) for _ in range(n)]


def long_clauses(size: int) -> tuple[str, str]:
    """Two similar single-line clauses of ``size`` characters: one word in fifty replaced."""
    words = _words(size // 6, 1)
    left = " ".join(words)[:size]
    rng = random.Random(2)
    changed = [w if rng.random() > 0.02 else w.upper() for w in words]
    return left, " ".join(changed)[:size]


def long_chinese_clauses(chars: int) -> tuple[str, str]:
    """Two similar single-paragraph Chinese clauses of ``chars`` characters (no sentence end)."""
    rng = random.Random(4)
    han = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    left = "".join(rng.choice(han) for _ in range(chars))
    right = "".join(c if rng.random() > 0.01 else rng.choice(han) for c in left)
    return left, right


def docx_part(document_xml: bytes, *, numbering: bool = True) -> bytes:
    """The English DOCX fixture with its main part replaced (and its numbering part dropped)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(DOCX) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            if not numbering and entry.filename == "word/numbering.xml":
                continue
            data = source.read(entry)
            if entry.filename == "word/document.xml":
                data = document_xml
            elif not numbering and entry.filename == "word/_rels/document.xml.rels":
                data = _drop_element(data, "Relationship", "numbering")
            elif not numbering and entry.filename == "[Content_Types].xml":
                data = _drop_element(data, "Override", "numbering")
            target.writestr(entry.filename, data)
    return out.getvalue()


def _drop_element(xml: bytes, tag: str, naming: str) -> bytes:
    """``xml`` without its empty ``<tag …/>`` elements that mention ``naming``."""
    return re.sub(rb"<" + tag.encode() + rb" [^>]*" + naming.encode() + rb"[^>]*/>", b"", xml)


def _document(body: str) -> bytes:
    return f'<?xml version="1.0"?><w:document {_W}><w:body>{body}</w:body></w:document>'.encode()


def docx_breaks(lines: int) -> bytes:
    """One paragraph of ``lines`` lines, each ended by a line break (``w:br``)."""
    runs = "".join(
        f"<w:r><w:t>line {k} of a wrapped paragraph</w:t><w:br/></w:r>" for k in range(lines)
    )
    return docx_part(_document(f"<w:p>{runs}</w:p>"))


def docx_empty_paragraphs(count: int) -> bytes:
    """``count`` empty paragraphs, each with a random revision id as Word writes them, so the
    archive compresses like a real one (no zip-bomb ratio) and stays under the upload limit."""
    rng = random.Random(6)
    empty = "".join(f'<w:p w:rsidR="00{rng.getrandbits(24):06X}"/>' for _ in range(count))
    return docx_part(_document(empty + "<w:p><w:r><w:t>The end.</w:t></w:r></w:p>"))


def docx_lying_size(declared: int = 4_000_000, inflated: int = 1 << 30) -> bytes:
    """A DOCX whose main part declares ``declared`` bytes but inflates to ``inflated``: the
    archive's headers, including the checksum of the declared bytes, are all consistent, so only
    a reader that inflates past the declared size pays for the rest."""
    import struct
    import zlib

    head = f'<?xml version="1.0"?><w:document {_W}><w:body>'.encode()
    block = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * (1 << 15)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunks = [compressor.compress(head)]
    chunks += [compressor.compress(block) for _ in range(inflated // len(block))]
    chunks.append(compressor.flush())
    deflated = b"".join(chunks)
    crc = zlib.crc32(zlib.decompressobj(-15).decompress(deflated, declared))
    name = b"word/document.xml"
    honest = docx_part(_document(""))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(honest)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            if entry.filename != name.decode():
                target.writestr(entry, source.read(entry), compress_type=zipfile.ZIP_DEFLATED)
    data = out.getvalue()
    end = data.rfind(b"PK\x05\x06")
    count, _, central_start = struct.unpack("<HII", data[end + 10 : end + 20])
    sizes = (crc, len(deflated), declared, len(name))
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, *sizes, 0) + name
    entry = (
        struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            8,
            0,
            0,
            *sizes,
            0,
            0,
            0,
            0,
            0,
            central_start,
        )
        + name
    )
    central = data[central_start:end] + entry
    tail = struct.pack(
        "<IHHHHIIH",
        0x06054B50,
        0,
        0,
        count + 1,
        count + 1,
        len(central),
        central_start + len(local) + len(deflated),
        0,
    )
    return data[:central_start] + local + deflated + central + tail


def markdown_lines(lines: int) -> bytes:
    return "\n".join(f"line {k} of one long Markdown paragraph" for k in range(lines)).encode()


def html_paragraphs(count: int) -> bytes:
    """A web page of ``count`` tiny paragraphs, every one the same (a separator repeated)."""
    return ("<html><body><div>" + "<p>各位代表！</p>" * count + "</div></body></html>").encode()


def text_pdf(pages: int) -> bytes:
    """A text PDF of ``pages`` pages of about 1,700 characters each, one paragraph per page."""
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, StreamObject

    writer = PdfWriter()
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    font_ref = writer._add_object(font)
    words = _words(pages * 300, 3)
    for p in range(pages):
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font_ref})}
        )
        lines = []
        chunk = words[p * 300 : (p + 1) * 300]
        for k in range(0, 300, 12):
            lines.append(" ".join(chunk[k : k + 12]))
        ops = ["BT /F1 9 Tf 40 760 Td 11 TL"]
        ops += [f"({line}) Tj T*" for line in lines]
        ops.append("ET")
        content = StreamObject()
        content.set_data("\n".join(ops).encode())
        page[NameObject("/Contents")] = writer._add_object(content)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@dataclass
class Case:
    name: str
    build: Callable[[], dict[str, Any]]  # the request: path and keyword arguments for post
    statuses: tuple[int, ...]  # the answers a user should get: a reading, or the 4xx of a limit


@dataclass
class Outcome:
    status: int | None  # None: no answer (the worker died or hung)
    said: str  # the problem's detail, or how many entries the comparison has
    seconds: float
    growth_mb: float  # growth of the process's peak resident memory during the request
    retained_mb: float = float("nan")  # resident memory still held once the answer is out

    def passes(self, case: Case) -> bool:
        return (
            self.status in case.statuses
            and self.seconds < SECONDS
            and self.growth_mb < GROWTH_MB
            and self.retained_mb < KEPT_MB
        )


def _json(left: str, right: str) -> dict[str, Any]:
    return {
        "path": "/api/v1/compare?save=false",
        "json": {"left": {"text": left}, "right": {"text": right}},
    }


def _files(
    left: bytes, lname: str, right: bytes | None = None, rname: str | None = None
) -> dict[str, Any]:
    other = (
        right if right is not None else (ROOT / "fixtures/formats/statement_en.txt").read_bytes()
    )
    return {
        "path": "/api/v1/compare?save=false",
        "data": {
            "left": (io.BytesIO(left), lname),
            "right": (io.BytesIO(other), rname or "statement_en.txt"),
        },
        "content_type": "multipart/form-data",
    }


def _utf16_no_bom() -> dict[str, Any]:
    text = (ROOT / "fixtures/formats/statement_en.txt").read_text(encoding="utf-8")
    return _files(text.encode("utf-16-le"), "statement.txt")


def long_commitment_clauses(size: int) -> tuple[str, str]:
    """Two single-line clauses of ``size`` characters made of commitments and figures, one
    modal and one verb of each sentence changed: every word a note reads, in one paragraph
    with no full stop."""
    n = size // 56
    left = " ".join(f"the committee will implement item {i} and strengthen it" for i in range(n))
    right = " ".join(f"the committee may implement item {i} and continue it" for i in range(n))
    return left[:size], right[:size]


def long_figure_clauses(size: int) -> tuple[str, str]:
    """Two single-line clauses of ``size`` characters whose every figure changes, so that each
    is added or dropped alone and may be looked for, spelled out, in the other version."""
    n = size // 40
    left = ", ".join(f"the parties provide {1000 + i} units to {i + 2} partners" for i in range(n))
    right = ", ".join(
        f"the parties provide {5000 + i} units to one hundred partners" for i in range(n)
    )
    return left[:size], right[:size]


def long_period_clauses(size: int) -> tuple[str, str]:
    """Two single-line clauses of ``size`` characters of periods as an agreement writes them,
    in figures and in words and figures ("thirty (30) days"), 3,000 of them changed near the
    start and the rest the same: tens of thousands of figures a side, each one kept looked up
    in the other version."""
    left = ("90 days, thirty (30) days, 2 years; " * (size // 36 + 1))[:size]
    right = left.replace("thirty (30) days", "sixty (60) days", 3000)[:size]
    return left, right


def long_chinese_level_clauses(size: int) -> tuple[str, str]:
    """Two Chinese clauses of ``size`` characters made of levels raised from one figure to
    another ("第N项补助标准由N元提高到M元"), the later one of another subject: every figure's
    subject read, and most left alone."""
    n = size // 20
    left = "，".join(f"第{i}项补助标准由{i}元提高到{i + 5}元" for i in range(n))
    right = "，".join(f"第{i}项养老金标准从{i + 1}元提高到{i + 7}元" for i in range(n))
    return left[:size], right[:size]


def long_chinese_list_clauses(size: int) -> tuple[str, str]:
    """Two Chinese clauses of ``size`` characters, one list of figures said "respectively"
    ("…分别下降0.0%、1.1%、2.2%…"), every figure changed: where each figure stands in its list
    is read, and a list of thousands is a table, read no further than a list's length."""
    head = "二氧化硫、化学需氧量排放量分别下降"
    n = size // 9
    left = head + "、".join(f"{i}.{i % 10}%" for i in range(n))
    right = head + "、".join(f"{i + 1}.{i % 10}%" for i in range(n))
    return left[:size], right[:size]


def long_chinese_commitment_clauses(size: int) -> tuple[str, str]:
    """A Chinese clause of tasks and, ``size`` characters long, the same tasks each with a
    new one taken on ("推进新任务…"): every added commitment word read for its task."""
    n = size // 18
    left = "，".join(f"第{i}项工作" for i in range(n))
    right = "，".join(f"第{i}项工作推进新任务{i}" for i in range(n))
    return left[: size // 2], right[:size]


CASES = [
    Case("long-clauses-300kb", lambda: _json(*long_clauses(300_000)), (200, 413)),
    Case(
        "long-commitment-clauses-300kb",
        lambda: _json(*long_commitment_clauses(300_000)),
        (200, 413),
    ),
    Case(
        "long-commitment-clauses-1mb",
        lambda: _json(*long_commitment_clauses(1_000_000)),
        (200, 413),
    ),
    Case(
        "long-chinese-commitment-clauses-600kb",
        lambda: _json(*long_chinese_commitment_clauses(600_000)),
        (200, 413),
    ),
    Case("long-clauses-1mb", lambda: _json(*long_clauses(1_000_000)), (200, 413)),
    Case(
        "long-chinese-level-clauses-600kb",
        lambda: _json(*long_chinese_level_clauses(600_000)),
        (200, 413),
    ),
    Case("long-figure-clauses-1mb", lambda: _json(*long_figure_clauses(1_000_000)), (200, 413)),
    Case("long-period-clauses-1mb", lambda: _json(*long_period_clauses(1_000_000)), (200, 413)),
    Case(
        "long-chinese-list-clauses-300kb",
        lambda: _json(*long_chinese_list_clauses(300_000)),
        (200, 413),
    ),
    Case(
        "long-chinese-clauses-600kb",
        lambda: _json(*long_chinese_clauses(200_000)),
        (200, 413),
    ),
    Case("docx-breaks", lambda: _files(docx_breaks(9000), "wrapped.docx"), (200,)),
    Case("markdown-lines", lambda: _files(markdown_lines(9000), "wrapped.md"), (200,)),
    Case("text-pdf-280-pages", lambda: _files(text_pdf(280), "report.pdf"), (200,)),
    Case(
        "html-tiny-paragraphs-4.5mb",
        lambda: _files(html_paragraphs(200_000), "page.html"),
        (413, 422),
    ),
    Case("docx-lying-size", lambda: _files(docx_lying_size(), "bomb.docx"), (413, 422)),
    Case(
        "docx-empty-paragraphs",
        lambda: _files(docx_empty_paragraphs(900_000), "empty.docx"),
        (200, 413),
    ),
    Case("utf16-no-bom", _utf16_no_bom, (200,)),
    Case(
        "docx-no-numbering",
        lambda: _files(
            docx_part(
                _document("<w:p><w:r><w:t>Article 1. Scope.</w:t></w:r></w:p>"), numbering=False
            ),
            "plain.docx",
        ),
        (200,),
    ),
]


def _run(case: Case, conn: Any) -> None:
    from diffsvc.app.factory import create_app

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(
            {
                "DATABASE_URL": f"sqlite:///{tmp}/store.db",
                "SECRET_KEY": "bench",
                "VAR_DIR": tmp,
                "RATE_LIMIT_PER_MINUTE": 0,
                "TESTING": True,
            }
        )
        client = app.test_client()
        client.get("/healthz")
        request = case.build()
        path = request.pop("path")
        resident = psutil.Process().memory_info().rss
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.monotonic()
        response = client.post(path, **request)
        elapsed = time.monotonic() - started
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        status, body = response.status_code, response.get_data(as_text=True)
        response.close()  # the service's after-answer work (releasing memory) runs here
        try:
            parsed = json.loads(body)
            said = parsed.get("detail") or f"{len(parsed.get('alignment', []))} entries"
        except ValueError:
            said = body[:120]
        del request, response, body, parsed
        retained = (psutil.Process().memory_info().rss - resident) / 2**20
        conn.send(Outcome(status, said[:140], elapsed, (after - before) / 1024, retained))


def _run_named(name: str, conn: Any) -> None:
    _run(next(c for c in CASES if c.name == name), conn)


def measure(case: Case, timeout: float = 120.0) -> Outcome:
    """One case in a fresh process: what it answered, how long it took, how much it grew."""
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe()
    process = ctx.Process(target=_run_named, args=(case.name, child))
    process.start()
    try:
        if parent.poll(timeout):
            outcome: Outcome = parent.recv()
            return outcome
        return Outcome(None, f"no answer in {timeout:g} s", timeout, float("nan"))
    except EOFError:
        return Outcome(None, "the worker died", float("nan"), float("nan"))
    finally:
        process.kill()
        process.join()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*")
    args = parser.parse_args()
    print("| case | expected | status | answer | seconds | peak growth MB | kept MB | holds |")
    print("|---|---|---:|---|---:|---:|---:|:-:|")
    failed = False
    for case in CASES:
        if args.names and case.name not in args.names:
            continue
        out = measure(case)
        expected = " or ".join(map(str, case.statuses))
        mark = "✓" if out.passes(case) else "✗"
        failed = failed or not out.passes(case)
        print(
            f"| {case.name} | {expected} | {out.status} | {out.said} | {out.seconds:.2f} "
            f"| {out.growth_mb:,.0f} | {out.retained_mb:,.0f} | {mark} |",
            flush=True,
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
