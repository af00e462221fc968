"""Command line: ``python -m diffsvc normalize FILE`` and ``python -m diffsvc compare LEFT RIGHT``.

The JSON printed is exactly the library's and the API's contract. ``compare`` exits like
``diff``, so scripts can test whether a new version changed anything: 0 when the two versions
are the same, 1 when they differ, 2 for trouble. Unusable input exits with status 2 and one line
on stderr naming the problem, never a traceback; so does a bad ``--tracked`` value, which is
checked here rather than by argparse, whose error adds a usage block (its status is 2 too).
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from pydantic import ValidationError

from diffsvc import errors
from diffsvc.engine.ingest import load
from diffsvc.engine.pipeline import compare
from diffsvc.engine.series import series
from diffsvc.models import TRACKED_STATES, CompareOptions, Comparison, Document, TrackedState
from diffsvc.views.export import redline_text
from diffsvc.views.exports import FORMATS, PDF_VIEWS, SERIES_FORMATS, ExportOptions
from diffsvc.views.series import series_csv, series_text
from diffsvc.views.series_pages import series_html

TRACKED_METAVAR = "{" + ",".join(TRACKED_STATES) + "}"
TRACKED_HELP = (
    "a Word file with tracked changes is compared with every change accepted (final, the "
    "default) or rejected (original)"
)
HIDE_EDITORIAL_HELP = (
    "leave editorial changes (punctuation, width, script, spacing) unmarked in the text and "
    "html redlines, showing the later text, and count a comparison with no other change as "
    "the same (exit 0), like diff -w; the json is complete either way, only the exit status "
    "changes"
)
OUTPUT_HELP = (
    "write to FILE instead of standard output; docx, pdf and xlsx, which are not text, need it "
    "unless standard output is a file or a pipe"
)
COMPARE_EPILOG = """\
The text redline marks [-deleted-] and {+inserted+} words, and editorial changes
[~like~]{~this~}. A line starting with '*' is a change of wording; an indented line is a
clause whose wording did not change, though it may have moved or been renumbered (its heading
says so).

Exit status: 0 if the versions are the same, 1 if they differ, 2 for trouble (unreadable or
unsupported input, bad options). The same means every clause's text, order and numbering are
the same as read, after the repairs every input gets (pinyin annotations removed, wrapped lines
joined, runs of spaces collapsed). With --hide-editorial, a clause that differs only in
punctuation, width, script or spacing counts as the same; a clause moved, renumbered, added,
removed, split, merged or reworded is still a difference.
"""


def _read(path: str, label: str | None, tracked: TrackedState = "final") -> Document:
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        raise errors.InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    name = None if path == "-" else Path(path).name
    try:
        return load(data, name, label=label or Path(path).stem, tracked=tracked)
    except errors.DiffsvcError as error:
        # Of two files, say which one could not be read: the path as the user typed it.
        raise error.for_side("standard input" if path == "-" else path) from None


def _tracked(args: argparse.Namespace, *options: str) -> TrackedState:
    """The state asked for by the first of ``options`` given (``left_tracked``, ``tracked``)."""
    for option in options:
        value = getattr(args, option)
        if value is None:
            continue
        state = next((s for s in TRACKED_STATES if s == value), None)
        if state is None:
            flag = "--" + option.replace("_", "-")
            raise errors.InvalidRequest(f"option {flag} must be final or original, not {value!r}.")
        return state
    return "final"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="diffsvc", description="Compare two versions of a statement clause by clause."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    norm = sub.add_parser("normalize", help="print a document's clause list")
    norm.add_argument("file", help="text, HTML, Markdown, PDF or DOCX file ('-' for stdin)")
    norm.add_argument("--format", choices=("json", "text"), default="json")
    norm.add_argument("--tracked", metavar=TRACKED_METAVAR, help=TRACKED_HELP)
    ser = sub.add_parser(
        "series",
        help="thread every clause through several versions",
        description="Compare each version with the next and follow every clause through all "
        "of them: when it first appeared, which versions reworded, moved, split or dropped it, "
        "and whether it came back.",
    )
    ser.add_argument("files", nargs="+", metavar="FILE", help="two to fifty versions, oldest first")
    ser.add_argument(
        "--labels", help="comma-separated names for the versions (default: the file names)"
    )
    ser.add_argument(
        "--format",
        choices=("text", "json", "csv", "html", "xlsx"),
        default="text",
        help="text: the timeline (the default); json: the Series contract; csv: one row per "
        "thread and version; html: the timeline as a standalone page; xlsx: the timeline as "
        "an Excel workbook, one row per thread and one column per version",
    )
    ser.add_argument("--output", "-o", metavar="FILE", help=OUTPUT_HELP)
    comp = sub.add_parser(
        "compare",
        help="compare two versions",
        description="Compare two versions of a statement clause by clause.",
        epilog=COMPARE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    comp.add_argument("left", help="the earlier version")
    comp.add_argument("right", help="the later version")
    comp.add_argument(
        "--format",
        choices=("text", *FORMATS),
        default="text",
        help="text: a redline (the default); json: the API's contract; html: a standalone "
        "page; md: a Markdown redline; docx: Word with tracked changes; pdf: the redline laid "
        "out for print (--view); xlsx, csv: the change list, one row per entry",
    )
    comp.add_argument("--output", "-o", metavar="FILE", help=OUTPUT_HELP)
    comp.add_argument(
        "--view",
        choices=PDF_VIEWS,
        default=PDF_VIEWS[0],
        help="the PDF's view: only the changes (the default), every clause inline, or the two "
        "versions side by side",
    )
    comp.add_argument("--left-label", help="name of the earlier version, e.g. 2023")
    comp.add_argument("--right-label", help="name of the later version, e.g. 2024")
    comp.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    comp.add_argument("--hide-editorial", action="store_true", help=HIDE_EDITORIAL_HELP)
    comp.add_argument("--tracked", metavar=TRACKED_METAVAR, help=TRACKED_HELP + ", both sides")
    for side in ("left", "right"):
        comp.add_argument(
            f"--{side}-tracked", metavar=TRACKED_METAVAR, help=f"--tracked for the {side} side only"
        )
    for name, field in CompareOptions.model_fields.items():
        flag = "--" + name.replace("_", "-")
        if field.annotation is float:
            comp.add_argument(flag, type=float, help=field.description)
        else:
            comp.add_argument(flag, choices=("char", "word"), help=field.description)
    return parser


def _normalize_text(doc: Document) -> str:
    lines = []
    for c in doc.clauses:
        indent = "  " * c.level
        label = f"{c.label} " if c.label else ""
        lines.append(f"{c.index:>4} {c.kind.value:<9} {c.language} {indent}{label}{c.text}")
    return "\n".join(lines) + "\n"


def exit_status(result: Comparison, *, hide_editorial: bool = False) -> int:
    """``compare``'s exit status: 0 if the two versions are the same, 1 if they differ.

    Read from the summary's counts, the ones every face of a comparison shows. An editorial
    change alone is a difference unless editorial changes are hidden; a move or a renumbering
    always is.

    >>> from diffsvc import compare
    >>> exit_status(compare("1. Alpha.", "1. Alpha."))
    0
    >>> editorial = compare("1. Alpha , beta.", "1. Alpha, beta.")
    >>> exit_status(editorial), exit_status(editorial, hide_editorial=True)
    (1, 0)
    >>> exit_status(compare("1. Alpha.\\n2. Beta.", "1. Beta.\\n2. Alpha."), hide_editorial=True)
    1
    """
    summary = result.summary
    if hide_editorial:
        # What is left of the changes once the editorial ones go: wording changed in substance,
        # or clauses moved or renumbered (an editorial entry may also have moved).
        same = not (summary.substantive or summary.moved or summary.renumbered)
    else:
        same = summary.changed == 0
    return 0 if same else 1


def run(argv: Sequence[str] | None = None, stdout: TextIO | None = None) -> int:
    """Run the command line; returns the exit status: for ``compare``, 0 same, 1 different,
    2 trouble (see ``exit_status``)."""
    out = stdout or sys.stdout
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # --help (0), or argparse's usage error (2), already printed
        return exc.code if isinstance(exc.code, int) else 2
    try:
        if args.command == "normalize":
            doc = _read(args.file, None, _tracked(args, "tracked"))
            out.write(
                doc.model_dump_json(indent=2) + "\n"
                if args.format == "json"
                else _normalize_text(doc)
            )
            return 0
        if args.command == "series":
            return _series(args, out)
        options = CompareOptions(
            **{
                name: getattr(args, name)
                for name in CompareOptions.model_fields
                if getattr(args, name) is not None
            }
        )
        left_tracked = _tracked(args, "left_tracked", "tracked")
        right_tracked = _tracked(args, "right_tracked", "tracked")
        result = compare(
            _read(args.left, args.left_label, left_tracked),
            _read(args.right, args.right_label, right_tracked),
            options=options,
        )
    except errors.DiffsvcError as exc:
        print(f"diffsvc: error: {exc.message}", file=sys.stderr)
        return 2
    except ValidationError as exc:
        problem = exc.errors()[0]
        where = ".".join(str(p) for p in problem["loc"])
        print(f"diffsvc: error: option {where}: {problem['msg']}", file=sys.stderr)
        return 2
    hide = args.hide_editorial
    if args.format == "text":
        to_terminal = args.output is None and out.isatty()
        color = args.color == "always" or (
            args.color == "auto" and to_terminal and "NO_COLOR" not in os.environ
        )
        data: str | bytes = redline_text(result, color=color, hide_editorial=hide)
    else:
        export = FORMATS[args.format]
        rendered = export.render(result, ExportOptions(view=args.view, hide_editorial=hide))
        data = rendered if export.binary else rendered.decode("utf-8")
    try:
        _write(out, data, args.output, args.format)
    except errors.DiffsvcError as exc:
        print(f"diffsvc: error: {exc.message}", file=sys.stderr)
        return 2
    return exit_status(result, hide_editorial=hide)


def _write(out: TextIO, data: str | bytes, output: str | None, fmt: str) -> None:
    """Put ``data`` in the file ``output``, or on standard output: a text as text, the bytes
    of a Word, PDF or Excel file only where they cannot garble a terminal (a file or a pipe)."""
    if output is not None:
        try:
            Path(output).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        except OSError as exc:
            raise errors.InputError(f"cannot write {output}: {exc.strerror or exc}") from None
        return
    if isinstance(data, str):
        out.write(data)
        return
    buffer = getattr(out, "buffer", None)
    if buffer is None or out.isatty():
        raise errors.InvalidRequest(
            f"{fmt} is not text: give --output FILE, or send standard output to a file or a pipe."
        )
    out.flush()
    buffer.write(data)
    buffer.flush()


def _series(args: argparse.Namespace, out: TextIO) -> int:
    names = [n.strip() for n in args.labels.split(",")] if args.labels else None
    if names is not None and len(names) != len(args.files):
        raise errors.InvalidRequest(
            f"--labels gives {len(names)} names for {len(args.files)} files; give one per file."
        )
    docs = [_read(path, names[k] if names else None) for k, path in enumerate(args.files)]

    def progress(done: int, total: int) -> None:
        # On a terminal only: a script reading stderr wants errors there, not a progress bar.
        if sys.stderr.isatty():
            bar = "#" * (20 * done // total)
            end = "\n" if done == total else ""
            print(f"\rcomparing {bar:<20} {done}/{total}", end=end, file=sys.stderr, flush=True)

    result = series(docs, progress=progress)
    data: str | bytes
    if args.format == "xlsx":
        data = SERIES_FORMATS["xlsx"].render(result, None)
    elif args.format == "json":
        data = result.model_dump_json(indent=2) + "\n"
    elif args.format == "csv":
        data = series_csv(result)
    elif args.format == "html":
        data = series_html(result)
    else:
        data = series_text(result)
    _write(out, data, args.output, args.format)
    return 0


def main() -> None:
    """Console entry point."""
    try:
        code = run()
    except Exception:
        # A bug, not a difference: Python's own status for it, 1, would tell a script that the
        # versions differ. The traceback stays, for the bug report.
        traceback.print_exc()
        code = 2
    sys.exit(code)
