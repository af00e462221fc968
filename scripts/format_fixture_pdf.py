"""PDF fixtures for build_format_fixtures.py, typeset with fpdf2 and the Noto Sans CJK font.

The statements get a running header and a "Page N of M" footer on every page (ingest must drop
them), justified paragraphs with space between them, and Chinese set with character wrapping so
lines break inside numbers and pinyin asides, as typesetters do. ``hyphenated.pdf`` breaks words
at line ends by hand; ``scanned.pdf`` is an image with no text layer; ``encrypted.pdf`` needs a
user password.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import WrapMode
from PIL import Image, ImageDraw

CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
FIXED = datetime(2024, 3, 15, tzinfo=UTC)


class StatementPDF(FPDF):
    """A4 pages with a running header and a page-number footer."""

    running_header = ""

    def header(self) -> None:
        if not self.running_header:
            return
        self.set_font("noto", size=8)
        self.cell(0, 8, self.running_header, align="C", new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("noto", size=8)
        self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="C")


def new_pdf(running_header: str) -> StatementPDF:
    pdf = StatementPDF(format=(148, 210))  # A5: short pages, so statements span several
    pdf.running_header = running_header
    pdf.set_creation_date(FIXED)
    pdf.set_creator("diffsvc fixtures")
    pdf.set_producer("fpdf2")
    # Index 2 of the collection is Noto Sans CJK SC; it also covers Traditional and Latin.
    pdf.add_font("noto", fname=CJK_FONT, collection_font_number=2)
    pdf.set_margins(18, 15, 18)
    pdf.add_page()
    return pdf


def statement_pdf(paragraphs: list[str], running_header: str) -> StatementPDF:
    pdf = new_pdf(running_header)
    for index, paragraph in enumerate(paragraphs):
        cjk = bool(re.search(r"[\u4e00-\u9fff]", paragraph))
        pdf.set_font("noto", size=14 if index == 0 else 11)
        pdf.multi_cell(
            0,
            6.5,
            paragraph,
            align="L" if index == 0 else "J",
            wrapmode=WrapMode.CHAR if cjk else WrapMode.WORD,
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.ln(4)
    return pdf


HYPHENATED_LINES = [
    "The delegations agreed to strengthen law enforce-",
    "ment cooperation, to share in-",
    "formation on China-",
    "Australia cases, and to meet again in 2025.",
]


def hyphenated_pdf() -> StatementPDF:
    pdf = new_pdf("")
    pdf.set_font("noto", size=11)
    for line in HYPHENATED_LINES:
        pdf.cell(0, 6.5, line, new_x="LMARGIN", new_y="NEXT")
    return pdf


def scanned_pdf() -> FPDF:
    """A page that is only a picture of text: what a scanner produces."""
    image = Image.new("L", (600, 800), 255)
    draw = ImageDraw.Draw(image)
    for row in range(40, 760, 24):
        draw.rectangle((40, row, 560 - (row * 7) % 120, row + 10), fill=0)
    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED)
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=190)
    return pdf


def encrypted_pdf(paragraphs: list[str]) -> StatementPDF:
    pdf = statement_pdf(paragraphs[:3], "Encrypted fixture")
    pdf.set_encryption(owner_password="owner-secret", user_password="user-secret")
    return pdf


def build_pdf_fixtures(out: Path, sources: dict[str, str]) -> None:
    english = [line.strip() for line in sources["statement_en"].splitlines() if line.strip()]
    seed = [line.strip() for line in sources["seed_bilingual"].splitlines() if line.strip()]
    statement_pdf(english, "Fourth Annual Dialogue on Maritime Search and Rescue").output(
        str(out / "statement_en.pdf")
    )
    statement_pdf(seed, "中澳执法合作工作组第十次年度会晤").output(str(out / "seed_bilingual.pdf"))
    hyphenated_pdf().output(str(out / "hyphenated.pdf"))
    scanned_pdf().output(str(out / "scanned.pdf"))
    encrypted_pdf(english).output(str(out / "encrypted.pdf"))
