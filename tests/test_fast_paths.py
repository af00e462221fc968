"""The engine's shortcuts agree with the plain definitions they stand in for (hypothesis).

Each fast path (NFKC after folding full width, keying a document's clauses as one joined text,
tokenising Chinese by splitting at long tokens, skipping token keys for plain ASCII, counting a
word's keys from a substring search, remembering markers by text, splitting lines at line feeds,
deleting runs to count characters, scoring a one-by-one gap directly, chaining anchors by
patience sorting, building models from the engine's typed rows unvalidated) is only worth having
if it never changes a result. These properties compare each with the straightforward code it
replaced, on text drawn from the characters where they could differ: full-width forms, combining
marks, compatibility characters, quotes, dashes, CJK, line breaks and every kind of whitespace.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise
from pathlib import Path
from random import Random

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from diffsvc import compare, normalize
from diffsvc.engine.align import (
    _SHINGLE_RE,
    Group,
    _Aligner,
    _anchor_chain,
    _mark_moves,
    _patience,
    _Rarity,
    _shingles,
    _Side,
    _weighted_chain,
)
from diffsvc.engine.inline import _CJK, _keys_itself, _spans, _tokens, diff_spans, tokenize
from diffsvc.engine.normalize import Seen, repair
from diffsvc.engine.normalize.markers import _PATTERNS, _head, parse_marker
from diffsvc.engine.normalize.repair import Line, _width
from diffsvc.engine.normalize.segment import detect_language, detect_languages
from diffsvc.errors import InputError
from diffsvc.models import Clause, ClauseKind, CompareOptions, Comparison, Entry, Section
from diffsvc.text import keys
from diffsvc.text.keys import match_key, match_keys, nfkc, token_key

TRICKY = (
    "aZz09 ,.;:'\"`-_/()\t\n\r\x0b\x0c\x1c\u00a0\u2002\u3000"
    "—–‐“”‘’″´…、。《》「」·・著"
    "０９ＡＺａｚ，（）！\uff61ﬁ①㈠\u0301\u0308é"
    "中國应應聯联の한\u1100\u1161😀"
)
tricky_text = st.text(alphabet=TRICKY, max_size=24)
ascii_text = st.text(alphabet=[chr(c) for c in range(128)], max_size=24)
FIXTURES = Path(__file__).parent.parent / "fixtures"
MANY = settings(max_examples=400, deadline=None)


def _reference_key(text: str) -> str:
    """match_key as first written: NFKC, translate, dash runs, t2s, two whitespace passes."""
    folded = unicodedata.normalize("NFKC", text).translate(keys._QUOTES)
    folded = re.sub(r"-{2,}", "-", folded)
    folded = keys.to_simplified(folded)
    folded = re.sub(r"(?<=[A-Za-z0-9])\s+(?=[A-Za-z0-9])", "\x00", folded)
    return re.sub(r"\s+", "", folded).replace("\x00", " ").strip()


@MANY
@given(tricky_text)
def test_nfkc_is_unicode_nfkc(text: str) -> None:
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


@MANY
@given(tricky_text.filter(bool))
def test_long_texts_fold_as_short_ones(text: str) -> None:
    # From keys._LONG characters the width and quote tables apply pair by pair.
    long = text * (keys._LONG // len(text) + 1)
    assert nfkc(long) == unicodedata.normalize("NFKC", long)
    assert match_key(long) == _reference_key(long)


@MANY
@given(tricky_text)
def test_match_key_equals_its_plain_definition(text: str) -> None:
    assert match_key(text) == _reference_key(text)


# OpenCC converts 乾 alone to 干 but keeps it in 乾隆: phrases must not reach across texts. NFKC
# turns ¨ into a space and a combining mark: a space at a text's edge that folding made.
phrase_text = st.text(alphabet=TRICKY + "乾隆頭髮著作\n\u00a8", max_size=12)


@MANY
@given(st.lists(phrase_text, max_size=8))
def test_keys_of_joined_texts_equal_keys_one_by_one(texts: list[str]) -> None:
    assert match_keys(texts) == [match_key(t) for t in texts]


@pytest.mark.parametrize("case", ["seed-next-year", "npc-resolution", "trad-pinyin-vs-simplified"])
def test_keys_of_a_documents_lines_equal_keys_one_by_one(case: str) -> None:
    for name in ("a.txt", "b.txt"):
        lines = (FIXTURES / case / name).read_text(encoding="utf-8").splitlines()
        assert match_keys(lines) == [match_key(t) for t in lines]


@MANY
@given(tricky_text)
def test_tokens_are_those_of_one_plain_pattern(text: str) -> None:
    plain = re.compile(rf"[^\W_{_CJK}]+(?:['’.,/\-][^\W_{_CJK}]+)*|\s+|[{_CJK}]|.", re.S)
    assert tokenize(text) == plain.findall(text)


REPETITIVE = 'ab a,1 \t\u3000中国應应“"．.-'  # few characters: many ways to align the same texts
repetitive_text = st.text(alphabet=REPETITIVE, max_size=12)


@settings(max_examples=2000, deadline=None)
@given(
    st.one_of(repetitive_text, tricky_text),
    repetitive_text,
    repetitive_text,
    st.one_of(repetitive_text, tricky_text),
)
def test_inline_diff_of_the_middle_is_the_diff_of_the_whole(
    opening: str, left: str, right: str, closing: str
) -> None:
    # Two versions of a sentence share their opening and closing; the diff computed on the
    # middle with each of those as one token must be the diff of the whole, span for span.
    assume(left != right)
    a, b = opening + left + closing, opening + right + closing
    assert diff_spans(a, b) == _spans(*_tokens(a, b, "char"))


@MANY
@given(ascii_text)
def test_ascii_text_said_to_key_itself_does(text: str) -> None:
    tokens = tokenize(text)
    if _keys_itself(text):
        assert [token_key(t) for t in tokens] == tokens


@MANY
@given(st.lists(st.one_of(ascii_text, tricky_text), max_size=8), st.integers(0, 3))
def test_rarity_by_substring_search_equals_counting_every_key(texts: list[str], limit: int) -> None:
    # Keys never hold a line break; the search relies on that to tell keys apart.
    key_list = [match_key(t) for t in texts]
    shingled = [_shingles(k) for k in key_list]
    rarity = _Rarity(key_list, limit)
    for gram in sorted(frozenset().union(*shingled)):
        assert rarity.is_rare(gram) == (sum(gram in sh for sh in shingled) <= limit)
    for k in key_list:
        if k.isascii():
            assert _shingles(k) == frozenset(_SHINGLE_RE.findall(k.casefold()))


@MANY
@given(tricky_text)
def test_width_counts_wide_characters_twice(text: str) -> None:
    wide = re.compile(
        "[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
    )
    head = text[:400]
    assert _width(text) == len(head) + len(wide.findall(head))


@MANY
@given(tricky_text)
def test_language_by_counting_runs_equals_counting_characters(text: str) -> None:
    sample = text[:120]
    han = len(re.findall(f"[{keys.HAN}\u3040-\u30ff\uac00-\ud7af]", sample))
    latin = len(re.findall(r"[A-Za-z\u00c0-\u024f]", sample))
    expected = "und" if han == 0 and latin == 0 else "zh" if han * 3 >= latin else "en"
    assert detect_language(text) == expected


@MANY
@given(st.lists(st.text(alphabet=TRICKY, max_size=200), max_size=8))
def test_languages_counted_in_one_pass_are_each_texts_language(texts: list[str]) -> None:
    # Texts longer than the sample, texts holding line feeds (which would shift the counts of
    # the ones after them), empty texts and pure-ASCII batches.
    assert detect_languages(texts) == [detect_language(t) for t in texts]


SCHEMES = [name for name, _ in _PATTERNS]
# Lines as lists open them ("2023." a year or an item, "(i)" a letter or a numeral after "(h)"),
# with a space before them or not, and random text from the same characters.
marker_text = st.one_of(
    st.text(alphabet="0123456789.)(（）、第条一二十ivxlcIVXab Article\t\u3000中", max_size=16),
    st.builds(
        "".join,
        st.tuples(
            st.sampled_from(["", " ", "\u3000"]),
            st.sampled_from(["1. ", "2023. ", "1001. ", "(h) ", "(i) ", "i. ", "c. ", "第一条　"]),
            st.sampled_from(["Item.", "A year.", "合作。", ""]),
        ),
    ),
)


@MANY
@given(
    st.lists(marker_text, max_size=6),
    st.dictionaries(st.sampled_from(SCHEMES), st.integers(0, 30)),
)
def test_markers_remembered_by_text_equal_markers_parsed_afresh(
    texts: list[str], previous: dict[str, int]
) -> None:
    heads: dict[str, tuple[str, str] | None] = {}
    for text in texts + texts:  # the second round reads every head from the memo
        assert parse_marker(text, previous, heads=heads) == parse_marker(text, previous)
        assert parse_marker(text, with_ordinal=False, heads=heads) == parse_marker(
            text, with_ordinal=False
        )


@MANY
@given(st.one_of(marker_text, st.text(alphabet="0123456789.．)）、 \t中Aa", max_size=12)))
def test_numbered_heads_tried_first_are_the_heads_the_scheme_order_finds(text: str) -> None:
    m = re.compile("|".join(f"(?P<{name}>{pat})" for name, pat in _PATTERNS)).match(text)
    assert _head(text) == (None if m is None else (m.lastgroup, m.group()))


line_text = st.text(
    alphabet="ab 1.\t\n\r\x0b\x0c\x85\u2028\u2029\u3000\u2003\u00a0\u200b\ufeff\x00\x1f\x7f中，",
    max_size=40,
)


def _reference_lines(text: str) -> list[Line]:
    """_lines as first written: every run between line breaks found by one pattern."""
    lines: list[Line] = []
    invisible = repair._INVISIBLE.search(text) is not None
    last_end = 0
    for m in repair._LINE.finditer(text):
        raw, start = m.group(), m.start()
        stripped = (repair._INVISIBLE.sub("", raw) if invisible else raw).strip()
        if not stripped:
            continue
        gap = text[last_end:start]
        breaks = gap.count("\n") + gap.count("\r") - gap.count("\r\n")
        breaks += sum(gap.count(c) for c in "\u2028\u2029\x85\x0b\x0c")
        lead = len(raw) - len(raw.lstrip())
        folded = re.sub(r"[ \t\u00a0\u3000\u2000-\u200a\u202f\u205f]+", " ", stripped)
        lines.append(Line(folded, start + lead, start + len(raw.rstrip()), breaks >= 2, stripped))
        last_end = m.end()
    return lines


@MANY
@given(line_text)
@example("We  agree, all  of us.")  # runs of plain spaces, in a text with no odd space
@example("第一条\u3000\u3000加强 \u2003 合作")
def test_lines_split_at_line_feeds_equal_lines_found_by_pattern(text: str) -> None:
    lines = repair._lines(text)
    assert lines == _reference_lines(text)
    assert [line.width for line in lines] == [_width(line.shown) for line in lines]
    assert repair.clean_input(text) == repair._CONTROL.sub(
        lambda m: "\ufffd" if "\ud800" <= m.group() <= "\udfff" else " ", text
    )


def _side(*texts: str) -> _Side:
    return _Side(
        [
            Clause(
                index=k,
                kind=ClauseKind.paragraph,
                language="en",
                text=t,
                normalized=match_key(t),
                start=0,
                end=len(t),
            )
            for k, t in enumerate(texts)
        ]
    )


@MANY
@given(
    st.text(alphabet="abc de,", max_size=12),
    st.text(alphabet="abc de,", max_size=12),
    st.sampled_from([0.0, 50.0, 0.6 * 100, 0.8 * 100]),
    st.booleans(),
)
def test_a_one_by_one_gap_pairs_as_the_score_matrix_would(
    a: str, b: str, cutoff: float, distinct: bool
) -> None:
    # A second right clause sharing no character with the left scores 0 and cannot pair, but
    # sends the gap through process.cdist: the pairs made must be the same as the direct ones.
    options = CompareOptions()
    direct = _Aligner(_side(a), _side(b), options, lambda: None)
    direct._greedy([0], [0], cutoff, distinct=distinct)
    matrix = _Aligner(_side(a), _side(b, "§"), options, lambda: None)
    matrix._greedy([0], [0, 1], cutoff, distinct=distinct)
    assert (direct.l2r, direct.score) == (matrix.l2r, matrix.score)


@MANY
@given(st.lists(st.integers(0, 40), max_size=30, unique=True) | st.lists(st.integers(0, 8)))
def test_patience_chain_is_as_long_as_the_weighted_chain(rights: list[int]) -> None:
    # Longer inputs than the exhaustive test below can try, right positions shared or not.
    pairs = [(2 * i, r, 1) for i, r in enumerate(rights)]
    chain = sorted(_patience(pairs)[0])
    assert len(chain) == len(_weighted_chain(pairs))
    assert all(pairs[a][1] < pairs[b][1] for a, b in pairwise(chain))


def _all_longest_chains(pairs: list[tuple[int, int]]) -> list[set[int]]:
    """Every longest chain increasing in both positions, by trying every subset."""
    best: list[set[int]] = []
    for mask in range(1, 1 << len(pairs)):
        chosen = [k for k in range(len(pairs)) if mask >> k & 1]
        if all(pairs[a][1] < pairs[b][1] for a, b in pairwise(chosen)):
            if not best or len(chosen) > len(best[0]):
                best = [set(chosen)]
            elif len(chosen) == len(best[0]):
                best.append(set(chosen))
    return best


@MANY
@given(st.lists(st.integers(0, 12), min_size=1, max_size=9, unique=True))
def test_patience_knows_when_its_longest_chain_is_the_only_one(rights: list[int]) -> None:
    pairs = list(enumerate(rights))
    chain, unique = _patience(pairs)
    every = _all_longest_chains(pairs)
    assert chain in every
    assert unique == (len(every) == 1)


def test_tied_anchors_keep_the_pair_that_moved_least() -> None:
    # Clause 5 moved up to 1, or clause 2 moved down past it: either chain is as long, and the
    # pair that stayed (2 -> 3) is the anchor, whichever side is left. Mirror images that stay
    # tied (0 -> 1 against 1 -> 0) anchor nothing.
    assert _anchor_chain([(2, 3), (5, 1), (7, 7)]) == [(2, 3), (7, 7)]
    assert _anchor_chain([(1, 5), (3, 2), (7, 7)]) == [(3, 2), (7, 7)]
    assert _anchor_chain([(0, 1), (1, 0), (4, 4)]) == [(4, 4)]


@MANY
@given(st.lists(st.integers(0, 20), max_size=16, unique=True))
def test_anchors_are_the_same_whichever_side_is_left(rights: list[int]) -> None:
    pairs = list(enumerate(rights))
    swapped = sorted((j, i) for i, j in pairs)
    anchors = _anchor_chain(pairs)
    assert sorted((j, i) for i, j in _anchor_chain(swapped)) == anchors
    assert all(a[1] < b[1] for a, b in pairwise(anchors))  # still a chain


@MANY
@given(st.lists(st.integers(0, 40), max_size=30, unique=True), st.integers(1, 5))
def test_equal_weights_chain_as_unit_weights(rights: list[int], weight: int) -> None:
    pairs = [(i, r, weight) for i, r in enumerate(rights)]
    assert _weighted_chain(pairs) == _weighted_chain([(i, r, 1) for i, r, _ in pairs])


@pytest.mark.parametrize(
    "case", sorted(p.name for p in FIXTURES.iterdir() if (p / "a.txt").exists())
)
def test_models_built_unvalidated_are_what_validation_builds(case: str) -> None:
    # Clauses, entries, spans and changes are built with models.trusted(); validating the
    # comparison's JSON contract back must give an equal model and the same bytes.
    a, b = ((FIXTURES / case / n).read_text(encoding="utf-8") for n in ("a.txt", "b.txt"))
    result = compare(a, b)
    dumped = result.model_dump_json()
    again = Comparison.model_validate_json(dumped)
    assert again == result
    assert again.model_dump_json() == dumped
    assert [e.model_fields_set for e in again.alignment] == [
        e.model_fields_set for e in result.alignment
    ]
    # The JSON contract is written by orjson; pydantic's own writer must give the same bytes,
    # for the comparison and for each document (the API serves documents alone too).
    assert dumped == BaseModel.model_dump_json(result)
    for doc in (result.left, result.right):
        assert doc.model_dump_json() == BaseModel.model_dump_json(doc)


def test_changing_one_trusted_model_leaves_the_others_as_they_were() -> None:
    # Models built by trusted() share their set of field names: assignment, copies and
    # exclude_unset dumps must behave as they do for models built one by one.
    result = compare("1. We agree.\n2. We meet.", "1. We agreed.\n2. We meet.")
    first, second = result.alignment
    before = second.model_dump(exclude_unset=True)
    first.moved = True
    copied = first.model_copy(update={"similarity": 0.5})
    assert second.model_dump(exclude_unset=True) == before == second.model_dump()
    assert copied.model_fields_set == set(Entry.model_fields) == second.model_fields_set
    assert copied.model_fields_set is not second.model_fields_set
    assert (copied.moved, copied.similarity, second.moved) == (True, 0.5, False)


@MANY
@given(st.text(max_size=200), st.text(alphabet=TRICKY, max_size=200))
def test_json_contract_is_written_as_pydantic_writes_it(a: str, b: str) -> None:
    # Arbitrary text (controls, surrogates, astral characters) and tricky Chinese and width
    # forms: the JSON escapes, numbers and enum values must match pydantic's byte for byte.
    try:
        result = compare(a, b)
    except InputError:
        return
    assert result.model_dump_json() == BaseModel.model_dump_json(result)


def test_json_writer_falls_back_to_pydantic_for_what_orjson_refuses() -> None:
    # orjson stops at 64-bit integers; pydantic writes any int, so the contract still comes out.
    big = Section(language="en", first=0, last=2**70)
    assert big.model_dump_json() == f'{{"language":"en","first":0,"last":{2**70}}}'
    # Options (indent, exclude_none, ...) are pydantic's to honour.
    assert big.model_dump_json(indent=1) == BaseModel.model_dump_json(big, indent=1)
    # The engine version is serialised under its alias, as the contract names it.
    result = compare("1. We agree.", "1. We agreed.")
    assert '"version":{"schema":"1.0","engine":' in result.model_dump_json()


@MANY
@given(st.lists(st.tuples(st.integers(1, 3), st.integers(1, 3)), max_size=9), st.randoms())
def test_moves_weigh_split_and_merged_groups(sizes: list[tuple[int, int]], rnd: Random) -> None:
    # The clauses left in place are the heaviest chain (a split or merge weighs its clauses),
    # and of the equally heavy chains, the one whose clauses moved least: every chain is tried.
    rights = list(range(len(sizes)))
    rnd.shuffle(rights)
    groups = [
        Group(list(range(3 * i, 3 * i + a)), list(range(3 * r, 3 * r + b)), 100.0)
        for i, ((a, b), r) in enumerate(zip(sizes, rights, strict=True))
    ]
    _mark_moves(groups)
    kept = [g for g in groups if not g.moved]

    def weight(chain: list[Group]) -> int:
        return sum(len(g.left) + len(g.right) for g in chain)

    def moved(chain: list[Group]) -> int:
        return sum(abs(g.left[0] - g.right[0]) for g in chain)

    subsets = (
        [g for k, g in enumerate(groups) if mask >> k & 1] for mask in range(1 << len(groups))
    )
    chains = [c for c in subsets if all(a.right[0] < b.right[0] for a, b in pairwise(c))]
    assert kept in chains
    heaviest = max(map(weight, chains))
    assert weight(kept) == heaviest
    assert moved(kept) == min(moved(c) for c in chains if weight(c) == heaviest)


def test_the_clause_that_travelled_further_is_the_one_moved() -> None:
    # Clause 5 went up to 1, or clause 2 went down past it: the first, whichever side is left.
    forward = [Group([2], [3], 100.0), Group([5], [1], 100.0), Group([7], [7], 100.0)]
    backward = [Group([3], [2], 100.0), Group([1], [5], 100.0), Group([7], [7], 100.0)]
    _mark_moves(forward)
    _mark_moves(backward)
    assert [g.moved for g in forward] == [g.moved for g in backward] == [False, True, False]


@pytest.mark.parametrize(
    "case", sorted(p.name for p in FIXTURES.iterdir() if (p / "a.txt").exists())
)
def test_what_one_version_taught_gives_the_same_document(case: str) -> None:
    # compare() normalises both sides with one Seen, so the later version reuses the earlier
    # one's markers, languages and match keys; each document must be the one normalising it
    # alone gives, in either order.
    a, b = ((FIXTURES / case / n).read_text(encoding="utf-8") for n in ("a.txt", "b.txt"))
    seen = Seen()
    left = normalize(a, seen=seen)
    assert normalize(b, seen=seen) == normalize(b)
    assert normalize(a, seen=seen) == left == normalize(a)
    assert seen.keys and seen.languages


@MANY
@given(st.lists(tricky_text, min_size=1, max_size=6), st.lists(tricky_text, max_size=6))
def test_what_was_seen_is_reused_for_some_clauses_and_found_for_others(
    shared: list[str], own: list[str]
) -> None:
    # Clauses found in the other version interleave with new ones, some holding line breaks.
    lines = [f"{n + 1}. {t}" for n, t in enumerate(shared)]
    seen = Seen()
    normalize("\n\n".join(lines), seen=seen)
    mixed = "\n\n".join(x for pair in zip(lines, own, strict=False) for x in pair) + "\n".join(own)
    assert normalize(mixed, seen=seen) == normalize(mixed)


def test_markers_read_from_the_list_around_them_are_read_again() -> None:
    # "(i)" after "(h)" is the letter i, first in a list it is the Roman numeral one; "1000."
    # after "999." numbers an item, alone it is a number like a year. The same paragraph in
    # another version must be read in its own list, not taken from the version seen first.
    for earlier, later in (
        ("(h) We meet.\n(i) We agree on this.", "(i) We agree on this.\n(ii) We part."),
        ("999. We meet.\n1000. We agree on this.", "Preamble.\n1000. We agree on this."),
    ):
        seen = Seen()
        normalize(earlier, seen=seen)
        assert normalize(later, seen=seen) == normalize(later)
