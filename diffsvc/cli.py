"""Command line: ``python -m diffsvc normalize FILE`` and ``python -m diffsvc compare LEFT RIGHT``.

The JSON printed is exactly the library's and the API's contract. Unusable input exits with
status 2 and one line on stderr naming the problem, never a traceback; so does a bad
``--tracked`` value, which is checked here rather than by argparse, whose error adds a usage
block.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from pydantic import ValidationError

from diffsvc import errors
from diffsvc.engine.ingest import load
from diffsvc.engine.pipeline import compare
from diffsvc.models import TRACKED_STATES, CompareOptions, Document, TrackedState
from diffsvc.views.export import redline_text, standalone_html

TRACKED_METAVAR = "{" + ",".join(TRACKED_STATES) + "}"
TRACKED_HELP = (
    "a Word file with tracked changes is compared with every change accepted (final, the "
    "default) or rejected (original)"
)


def _read(path: str, label: str | None, tracked: TrackedState = "final") -> Document:
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        raise errors.InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    name = None if path == "-" else Path(path).name
    return load(data, name, label=label or Path(path).stem, tracked=tracked)


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
    comp = sub.add_parser("compare", help="compare two versions")
    comp.add_argument("left", help="the earlier version")
    comp.add_argument("right", help="the later version")
    comp.add_argument("--format", choices=("json", "text", "html"), default="text")
    comp.add_argument("--left-label", help="name of the earlier version, e.g. 2023")
    comp.add_argument("--right-label", help="name of the later version, e.g. 2024")
    comp.add_argument("--color", choices=("auto", "always", "never"), default="auto")
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


def run(argv: Sequence[str] | None = None, stdout: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    out = stdout or sys.stdout
    args = _parser().parse_args(argv)
    try:
        if args.command == "normalize":
            doc = _read(args.file, None, _tracked(args, "tracked"))
            out.write(
                doc.model_dump_json(indent=2) + "\n"
                if args.format == "json"
                else _normalize_text(doc)
            )
            return 0
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
    if args.format == "json":
        out.write(result.model_dump_json(indent=2) + "\n")
    elif args.format == "html":
        out.write(standalone_html(result))
    else:
        color = args.color == "always" or (
            args.color == "auto" and out.isatty() and "NO_COLOR" not in os.environ
        )
        out.write(redline_text(result, color=color))
    return 0


def main() -> None:
    """Console entry point."""
    sys.exit(run())
