"""Rebuild fixtures/formats/: the same statements as text, HTML, Markdown, PDF and DOCX.

Ingest is tested by reading each generated file and checking that it normalises to the same
clauses as the plain text it was built from, so every fixture here is derived from two source
texts kept next to them and can be rebuilt at any time:

* ``statement_en.txt`` — an English statement written for these tests (numbered items, lettered
  sub-items, curly quotes, an en dash and an accented word for Windows-1252);
* ``seed_bilingual.txt`` — the bilingual seed statement (Chinese with pinyin asides, then English).

Derived sources: ``zh_simplified.txt`` / ``zh_traditional.txt`` (the seed's Chinese half, pinyin
removed, converted with OpenCC) for the legacy Chinese encodings. Binary fixtures are
deterministic (fixed dates, ids and metadata) so rebuilding does not churn git.

Run: ``.venv/bin/python scripts/build_format_fixtures.py``
"""

from __future__ import annotations

import re
import sys
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from format_fixture_office import build_docx_fixtures
from format_fixture_pdf import build_pdf_fixtures

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "formats"
PINYIN = re.compile(r"[(?][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
ITEM = re.compile(r"^(\d+)\.\s+(.*)$")


def paragraphs(text: str) -> list[str]:
    """The source texts hold one paragraph a line (blank lines between them are optional)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def chinese_half(seed: str) -> list[str]:
    """The seed's Chinese paragraphs, up to its English title."""
    out: list[str] = []
    for paragraph in paragraphs(seed):
        if not re.search(r"[\u4e00-\u9fff]", paragraph):
            break
        out.append(paragraph)
    return out


def build_sources() -> dict[str, str]:
    import opencc

    seed = (OUT / "seed_bilingual.txt").read_text(encoding="utf-8")
    stripped = "\n".join(PINYIN.sub("", p) for p in chinese_half(seed)) + "\n"
    simplified = opencc.OpenCC("t2s").convert(stripped)
    # Round-trip through Simplified: the converter that made the seed wrote a few characters
    # (刹 for 剎) that are not Traditional; Taiwan forms (為, not 爲) are all in Big5.
    traditional = opencc.OpenCC("s2tw").convert(simplified)
    (OUT / "zh_traditional.txt").write_text(traditional, encoding="utf-8")
    (OUT / "zh_simplified.txt").write_text(simplified, encoding="utf-8")
    return {
        "statement_en": (OUT / "statement_en.txt").read_text(encoding="utf-8"),
        "seed_bilingual": seed,
        "zh_traditional": traditional,
        "zh_simplified": simplified,
    }


def build_text(sources: dict[str, str]) -> None:
    encodings = {
        "statement_en.cp1252.txt": ("statement_en", "cp1252", False),
        "zh_simplified.gb18030.txt": ("zh_simplified", "gb18030", False),
        "zh_traditional.big5.txt": ("zh_traditional", "big5", False),
        "seed_bilingual.utf8-bom.txt": ("seed_bilingual", "utf-8-sig", False),
        "seed_bilingual.utf16le.txt": ("seed_bilingual", "utf-16-le", True),
        "seed_bilingual.utf16be.txt": ("seed_bilingual", "utf-16-be", True),
    }
    for name, (source, encoding, bom) in encodings.items():
        text = sources[source].replace("\n", "\r\n")
        data = text.encode(encoding)
        if bom:
            data = "\ufeff".encode(encoding) + data
        (OUT / name).write_bytes(data)


def wrap_cjk(paragraph: str, width: int = 36) -> list[str]:
    """Hard-wrap Chinese where both neighbours are ideographs, as editors that wrap CJK do."""
    lines, start = [], 0
    for index in range(1, len(paragraph)):
        pair = paragraph[index - 1 : index + 1]
        if index - start >= width and all("\u4e00" <= char <= "\u9fff" for char in pair):
            lines.append(paragraph[start:index])
            start = index
    return [*lines, paragraph[start:]]


def markdown_of(paragraph_list: list[str], title: str) -> str:
    front = f"---\ntitle: {title!r}\ndate: '2024-03-15'\ntags: statements\n---\n\n"
    blocks: list[str] = []
    for index, paragraph in enumerate(paragraph_list):
        item = ITEM.match(paragraph)
        if re.search(r"[\u4e00-\u9fff]", paragraph):
            blocks.append("\n".join(wrap_cjk(paragraph)))
        elif index == 0:
            blocks.append(f"# {paragraph}")
        elif item:
            body = textwrap.fill(
                item.group(2),
                72,
                initial_indent=f"{item.group(1)}.  ",
                subsequent_indent="    ",
                break_on_hyphens=False,
            )
            blocks.append(body)
        elif paragraph.startswith("(") and blocks and blocks[-1][:1].isdigit():
            # A lettered sub-item continues the numbered item it belongs to.
            blocks.append(
                textwrap.fill(
                    paragraph,
                    72,
                    initial_indent="    ",
                    subsequent_indent="    ",
                    break_on_hyphens=False,
                )
            )
        else:
            blocks.append(textwrap.fill(paragraph, 72, break_on_hyphens=False))
    return front + "\n\n".join(blocks) + "\n"


def build_markdown(sources: dict[str, str]) -> None:
    for name in ("statement_en", "seed_bilingual"):
        paras = paragraphs(sources[name])
        (OUT / f"{name}.md").write_text(markdown_of(paras, paras[0][:40]), encoding="utf-8")


def html_article(paragraph_list: list[str]) -> str:
    """Paragraphs as HTML; runs of numbered items become one <ol>, sub-items stay inside."""
    out: list[str] = []
    in_list = False
    for paragraph in paragraph_list:
        item = ITEM.match(paragraph)
        escaped = paragraph.replace("&", "&amp;").replace("<", "&lt;")
        if item:
            out.append("<ol>" if not in_list else "</li>")
            out.append(f"<li>{item.group(2).replace('&', '&amp;')}")
            in_list = True
        elif in_list and paragraph.startswith("("):
            out.append(f"<p>{escaped}</p>")
        else:
            if in_list:
                out.append("</li></ol>")
                in_list = False
            out.append(f"<p>{escaped}</p>")
    if in_list:
        out.append("</li></ol>")
    return "\n".join(out)


CHROME_HEAD = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title>
<link rel="stylesheet" href="/css/site.css"><style>#nav li {{display:inline}}</style>
<script>window.dataLayer = window.dataLayer || []; function track() {{ return 1; }}</script>
</head><body>
<div id="top"><a href="/">中华人民共和国驻澳大利亚联邦大使馆</a> | <a href="/eng/">English</a></div>
<div id="nav"><ul><li><a href="/">首页</a></li><li><a href="/dsxx/">大使信息</a></li>
<li><a href="/sgxw/">使馆新闻</a></li><li><a href="/zagx/">中澳关系</a></li>
<li><a href="/lsfw/">领事服务</a></li><li><a href="/jyjl/">教育交流</a></li></ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/sgxw/">使馆新闻</a></div>
<div id="sidebar"><h3>相关链接</h3><ul><li><a href="/a">外交部</a></li><li><a href="/b">商务部</a>
</li><li><a href="/c">使馆简介</a></li><li><a href="/d">联系我们</a></li></ul></div>
"""
CHROME_TAIL = """<div class="tools"><a href="javascript:window.print()">Print</a> |
<a href="javascript:window.close()">Close</a></div>
<div class="tools">【<a href="javascript:window.print()">打印本页</a>】
【<a href="#">关闭窗口</a>】</div>
<div id="footer"><p><a href="/about">关于我们</a> | <a href="/map">网站地图</a> |
<a href="/contact">联系我们</a></p><p>Copyright © 中华人民共和国驻澳大利亚联邦大使馆 版权所有</p>
<p>地址：15 Coronation Drive, Yarralumla, ACT 2600</p></div>
<script>track();</script></body></html>
"""


def build_html(sources: dict[str, str]) -> None:
    english = paragraphs(sources["statement_en"])
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{english[0]}</title></head>\n<body><article>\n<h1>{english[0]}</h1>\n"
        f"{html_article(english[1:])}\n</article></body></html>\n"
    )
    (OUT / "statement_en.html").write_text(page, encoding="utf-8")
    seed = paragraphs(sources["seed_bilingual"])
    embassy = (
        CHROME_HEAD.format(title="第十次中澳执法合作工作组年度会晤")
        + '<div id="main"><div class="article">\n'
        + '<div class="tools"><a href="javascript:window.print()">Print</a> | '
        + '<a href="javascript:window.close()">Close</a></div>\n'
        + html_article(seed)
        + "\n</div></div>\n"
        + CHROME_TAIL
    )
    (OUT / "embassy_bilingual.html").write_text(embassy, encoding="utf-8")
    nav_only = CHROME_HEAD.format(title="使馆新闻") + CHROME_TAIL
    (OUT / "nav_only.html").write_text(nav_only, encoding="utf-8")


def main() -> None:
    sources = build_sources()
    build_text(sources)
    build_markdown(sources)
    build_html(sources)
    build_docx_fixtures(OUT, sources)
    build_pdf_fixtures(OUT, sources)
    print(f"rebuilt {len(list(OUT.iterdir()))} files in {OUT}")


if __name__ == "__main__":
    main()
