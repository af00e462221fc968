"""Pair the clauses of two documents: unchanged, modified, added, removed, split, merged, moved.

Strategy, per language (a clause only ever pairs with a clause of its own language):

1. Equal match keys pair first, k-th occurrence with k-th occurrence. A short line a document
   repeats (各位代表！) waits out every stage but the last: paired early, it would pin the order
   of the paragraphs around it.
2. The longest chain of those pairs that keeps its order are *anchors*; the clauses between two
   consecutive anchors form a *gap*. Inside a gap, clauses pair by similarity (rapidfuzz
   ``process.extract`` over match keys) at ``match_threshold``.
3. What is left pairs anywhere in the document at ``move_threshold`` (a reworded clause that also
   moved). Candidates are scored against every leftover when the leftovers are few, otherwise
   against those sharing a rare shingle, so two 10,000-clause documents never score 10^8 pairs.
4. Gaps are revisited at the lower ``gap_threshold``: a heavily reworded clause that stands where
   its predecessor stood is a modification, not a removal plus an addition.
5. Inside gaps, a clause whose text is best explained by several consecutive clauses of the other
   side becomes a split (1→n) or merge (n→1).
6. What is still unpaired pairs by role evidence (``roles``): in order inside each stretch, then
   anywhere on strong evidence (a rewritten paragraph that moved), then inside the one section
   of the other side that carries its topic clearly best; a heading never pairs with a
   paragraph this way. A pair then grows into a split or merge with the unpaired paragraphs
   beside its counterpart that carry the rest of its topic, or that are about its clause more
   than about anything else, or with a lead line set over it.
   Then a paragraph still alone pairs with the one clause anywhere that it is clearly about;
   a numbered section, heading and body (or a counted review item, 三是…, and the paragraphs
   after it), that one numbered paragraph of the other version carries clearly better than
   anything else merges into it (or splits from it) whole; a plain paragraph that grew into a
   numbered section of the other version, in the same part, splits into the section's
   paragraphs that read as it, its new heading left new; two numbered headings pair when
   most of the paragraphs under one pair with paragraphs under the other;
   the paragraph that opens a numbered section pairs with the one that opens the section
   paired with it, however reworded; last, a body paragraph still alone pairs with the one
   paragraph it reads as best, when that one reads best as it too and stands in a part that
   may hold it (or in a statement without parts), by a narrower lead at one place.
7. Throughout, two clauses of top-level sections paired with other sections (a report's task
   section and the next report's review, once each is paired by its heading) pair only on
   near-identical wording: a plan and the record of it share words but not a role. Only at
   the seam between two parts, where one document's part runs on past the end of its
   counterpart, do its last clauses pair by role with the next part's first. The
   headings of two paired sections pair at the end if nothing else paired them.
8. ``moved`` marks the fewest clauses outside the heaviest order-preserving chain of pairs
   (``chains``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from rapidfuzz import fuzz, process

from diffsvc.engine.align.candidates import Rarity, candidates
from diffsvc.engine.align.chains import anchor_chain, least_moved
from diffsvc.engine.align.roles import LEAD_CHARS, Topics, dot, lead, ordered_matching
from diffsvc.models import Clause, ClauseKind, CompareOptions
from diffsvc.text.keys import fold_key, strict_key
from diffsvc.text.numerals import CHINESE_NUMERAL

GAP_LIMIT = 80  # gaps wider than this skip split/merge detection
MAX_PARTS = 6  # most clauses a split or merge may involve on its many side
SCORE_CHARS = 2000  # characters of a key that similarity is scored on
ROLE_CELLS = 100_000  # largest stretch (left × right clauses) read for role evidence
ROLE_FLOOR = 0.1  # role evidence that pairs two clauses standing in the same stretch, in order
SLOT_FLOOR = 0.05  # the same for the only clause on each side between two paired neighbours
# In a statement without parts (FOMC's few paragraphs), a stretch of as many clauses on each side,
# up to this many, is a slot too: what is left between two pairs is what changed in its place.
FLAT_SLOT = 3
MUTUAL_MARGIN = 0.05  # how far above its next best a mutual best must stand
MUTUAL_SHARE = 0.95  # the share of unrelated pairs two mutually best clauses must stand above
ROLE_RIVAL = 0.2  # how much stronger evidence elsewhere keeps a clause from pairing in its stretch
ROLE_MOVE = 0.55  # role evidence that pairs a rewritten clause that also moved
# Role evidence for a move is read only where few clauses are left (a report, an agreement):
# among thousands, some unrelated pair always shares as much by chance.
MOVE_CELLS = 40_000
MOVE_MARGIN = 0.1  # how far that evidence must stand above the next best candidate's
# How far a leftover paragraph's best evidence anywhere must stand above its (and its
# counterpart's) next best, as a ratio and as a difference, to pair across the document.
CLEAR_RATIO = 1.5
CLEAR_GAP = 0.08
CLEAR_CELLS = 80_000  # most clause pairs that search reads (each leftover against every clause)
# The same, for two paragraphs of top-level parts of a report that may hold each other's
# paragraphs (the year's tasks and the year's tasks): the parts are evidence too, so each need
# only stand this far above its next best.
WITHIN_RATIO = 1.3
# Two such paragraphs at one place in their documents (as far into each, within this share of
# its clauses) need stand only PLACE_RATIO above their next best, and clear only the role floor:
# the place says the rest, as it does for an analyst reading the two side by side.
PLACE_SHARE = 0.05
PLACE_RATIO = 1.1
# How much closer a paragraph's topic must come to its counterpart's when a neighbouring unpaired
# paragraph is read with that counterpart, for the two to be one rewritten split (or merge).
ATTACH_GAIN = 0.05
# How far an unpaired paragraph's best evidence anywhere must stand above its next best, and the
# share of unrelated pairs it must stand above, for it to join the pair of that best clause as a
# part of a split or merge.
ORPHAN_RATIO = 1.3
ORPHAN_SHARE = 0.97
# Once every other pass has paired what it can, a leftover paragraph beside a group's parts joins
# it on less: its best evidence 1.2 times its next, and the parts read together closer to the
# group's one clause by 0.02. Either bar moved by a quarter pairs as many and as few wrongly on
# the quality suite: a plateau, not a figure fitted to it.
GROW_RATIO = 1.2
GROW_GAIN = 0.02
BOILERPLATE = 12  # characters under which a clause repeated in a document never anchors
# How much of a paragraph's topic the best section of the other side must carry, and by how much
# more than the next best, for the paragraph to be read as part of that section; and the role
# evidence that then pairs it with one of the section's paragraphs: below 0.15, as many such
# pairs are wrong as right on the real pairs of the quality suite.
SECTION_FLOOR = 0.15
SECTION_MARGIN = 0.12
SECTION_PART = 0.15
_DASH_ITEM = re.compile(r"-(?!\d)")  # a key opening a dash-list item ("——" reads "-")
LEAD_TOPIC = 0.05  # how much topic a lead line must share with the lead it stands for
_LEAD_LINE_END = re.compile(r"[。．.；;：:]$")
# A lead that counts its tasks: 一是, 第二, "First,", "Second,".
_ENUMERATED = re.compile(
    rf"(?:{CHINESE_NUMERAL}是|第{CHINESE_NUMERAL}[,，、]|(?:first|second|third|fourth|fifth"
    r"|sixth|seventh|eighth|ninth|tenth|finally|lastly))",
    re.IGNORECASE,
)

Check = Callable[[], None]


# A stretch between two pairs: the free clauses of each side in it, and the two pairs.
Gap = tuple[list[int], list[int], tuple[int, int], tuple[int, int]]


@dataclass(slots=True)
class Group:
    """Clause indices (document-wide) that correspond, with their key similarity (0..100)."""

    left: list[int]
    right: list[int]
    score: float
    moved: bool = False
    rewritten: bool = False  # paired by role evidence, not by wording


def _noop() -> None:
    return None


class _Side:
    def __init__(self, clauses: Sequence[Clause]) -> None:
        self.idx = [c.index for c in clauses]
        self.full = [c.normalized for c in clauses]
        self.labels = [c.label or "" for c in clauses]
        self._words: dict[int, str] = {}
        # Similarity is quadratic in length: a clause's first SCORE_CHARS characters say enough
        # about which clause it is, and keep a pasted megabyte from stalling the service.
        self.keys = [k[:SCORE_CHARS] for k in self.full]
        self.shapes = [label_shape(c.label) for c in clauses]
        self.kinds = [_kind(k) for k in self.full]
        # Where a section starts: a heading line, or a clause other clauses are nested in.
        pos = {c.index: p for p, c in enumerate(clauses)}
        parents = {pos[c.parent] for c in clauses if c.parent is not None and c.parent in pos}
        self.opens = [k == "heading" or p in parents for p, k in enumerate(self.kinds)]
        # The top-level section each clause stands in: the position of a heading of the first
        # level that other clauses are nested in (二、2022年政府工作任务, "Section 3 Digital
        # Trade"), -1 outside any (title, preamble, closing, an unsectioned statement).
        up = [pos.get(c.parent, -1) if c.parent is not None else -1 for c in clauses]
        self.up = up  # each clause's parent's position, -1 for none
        self.section = []
        for p in range(len(clauses)):
            top = p
            while up[top] >= 0:
                top = up[top]
            heads = top in parents and up[top] < 0 and self.kinds[top] == "heading"
            self.section.append(top if heads else -1)
        # Each clause other clauses are nested in, with all of them (its section's body).
        self.below: dict[int, list[int]] = defaultdict(list)
        for p in range(len(clauses)):
            if clauses[p].kind == ClauseKind.footnote:
                continue  # a note is read with its article, not as a paragraph of its own
            at = up[p]
            while at >= 0:
                self.below[at].append(p)
                at = up[at]
        # A review's counted items (三是…) head the paragraphs after them, up to the next one,
        # as a numbered heading heads its section.
        self.numbering = [
            shape or ("#是" if _ENUMERATED.match(key) else "")
            for shape, key in zip(self.shapes, self.keys, strict=True)
        ]
        for p, key in enumerate(self.keys):
            if self.shapes[p] or not _ENUMERATED.match(key) or p in self.below:
                continue
            q = p + 1
            while (
                q < len(clauses)
                and q - p <= MAX_SECTION
                and not self.numbering[q]
                and self.kinds[q] == "text"
                and up[q] == up[p]
                and len(self.full[q]) >= BOILERPLATE
            ):
                self.below[p].append(q)
                q += 1
        # A numbered section heading over paragraphs ("（九）推动全方位对外开放，…。") and a
        # paragraph of a section's body are different parts of a structure, however alike
        # their words: which clause is which.
        self.head = [
            bool(self.shapes[p]) and p in parents and (k == "heading" or _lead_line(self.keys[p]))
            for p, k in enumerate(self.kinds)
        ]
        # Whether the document sets the parts of its sections under numbered headings of their
        # own (2019's "（三）坚持创新引领发展，…" over its paragraphs), not only its top level.
        self.headed = any(h and self.section[p] != p for p, h in enumerate(self.head))
        self.body = [
            not self.shapes[p]
            and p not in parents
            and k == "text"
            and not lead(self.keys[p])
            and not _ENUMERATED.match(self.keys[p])
            for p, k in enumerate(self.kinds)
        ]
        # What stands before the first section is the opening, after the last the closing:
        # two parts of their own, paired with the other document's opening and closing.
        found = [p for p, top in enumerate(self.section) if top >= 0]
        # A document without parts: a statement of paragraphs or bullets (FOMC, a framework).
        self.flat = not found
        if found:
            for p in range(found[0]):
                self.section[p] = OPENING
            for p in range(found[-1] + 1, len(clauses)):
                self.section[p] = CLOSING

    def words(self, p: int) -> str:
        """Clause ``p``'s words as the editorial test reads them (``fold_key``), however it is
        punctuated, spaced or cut into paragraphs. Read once, when first asked for: the search
        for runs of the same words looks at each clause for every pair near it."""
        found = self._words.get(p)
        if found is None:
            found = self._words[p] = fold_key(self.full[p])
        return found


class _Aligner:
    def __init__(self, left: _Side, right: _Side, options: CompareOptions, check: Check) -> None:
        self.L, self.R, self.opt, self.check = left, right, options, check
        self.l2r: dict[int, int] = {}  # left pos -> right pos
        self.score: dict[int, float] = {}  # left pos -> score
        self.taken_r: set[int] = set()  # right positions in l2r, kept in step with it
        self._rarity: Rarity | None = None  # built when a low-scoring candidate first asks
        self._role: Topics | None = None  # built when a stretch first needs role evidence
        self._sample: list[float] | None = None  # what unrelated clauses share, sorted
        self._body_vectors: list[dict[int, dict[str, float]]] | None = None  # ``_bodies``
        self.by_role_l: set[int] = set()  # left positions paired by role evidence
        self.by_role_multi: set[int] = set()  # first left positions of splits/merges by role
        # Accepted splits and merges, in positions; their clauses are out of every later pass.
        self.multi: list[tuple[list[int], list[int], float]] = []
        self.multi_l: set[int] = set()
        self.multi_r: set[int] = set()
        # fuzz.ratio of a clause (side, position) and a run of the other side's clauses: both
        # split and merge passes score nearly the same runs, so the second reads the first's.
        self._run_scores: dict[tuple[bool, int, tuple[int, ...]], float] = {}
        # Top-level sections paired (left heading -> right heading). Headings numbered on both
        # sides pair by their words, in order, or by the one part of a report both alone play
        # (the review, the year's work), and by their place between those (``_paired_sections``);
        # unnumbered ones (a statement's "Health", "HEALTH", "Peace and Stability") by their
        # bodies, each the other's best: short headings share words by chance, and a
        # communiqué moves its sections. A pair guards what may cross it (``_crosses``) when
        # its headings' words pair it, or its bodies read as each other more than as any
        # other section; it pairs its headings when both its words and its bodies agree, or
        # its place: 2023's "The Quad's positive, practical agenda" holds what 2022 set under
        # "Climate", "Space" and five more, and is none of those headings. A report's opening
        # and closing are parts of their own too; a statement whose sections are not numbered
        # opens with an overview of them all, which its next version may recast in its
        # sections (Quad 2022's Pacific paragraph, 2023's opening).
        words, slotted = _paired_sections(left, right)
        self.guard = {
            a: b for a, b in words.items() if a >= 0 and left.shapes[a] and right.shapes[b]
        }
        if self.guard:
            self.guard.update({OPENING: OPENING, CLOSING: CLOSING})
        candidates = dict(slotted)
        unnumbered = [[p for p in _top_heads(side) if not side.shapes[p]] for side in (left, right)]
        few = bool(
            unnumbered[0]
            and unnumbered[1]
            and len(unnumbered[0]) * len(unnumbered[1]) <= ROLE_CELLS
        )
        if few:
            candidates.update(self._bodies_best(unnumbered[0], unnumbered[1]))
        alike = self._bodies_alike(candidates) if candidates else {}
        if few:
            alike.update(self._named_alike(unnumbered, alike))
        self.sections = {
            **self.guard,
            **{
                a: b
                for a, b in alike.items()
                if _head_similarity(left.keys[a], right.keys[b]) >= HEAD_FLOOR
            },
            **slotted,
        }
        self.guard.update(alike)
        # Short lines a document repeats (各位代表！, "* * *"): they pair last, in the stretch
        # the other pairs leave them (``exact``).
        repeated = _repeated(left.full) | _repeated(right.full)
        self.repeated = repeated
        self.held: frozenset[tuple[int, int]] = frozenset(
            (side, p)
            for side, keys in enumerate((left.full, right.full))
            for p, key in enumerate(keys)
            if key in repeated
        )
        self.sections_r = set(self.sections.values())
        self.guard_r = set(self.guard.values())
        # Whether each top-level section reviews past work (``_reviews``); a section whose part
        # nothing tells is left out, and ``_crosses`` lets it pair either way.
        self.reviews = tuple(_reviews(side) for side in (left, right))

    # -- helpers -------------------------------------------------------------------------------
    def _bodies_best(self, lefts: list[int], rights: list[int]) -> dict[int, int]:
        """Each left section with the right section its body reads as most."""
        bodies = self._bodies()
        return {a: max(rights, key=lambda b: dot(bodies[0][a], bodies[1][b])) for a in lefts}

    def _bodies(self) -> list[dict[int, dict[str, float]]]:
        """Each top-level section's clauses read as one text, for both documents."""
        if self._body_vectors is not None:
            return self._body_vectors
        topics = self._topics()
        bodies: list[dict[int, dict[str, float]]] = []
        for side, which in ((self.L, 0), (self.R, 1)):
            tops = defaultdict(list)
            for p, top in enumerate(side.section):
                if top >= 0:
                    tops[top].append(p)
            bodies.append({top: topics.joined(which, parts) for top, parts in tops.items()})
        self._body_vectors = bodies
        return bodies

    def _bodies_alike(self, candidates: dict[int, int]) -> dict[int, int]:
        """The candidate section pairs whose bodies read as each other more than as any other
        top-level section of the other document: 2012's "二、2012年工作总体部署" and 2013's
        "二、今年经济社会发展的总体要求…" do; a section whose body reads more like another
        section of the other document does not, and what it holds may still pair there."""
        return {a: b for a, b in candidates.items() if all(self._reads_best(a, b))}

    def _reads_best(self, a: int, b: int) -> tuple[bool, bool]:
        """Whether section ``a``'s body reads as section ``b``'s more than as any other
        top-level section of the right document, and ``b``'s as ``a``'s more than as any of the
        left."""
        bodies = self._bodies()
        here = dot(bodies[0][a], bodies[1][b])
        return (
            all(dot(bodies[0][a], v) < here for k, v in bodies[1].items() if k != b),
            all(dot(v, bodies[1][b]) < here for k, v in bodies[0].items() if k != a),
        )

    def _named_alike(self, heads: list[list[int]], alike: dict[int, int]) -> dict[int, int]:
        """Unnumbered sections left unpaired whose headings are one heading ("HEALTH",
        "Health") and whose bodies agree from one side at least: the section moved, and the
        other side's body reads best as a larger section that took some of its topics. 2024's
        "Health" reads as 2021's "HEALTH" more than as anything else, though 2021's reads a
        shade more as 2024's long "Energy, Climate and Environment"."""
        taken = set(alike.values())
        found: dict[int, int] = {}
        for a in heads[0]:
            if a in alike:
                continue
            for b in heads[1]:
                if b in taken or _head_similarity(self.L.keys[a], self.R.keys[b]) < SAME_HEAD:
                    continue
                if any(self._reads_best(a, b)):
                    found[a] = b
                    taken.add(b)
                    break
        return found

    def _pair(self, i: int, j: int, score: float) -> None:
        self.l2r[i] = j
        self.score[i] = score
        self.taken_r.add(j)

    def _gaps(self) -> list[Gap]:
        """The free clauses of each side between two consecutive anchors, with the anchors."""
        return self._gaps_within(range(len(self.L.keys)), range(len(self.R.keys)))

    def _gaps_within(self, lefts: range, rights: range) -> list[Gap]:
        """``_gaps`` of a stretch of each document read alone, anchored on the pairs inside it."""
        gaps = []
        prev = (lefts.start - 1, rights.start - 1)
        inside = sorted((i, j) for i, j in self.l2r.items() if i in lefts and j in rights)
        for anchor in [*anchor_chain(inside), (lefts.stop, rights.stop)]:
            # Most anchors follow the previous one on a side: no gap there to look into.
            if anchor[0] - prev[0] > 1 and anchor[1] - prev[1] > 1:
                free_l = [i for i in range(prev[0] + 1, anchor[0]) if self._free(0, i)]
                free_r = [j for j in range(prev[1] + 1, anchor[1]) if self._free(1, j)]
                if free_l and free_r:
                    gaps.append((free_l, free_r, prev, anchor))
            prev = anchor
        return gaps

    def _seam(self, prev: tuple[int, int], anchor: tuple[int, int]) -> tuple[set[int], set[int]]:
        """The crossings of paired parts a gap between two pairs allows, as the left and the
        right positions any of which may pair with any of the other. When one pair stands in
        two paired parts and the next in the two parts after them, the gap holds the seam
        between the parts on both sides. A document that moved that seam (2017's last task
        section, on the government itself, is 2018's closing) pairs across it, but only the
        clauses at the seam: those of a part's end with nothing paired after them, those of the
        next part's start with nothing paired before."""
        size = (len(self.L.keys), len(self.R.keys))
        if min(prev) < 0 or anchor[0] >= size[0] or anchor[1] >= size[1]:
            return set(), set()
        a, b = self.L.section[prev[0]], self.R.section[prev[1]]
        c, d = self.L.section[anchor[0]], self.R.section[anchor[1]]
        if a == c or b == d or self.guard.get(a) != b or self.guard.get(c) != d:
            return set(), set()
        left_end = self._edge(0, range(anchor[0] - 1, prev[0], -1), a)
        left_start = self._edge(0, range(prev[0] + 1, anchor[0]), c)
        right_end = self._edge(1, range(anchor[1] - 1, prev[1], -1), b)
        right_start = self._edge(1, range(prev[1] + 1, anchor[1]), d)
        # Only a part that runs on where its counterpart has ended: with clauses still free at
        # the end of its own counterpart, the end of a part has its own to pair with.
        if left_end and not right_end:
            return set(left_end), set(right_start)
        if right_end and not left_end:
            return set(left_start), set(right_end)
        return set(), set()

    def _edge(self, side: int, walk: range, part: int) -> list[int]:
        """The free clauses of ``part`` met walking ``walk`` before the first paired one."""
        sections = (self.L.section, self.R.section)[side]
        found = []
        for p in walk:
            if sections[p] != part or (side, p) in self.held:
                continue  # a repeated short line (各位代表！) waits, and marks no seam
            if not self._free(side, p):
                break
            found.append(p)
        return found

    def _greedy(
        self, lefts: list[int], rights: list[int], cutoff: float, *, distinct: bool = False
    ) -> None:
        """Pair by descending score; ties go to the pair closest in relative position.

        ``distinct`` asks low-scoring pairs to share a word (or character pair) that is rare in
        the documents: evidence of common descent that a low overall similarity alone does not
        give.
        """
        if not lefts or not rights:
            return
        self.check()
        found = candidates(self.L.keys, self.R.keys, lefts, rights, cutoff, self.check)
        if distinct:
            strong = self.opt.match_threshold * 100
            found = [c for c in found if c.score >= strong or self._share_rare(c.left, c.right)]
        sure = self.opt.move_threshold * 100
        for c in found:
            if c.left in self.l2r or c.right in self.taken_r:
                continue
            # A numbered heading and an unnumbered paragraph (or 一、 and （一）) are different
            # parts of a structure: only a near-identical text pairs them.
            if c.score < sure and self.L.shapes[c.left] != self.R.shapes[c.right]:
                continue
            if not self._fits(c.left, c.right, c.score):
                continue
            self._pair(c.left, c.right, c.score)

    def _apart(self, i: int, j: int) -> bool:
        """Whether two clauses cannot play one role, however much topic they share: a heading
        and a paragraph (the section heading "Climate" is not the climate paragraph of last
        year), or two clauses of sections paired with others (``_crosses``)."""
        return not self._alike(i, j) or self._crosses(i, j)

    def _alike(self, i: int, j: int) -> bool:
        """Whether two clauses are of kinds that may play one role (``_apart`` but for the
        sections they stand in). Two labelled section heads may, however each is written:
        2015's heading line "六、切实加强政府自身建设" is 2016's sentence "（八）加强政府自身建设，
        提高施政能力和服务水平。" over its paragraphs. A section head pairs with a paragraph
        only of a document that heads no part of a section: 2018 writes its tasks as paragraphs
        under a lead sentence ("推动形成全面开放新格局。…"), each of which plays 2016's heading's
        role; 2022 heads its tasks, and 2019's "（三）坚持创新引领发展，…" is its "（四）深入实施
        创新驱动发展战略，…", not the paragraph "加大企业创新激励力度。…" under it."""
        if self.L.head[i] and self.R.head[j]:
            return True
        if (self.L.head[i] and self.R.headed) or (self.R.head[j] and self.L.headed):
            return False
        return not (
            self.L.kinds[i] != self.R.kinds[j]
            or (self.L.head[i] and self.R.body[j])
            or (self.R.head[j] and self.L.body[i])
        )

    def _crosses(self, i: int, j: int) -> bool:
        """Whether left ``i`` and right ``j`` stand in top-level sections each paired with
        another: 2022's task section is 2023's "suggestions for this year", and its plans are
        not the five-year review's record, however many words a plan and its record share.
        A clause of an unpaired section (2022's general requirements) may pair anywhere but
        across a review and a part on the year ahead."""
        a, b = self.L.section[i], self.R.section[j]
        paired = self.guard.get(a)
        if paired is not None and paired != b and b in self.guard_r:
            return True
        # A review of past work and a part that sets out the year ahead play different roles
        # whether or not their sections were paired: 2015's review of its culture work is not
        # 2017's culture task, though the two open with one sentence.
        review_a, review_b = self.reviews[0].get(a), self.reviews[1].get(b)
        return review_a is not None and review_b is not None and review_a != review_b

    def _group_fits(self, left: list[int], right: list[int], score: float) -> bool:
        return all(self._fits(i, j, score) for i in left for j in right)

    def _fits(self, i: int, j: int, score: float) -> bool:
        """Whether a pair of similarity ``score`` may cross paired sections: only a clause
        moved nearly word for word does. A year's plan echoes the last review's words (2017's
        review item "一是继续创新和加强宏观调控…" reads 80% like 2019's plan heading "继续创新和
        完善宏观调控…"), so the bar is the move bar or CROSS_SCORE, the higher."""
        return score >= max(self.opt.move_threshold * 100, CROSS_SCORE) or not self._crosses(i, j)

    def _tie(self, i: int, j: int) -> float:
        """A weight too small to outweigh any evidence that settles a tie between two clauses of
        equal role evidence the same way whichever document is on the left: the closer wording,
        then the closer place. Without it, the order the matching reads the clauses in picks."""
        place = abs(i / len(self.L.keys) - j / len(self.R.keys))
        return 1e-6 * fuzz.ratio(self.L.keys[i], self.R.keys[j]) / 100 - 1e-9 * place

    def _share_rare(self, i: int, j: int) -> bool:
        if self._rarity is None:
            self._rarity = Rarity([*self.L.keys, *self.R.keys])
        return self._rarity.shared(self.L.keys[i], self.R.keys[j])

    # -- stages --------------------------------------------------------------------------------
    def exact(self) -> None:
        # A short line a document repeats (各位代表！, "* * *") pairs later, inside the stretch
        # it stands in: paired k-th with k-th now, it would pin the order of everything around.
        repeated = self.repeated
        where: defaultdict[str, deque[int]] = defaultdict(deque)
        for i, key in enumerate(self.L.full):
            if key not in repeated:
                where[key].append(i)
        for j, key in enumerate(self.R.full):
            if where.get(key):
                self._pair(where[key].popleft(), j, 100.0)

    def in_gaps(self, cutoff: float, *, distinct: bool = False) -> None:
        for lefts, rights, _, _ in self._gaps():
            self._greedy(lefts, rights, cutoff, distinct=distinct)

    def anywhere(self, cutoff: float) -> None:
        self._greedy(*self._unpaired(), cutoff)

    def _topics(self) -> Topics:
        if self._role is None:
            self._role = Topics(self.L.keys, self.R.keys)
        return self._role

    def _background(self, share: float) -> float:
        """What unrelated clauses share, read once among the clauses left unpaired when role
        evidence is first asked for (``Topics.background_sample``)."""
        if self._sample is None:
            # One sample for every share asked (the stretch floors and the move floor).
            self._sample = self._topics().background_sample(*self._unpaired())
        if not self._sample:
            return 0.0
        return self._sample[min(len(self._sample) - 1, int(share * len(self._sample)))]

    def _unpaired(self) -> tuple[list[int], list[int]]:
        lefts = [i for i in range(len(self.L.keys)) if self._free(0, i)]
        rights = [j for j in range(len(self.R.keys)) if self._free(1, j)]
        return lefts, rights

    def _few_leftovers(self) -> tuple[list[int], list[int]] | None:
        """The unpaired clauses of each side, when there are some and few enough to read every
        pair of them (``MOVE_CELLS``); None otherwise."""
        lefts, rights = self._unpaired()
        if not lefts or not rights or len(lefts) * len(rights) > MOVE_CELLS:
            return None
        self.check()
        return lefts, rights

    def _rivals(self) -> Callable[[int, int], tuple[float, float] | None]:
        """Each unpaired clause's two best role evidences with any clause of the other side
        unpaired now, read when first asked (for the few pairs a stretch finds), where few are
        left (a report, an agreement); ``None`` among thousands."""
        lefts, rights = self._unpaired()
        few = bool(lefts and rights) and len(lefts) * len(rights) <= MOVE_CELLS
        found: tuple[dict[int, tuple[float, float]], ...] = ({}, {})
        others = (rights, lefts)

        def best(side: int, k: int) -> tuple[float, float] | None:
            if not few:
                return None
            cached = found[side].get(k)
            if cached is None:
                first, _, second = self._best_two(side, k, others[side])
                cached = found[side][k] = (first, second)
            return cached

        return best

    def _best_two(self, side: int, k: int, others: Sequence[int]) -> tuple[float, int, float]:
        """Clause ``k`` of ``side``: its best role evidence with the other side's clauses
        ``others`` (a heading only with headings, a paragraph with paragraphs), the clause that
        gives it (-1 for none), and the next best evidence."""
        topics = self._topics()
        first, at, second = 0.0, -1, 0.0
        for o in others:
            i, j = (k, o) if side == 0 else (o, k)
            if self._apart(i, j):
                continue
            s = topics.score(i, j)
            if s > first:
                first, at, second = s, o, first
            elif s > second:
                second = s
        return first, at, second

    def by_role(self, gaps: Iterable[Gap] | None = None) -> None:
        """Pair, in order, the clauses of each stretch between paired neighbours that play the
        same role: the same topic, the same lead sentence, the only clause left in a slot, or
        the same count of tasks (三是 and 三是) beside a shared topic.
        Not a clause whose evidence with a clause elsewhere is far stronger: the 2021 report's
        five-year plan section stands where 2022 writes its year's targets, and shares a few
        words with them; the targets' counterparts are 2021's, a section further on. Not two
        clauses of parts paired with others (``_crosses``), but at their seam (``_seam``)."""
        best = self._rivals()
        for lefts, rights, prev, anchor in self._gaps() if gaps is None else gaps:
            if len(lefts) * len(rights) > ROLE_CELLS:
                continue
            seam = self._seam(prev, anchor)
            self.check()
            topics = self._topics()
            flat = self.L.flat and self.R.flat
            slot = len(lefts) == len(rights) <= (FLAT_SLOT if flat else 1)
            floor = max(SLOT_FLOOR if slot else ROLE_FLOOR, self._background(0.99))
            # Two clauses that are each other's best anywhere need less: what a few clauses of
            # a templated statement share among themselves sets the 99th percentile alone.
            mutual_floor = max(SLOT_FLOOR if slot else ROLE_FLOOR, self._background(MUTUAL_SHARE))
            score = {}
            for i in lefts:
                for j in rights:
                    at_seam = i in seam[0] and j in seam[1]
                    if not self._alike(i, j) or (not at_seam and self._crosses(i, j)):
                        continue
                    s = topics.score(i, j)
                    if s < min(floor, mutual_floor):
                        continue
                    best_i, best_j = best(0, i), best(1, j)
                    # Each the other's clear best: among paragraphs that share a small stock
                    # of words, a best by a hair is chance.
                    mutual = (
                        best_i is not None
                        and best_j is not None
                        and best_i[0] == s == best_j[0]
                        and s - max(best_i[1], best_j[1]) >= MUTUAL_MARGIN
                    )
                    # Two paragraphs of one stretch that count the same task (三是… and
                    # 三是…) say it too: the review's third item, however reworded.
                    counted = _same_count(self.L.keys[i], self.R.keys[j])
                    # The only clause left on each side between two paired neighbours, one of
                    # which reads best as the other: the place says the rest (GWR 2014's "巩固和
                    # 加强农业基础。…" and 2015's "不断巩固农业基础。…"); in a statement without
                    # parts, one of a few left on each side (FOMC 1999's outlook paragraph and
                    # 2000's, after the decision).
                    alone = slot and (
                        (best_i is not None and best_i[0] == s)
                        or (best_j is not None and best_j[0] == s)
                    )
                    rival = max(best_i[0] if best_i else 0.0, best_j[0] if best_j else 0.0)
                    lower = mutual or counted or alone
                    if s >= (mutual_floor if lower else floor) and s + ROLE_RIVAL >= rival:
                        score[(i, j)] = s + self._tie(i, j)
            for i, j in ordered_matching(lefts, rights, score):
                self._pair(i, j, fuzz.ratio(self.L.keys[i], self.R.keys[j]))
                self.by_role_l.add(i)

    def moved_by_role(self) -> None:
        """Pair what is left anywhere in the document on strong role evidence: a rewritten
        paragraph that also moved (a report's section moved with its items). Each must be the
        other's clear best: a clause with two look-alikes elsewhere stays unpaired."""
        leftovers = self._few_leftovers()
        if leftovers is None:
            return
        lefts, rights = leftovers
        topics = self._topics()
        floor = max(ROLE_MOVE, self._background(0.999))
        scores = {
            (i, j): 0.0 if self._apart(i, j) else topics.score(i, j) for i in lefts for j in rights
        }
        # A pair is clear when it is both clauses' best by a margin.
        top = _two_best(scores)

        def clear(s: float, best: list[float]) -> bool:
            return s >= best[0] and s - best[1] >= MOVE_MARGIN

        found = sorted(
            (-s, i, j)
            for (i, j), s in scores.items()
            if s >= floor and clear(s, top[(0, i)]) and clear(s, top[(1, j)])
        )
        for _, i, j in found:
            if i not in self.l2r and j not in self.taken_r:
                self._pair(i, j, fuzz.ratio(self.L.keys[i], self.R.keys[j]))
                self.by_role_l.add(i)

    def moved_sections(self) -> None:
        """Pair two numbered sections that moved, and the paragraphs inside them: 2012's
        task "（九）努力提高对外开放的质量和水平" and its five paragraphs are 2014's
        "（二）开创高水平对外开放新局面" and its five, seven sections earlier. Each section,
        heading and paragraphs read as one text, must read as the other more than as any other
        section of the other document, by ``SECTION_RATIO``; a review's section is no plan's.
        Their headings pair, and their paragraphs pair in order as the paragraphs of one
        stretch do (``by_role``), anchored on what is already paired between them."""
        sides = (self.L, self.R)
        heads = [
            [p for p, body in side.below.items() if body and side.head[p] and side.section[p] != p]
            for side in sides
        ]
        if not heads[0] or not heads[1] or len(heads[0]) * len(heads[1]) > MOVE_CELLS:
            return
        self.check()
        topics = self._topics()
        vectors = [
            {p: topics.joined(n, [p, *side.below[p]]) for p in heads[n]}
            for n, side in enumerate(sides)
        ]
        cover = {
            (i, j): dot(vectors[0][i], vectors[1][j])
            for i in heads[0]
            for j in heads[1]
            if not self._crosses(i, j)
        }
        top = _two_best(cover)
        gaps = []
        for (i, j), c in sorted(cover.items()):
            first, second = top[(0, i)], top[(1, j)]
            if not (c == first[0] == second[0] and c >= SECTION_RATIO * max(first[1], second[1])):
                continue
            if self._free(0, i) and self._free(1, j):
                self._pair(i, j, fuzz.ratio(self.L.keys[i], self.R.keys[j]))
                self.by_role_l.add(i)
            if self.l2r.get(i) == j:
                gaps += self._gaps_within(
                    range(i + 1, max(self.L.below[i]) + 1), range(j + 1, max(self.R.below[j]) + 1)
                )
        if gaps:
            self.by_role(gaps)

    def moved_clear(self) -> None:
        """Pair a paragraph left over with the one clause of the other side it is clearly
        about: each the other's best among all clauses of the other document, and well ahead of
        either's next best. A report moves a rewritten task to another section (2018's
        "进一步减轻企业税负" is 2019's "实施更大规模的减税", three sections on); the two share
        little, but nothing else in either report shares as much with them. Headings and lead lines
        stay out: they share too few words for a best to mean anything ("COVID-19 and Global
        Health Security" is not "Global and regional issues"), and ``attach_leads`` places
        lead lines."""
        lefts, rights = self._unpaired()
        size = (len(self.L.keys), len(self.R.keys))
        fewer = min(len(lefts), len(rights))
        if not fewer or fewer * (size[0] + size[1]) > CLEAR_CELLS:
            return
        self.check()
        floor = self._background(0.99)
        # Each pair is each clause's best: read from the side with fewer leftovers, which costs
        # less and finds what the other side would, so comparing B with A pairs what comparing
        # A with B does, whichever document has more left over.
        side = 0 if len(lefts) <= len(rights) else 1
        keys, kinds = (self.L.keys, self.R.keys), (self.L.kinds, self.R.kinds)
        everyone = (range(size[1]), range(size[0]))
        for k in (lefts, rights)[side]:
            if kinds[side][k] == "heading" or _lead_line(keys[side][k]):
                continue
            s, o, second = self._best_two(side, k, everyone[side])
            if o < 0 or s < floor or not self._free(1 - side, o) or _lead_line(keys[1 - side][o]):
                continue
            _, back, other = self._best_two(1 - side, o, everyone[1 - side])
            second = max(second, other)
            if back == k and s >= CLEAR_RATIO * second and s - second >= CLEAR_GAP:
                i, j = (k, o) if side == 0 else (o, k)
                self._pair(i, j, fuzz.ratio(self.L.keys[i], self.R.keys[j]))
                self.by_role_l.add(i)

    def clear_within_parts(self) -> None:
        """Pair a paragraph left over with the one paragraph of the other side it reads as
        best, when that paragraph reads best as it too and both stand in top-level parts of
        their reports that may hold each other's paragraphs (not parts paired with others, nor
        a review and a plan: ``_crosses``). A report that reorders its tasks moves rewritten
        paragraphs inside the year's work (2018's "增强消费对经济发展的基础性作用。…" is 2022's
        "推动消费持续恢复。…", two sections on), and one that divides its year's work
        differently moves them between parts (2012's one task part of nine sections, 2015's
        four parts named by topic). ``moved_clear`` asks more of a pair anywhere in the
        document, a title or a closing included; here the parts are evidence too, and so is
        a statement's having none: two frameworks' labour bullets, however templated the rest.
        So is the place: two paragraphs as far into their documents need less (``PLACE_RATIO``).
        Only body paragraphs: a heading, a lead line, a counted review item (三是…) or a
        dash-list goal shares words with many paragraphs by its role, and a best among those is
        chance."""
        lefts, rights = self._unpaired()
        size = (len(self.L.keys), len(self.R.keys))
        if (
            not lefts
            or not rights
            or self.L.flat != self.R.flat  # a statement's bullets are no report's part
            or (len(lefts) + len(rights)) * sum(size) > CLEAR_CELLS
        ):
            return
        self.check()
        # Two statements without parts (a framework's bullets) are one part each: there, what
        # unrelated paragraphs of a template share sets the floor too high, and two paragraphs
        # each other's clear best need only the role floor.
        flat = self.L.flat and self.R.flat
        floor = self._background(0.99)
        sides = (self.L, self.R)

        def body(side: int, p: int) -> bool:
            s = sides[side]
            return not (
                self._heads(side, p)
                or p in s.below
                or _DASH_ITEM.match(s.keys[p])
                or s.section[p] in (OPENING, CLOSING)
            )

        found = []
        for i in lefts:
            if not body(0, i):
                continue
            s, j, second = self._best_two(0, i, range(size[1]))
            if j < 0 or not self._free(1, j) or not body(1, j):
                continue
            placed = abs(i / size[0] - j / size[1]) <= PLACE_SHARE
            if s < (ROLE_FLOOR if flat or placed else floor):
                continue
            _, back, other = self._best_two(1, j, range(size[0]))
            if back == i and s >= (PLACE_RATIO if placed else WITHIN_RATIO) * max(second, other):
                found.append((i, j))
        for i, j in found:
            self._pair(i, j, fuzz.ratio(self.L.keys[i], self.R.keys[j]))
            self.by_role_l.add(i)

    def by_section(self) -> None:
        """Pair what is left through the sections of the other side: a paragraph of one year
        that the next year spread over a section of its own (2021's climate paragraph, 2022's
        "Climate" section of three) reads as that section's topic far better than as any one of
        its paragraphs. A paragraph whose topic one section of the other side carries clearly
        more than any other pairs, in order, with the paragraphs of that section that share it;
        splits and merges then grow from those pairs (``attach_parts``). Both directions read
        the same leftovers, and their pairs are taken strongest first, so comparing B with A
        finds what comparing A with B finds. An item of a dash list ("——推进新型城镇化和农业
        现代化…", a five-year plan's goals) is no paragraph of a section on either side: it
        names a goal that the year's task paragraphs share words with, not their role."""
        leftovers = self._few_leftovers()
        if leftovers is None:
            return
        lefts, rights = leftovers
        topics = self._topics()
        floor = max(SECTION_FLOOR, self._background(0.99))
        sides = (self.L, self.R)
        found: list[tuple[float, int, int, int]] = []
        for side in (0, 1):
            mine, theirs = (lefts, rights) if side == 0 else (rights, lefts)
            other = sides[1 - side]
            sections = _sections(other.opens, set(theirs))
            if len(sections) < 2:
                continue
            chosen: defaultdict[int, list[int]] = defaultdict(list)
            vectors = [topics.joined(1 - side, part) for part in sections]
            for k in mine:
                if sides[side].kinds[k] == "heading" or _DASH_ITEM.match(sides[side].keys[k]):
                    continue
                ranked = sorted(
                    ((topics.against(side, k, v), n) for n, v in enumerate(vectors)),
                    reverse=True,
                )
                if ranked[0][0] >= floor and ranked[0][0] - ranked[1][0] >= SECTION_MARGIN:
                    chosen[ranked[0][1]].append(k)
            for n, ks in chosen.items():
                score = {}
                for k in ks:
                    for q in sections[n]:
                        i, j = (k, q) if side == 0 else (q, k)
                        if self._apart(i, j) or _DASH_ITEM.match(other.keys[q]):
                            continue
                        s = topics.score(i, j)
                        if s >= SECTION_PART:
                            score[(k, q)] = s + self._tie(i, j)
                for k, q in ordered_matching(ks, sections[n], score):
                    i, j = (k, q) if side == 0 else (q, k)
                    found.append((-score[(k, q)], i + j, i, j))
        for _, _, i, j in sorted(found):
            if self._free(0, i) and self._free(1, j):
                self._pair(i, j, fuzz.ratio(self.L.keys[i], self.R.keys[j]))
                self.by_role_l.add(i)

    def attach_parts(self) -> None:
        """Grow a pair into a split or merge with the unpaired paragraphs beside its counterpart
        that carry the rest of its topic: a rewritten report divides one year's paragraph into
        two (fiscal policy and austerity) whose wording no longer matches the whole."""
        if not self.l2r:
            return
        self.check()
        topics = self._topics()
        # A section heading is no part of the paragraph under it: a split or merge is of
        # paragraphs (or of headings).
        kinds = (self.L.kinds, self.R.kinds)
        found = []
        for i, j in self.l2r.items():
            if self.score[i] >= 100.0:
                continue
            # side 0: left clause i read against a run of right clauses around j (a split);
            # side 1: right clause j against a run of left clauses around i (a merge).
            for side, k, start in ((0, i, j), (1, j, i)):
                other = 1 - side
                run = [start]
                alone = covered = topics.cover(side, k, run)
                while len(run) < MAX_PARTS:
                    options = [
                        p for p in self._beside(other, run) if kinds[other][p] == kinds[side][k]
                    ]
                    best = max(
                        ((topics.cover(side, k, sorted([*run, p])), p) for p in options),
                        default=None,
                    )
                    if best is None or best[0] - covered < ATTACH_GAIN:
                        break
                    covered = best[0]
                    run = sorted([*run, best[1]])
                if len(run) > 1:
                    left, right = ([i], run) if side == 0 else (run, [j])
                    found.append((alone - covered, min(left) + min(right), left, right))
        self._take_disjoint((left, right) for *_, left, right in sorted(found))

    def attach_orphans(self) -> None:
        """Grow a pair into a split or merge with an unpaired paragraph beside its counterpart
        that is about the pair's clause more than about anything else in the other document:
        Quad 2023's cable paragraph became two in 2024, and the second, on investments in cable
        projects, shares little with the first but reads best of all with 2023's. The part is
        an item of the same kind as the one beside it (a bullet beside a bullet); lead lines,
        headings and lines with no sentence in them stay out (``attach_leads`` places lead
        lines); and the paragraph's best must stand well ahead of its next best."""
        if not self.l2r:
            return
        size = (len(self.L.keys), len(self.R.keys))
        kinds = (self.L.kinds, self.R.kinds)
        keys = (self.L.keys, self.R.keys)
        shapes = (self.L.shapes, self.R.shapes)
        everyone = (range(size[1]), range(size[0]))
        # Each candidate is read against every clause of the other document: few enough in a
        # report or a statement, and never thousands squared.
        near = {
            (other, p)
            for i, j in self.l2r.items()
            for other, at in ((1, j), (0, i))
            for p in (at - 1, at + 1)
            if 0 <= p < size[other] and self._free(other, p)
        }
        if len(near) * (size[0] + size[1]) > CLEAR_CELLS:
            return
        self.check()
        floor = max(ROLE_FLOOR, self._background(ORPHAN_SHARE))
        best: dict[tuple[int, int], tuple[float, int, float]] = {}

        def belongs(side: int, k: int, p: int) -> bool:
            other = 1 - side
            if (
                kinds[other][p] != kinds[side][k]
                or kinds[side][k] == "heading"
                or _lead_line(keys[side][k])
                or _lead_line(keys[other][p])
                or not _SENTENCE_MARK.search(keys[other][p])
            ):
                return False
            if (other, p) not in best:
                best[(other, p)] = self._best_two(other, p, everyone[other])
            s, at, second = best[(other, p)]
            return at == k and s >= floor and s >= ORPHAN_RATIO * second

        found = []
        for i, j in sorted(self.l2r.items()):
            if self.score[i] >= 100.0:
                continue
            # side 0: right clauses join right j (a split of left i); side 1: the other way.
            for side, k, start in ((0, i, j), (1, j, i)):
                other = 1 - side
                run = [start]
                while len(run) < MAX_PARTS:
                    grow = [
                        p
                        for p in self._beside(other, run)
                        if shapes[other][p] == shapes[other][start] and belongs(side, k, p)
                    ]
                    if not grow:
                        break
                    run = sorted([*run, grow[0]])
                if len(run) > 1:
                    left, right = ([i], run) if side == 0 else (run, [j])
                    # Of two groups at one place (a split of ``i`` and a merge into ``j``), the
                    # one whose parts read best as their clause goes first: the same whichever
                    # document is the earlier one.
                    strength = sum(best[(other, p)][0] for p in run if p != start)
                    found.append((min(left) + min(right), -strength, left, right))
        self._take_disjoint((left, right) for *_, left, right in sorted(found))

    def grow_groups(self) -> None:
        """Grow a pair or a group whose one side is one clause by the leftover paragraphs
        beside its parts that read as that clause more than as any other (``GROW_RATIO``) and
        bring the parts, read together, closer to it (``GROW_GAIN``). 2013's "要进一步完善社会主义
        市场经济体制。毫不动摇地巩固和发展公有制经济，…非公有制经济…财税…金融…" is four of 2018's
        paragraphs, each taking one of its points: the fiscal and financial ones pair first, and
        the private-firm and property-rights ones (民营企业, 产权制度) are left over beside them,
        each reading best as 2013's paragraph. A part stands under the same heading as the parts
        beside it, is of their kind (a paragraph, not a heading) and is numbered only if they
        are."""
        sides = (self.L, self.R)
        partners = self._partner_map()
        size = (len(self.L.keys), len(self.R.keys))
        # Each leftover beside a part is read against every clause of the other document: few
        # in a report or a statement, and never thousands squared. A group grown by one part
        # brings at most one leftover more to read, so the reads stay within MAX_PARTS of these.
        near = {
            (other, p)
            for other in (0, 1)
            for q in partners[other]
            for p in self._beside(other, [q])
        }
        if not near or len(near) * sum(size) > CLEAR_CELLS:
            return
        self.check()
        topics = self._topics()
        best: dict[tuple[int, int], tuple[float, int, float]] = {}
        found = []
        for side in (0, 1):
            mine, theirs = sides[side], sides[1 - side]
            for k, parts in sorted(partners[side].items()):
                run = sorted(parts)
                # k is the group's one clause: its parts are paired with nothing else, and a
                # pair left unchanged has no rest to find, whichever side k stands on.
                i = k if side == 0 else run[0]  # the pair's left clause, if it is one pair
                if set().union(*(partners[1 - side][p] for p in run)) != {k} or (
                    len(run) == 1 and self.score.get(i, 0.0) >= 100.0
                ):
                    continue
                home = theirs.up[run[0]]
                if any(theirs.up[p] != home for p in run):
                    continue
                covered = topics.cover(side, k, run)
                grown = list(run)
                while len(grown) < MAX_PARTS:
                    options = []
                    for p in self._beside(1 - side, grown):
                        if (
                            theirs.kinds[p] != mine.kinds[k]
                            or theirs.up[p] != home
                            or (theirs.numbering[p] and not theirs.numbering[grown[0]])
                        ):
                            continue
                        if (1 - side, p) not in best:
                            best[(1 - side, p)] = self._best_two(1 - side, p, range(size[side]))
                        first, at, second = best[(1 - side, p)]
                        if at != k or first < GROW_RATIO * second:
                            continue
                        c = topics.cover(side, k, sorted([*grown, p]))
                        if c - covered >= GROW_GAIN:
                            options.append((c, p))
                    if not options:
                        break
                    covered, p = max(options)
                    grown = sorted([*grown, p])
                if len(grown) > len(run):
                    left, right = ([k], grown) if side == 0 else (grown, [k])
                    found.append((len(run) - len(grown), min(left) + min(right), left, right))
        self._take_disjoint(((left, right) for *_, left, right in sorted(found)), replace=True)

    def attach_leads(self) -> None:
        """Join a task's lead line to the pair its detail paragraph is in, when the other
        version wrote lead and detail as one paragraph: one year's report opens a paragraph with
        "一是着力稳增长调结构防风险，创新宏观调控方式。" and goes on with what was done; the next
        sets "一是继续创新和加强宏观调控，经济运行保持在合理区间。" on a line of its own over the
        detail. The detail pairs by topic; the lead line alone shares too few words with anything
        to pair, and is the split's (or merge's) first part."""
        if not self.l2r:
            return
        topics = self._topics()
        found: list[tuple[list[int], list[int], float]] = []
        taken: set[tuple[int, int]] = set()  # (side, position) already in a found group
        for i, j in sorted(self.l2r.items()):
            # A split: left i is lead and detail, right j-1 the lead line over detail j.
            # A merge: the same with the sides swapped.
            for side, whole, detail in ((0, i, j), (1, j, i)):
                other = 1 - side
                line = detail - 1
                keys = (self.L.keys, self.R.keys)
                shapes = (self.L.shapes, self.R.shapes)
                numbering = (self.L.numbering, self.R.numbering)
                # Two items of a count, numbered each its own way: 2017's "三是大力深化改革开放，
                # …" over its detail is 2018's "（四）坚持全面深化改革，…。国资国企改革…".
                items = line >= 0 and bool(numbering[other][line] and numbering[side][whole])
                # A numbered heading over its section is no paragraph's lead: the label too
                # must be the one the whole paragraph has.
                if (
                    line < 0
                    or (other, line) in taken
                    or not self._free(other, line)
                    or not _lead_line(keys[other][line])
                    or (shapes[other][line] != shapes[side][whole] and not items)
                ):
                    continue
                opening = lead(keys[side][whole])
                if not opening:
                    continue
                # The line reads as the opening's task. When the detail opens with a lead of its
                # own, it may be an item of its own under a section's opening line: then only an
                # enumerated lead (一是…, 二是…; "First, …") over it is the opening's part.
                # Two enumerated leads need only share a term: counting tasks is evidence too.
                says = topics.similar_terms(opening, keys[other][line])
                counted = items or bool(
                    _ENUMERATED.match(opening) and _ENUMERATED.match(keys[other][line])
                )
                if says < (1e-9 if counted else LEAD_TOPIC) or (
                    lead(keys[other][detail]) and not counted
                ):
                    continue
                parts = [line, detail]
                left, right = ([i], parts) if side == 0 else (parts, [j])
                found.append((left, right, self._joined_ratio(left, right)))
                taken.add((other, line))
                break
        self._take(found, by_role=True)
        # Both versions set a lead line over the detail, and the details paired: the two lead
        # lines head the same task, however reworded or renumbered (四是… → 三是…).
        for i, j in sorted(self.l2r.items()):
            a, b = i - 1, j - 1
            if (
                a >= 0
                and b >= 0
                and self._free(0, a)
                and self._free(1, b)
                and _lead_line(self.L.keys[a])
                and _lead_line(self.R.keys[b])
                and self.L.shapes[a] == self.R.shapes[b]
                and not self._crosses(a, b)
            ):
                self._pair(a, b, fuzz.ratio(self.L.keys[a], self.R.keys[b]))
                self.by_role_l.add(a)

    def whole_sections(self) -> None:
        """Merge a numbered section, heading and body, into the one numbered paragraph of the
        other version that carries it (or split the other way): the 2023 report condenses each
        of 2022's task sections — （五）坚定实施扩大内需战略… and its five paragraphs — into one
        item, （一）着力扩大国内需求。…. The section as a whole must read as that paragraph
        clearly more than as any other, and the paragraph as that section more than as any
        other section; both are items of one numbering; what was already paired with the
        paragraph joins the group.

        A plain paragraph may also have grown into a whole numbered section of the other
        version, in the same part of the report: 2013's one opening-up paragraph under "（四）…
        深入推进改革开放" is 2014's section "（二）开创高水平对外开放新局面" and its five
        paragraphs. Then the section's paragraphs that read as that paragraph more than as any
        other free paragraph of its part are its parts; the new heading stays new."""
        sides = (self.L, self.R)
        found = []
        for side in (0, 1):
            mine, theirs = sides[side], sides[1 - side]
            heads = [
                p
                for p, body in mine.below.items()
                if mine.numbering[p] and body and len(body) < MAX_SECTION
            ]
            items = [
                q
                for q in range(len(theirs.keys))
                if theirs.numbering[q] and not theirs.below.get(q) and theirs.kinds[q] == "text"
            ]
            if len(heads) * len(items) > MOVE_CELLS:
                items = []
            grown = self._grown_candidates(side, heads)
            if sum(map(len, grown.values())) > MOVE_CELLS:
                grown = {}
            if not heads or (not items and not grown):
                continue
            self.check()
            topics = self._topics()
            floor = self._background(0.99)
            # Each candidate's pools: "all" the items it may be, "part" the items of paired parts
            # (a review's section is judged against the other review's items, not against the
            # plans that reuse its words), "grown" those and the paragraphs a section may have
            # grown from; a grown section must read as its paragraph more than as any item, and
            # a paragraph never makes an item's match less clear.
            cover: dict[tuple[int, int], float] = {}
            pools: dict[tuple[int, int], tuple[str, ...]] = {}  # the one judged in first
            for p in heads:
                members = [p, *mine.below[p]]
                vector = topics.joined(side, members)
                for q in items:
                    # Right under two top-level headings paired by their words (the two
                    # reviews), a section and a counted item (（四）… and 五是…) are one
                    # numbering rewritten; elsewhere only items of one numbering are.
                    same = self._same_part(side, p, q)
                    if same or mine.numbering[p] == theirs.numbering[q]:
                        cover[(p, q)] = topics.against(1 - side, q, vector)
                        pools[(p, q)] = ("part", "all", "grown") if same else ("all",)
                for q in grown.get(p, ()):
                    cover[(p, q)] = topics.against(1 - side, q, vector)
                    pools[(p, q)] = ("grown",)
            # Each section's and each paragraph's two best in each pool.
            top: dict[tuple[str, int, int], list[float]] = {}
            for (p, q), c in cover.items():
                for pool in pools[(p, q)]:
                    for key in ((pool, 0, p), (pool, 1, q)):
                        best = top.setdefault(key, [0.0, 0.0])
                        if c > best[0]:
                            best[:] = [c, best[0]]
                        elif c > best[1]:
                            best[1] = c
            for (p, q), c in cover.items():
                pool = pools[(p, q)][0]
                tp, tq = top[(pool, 0, p)], top[(pool, 1, q)]
                second = max(
                    tp[1] if tp[0] == c else tp[0],
                    tq[1] if tq[0] == c else tq[0],
                )
                if c >= floor and c >= SECTION_RATIO * second:
                    # Ties go to the earliest place, read the same whichever side is left.
                    found.append((-c, p + q, side, p, q))
        groups = []
        partners = self._partner_map()
        for *_, side, p, q in sorted(found):
            if sides[1 - side].numbering[q]:
                group = self._section_group(side, p, q, partners[1 - side].get(q, set()))
            else:
                group = self._grown_group(side, p, q)
            if group is not None:
                groups.append(group)
        self._take_disjoint(groups, replace=True)

    def _grown_candidates(self, side: int, heads: list[int]) -> dict[int, list[int]]:
        """For each numbered section of ``side`` with a label, nothing of it paired yet,
        the free plain paragraphs of the other version in the part paired with its part: the
        paragraphs it may have grown from (``whole_sections``)."""
        mine, theirs = (self.L, self.R) if side == 0 else (self.R, self.L)
        paired = self.sections if side == 0 else {b: a for a, b in self.sections.items()}
        paragraphs: dict[int, list[int]] = defaultdict(list)
        for q, part in enumerate(theirs.section):
            if (
                part >= 0
                and not theirs.numbering[q]
                and q not in theirs.below
                and theirs.kinds[q] == "text"
                and self._free(1 - side, q)
            ):
                paragraphs[part].append(q)
        found = {}
        for p in heads:
            part = paired.get(mine.section[p], -1) if mine.section[p] >= 0 else -1
            if (
                part >= 0
                and mine.up[p] >= 0  # a section of a part, not the part itself
                and mine.shapes[p]
                # A report's part holds tens of paragraphs; each candidate is weighed against
                # every other of its part, so a part of thousands is not read this way.
                and 0 < len(paragraphs.get(part, ())) <= GROWN_PART
                and all(self._free(side, m) for m in [p, *mine.below[p]])
            ):
                found[p] = paragraphs[part]
        return found

    def _grown_group(self, side: int, p: int, q: int) -> tuple[list[int], list[int]] | None:
        """Paragraph ``q`` of the other side and the paragraphs of section ``p`` of ``side``
        that read as ``q`` more than as any other free paragraph of ``q``'s part, when there
        are at least two."""
        mine, theirs = (self.L, self.R) if side == 0 else (self.R, self.L)
        topics = self._topics()
        rivals = [
            o
            for o in range(len(theirs.keys))
            if o != q
            and theirs.section[o] == theirs.section[q]
            and theirs.kinds[o] == "text"
            and self._free(1 - side, o)
        ]

        def reads(m: int, o: int) -> float:
            return topics.read(m, o) if side == 0 else topics.read(o, m)

        parts = []
        for m in mine.below[p]:
            self.check()
            if self._free(side, m):
                here = reads(m, q)
                if all(reads(m, o) < here for o in rivals):
                    parts.append(m)
        if len(parts) < 2:
            return None  # one paragraph alone is no evidence the section grew from ``q``
        return (parts, [q]) if side == 0 else ([q], parts)

    def _same_part(self, side: int, p: int, q: int) -> bool:
        """Whether clause ``p`` of ``side`` and ``q`` of the other stand right under two
        top-level headings paired as sections: items of two reviews, not an Article and a
        paragraph of another Article."""
        i, j = (p, q) if side == 0 else (q, p)
        a = self.L.up[i]
        return a >= 0 and self.sections.get(a) == self.R.up[j]

    def _section_group(
        self, side: int, p: int, q: int, with_q: set[int]
    ) -> tuple[list[int], list[int]] | None:
        """The clauses of section ``p`` of ``side`` free or already with ``q`` (``with_q``),
        and those already with ``q``, as a group (left, right). Of the section's paragraphs
        after its opening one, those that share no more with ``q`` than most unrelated
        paragraphs share stay out: 2023 condenses 2022's opening-up section into "（四）更大力度
        吸引和利用外资。…" and says nothing there of 2022's "高质量共建“一带一路”"."""
        mine = (self.L, self.R)[side]
        members = [m for m in [p, *mine.below[p]] if self._free(side, m) or m in with_q]
        if len(members) < 2 or p not in members:
            return None
        topics = self._topics()
        floor = self._background(MEMBER_SHARE)
        members = [
            m
            for m in members
            if m in (p, p + 1)
            or m in with_q
            or (topics.score(m, q) if side == 0 else topics.score(q, m)) >= floor
        ]
        if len(members) < 2:
            return None
        joined = sorted({*members, *with_q})
        return (joined, [q]) if side == 0 else ([q], joined)

    def _partner_map(self) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
        """What each paired clause of each side is paired with now (a clause, or a group's
        others), read once for a stage: a 10,000-clause pair has thousands of pairs."""
        found: tuple[dict[int, set[int]], dict[int, set[int]]] = ({}, {})
        for i, j in self.l2r.items():
            found[0].setdefault(i, set()).add(j)
            found[1].setdefault(j, set()).add(i)
        for left, right, _ in self.multi:
            for i in left:
                found[0].setdefault(i, set()).update(right)
            for j in right:
                found[1].setdefault(j, set()).update(left)
        return found

    def heads_by_children(self) -> None:
        """Pair two numbered headings whose sections' paragraphs pair with each other: 2018's
        "（三）加快建设创新型国家。…" and 2019's "（三）坚持创新引领发展，培育壮大新动能。" share
        few words, but most of the paragraphs under one pair with paragraphs under the other.
        The two are numbered alike, or both head their sections (2014's task "（三）增强内需拉动
        经济的主引擎作用。" is 2015's part "四、协调推动经济稳定增长和结构优化"). When one heading
        also holds its section's opening words and the other sets them apart in the paragraph
        under it, that paragraph joins as the second part of a split (or merge) in
        ``opening_parts``, as it does for headings any pass paired; a bare heading holds no
        opening words."""
        sides = (self.L, self.R)
        partners = self._partner_map()
        found = []
        for side in (0, 1):
            mine, theirs = sides[side], sides[1 - side]
            for p, body in mine.below.items():
                if not mine.shapes[p] or not self._free(side, p):
                    continue
                votes: Counter[int] = Counter()
                paired = 0
                for c in body:
                    if c in partners[side]:
                        paired += 1
                        votes[theirs.up[min(partners[side][c])]] += 1
                if not votes:
                    continue
                q, n = max(votes.items(), key=lambda kv: (kv[1], -kv[0]))
                if (
                    q >= 0
                    and n >= 3
                    and 2 * n > paired
                    and self._free(1 - side, q)
                    and (
                        theirs.shapes[q] == mine.shapes[p]
                        or (
                            mine.head[p]
                            and theirs.head[q]
                            # A part that says what part of a report it is (the year's
                            # requirements) is no task heading of another numbering, however
                            # many of the task's paragraphs it now holds.
                            and not _part_role(mine.keys[p])
                            and not _part_role(theirs.keys[q])
                        )
                    )
                ):
                    i, j = (p, q) if side == 0 else (q, p)
                    # Two top-level headings pair as their headings say (``_paired_sections``).
                    settled = i in self.sections or j in self.sections_r
                    if not self._crosses(i, j) and (not settled or self.sections.get(i) == j):
                        found.append((min(i, j), i, j))
        for _, i, j in sorted(set(found)):
            if not (self._free(0, i) and self._free(1, j)):
                continue
            self._pair(i, j, fuzz.ratio(self.L.keys[i], self.R.keys[j]))
            self.by_role_l.add(i)

    def opening_parts(self) -> None:
        """Two paired numbered headings, whatever paired them: when one is a lead line over its
        section and the other holds its section's opening words too, the paragraph under the
        lead line is the other's second part. 2018 writes "（二）加快建设创新型国家。把握世界
        新一轮科技革命…" as one paragraph; 2022 sets "（四）深入实施创新驱动发展战略…" over
        "推进科技创新，促进产业优化升级…"."""
        for i, j in sorted(self.l2r.items()):
            if self.L.shapes[i] and self.R.shapes[j] and i in self.L.below and j in self.R.below:
                self._opening_part(i, j)

    def _opening_part(self, i: int, j: int) -> None:
        """Paired headings ``i`` and ``j``: when one is a lead line and the other holds its
        section's opening words too, the paragraph under the lead line is the other's second
        part."""
        for side, whole, line in ((0, i, j), (1, j, i)):
            mine, theirs = (self.L, self.R) if side == 0 else (self.R, self.L)
            intro = line + 1
            if (
                _lead_line(theirs.keys[line])
                and not _lead_line(mine.keys[whole])
                and mine.kinds[whole] != "heading"  # a bare heading holds no opening words
                and intro < len(theirs.keys)
                and theirs.up[intro] == line
                and not theirs.shapes[intro]
                and theirs.kinds[intro] == "text"
                and self._free(1 - side, intro)
            ):
                left, right = ([i], [j, intro]) if side == 0 else ([i, intro], [j])
                self._take([(left, right, self._joined_ratio(left, right))], by_role=True)
                return

    def section_heads(self) -> None:
        """Pair the headings of two top-level sections paired by their headings (``_crosses``)
        that nothing else paired: 2022's "2022年政府工作任务" is 2023's "对今年政府工作的建议"."""
        for a, b in self.sections.items():
            if a >= 0 and self._free(0, a) and self._free(1, b):
                self._pair(a, b, fuzz.ratio(self.L.keys[a], self.R.keys[b]))
                self.by_role_l.add(a)

    def section_intros(self) -> None:
        """Pair the paragraphs that open two paired numbered sections: a report's task section
        opens with a sentence or two on the section's aim before its items, and a rewrite keeps
        that place while it changes every word (2021's "在落实助企纾困政策的同时，加大力度推动
        相关改革…" under （二）, 2022's "处理好政府和市场的关系…" under （三）, the same section
        renumbered). Only under headings with a label of one shape, paired with each other, and
        only a paragraph that is no item or heading itself: the place is the evidence."""
        for a, b in sorted(self.l2r.items()):
            i, j = a + 1, b + 1
            if (
                i >= len(self.L.keys)
                or j >= len(self.R.keys)
                or not self.L.shapes[a]
                or self.L.shapes[a] != self.R.shapes[b]
                or not (self._heads(0, a) and self._heads(1, b))
                or not (self._free(0, i) and self._free(1, j))
                or self.L.shapes[i]
                or self.R.shapes[j]
                or self.L.kinds[i] != "text"
                or self.R.kinds[j] != "text"
                or self._crosses(i, j)
            ):
                continue
            self._pair(i, j, fuzz.ratio(self.L.keys[i], self.R.keys[j]))
            self.by_role_l.add(i)

    def list_intros(self) -> None:
        """Pair the paragraphs that lead into the numbered items of two paired top-level
        sections: "今年要重点做好以下几方面工作。" right before 2021's （一）, "今年经济社会发展
        任务重、挑战多。…" right before 2022's. The place is the evidence: the paragraph just
        before the first item numbered alike under two headings paired as sections."""
        for a, b in sorted(self.sections.items()):
            if a < 0:
                continue
            c, d = _first_item(self.L, a), _first_item(self.R, b)
            if c is None or d is None or self.L.shapes[c] != self.R.shapes[d]:
                continue
            i, j = c - 1, d - 1
            if (
                self.L.up[i] == a
                and self.R.up[j] == b
                and not self.L.shapes[i]
                and not self.R.shapes[j]
                and self._free(0, i)
                and self._free(1, j)
                and not self._apart(i, j)
            ):
                self._pair(i, j, fuzz.ratio(self.L.keys[i], self.R.keys[j]))
                self.by_role_l.add(i)

    def closings(self) -> None:
        """Pair the lines that close an instrument by saying where and when it was signed:
        the US–Australia framework's "Signed in Washington, District of Columbia this
        twentieth day of October…" is the Thailand memorandum's "Signed at Kuala Lumpur on
        October 26, 2025, in duplicate…", though they share one word; so are two "IN WITNESS
        WHEREOF" lines. Only where one free line a side opens so: the formula is the evidence."""
        for formula in _CLOSINGS:
            found = [
                [p for p, key in enumerate(side.keys) if self._free(n, p) and formula.match(key)]
                for n, side in enumerate((self.L, self.R))
            ]
            if len(found[0]) == 1 and len(found[1]) == 1:
                i, j = found[0][0], found[1][0]
                self._pair(i, j, fuzz.ratio(self.L.keys[i], self.R.keys[j]))
                self.by_role_l.add(i)

    def salutations(self) -> None:
        """Pair the short lines a document repeats (各位代表！) by what each opens: the first
        paired clause after one has its counterpart after the other, up to the next. A report
        addresses its deputies before each closing part (the government's own work, ethnic
        affairs, defence …); a part one year has and the next year lacks shifts every later
        salutation by one, which their order alone would pair wrongly."""
        sides = (self.L.full, self.R.full)
        partners: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i, j in self.l2r.items():
            partners[(0, i)].append(j)
            partners[(1, j)].append(i)
        for left, right, _ in self.multi:
            for i in left:
                partners[(0, i)] += right
            for j in right:
                partners[(1, j)] += left
        # The first paired clause at or after each position, read once per side.
        after: list[list[int]] = []
        for side, keys in enumerate(sides):
            found, first = [len(keys)] * (len(keys) + 1), len(keys)
            for c in range(len(keys) - 1, -1, -1):
                if (side, c) in partners:
                    first = c
                found[c] = first
            after.append(found)
        where: tuple[dict[str, list[int]], ...] = (defaultdict(list), defaultdict(list))
        for side, keys in enumerate(sides):
            for p, key in enumerate(keys):
                if key in self.repeated:
                    where[side][key].append(p)
        for key in sorted(where[0].keys() & where[1].keys()):
            # A salutation a copy ran into a paragraph is already part of that merge.
            at = (
                [p for p in where[0][key] if p not in self.l2r and p not in self.multi_l],
                [p for p in where[1][key] if p not in self.taken_r and p not in self.multi_r],
            )
            if not at[0] or not at[1] or len(at[0]) * len(at[1]) > ROLE_CELLS:
                continue
            self.check()
            votes: Counter[tuple[int, int]] = Counter()
            for side in (0, 1):
                for n, p in enumerate(at[side]):
                    end = at[side][n + 1] if n + 1 < len(at[side]) else len(sides[side])
                    first = after[side][p + 1]
                    if first >= end:
                        continue
                    for o in partners[(side, first)]:
                        k = bisect_right(at[1 - side], o) - 1
                        if k >= 0:
                            votes[(p, at[1][k]) if side == 0 else (at[0][k], p)] += 1
            # Both must agree: a salutation before a part the other report lacks opens a
            # passage whose first pair lands in whatever long passage the other side has there.
            both = {k: float(n) for k, n in votes.items() if n >= 2}
            for i, j in ordered_matching(at[0], at[1], both):
                self._pair(i, j, 100.0)

    def _heads(self, side: int, p: int) -> bool:
        """Whether clause ``p`` of ``side`` is a heading or a lead line set over what follows."""
        s = self.R if side else self.L
        return s.kinds[p] == "heading" or _lead_line(s.keys[p])

    def _beside(self, side: int, run: list[int]) -> list[int]:
        """The free clauses of ``side`` just before and just after a run of its clauses."""
        size = len(self.R.keys if side else self.L.keys)
        return [p for p in (run[0] - 1, run[-1] + 1) if 0 <= p < size and self._free(side, p)]

    def _take_disjoint(
        self, groups: Iterable[tuple[list[int], list[int]]], *, replace: bool = False
    ) -> None:
        """Make a split or merge by role of each group, in the order given, that shares no
        clause with a group taken before it; with ``replace``, the pairs and groups its
        clauses were in before give way to it."""
        used_l: set[int] = set()
        used_r: set[int] = set()
        accepted = []
        for left, right in groups:
            score = self._joined_ratio(left, right)
            if used_l.isdisjoint(left) and used_r.isdisjoint(right):
                if not self._group_fits(left, right, score):
                    continue
                if replace:
                    self._release(left, right)
                used_l.update(left)
                used_r.update(right)
                accepted.append((left, right, score))
        self._take(accepted, by_role=True)

    def _release(self, left: list[int], right: list[int]) -> None:
        """Undo every pair and group any of these clauses is in."""
        ls, rs = set(left), set(right)
        for i in [i for i, j in self.l2r.items() if i in ls or j in rs]:
            self.taken_r.discard(self.l2r.pop(i))
            del self.score[i]
        kept = []
        for group in self.multi:
            if ls.isdisjoint(group[0]) and rs.isdisjoint(group[1]):
                kept.append(group)
            else:
                self.multi_l.difference_update(group[0])
                self.multi_r.difference_update(group[1])
                self.by_role_multi.discard(min(group[0]))
        self.multi = kept

    def _joined_ratio(self, left: list[int], right: list[int]) -> float:
        """The similarity of a group's two sides, each read as one text."""
        return fuzz.ratio(
            "".join(self.L.keys[i] for i in left), "".join(self.R.keys[j] for j in right)
        )

    def _free(self, side: int, p: int) -> bool:
        if (side, p) in self.held:
            return False
        if side == 0:
            return p not in self.l2r and p not in self.multi_l
        return p not in self.taken_r and p not in self.multi_r

    def _take(self, groups: list[tuple[list[int], list[int], float]], *, by_role: bool) -> None:
        """Make each group one split or merge; their clauses leave the pairs."""
        for left, right, score in groups:
            if not self._group_fits(left, right, score):
                continue
            self.multi.append((left, right, score))
            self.multi_l.update(left)
            self.multi_r.update(right)
            if by_role:
                self.by_role_multi.add(min(left))
        for i in [i for i, j in self.l2r.items() if i in self.multi_l or j in self.multi_r]:
            self.taken_r.discard(self.l2r.pop(i))
            del self.score[i]

    def split_merge(self) -> list[tuple[list[int], list[int], float]]:
        """Find 1→n (split) and n→1 (merge) groups inside gaps; returns them in positions."""
        cutoff = self.opt.split_threshold * 100
        r2l = {j: i for i, j in self.l2r.items()}
        taken_r = set(r2l)
        found: list[tuple[float, int, list[int], list[int], float]] = []
        for lefts, rights in self._gaps_with_pairs():
            if len(lefts) > GAP_LIMIT or len(rights) > GAP_LIMIT:
                continue
            self.check()
            # Boilerplate held back from anchoring (各位代表！) is still words a copy may run
            # into a paragraph: it may be a part of the same words, never pair by likeness.
            every = (
                [i for i in lefts if i not in self.multi_l],
                [j for j in rights if j not in self.multi_r],
            )
            lefts = [i for i in every[0] if (0, i) not in self.held]
            rights = [j for j in every[1] if (1, j) not in self.held]
            for one, many, one_keys, many_keys, own, flip in (
                (lefts, rights, self.L.keys, self.R.keys, self.l2r, False),
                (rights, lefts, self.R.keys, self.L.keys, r2l, True),
            ):
                held_too = every[0] if flip else every[1]
                one_side, many_side = (self.R, self.L) if flip else (self.L, self.R)
                for i in one:
                    partner = own.get(i)
                    base = self.score[i] if not flip and partner is not None else 0.0
                    if flip and partner is not None:
                        base = self.score[partner]
                    taken = self.l2r if flip else taken_r
                    free = [j for j in many if j == partner or j not in taken]
                    # A run must read closer than the pair by 5 points, or be the clause's very
                    # words: a paragraph a PDF copy ran into the heading after it ("…region.
                    # Climate") is that paragraph and heading merged, however close the pair.
                    need = max(cutoff, min(base + 5, 100.0))
                    best = None
                    if partner is not None:
                        # The same words first: keys are cut at SCORE_CHARS, so likeness can
                        # prefer a shorter run than the one a long paragraph was cut into, and
                        # the same words beat a pair that scored 100 on its first characters.
                        parts = [j for j in held_too if j == partner or j not in taken]
                        best = _same_words_run(one_side.words(i), many_side, parts, partner)
                        base = min(base, 99.0) if best is not None else base
                    same = best is not None
                    if best is None:
                        best = self._best_run(flip, i, one_keys[i], free, many_keys, partner, need)
                    if best is not None and best[1] >= need and best[1] > base:
                        run, s = best
                        left, right = ([i], run) if not flip else (run, [i])
                        # The same words are taken before any group read by likeness.
                        gain = 100.0 if same else s - base
                        found.append((-gain, min(left) + min(right), left, right, s))
        accepted: list[tuple[list[int], list[int], float]] = []
        used_l: set[int] = set()
        used_r: set[int] = set()
        for _, _, left, right, s in sorted(found, key=lambda f: (f[0], f[1], f[2], f[3])):
            if used_l.isdisjoint(left) and used_r.isdisjoint(right):
                used_l.update(left)
                used_r.update(right)
                accepted.append((left, right, s))
        return accepted

    def _gaps_with_pairs(self) -> list[tuple[list[int], list[int]]]:
        """Gaps between unchanged anchors, including clauses paired inside them.

        The anchors are the longest chain of unchanged pairs, not the unchanged pairs of the
        longest chain of all pairs: a reworded pair crossing an unchanged one can tie with it
        for that chain, and which of two crossing pairs wins a tie depends on which side is
        left. Comparing B with A must find the split that comparing A with B finds as a merge.
        """
        # Scores read a key's first SCORE_CHARS: a long paragraph a copy ran into the heading
        # after it scores 100 with that paragraph, but only the same words anchor.
        exact = sorted(
            (i, j)
            for i, j in self.l2r.items()
            if self.score[i] >= 100.0 and self.L.full[i] == self.R.full[j]
        )
        anchors = anchor_chain(exact)
        out = []
        prev = (-1, -1)
        for anchor in [*anchors, (len(self.L.keys), len(self.R.keys))]:
            n_left, n_right = anchor[0] - prev[0] - 1, anchor[1] - prev[1] - 1
            if n_left > 0 and n_right > 0 and (n_left > 1 or n_right > 1):
                out.append(
                    (list(range(prev[0] + 1, anchor[0])), list(range(prev[1] + 1, anchor[1])))
                )
            prev = anchor
        return out

    def _best_run(
        self,
        flip: bool,
        i: int,
        key: str,
        free: list[int],
        keys: list[str],
        partner: int | None,
        need: float,
    ) -> tuple[list[int], float] | None:
        """The run of consecutive free clauses whose joined keys best match ``key`` (clause
        ``i`` of the left side, or of the right if ``flip``), if it scores at least ``need``
        (None otherwise): the first such run with the highest score.

        The split and merge search spent most of a rewritten report's comparison here, so it
        scores only runs that could reach ``need``: a run's ratio is at most 200·min(k, n)/(k+n)
        for key lengths k and n, which bounds n between ``low`` and ``high``, and a run past
        ``high`` only grows. The runs left are scored in one ``process.extract`` call, which
        prepares the key once, and their scores kept for the next pass.
        """
        size = len(key)
        # 200·min(k, n) >= need·(k + n) holds for joined lengths n from ``low`` to ``high``
        # (need is 5 to 105); the margins, far above float noise, only let more runs through.
        c = need - 1e-6
        low, high = c * size / (200 - c) - 1e-6, size * (200 - c) / c + 1e-6
        free_set = set(free)
        runs: list[tuple[int, ...]] = []
        for a in free:
            run: list[int] = []
            pos = a
            joined = 0  # length of the run's joined keys
            while pos in free_set and len(run) < MAX_PARTS:
                run.append(pos)
                joined += len(keys[pos])
                if joined > high:
                    break
                if joined >= low and len(run) >= 2 and (partner is None or partner in run):
                    runs.append(tuple(run))
                pos += 1
        scores = self._run_scores
        todo = [parts for parts in runs if (flip, i, parts) not in scores]
        if todo:
            joins = ["".join(keys[p] for p in parts) for parts in todo]
            for _, s, n in process.extract(key, joins, scorer=fuzz.ratio, limit=None):
                scores[(flip, i, todo[n])] = s
        best: tuple[list[int], float] | None = None
        for parts in runs:
            s = scores[(flip, i, parts)]
            if s >= need and (best is None or s > best[1]):
                best = (list(parts), s)
        return best

    def take_splits_and_merges(self) -> None:
        """Accept the splits and merges found so far; their clauses leave the pairs."""
        self._take(self.split_merge(), by_role=False)

    def run(self) -> list[Group]:
        self.exact()
        self.in_gaps(self.opt.match_threshold * 100)
        # Splits and merges go before distant matches: a merged clause's halves would otherwise
        # pair, as moves, with look-alike clauses elsewhere.
        self.take_splits_and_merges()
        self.anywhere(self.opt.move_threshold * 100)
        self.in_gaps(self.opt.gap_threshold * 100, distinct=True)
        self.take_splits_and_merges()
        self.by_role()
        self.moved_by_role()
        self.by_role()  # the stretches the moved pairs cut
        self.by_section()
        self.attach_parts()
        self.attach_orphans()
        self.attach_leads()
        self.moved_sections()
        self.moved_clear()
        self.by_role()  # the stretches the clear moves cut
        self.whole_sections()
        self.heads_by_children()
        self.opening_parts()
        self.section_heads()
        self.section_intros()
        self.list_intros()
        self.clear_within_parts()
        self.grow_groups()
        # The stretches the pairs made since cut: a pair the last pass made in a stretch
        # leaves its neighbours a stretch of their own.
        self.by_role()
        self.salutations()
        self.closings()
        self.held = frozenset()
        self.in_gaps(self.opt.match_threshold * 100)  # repeated short lines, in their stretch
        groups = [
            Group(
                [self.L.idx[p] for p in left],
                [self.R.idx[p] for p in right],
                s,
                rewritten=min(left) in self.by_role_multi,
            )
            for left, right, s in self.multi
        ]
        groups += [
            Group([self.L.idx[i]], [self.R.idx[j]], self.score[i], rewritten=i in self.by_role_l)
            for i, j in sorted(self.l2r.items())
        ]
        paired_r = {j for g in groups for j in g.right}
        paired_l = {i for g in groups for i in g.left}
        groups += [Group([i], [], 0.0) for i in self.L.idx if i not in paired_l]
        groups += [Group([], [j], 0.0) for j in self.R.idx if j not in paired_r]
        # A heading weighs what stands under it: moving it would move its section. 2016 opens
        # "三、2016年重点工作" with the year's requirements, which 2014 set in a part of its own
        # before its "三、2014年重点工作"; those paragraphs moved, not the third part.
        under = [
            {side.idx[p]: len(body) for p, body in side.below.items()} for side in (self.L, self.R)
        ]
        _mark_moves(groups, under)
        return groups


# How an instrument says where and when it was signed, and how it says the signatures follow.
_CLOSINGS = (
    re.compile(r"\s*(?:signed|done)\s+(?:at|in)\b", re.IGNORECASE),
    re.compile(r"\s*in\s+witness\s+whereof\b", re.IGNORECASE),
)

_NUMBER_RUN = re.compile(rf"\d+|{CHINESE_NUMERAL}|\b(?:[IVXLC]+|[ivxlc]+|[A-Za-z])\b")


def _same_words_run(
    bare: str, many: _Side, free: Sequence[int], partner: int
) -> tuple[list[int], float] | None:
    """The run of free clauses of ``many`` around ``partner`` that says the very words of one
    clause of the other side (``bare``, as ``_Side.words`` reads them), if one does:
    letters and digits alike, where the paragraphs break and the punctuation aside (a PDF copy
    drops a hyphen it broke a line at: "Indo-" / "Pacific" → "IndoPacific"), the parts' own
    numbers said or not ("… the United States. 2. Cambodia shall …"). Each part says some
    words, and the pair alone does not say them all."""
    if many.words(partner) == bare:
        return None
    free_set = set(free)
    near = range(max(partner - MAX_PARTS + 1, 0), min(partner + MAX_PARTS, len(many.full)))
    words = {p: many.words(p) for p in near if p in free_set}
    for start in range(partner, partner - MAX_PARTS, -1):
        if not words.get(start):
            break
        for end in range(max(start + 1, partner), start + MAX_PARTS):
            if not words.get(end):
                break
            joined = "".join(words[p] for p in range(start, end + 1))
            numbered = words[start] + "".join(
                strict_key(many.labels[p]) + words[p] for p in range(start + 1, end + 1)
            )
            if bare in (joined, numbered):
                return list(range(start, end + 1)), 100.0
            if len(joined) > len(bare):
                break
    return None


def label_shape(label: str | None) -> str:
    """A label with its number taken out: "（三）" and "（一）" have one shape, "三、" another,
    "Article 2.5" and "Article 3.1" one, no label the empty one.

    >>> label_shape("（三）"), label_shape("Article 2.5"), label_shape(None)
    ('（#）', 'Article #.#', '')
    """
    return _NUMBER_RUN.sub("#", label) if label else ""


# A heading is a short line that ends no sentence ("Climate", "二、2022年经济社会发展总体要求和
# 政策取向", "Article 3", "Humanitarian Assistance and Disaster Relief (HADR)"); a paragraph
# ends its last sentence, with any bracket or quote that closes after it.
HEADING_CHARS = 100
_SENTENCE_END = re.compile(r"[。．.！!？?；;：:…][)）\]」』”’\"']*\s*$")


def _kind(key: str) -> str:
    return "heading" if len(key) <= HEADING_CHARS and not _SENTENCE_END.search(key) else "text"


MAX_SECTION = 12  # most clauses a section merged into one paragraph (or split from one) holds
SECTION_RATIO = 1.5  # how far a section and a paragraph must stand ahead of their next best
# The share of unrelated paragraph pairs a paragraph of a section merged whole into one must
# stand above in what it shares with that one.
MEMBER_SHARE = 0.75
GROWN_PART = 300  # most free paragraphs of a part read for one grown into a section
CROSS_SCORE = 90  # similarity (0..100) at which a clause pairs across two paired parts
HEAD_FLOOR = 40  # heading similarity (0..100) that pairs two top-level sections
SAME_HEAD = 90  # heading similarity that reads two headings as one ("HEALTH", "Health")
OPENING, CLOSING = -2, -3  # the parts of a sectioned document before and after its sections


def _paired_sections(left: _Side, right: _Side) -> tuple[dict[int, int], dict[int, int]]:
    """The top-level sections of two documents paired by their headings, in order: a report's
    "2021年工作回顾" is the next year's "过去一年和五年工作回顾", its "2022年政府工作任务" the next
    one's "对今年政府工作的建议", by their words or by the part of a report they play
    (``_paired_by_part``); a section whose heading reads like none stays unpaired. And, apart,
    the numbered sections paired by their place between those."""
    heads = [_top_heads(left), _top_heads(right)]
    if not heads[0] or not heads[1] or len(heads[0]) * len(heads[1]) > ROLE_CELLS:
        return {}, {}  # none, or thousands of sections: the guard is for a report's few
    score = {}
    roles = [
        {p: _part_role(side.keys[p]) for p in found}
        for side, found in zip((left, right), heads, strict=True)
    ]
    for i in heads[0]:
        for j in heads[1]:
            # Two headings that say which part of a report they are say it of different parts:
            # 2015's "2015年工作总体部署" is 2018's requirements, not its "对2018年政府工作的建议",
            # whatever words the two share.
            if roles[0][i] and roles[1][j] and roles[0][i] != roles[1][j]:
                continue
            s = _head_similarity(left.keys[i], right.keys[j])
            if s >= HEAD_FLOOR:
                score[(i, j)] = s
    paired = ordered_matching(heads[0], heads[1], score)
    paired = _paired_by_part(left, right, heads, paired)
    # Between two sections paired by their words (or the start and the end), as many numbered
    # sections on each side, numbered alike, are the same parts of one plan in order: 2013's
    # "二、今年经济社会发展的总体要求…" is 2014's "二、2014年工作总体部署". Not a part on a
    # five-year plan and one that is not: 2021's "二、“十三五”时期发展成就…" stands where 2022
    # sets "二、2022年经济社会发展总体要求…", and most readers keep the two apart.
    by_slot: list[tuple[int, int]] = []
    bounds = [(-1, -1), *paired, (len(left.keys), len(right.keys))]
    for (a, b), (c, d) in pairwise(bounds):
        lefts = [i for i in heads[0] if a < i < c]
        rights = [j for j in heads[1] if b < j < d]
        if len(lefts) != len(rights):
            continue
        slot = list(zip(lefts, rights, strict=True))
        if all(
            left.shapes[i]
            and left.shapes[i] == right.shapes[j]
            and bool(_FIVE_YEAR.search(left.keys[i])) == bool(_FIVE_YEAR.search(right.keys[j]))
            for i, j in slot
        ):
            by_slot += slot
    return {OPENING: OPENING, CLOSING: CLOSING, **dict(paired)}, dict(by_slot)


# What a report's top-level part is for, by the words its heading uses, first match first: the
# year's general requirements (总体部署, 总体要求, 政策取向), the review of past work (回顾), the
# work of the year ahead (2021年重点工作, 对今年政府工作的建议, 2022年政府工作任务).
_PART_ROLES = (
    ("requirements", re.compile("总体部署|总体要求|政策取向")),
    ("review", re.compile("回顾")),
    ("plan", re.compile("今年|重点工作|工作任务|主要任务|建议")),
)


# A part on a five-year plan ("“十三五”时期主要目标任务和重大举措"): most readers do not take
# it for the year's requirements that stand in its place in another year's report.
_FIVE_YEAR = re.compile("十[一二三四五六七八九]五|五年规划")


def _part_role(heading: str) -> str:
    return next((role for role, cue in _PART_ROLES if cue.search(heading)), "")


def _paired_by_part(
    left: _Side, right: _Side, heads: list[list[int]], paired: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """``paired``, with the two top-level sections left unpaired that alone in their documents
    play one part of a report, where they keep the order: 2021's "2021年重点工作" and 2023's
    "对今年政府工作的建议" share a word, but both set out the year's work, and 2021's plans are
    no part of 2023's five-year review however alike their lines read."""
    done = ({i for i, _ in paired}, {j for _, j in paired})
    found = list(paired)
    for role, _ in _PART_ROLES:
        lefts = [i for i in heads[0] if i not in done[0] and _part_role(left.keys[i]) == role]
        rights = [j for j in heads[1] if j not in done[1] and _part_role(right.keys[j]) == role]
        if len(lefts) != 1 or len(rights) != 1:
            continue
        i, j = lefts[0], rights[0]
        if all((a < i) == (b < j) for a, b in found):
            found.append((i, j))
    return sorted(found)


def _reviews(side: _Side) -> dict[int, bool]:
    """Whether each top-level section of a report reviews past work, where its heading says
    what part it is (``_part_role``), and for the sections after the year's requirements or work
    whose headings do not: 2015 sets its year's work out in four sections named by topic."""
    found: dict[int, bool] = {}
    ahead = False
    for p in _top_heads(side):
        role = _part_role(side.keys[p])
        if role:
            found[p] = role == "review"
            ahead = ahead or role != "review"
        elif ahead:
            found[p] = False
    return found


def _head_similarity(a: str, b: str) -> float:
    """How alike two headings read, 0..100. "HEALTH" and "Health" are one heading: a communiqué
    sets its headings in capitals one year and not the next."""
    return fuzz.ratio(a.casefold(), b.casefold())


def _first_item(side: _Side, head: int) -> int | None:
    """The first labelled clause right under ``head``."""
    return next(
        (c for c in side.below.get(head, []) if side.up[c] == head and side.shapes[c]), None
    )


def _top_heads(side: _Side) -> list[int]:
    """The headings of a document's top-level sections, in order."""
    return sorted({p for p in side.section if p >= 0})


def _sections(opens: Sequence[bool], free: set[int]) -> list[list[int]]:
    """The free positions of each section (a run from one opening clause to the next, the
    opening itself left out), those with any."""
    sections: list[list[int]] = [[]]
    for p, opening in enumerate(opens):
        if opening:
            sections.append([])
        elif p in free:
            sections[-1].append(p)
    return [part for part in sections if part]


_SENTENCE_MARK = re.compile(r"[。．.！!？?]")


def _same_count(a: str, b: str) -> bool:
    """Whether two clauses open counting the same task: 三是 and 三是, "Second," and "second,"."""
    ma, mb = _ENUMERATED.match(a), _ENUMERATED.match(b)
    return bool(ma and mb and ma.group().lower() == mb.group().lower())


def _lead_line(key: str) -> bool:
    """One short sentence alone: a task's lead set over its detail."""
    return (
        len(key) <= LEAD_CHARS + 1
        and _LEAD_LINE_END.search(key) is not None
        and lead(key) == key[:-1]
    )


def _repeated(keys: Sequence[str]) -> set[str]:
    seen: set[str] = set()
    twice: set[str] = set()
    for key in keys:
        if len(key) < BOILERPLATE:
            (twice if key in seen else seen).add(key)
    return twice


def _two_best(scores: dict[tuple[int, int], float]) -> dict[tuple[int, int], list[float]]:
    """Each clause's two best scores among ``scores`` (left, right) -> score, keyed (side,
    position): (0, left) and (1, right)."""
    top: dict[tuple[int, int], list[float]] = {}
    for (i, j), s in scores.items():
        for key in ((0, i), (1, j)):
            best = top.setdefault(key, [0.0, 0.0])
            if s > best[0]:
                best[:] = [s, best[0]]
            elif s > best[1]:
                best[1] = s
    return top


def _mark_moves(groups: list[Group], under: Sequence[dict[int, int]]) -> None:
    """Mark moved the groups off the heaviest chain in order; a group weighs its clauses and
    the clauses each stands over (``under``, by side)."""
    both = sorted((g for g in groups if g.left and g.right), key=lambda g: min(g.left))
    # A split or merge weighs more than a pair: moving it would move more clauses.
    pairs = [
        (
            min(g.left),
            min(g.right),
            len(g.left)
            + len(g.right)
            + sum(under[0].get(i, 0) for i in g.left)
            + sum(under[1].get(j, 0) for j in g.right),
        )
        for g in both
    ]
    chain = least_moved(pairs)
    for k, g in enumerate(both):
        g.moved = k not in chain


def align(
    left: Sequence[Clause],
    right: Sequence[Clause],
    options: CompareOptions | None = None,
    *,
    check: Check = _noop,
) -> list[Group]:
    """Align two clause lists language by language.

    :param check: called between stages; raises to abandon a comparison past its time budget.

    >>> from diffsvc import normalize
    >>> a = normalize("1. The parties will meet in Canberra.\\n2. Gamma delta.").clauses
    >>> b = normalize("1. Gamma delta.\\n2. The parties will meet in Canberra soon.").clauses
    >>> [(g.left, g.right, g.moved) for g in align(a, b)]
    [([0], [1], False), ([1], [0], True)]
    """
    opts = options or CompareOptions()
    groups: list[Group] = []
    for lang in sorted({c.language for c in left} | {c.language for c in right}):
        lside = _Side([c for c in left if c.language == lang])
        rside = _Side([c for c in right if c.language == lang])
        groups += _Aligner(lside, rside, opts, check).run()
    return groups
