"""Command line: ``python -m diffsvc normalize FILE`` and ``python -m diffsvc compare LEFT RIGHT``.

The JSON printed is exactly the library's and the API's contract. Unusable input exits with
status 2 and one line on stderr naming the problem, never a traceback.
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
from diffsvc.models import CompareOptions, Document
from diffsvc.views.export import redline_text, standalone_html


def _read(path: str, label: str | None) -> Document:
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        raise errors.InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    return load(data, None if path == "-" else Path(path).name, label=label or Path(path).stem)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="diffsvc", description="Compare two versions of a statement clause by clause."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    norm = sub.add_parser("normalize", help="print a document's clause list")
    norm.add_argument("file", help="text, HTML, Markdown, PDF or DOCX file ('-' for stdin)")
    norm.add_argument("--format", choices=("json", "text"), default="json")
    comp = sub.add_parser("compare", help="compare two versions")
    comp.add_argument("left", help="the earlier version")
    comp.add_argument("right", help="the later version")
    comp.add_argument("--format", choices=("json", "text", "html"), default="text")
    comp.add_argument("--left-label", help="name of the earlier version, e.g. 2023")
    comp.add_argument("--right-label", help="name of the later version, e.g. 2024")
    comp.add_argument("--color", choices=("auto", "always", "never"), default="auto")
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
            doc = _read(args.file, None)
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
        result = compare(
            _read(args.left, args.left_label), _read(args.right, args.right_label), options=options
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
