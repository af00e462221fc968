"""The same document in every form an analyst has it (issue #16 §4): what a comparison of a
document with its own copy says.

An analyst who compares this year's web page with last year's PDF, or a PDF with the text copied
out of it, must see the changes of wording and nothing else. For each document of the quality
suite (``fixtures/alignment-truth/docs``) this script lays it out one paragraph per clause in a
Word file (python-docx), set in Noto Serif CJK SC at 12 pt the two ways reports and agreements
are typeset (``indented``: a two-character first-line indent and no space between paragraphs;
``spaced``: 6 pt after each), prints it to PDF with LibreOffice, and reads it back three ways:
the PDF itself, ``pdftotext -layout`` (a page's lines as laid out) and ``pdftotext`` without
``-layout`` (lines in reading order, no blank line between paragraphs, a hyphen at a line's end
dropped: a viewer's copy). Each copy is compared with the source document.

Columns, per form: **whole**, the source's paragraphs that come back as one clause with the same
words (punctuation and spacing aside), and **substantive**, the substantive changes the
comparison reports, where the right answer is none: every one is a false alarm a user would see.

Needs ``soffice`` (libreoffice-writer-nogui), ``pdftotext`` (poppler-utils) and the Noto CJK
fonts, which ``make test`` installs. Prints a Markdown table; exits 0.

Usage::

    python bench/copies.py                    # every document of the suite
    python bench/copies.py gwr-2022 g7-2023   # some, by file stem
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import docx  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Pt  # noqa: E402

import diffsvc  # noqa: E402
from diffsvc.models import Document  # noqa: E402
from diffsvc.text.keys import strict_key  # noqa: E402

DOCS = ROOT / "fixtures" / "alignment-truth" / "docs"
FONT = "Noto Serif CJK SC"  # fonts-noto-cjk
STYLES = ("indented", "spaced")
FORMS = ("PDF", "pdftotext -layout", "pdftotext")


def typeset(
    source: Document, stem: str, style: str, work: Path, *, keep: int | None = None
) -> Path:
    """Print ``source`` (its first ``keep`` clauses, if given) to a PDF in ``work``; returns the
    PDF's path. ``style`` is ``indented``, ``spaced``, ``double`` (as agreements are drafted:
    double-spaced, half-inch first-line indents) or "" for Word's defaults, which name no
    Chinese font."""
    word = docx.Document()
    if style:
        normal = word.styles["Normal"]
        normal.font.name = FONT
        normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
        normal.font.size = Pt(12)
        layout = normal.paragraph_format
        layout.space_before = Pt(0)
        layout.space_after = Pt(6 if style == "spaced" else 0)
        if style == "indented":
            layout.first_line_indent = Pt(24)
        if style == "double":
            layout.line_spacing = 2.0
            layout.first_line_indent = Pt(36)
    for clause in source.clauses[:keep]:
        word.add_paragraph(f"{clause.label} {clause.text}" if clause.label else clause.text)
    name = f"{stem}-{style}" if style else stem
    word.save(work / f"{name}.docx")
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(work), f"{name}.docx"],
        cwd=work,
        check=True,
        capture_output=True,
        timeout=300,
    )
    return work / f"{name}.pdf"


def copies(pdf: Path) -> dict[str, tuple[bytes, str]]:
    """The PDF and the two texts pdftotext takes out of it, each with a file name to read by."""
    found = {"PDF": (pdf.read_bytes(), pdf.name)}
    for form, flags in (("pdftotext -layout", ["-layout"]), ("pdftotext", [])):
        text = subprocess.run(
            ["pdftotext", *flags, "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True
        ).stdout
        found[form] = (text, pdf.with_suffix(".txt").name)
    return found


def measure(path: Path, work: Path) -> dict[tuple[str, str], tuple[int, int, int]]:
    """(style, form) → (paragraphs whole, paragraphs, substantive changes) for one document."""
    source = diffsvc.load(path.read_bytes(), path.name)
    # A paragraph's words with its number, however a copy punctuates, spaces or labels them.
    wanted = [strict_key(f"{c.label or ''}{c.text}") for c in source.clauses]
    result = {}
    for style in STYLES:
        pdf = typeset(source, path.stem, style, work)
        for form, (data, name) in copies(pdf).items():
            copy = diffsvc.load(data, name)
            got = {strict_key(f"{c.label or ''}{c.text}") for c in copy.clauses}
            whole = sum(1 for w in wanted if w in got)
            substantive = diffsvc.compare(source, copy).summary.substantive
            result[(style, form)] = (whole, len(wanted), substantive)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("names", nargs="*", help="document file stems (default: all)")
    args = parser.parse_args(argv)
    paths = [p for p in sorted(DOCS.iterdir()) if not args.names or p.stem in args.names]
    totals: dict[tuple[str, str], list[int]] = {}
    header = " | ".join(f"{s} {f}" for s in STYLES for f in FORMS)
    print(f"| document | {header} |")
    print("|---|" + "---:|" * (len(STYLES) * len(FORMS)))
    with tempfile.TemporaryDirectory() as work:
        for path in paths:
            cells = []
            for key, (whole, total, substantive) in measure(path, Path(work)).items():
                cells.append(f"{whole}/{total} · {substantive}")
                sums = totals.setdefault(key, [0, 0, 0])
                for k, value in enumerate((whole, total, substantive)):
                    sums[k] += value
            print(f"| {path.stem} | " + " | ".join(cells) + " |", flush=True)
    cells = [f"{w}/{t} · {s}" for w, t, s in totals.values()]
    print("| all | " + " | ".join(cells) + " |")
    print("\nEach cell: the source's paragraphs read whole / paragraphs · substantive changes.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
