"""Rebuild fixtures/copied-from-pdf/: real documents as text taken out of a PDF of them.

Analysts often have a report only as a PDF and compare the text they get out of it: Poppler's
``pdftotext`` (``-layout`` keeps paragraphs apart with blank lines and each page ends in a form
feed; without it, paragraphs run on line after line) or a viewer's copy. Each source document
is laid out one paragraph per clause in a Word file (python-docx), printed to PDF by LibreOffice
and read back both ways. Tests check that the text reads as the source's paragraphs.

``gwr-2022-opening.pdf`` is the PDF itself of the report's first twenty paragraphs: python-docx
names no Chinese font, so LibreOffice draws the quotation marks, which its fallback font lacks,
before the Chinese around them.

``*-indented.pdf`` and ``*-spaced.pdf`` are PDFs set as reports and agreements are typeset, in
Noto Serif CJK SC at 12 pt: paragraphs told apart by a two-character first-line indent and no
space between them, or by 6 pt after each (which the CJK font's tall lines make only 1.3 times
the line spacing); ``*-indented.layout.txt`` are what ``pdftotext -layout`` takes out of the
indented ones, each paragraph's first line set in by spaces and no blank line between them,
and ``gwr-2022-indented.raw.txt`` what it takes without -layout from the whole report so set,
where only each first line's shortfall of the column says where a paragraph opens;
``gwr-2022-spaced.raw.txt`` and ``g7-2024-indented.raw.txt`` the same of the report set 6 pt
apart and of the G7's 2024 communiqué set with an indent.
``agreement-cambodia-double.layout.txt`` is the agreement drafted double-spaced, as pdftotext
-layout gives it: a blank line after every line.

Needs ``soffice`` (libreoffice-writer-nogui) and ``pdftotext`` (poppler-utils), which
``make test`` installs. Run: ``.venv/bin/python scripts/build_copied_text_fixtures.py``
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import diffsvc  # noqa: E402
from bench.copies import typeset  # noqa: E402

DOCS = ROOT / "fixtures" / "alignment-truth" / "docs"
OUT = ROOT / "fixtures" / "copied-from-pdf"
# source document, and the pdftotext modes to keep of it
SOURCES = {
    "gwr-2022.txt": ("-layout", "raw"),
    "gwr-2023.txt": ("-layout",),
    "agreement-cambodia.md": ("-layout",),
    "g7-2023.md": ("raw",),
}


# typeset documents: source, how its paragraphs are set apart, clauses kept, the pdftotext
# modes to keep of it, and whether to keep the PDF itself
TYPESET: list[tuple[str, str, int | None, tuple[str, ...], bool]] = [
    ("gwr-2022.txt", "indented", 40, ("-layout",), True),
    ("gwr-2022.txt", "spaced", 40, (), True),
    ("agreement-cambodia.md", "indented", None, ("-layout",), True),
    ("gwr-2022.txt", "indented", None, ("raw",), False),
    ("agreement-cambodia.md", "double", None, ("-layout",), False),
    ("gwr-2022.txt", "spaced", None, ("raw",), False),
    ("g7-2024.md", "indented", None, ("raw",), False),
]


def build(
    name: str,
    modes: tuple[str, ...],
    work: Path,
    *,
    keep: int | None = None,
    style: str = "",
    pdf: bool = True,
) -> None:
    """Print ``name`` (its first ``keep`` clauses, if given, kept as a PDF, as are the typeset
    ``style``s unless ``pdf`` is false) and read it back."""
    source = diffsvc.load((DOCS / name).read_bytes(), name)
    printed = typeset(source, Path(name).stem, style, work, keep=keep)
    stem = printed.stem
    if style and pdf:
        (OUT / f"{stem}.pdf").write_bytes((work / f"{stem}.pdf").read_bytes())
    elif keep is not None:
        (OUT / f"{stem}-opening.pdf").write_bytes((work / f"{stem}.pdf").read_bytes())
    for mode in modes:
        flags = [mode] if mode != "raw" else []
        text = subprocess.run(
            ["pdftotext", *flags, "-enc", "UTF-8", str(work / f"{stem}.pdf"), "-"],
            check=True,
            capture_output=True,
        ).stdout
        (OUT / f"{stem}.{mode.lstrip('-')}.txt").write_bytes(text)


def main() -> None:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        for name, modes in SOURCES.items():
            build(name, modes, Path(work))
        build("gwr-2022.txt", (), Path(work), keep=20)
        for name, style, keep, modes, pdf in TYPESET:
            build(name, modes, Path(work), keep=keep, style=style, pdf=pdf)


if __name__ == "__main__":
    main()
