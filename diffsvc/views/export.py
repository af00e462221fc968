"""Exports of a Comparison outside the web service: a terminal redline and a standalone HTML page.

Both read only the Comparison, like every other face of diffsvc. The HTML page is a single file
with its stylesheet inline and no script, so it can be mailed or archived; every piece of user
text goes through Jinja2's autoescaping.
"""

from __future__ import annotations

import jinja2

from diffsvc.models import Clause, Comparison, Entry, Span
from diffsvc.views import TEMPLATES
from diffsvc.views.comparison import side_label, tracked_words

_RED, _GREEN, _DIM, _BOLD, _RESET = "\x1b[31m", "\x1b[32m", "\x1b[2m", "\x1b[1m", "\x1b[0m"
_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)


def _labels(clauses: list[Clause], indices: list[int]) -> str:
    return "+".join(clauses[i].label or "¶" for i in indices)


def entry_heading(result: Comparison, entry: Entry) -> str:
    """A short heading for an entry: op, labels on each side, flags.

    >>> from diffsvc import compare
    >>> r = compare("1. Alpha.\\n2. Beta.", "1. Beta.\\n2. Alpha.")
    >>> [entry_heading(r, e) for e in r.alignment]
    ['unchanged 2.→1. moved renumbered', 'unchanged 1.→2. renumbered']
    """
    left = _labels(result.left.clauses, entry.left)
    right = _labels(result.right.clauses, entry.right)
    where = f"{left}→{right}" if entry.left and entry.right else left or right
    flags = [f for f in ("moved", "renumbered", "editorial") if getattr(entry, f)]
    return " ".join([entry.op.value, where, *flags])


def _span_text(span: Span, color: bool) -> str:
    if span.op == "equal" or span.editorial:
        return span.right  # editorial differences (script, width, punctuation) are not news
    old = span.left and (f"{_RED}[-{span.left}-]{_RESET}" if color else f"[-{span.left}-]")
    new = span.right and (f"{_GREEN}{{+{span.right}+}}{_RESET}" if color else f"{{+{span.right}+}}")
    return old + new


def tracked_lines(result: Comparison) -> list[str]:
    """For each side read from a Word file with tracked changes, which text was compared."""
    lines = []
    for doc, side in ((result.left, "left"), (result.right, "right")):
        tracked = tracked_words(doc.source.tracked_changes)
        if tracked:
            lines.append(f"{side} ({side_label(doc, side)}): {tracked}")
    return lines


def redline_text(result: Comparison, *, color: bool = False) -> str:
    """A readable redline for a terminal: [-deleted-]{+inserted+}, unchanged clauses dimmed.

    The summary heads it, then, for a Word file with tracked changes, which text was compared.
    """
    lines = [result.summary.text, *tracked_lines(result), ""]
    for entry in result.alignment:
        head = entry_heading(result, entry)
        if entry.op == "unchanged" and not entry.editorial:
            text = result.right.clauses[entry.right[0]].text
            lines.append(f"{_DIM}  {head}: {text}{_RESET}" if color else f"  {head}: {text}")
            continue
        body = "".join(_span_text(s, color) for s in entry.spans)
        lines.append((f"{_BOLD}* {head}{_RESET}" if color else f"* {head}") + f": {body}")
        lines += [f"    - {change.note}" for change in entry.changes]
    return "\n".join(lines) + "\n"


def standalone_html(result: Comparison) -> str:
    """One self-contained HTML page of the comparison: inline redline, no script."""
    rows = [{"entry": e, "heading": entry_heading(result, e)} for e in result.alignment]
    return _ENV.get_template("standalone.html").render(
        result=result, rows=rows, tracked=tracked_lines(result)
    )
