"""Series lineage against a reader's truth (fixtures/series-truth): which hand-judged threads
diffsvc's ``series`` gets right.

    python bench/series_truth.py            # every series, a line per thread

A truth thread holds when every clause its substrings name (in each version listed) lies in
one thread of the series, and that thread has no clause in the versions the truth lists as
empty. The documents are the copies in fixtures (``docs/`` and the GWR corpus), read with
``diffsvc.load`` as a file of that name.
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from diffsvc import load, series
from diffsvc.models import Document, Series

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TRUTH = FIXTURES / "series-truth"
GWR = FIXTURES / "corpus-gwr" / "government_work_reports.jsonl.gz"
NAMES = ("fomc-2008", "gwr-2012-2023", "quad-2021-2024")


@dataclass
class Verdict:
    name: str
    holds: bool
    why: str


def documents(truth: dict) -> tuple[list[Document], list[str]]:
    """The truth's versions, read as diffsvc reads a file of that name."""
    docs, labels = [], []
    reports: dict[str, str] = {}
    for version in truth["versions"]:
        if "year" in version:
            if not reports:
                with gzip.open(GWR, "rt", encoding="utf-8") as f:
                    rows = [json.loads(line) for line in f]
                reports = {r["year"]: r["content"] for r in rows if r.get("year")}
            docs.append(load(reports[version["year"]].encode(), f"gwr-{version['year']}.txt"))
        else:
            path = TRUTH / "docs" / version["path"]
            docs.append(load(path.read_bytes(), path.name))
        labels.append(version["label"])
    return docs, labels


def judge(s: Series, truth: dict) -> list[Verdict]:
    labels = [v["label"] for v in truth["versions"]]
    verdicts = []
    for thread in truth["threads"]:
        found: set[int] = set()
        empty: list[int] = []
        for label, subs in thread["clauses"].items():
            v = labels.index(label)
            if not subs:
                empty.append(v)
            for sub in subs:
                hits = [c for c, clause in enumerate(s.versions[v].clauses) if sub in clause.text]
                if len(hits) != 1:
                    where = f"{len(hits)} clauses of {label}"
                    raise ValueError(f"{thread['name']}: {sub!r} is in {where}")
                found.add(s.thread_of(v, hits[0]).id)
        if len(found) != 1:
            verdicts.append(Verdict(thread["name"], False, f"in {len(found)} threads"))
            continue
        mine = s.threads[found.pop()]
        extra = [labels[v] for v in empty if mine.cells[v].clauses]
        if extra:
            verdicts.append(Verdict(thread["name"], False, f"present in {', '.join(extra)}"))
            continue
        verdicts.append(Verdict(thread["name"], True, ""))
    return verdicts


def run(name: str) -> tuple[Series, list[Verdict], float]:
    truth = json.loads((TRUTH / f"{name}.json").read_text(encoding="utf-8"))
    docs, labels = documents(truth)
    started = time.perf_counter()
    s = series(docs, labels=labels)
    return s, judge(s, truth), time.perf_counter() - started


def main() -> None:
    total = held = 0
    for name in NAMES:
        s, verdicts, seconds = run(name)
        ok = sum(v.holds for v in verdicts)
        total, held = total + len(verdicts), held + ok
        size = f"{len(s.versions)} versions, {seconds:.1f} s"
        print(f"{name}: {ok}/{len(verdicts)} threads right, {size}")
        for v in verdicts:
            print(f"  {'ok  ' if v.holds else 'MISS'} {v.name}{': ' + v.why if v.why else ''}")
    print(f"all: {held}/{total}")


if __name__ == "__main__":
    main()
