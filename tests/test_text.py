"""The text rules: match keys fold presentation away and nothing else, and the two speed paths
the load budget needs (keying a document's clauses in one pass, tokenising ASCII with the
standard library's engine) give exactly what their plain definitions give."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from diffsvc.engine.inline import diff_spans, tokenize
from diffsvc.text.keys import match_key, match_keys, strict_key
from diffsvc.text.wrap import join_lines

# Characters where folding can go wrong: full-width forms, quotes, dashes, CJK, line breaks and
# every kind of whitespace, combining marks and compatibility characters.
TRICKY = (
    "aZz09 ,.;:'\"`-_/()\t\n\r\x0b\x0c\x1c\x85\u00a0\u2002\u2028\u3000"
    "—–‐“”‘’″´…、。《》「」·・著"
    "０９ＡＺａｚ，（）！\uff61ﬁ①㈠\u0301\u0308é"
    "中國应應聯联の한\u1100\u1161😀"
)
tricky = st.text(alphabet=TRICKY, max_size=30)
ascii_text = st.text(alphabet=[chr(c) for c in range(128)], max_size=40)
MANY = settings(max_examples=400, deadline=None)


@MANY
@given(st.lists(tricky, max_size=8))
def test_a_documents_keys_in_one_pass_are_each_clauses_key(texts: list[str]) -> None:
    assert match_keys(texts) == [match_key(text) for text in texts]


@MANY
@given(tricky)
def test_a_key_is_its_own_key(text: str) -> None:
    assert match_key(match_key(text)) == match_key(text)


def test_keys_fold_presentation_not_wording() -> None:
    assert match_key("應澳大利亞聯邦警察邀請, 2023年") == match_key(
        "应澳大利亚联邦警察邀请，２０２３年"
    )
    assert match_key("“Quad”  leaders — 2023") == match_key('"Quad" leaders - 2023')
    assert match_key("in 2023") != match_key("in2023")  # a space between words is meaning
    assert strict_key("Rule of Law,") == strict_key("rule of law")
    assert strict_key("will establish") != strict_key("will explore")


@MANY
@given(ascii_text)
def test_ascii_text_tokenises_as_the_unicode_pattern_does(text: str) -> None:
    # A Chinese character at the end sends the text down the Unicode path, and is a token of
    # its own there, so what comes before it tokenises as in the text alone.
    assert tokenize(text) == tokenize(text + "中")[:-1]


def _without_final(spans: list[tuple[str, str, str, bool]], char: str) -> list[tuple[str, ...]]:
    op, left, right, editorial = spans[-1]
    assert op == "equal" and left.endswith(char) and right.endswith(char)
    rest = [(op, left[: -len(char)], right[: -len(char)], editorial)]
    return [*spans[:-1], *(s for s in rest if s[1] or s[2])]


@MANY
@given(ascii_text, ascii_text)
def test_ascii_clauses_diff_as_the_unicode_path_diffs_them(left: str, right: str) -> None:
    fast = [(s.op, s.left, s.right, s.editorial) for s in diff_spans(left, right)]
    plain = [(s.op, s.left, s.right, s.editorial) for s in diff_spans(left + "中", right + "中")]
    assert fast == _without_final(plain, "中")


def test_wrapped_lines_join_by_script() -> None:
    assert join_lines(["加强执法", "合作。"]) == "加强执法合作。"
    assert join_lines(["law enforcement", "cooperation."]) == "law enforcement cooperation."
    assert join_lines(["China-", "Australia ties"]) == "China-Australia ties"
    assert join_lines(["enforce-", "ment"], typeset=True) == "enforcement"
