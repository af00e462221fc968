"""Alignment quality on real documents, against a reader's hand-judged truth (issue #16).

Each ``fixtures/alignment-truth/*.json`` names, by a quote of its opening words, which paragraph
of the later document plays the role of which paragraph of the earlier one (``FORMAT.md``
there). This script reads both documents the way users give them to the service
(``diffsvc.load``: Markdown, front matter and all), compares them, finds the clause each quote
opens, and scores the clause pairs diffsvc makes against the reader's:

- **recall**: of the pairs the reader makes (a split or merge counts one pair per part), the
  share diffsvc makes too, in one entry;
- **precision**: of the pairs diffsvc makes between clauses the reader judged, the share the
  reader makes;
- **moves**: pairs out of order in the reader's truth (not on its longest in-order chain), and
  how many of them diffsvc flags as moved; **splits and merges**: how many diffsvc finds whole.

The baseline is what a careful script does with the standard library: ``difflib.SequenceMatcher``
over the same clause texts, pairing ``equal`` blocks and ``replace`` blocks position by position.
It sees exactly the clauses diffsvc sees, so the two differ only in how they pair.

    .venv/bin/python bench/alignment_quality.py            # all pairs, a Markdown table
    .venv/bin/python bench/alignment_quality.py --detail   # and each missed or wrong pair
    .venv/bin/python bench/alignment_quality.py --agreement  # a second reader against the first
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import diffsvc  # noqa: E402
from diffsvc.models import Comparison, Document  # noqa: E402

TRUTH = ROOT / "fixtures" / "alignment-truth"
_SPACE = re.compile(r"[\s:：.．*]+")  # whitespace, and the colon or stop a label drops

Pair = tuple[int, int]


def _squash(text: str) -> str:
    return _SPACE.sub("", text)


class QuoteError(ValueError):
    """A quote that opens no clause, or more than one."""


def locate(doc: Document, quote: str) -> int:
    """The clause a quote opens. Quotes are found in the document's clauses read one after
    another (labels included, whitespace removed): an occurrence that starts a clause wins over
    one inside a clause, and a quote running over two clauses (a salutation line diffsvc keeps
    apart) belongs to the clause holding most of it."""
    wanted = _squash(quote)
    pieces = [_squash(f"{c.label or ''}{c.text}") for c in doc.clauses]
    starts, text, pos = [], [], 0
    for piece in pieces:
        starts.append(pos)
        text.append(piece)
        pos += len(piece)
    whole = "".join(text)
    found = []
    at = whole.find(wanted)
    while at >= 0:
        found.append(at)
        at = whole.find(wanted, at + 1)
    if not found:
        raise QuoteError(f"quote found in no clause: {quote!r}")
    opening = [
        a
        for a in found
        if a in starts
        or any(
            a == starts[k] + len(_squash(doc.clauses[k].label or "")) for k in _around(starts, a)
        )
    ]
    whole_clause = [starts[k] for k, piece in enumerate(pieces) if piece == wanted]
    if len(whole_clause) == 1:  # "Annex I" is that heading, not the start of "Annex II"
        opening = whole_clause
    if len(opening) > 1 or (not opening and len(found) > 1):
        raise QuoteError(f"quote opens several clauses: {quote!r}")
    at = (opening or found)[0]
    middle = at + len(wanted) // 2
    return bisect_right(starts, middle) - 1


def _around(starts: list[int], at: int) -> list[int]:
    k = bisect_right(starts, at) - 1
    return [k] if k >= 0 else []


@dataclass
class Truth:
    name: str
    title: str
    left: Document
    right: Document
    pairs: set[Pair] = field(default_factory=set)
    splits: list[set[Pair]] = field(default_factory=list)
    merges: list[set[Pair]] = field(default_factory=list)
    judged_left: set[int] = field(default_factory=set)
    judged_right: set[int] = field(default_factory=set)
    unfound: list[str] = field(default_factory=list)


def load_truth(path: Path) -> Truth:
    spec = json.loads(path.read_text(encoding="utf-8"))
    docs = []
    for side in ("left", "right"):
        file = TRUTH / spec[side]
        docs.append(diffsvc.load(file.read_bytes(), file.name))
    truth = Truth(path.stem, spec["title"], docs[0], docs[1])

    def where(side: int, quote: str) -> int | None:
        try:
            k = locate(docs[side], quote)
        except QuoteError as error:
            truth.unfound.append(f"{'left' if side == 0 else 'right'}: {error}")
            return None
        (truth.judged_left if side == 0 else truth.judged_right).add(k)
        return k

    def both(lefts: list[str], rights: list[str]) -> set[Pair]:
        ls = [where(0, q) for q in lefts]
        rs = [where(1, q) for q in rights]
        return {(i, j) for i in ls for j in rs if i is not None and j is not None}

    for p in spec["pairs"]:
        truth.pairs |= both([p["left"]], [p["right"]])
    for s in spec.get("splits", []):
        group = both([s["left"]], s["right"])
        truth.splits.append(group)
        truth.pairs |= group
    for m in spec.get("merges", []):
        group = both(m["left"], [m["right"]])
        truth.merges.append(group)
        truth.pairs |= group
    for q in spec.get("removed", []):
        where(0, q)
    for q in spec.get("added", []):
        where(1, q)
    return truth


def diffsvc_pairs(result: Comparison) -> tuple[set[Pair], set[Pair]]:
    """The clause pairs diffsvc makes, and those of them in entries flagged as moved."""
    pairs: set[Pair] = set()
    moved: set[Pair] = set()
    for entry in result.alignment:
        made = {(i, j) for i in entry.left for j in entry.right}
        pairs |= made
        if entry.moved:
            moved |= made
    return pairs, moved


def difflib_pairs(left: Document, right: Document) -> set[Pair]:
    a = [c.text for c in left.clauses]
    b = [c.text for c in right.clauses]
    pairs: set[Pair] = set()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag in ("equal", "replace"):
            pairs |= set(zip(range(i1, i2), range(j1, j2), strict=False))
    return pairs


def out_of_order(pairs: set[Pair]) -> set[Pair]:
    """Pairs off the longest chain increasing on both sides: the moves a reader sees."""
    ordered = sorted(pairs)
    best: list[int] = [1] * len(ordered)
    back: list[int] = [-1] * len(ordered)
    for k, (i, j) in enumerate(ordered):
        for m in range(k):
            pi, pj = ordered[m]
            if pi < i and pj < j and best[m] + 1 > best[k]:
                best[k], back[k] = best[m] + 1, m
    k = max(range(len(ordered)), key=best.__getitem__, default=-1)
    chain: set[Pair] = set()
    while k >= 0:
        chain.add(ordered[k])
        k = back[k]
    return set(ordered) - chain


@dataclass
class Score:
    recall: float
    precision: float
    made: int


def score(truth: Truth, made: set[Pair]) -> Score:
    judged = {(i, j) for i, j in made if i in truth.judged_left and j in truth.judged_right}
    hit = len(truth.pairs & made)
    return Score(
        recall=hit / len(truth.pairs) if truth.pairs else 1.0,
        precision=len(truth.pairs & judged) / len(judged) if judged else 1.0,
        made=len(judged),
    )


@dataclass
class Report:
    truth: Truth
    diffsvc: Score
    difflib: Score
    moves: int
    moves_found: int
    groups: int
    groups_found: int
    missed: list[Pair]
    wrong: list[Pair]


def evaluate(truth: Truth) -> Report:
    result = diffsvc.compare(truth.left, truth.right)
    made, moved = diffsvc_pairs(result)
    moves = out_of_order(truth.pairs)
    groups = truth.splits + truth.merges
    judged = {(i, j) for i, j in made if i in truth.judged_left and j in truth.judged_right}
    return Report(
        truth=truth,
        diffsvc=score(truth, made),
        difflib=score(truth, difflib_pairs(truth.left, truth.right)),
        moves=len(moves),
        moves_found=len(moves & moved),
        groups=len(groups),
        groups_found=sum(1 for g in groups if g and g <= made),
        missed=sorted(truth.pairs - made),
        wrong=sorted(judged - truth.pairs),
    )


def reports(names: list[str] | None = None) -> list[Report]:
    paths = sorted(TRUTH.glob("*.json"))
    return [evaluate(load_truth(p)) for p in paths if not names or p.stem in names]


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def table(done: list[Report]) -> str:
    lines = [
        "| pair | reader's pairs | diffsvc recall | diffsvc precision | difflib recall "
        "| difflib precision | moves flagged | splits/merges found |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in done:
        lines.append(
            f"| {r.truth.title} | {len(r.truth.pairs)} | {_pct(r.diffsvc.recall)} "
            f"| {_pct(r.diffsvc.precision)} | {_pct(r.difflib.recall)} "
            f"| {_pct(r.difflib.precision)} | {r.moves_found}/{r.moves} "
            f"| {r.groups_found}/{r.groups} |"
        )
    total = sum(len(r.truth.pairs) for r in done)
    hits = sum(r.diffsvc.recall * len(r.truth.pairs) for r in done)
    made = sum(r.diffsvc.made for r in done)
    right = sum(r.diffsvc.precision * r.diffsvc.made for r in done)
    base_hits = sum(r.difflib.recall * len(r.truth.pairs) for r in done)
    base_made = sum(r.difflib.made for r in done)
    base_right = sum(r.difflib.precision * r.difflib.made for r in done)
    lines.append(
        f"| all | {total} | {_pct(hits / total)} | {_pct(right / made if made else 1)} "
        f"| {_pct(base_hits / total)} | {_pct(base_right / base_made if base_made else 1)} "
        f"| {sum(r.moves_found for r in done)}/{sum(r.moves for r in done)} "
        f"| {sum(r.groups_found for r in done)}/{sum(r.groups for r in done)} |"
    )
    return "\n".join(lines)


def agreement() -> str:
    """A second reader against the first, on the pairs both judged alone (``second-reader/``):
    how far two careful readers agree is how far any tool can be held to one of them. Also
    diffsvc against each, against the pairs both make (recall) and against those either makes
    (precision)."""
    lines = [
        "| pair | first reader's pairs | second reader's | second against first "
        "| diffsvc against first | diffsvc: pairs both make · pairs either makes |",
        "|---|---:|---:|---|---|---|",
    ]
    for path in sorted((TRUTH / "second-reader").glob("*.json")):
        first, second = load_truth(TRUTH / path.name), load_truth(path)
        made, _ = diffsvc_pairs(diffsvc.compare(first.left, first.right))
        both, either = first.pairs & second.pairs, first.pairs | second.pairs
        judged = {(i, j) for i, j in made if i in first.judged_left and j in first.judged_right}
        readers, ours = score(first, second.pairs), score(first, made)
        lines.append(
            f"| {first.title} | {len(first.pairs)} | {len(second.pairs)} "
            f"| {_pct(readers.recall)} · {_pct(readers.precision)} "
            f"| {_pct(ours.recall)} · {_pct(ours.precision)} "
            f"| {_pct(len(both & made) / len(both))} · "
            f"{_pct(len(either & judged) / len(judged) if judged else 1.0)} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="truth files to score (stem), default all")
    parser.add_argument("--detail", action="store_true", help="list missed and wrong pairs")
    parser.add_argument(
        "--agreement", action="store_true", help="second readers against the first instead"
    )
    args = parser.parse_args()
    if args.agreement:
        print(agreement())
        return 0
    done = reports(args.names)
    print(table(done))
    for r in done:
        for problem in r.truth.unfound:
            print(f"  {r.truth.name}: {problem}")
        if not args.detail:
            continue
        left, right = r.truth.left.clauses, r.truth.right.clauses
        print(f"\n## {r.truth.title}")
        for i, j in r.missed:
            print(f"  missed  L{i} {left[i].text[:40]!r} ↔ R{j} {right[j].text[:40]!r}")
        for i, j in r.wrong:
            print(f"  wrong   L{i} {left[i].text[:40]!r} ↔ R{j} {right[j].text[:40]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
