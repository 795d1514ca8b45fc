"""The cheap pre-filter of quote alignment (``voices.may_reach_partial_ratio``) never drops a
pair that rapidfuzz's ``partial_ratio`` would keep, the pairs' scores
(``voices.partial_ratios``) are rapidfuzz's own, and the candidate pairs
(``voices.alignment_candidates``) are those its definition names."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from newsframes.compare.voices import (
    MAX_NEEDLE_CHARS,
    alignment_candidates,
    covering_pieces,
    may_reach_partial_ratio,
    needle_trimmed,
    opening,
    partial_ratios,
    word_diff,
)

PIECE = st.text(alphabet="abcdefgh ", max_size=40)


@settings(max_examples=500, deadline=None)
@given(
    head=PIECE,
    overlap=PIECE.filter(bool),
    tail=PIECE,
    other=PIECE,
    cutoff=st.sampled_from([50.0, 70.0, 80.0, 90.0]),
)
def test_pre_filter_keeps_every_pair_partial_ratio_keeps(head, overlap, tail, other, cutoff):
    # the end of one string is the start of the other: partial_ratio's shorter edge windows
    for a, b in (
        (head + overlap, overlap + tail),
        (head + overlap + tail, other + overlap),
        (overlap, other * 3 + overlap + tail),  # a short string inside a much longer one
    ):
        if fuzz.partial_ratio(a, b) >= cutoff:
            assert may_reach_partial_ratio([a], [b], cutoff)[0], (a, b)


@settings(max_examples=300, deadline=None)
@given(length=st.integers(0, 60), width=st.integers(1, 20))
def test_covering_pieces_hold_every_window_of_at_most_width(length, width):
    text = "".join(chr(0x100 + i) for i in range(length))  # distinct letters: one place each
    pieces = covering_pieces(text, width)
    for start in range(len(text)):
        for end in range(start + 1, min(start + width, len(text)) + 1):
            assert any(text[start:end] in piece for piece in pieces), (start, end)


def test_pre_filter_drops_a_quote_whose_letters_a_long_text_holds_far_apart():
    a = "the talks ended without agreement"
    b = "".join(letter + "-q-z-w-k-" for letter in a)  # every letter of a, in order
    assert fuzz.partial_ratio(a, b) < 80 and not may_reach_partial_ratio([a], [b], 80.0)[0]


def test_pre_filter_drops_unrelated_quotes():
    a = "the alliance will not accept any limits on its open door policy"
    b = "wheat harvests in the south were poor because of a long dry summer"
    assert fuzz.partial_ratio(a, b) < 80 and not may_reach_partial_ratio([a], [b], 80.0)[0]


@settings(max_examples=100, deadline=None)
@given(pairs=st.lists(st.tuples(PIECE, PIECE), max_size=30))
def test_scores_are_partial_ratio_above_the_cutoff_and_zero_below(pairs):
    firsts, seconds = [a for a, _ in pairs], [b for _, b in pairs]
    expected = [fuzz.partial_ratio(a, b) for a, b in pairs]
    expected = [score if score >= 60 else 0.0 for score in expected]
    assert partial_ratios(firsts, seconds, 60.0).tolist() == expected


@settings(max_examples=100, deadline=None)
@given(pieces=st.lists(st.tuples(PIECE, PIECE, PIECE), max_size=8))
def test_repeated_and_nested_pairs_score_as_partial_ratio(pieces):
    # a story's reprints: the same pair again, a quote inside a longer rendering of it
    pairs = [
        pair for a, b, c in pieces for pair in ((a, a), (a, b + a + c), (b + a + c, a), (a, b))
    ] * 2
    firsts, seconds = [a for a, _ in pairs], [b for _, b in pairs]
    expected = [fuzz.partial_ratio(a, b) for a, b in pairs]
    expected = [score if score >= 60 else 0.0 for score in expected]
    assert partial_ratios(firsts, seconds, 60.0).tolist() == expected


def candidates_by_definition(norms, doc_ids, max_postings):
    """Every pair (i, j), i < j, of quotes from different documents sharing a word trigram
    that at most ``max_postings`` quotes contain, found by looking at every pair."""
    trigrams = [
        {tuple(norm.split()[k : k + 3]) for k in range(len(norm.split()) - 2)} for norm in norms
    ]
    holders = {}
    for keys in trigrams:
        for key in keys:
            holders[key] = holders.get(key, 0) + 1
    return [
        (i, j)
        for i in range(len(norms))
        for j in range(i + 1, len(norms))
        if doc_ids[i] != doc_ids[j]
        and any(holders[key] <= max_postings for key in trigrams[i] & trigrams[j])
    ]


WORDS = ["ab", "cd", "ef", "gh", "ij"]  # few, so trigrams repeat and some exceed max_postings


@settings(max_examples=200, deadline=None)
@given(
    quotes=st.lists(
        st.tuples(
            st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join),
            st.sampled_from(["d1", "d2", "d3"]),
        ),
        max_size=12,
    ),
    max_postings=st.integers(2, 5),
)
def test_alignment_candidates_are_the_pairs_sharing_a_rare_enough_trigram(quotes, max_postings):
    norms, doc_ids = [n for n, _ in quotes], [d for _, d in quotes]
    found = alignment_candidates(norms, doc_ids, max_postings)
    assert found == candidates_by_definition(norms, doc_ids, max_postings)


def transcript(n_words: int, seed: int) -> str:
    """``n_words`` words of a made-up transcript (a seeded draw from a small vocabulary)."""
    vocabulary = ["we", "will", "not", "accept", "any", "limits", "on", "the", "alliance"]
    draw = random.Random(seed)
    return " ".join(draw.choice(vocabulary) for _ in range(n_words))


def test_two_long_renderings_are_scored_by_the_opening_of_the_shorter():
    # an outlet's excerpt of a long transcript, one passage cut: the whole excerpt is not
    # found in any window of the transcript, its opening is (and scoring every window of two
    # such strings costs seconds per pair)
    full = transcript(600, seed=1)
    excerpt = full[:1200] + full[1800:]
    assert min(len(full), len(excerpt)) > MAX_NEEDLE_CHARS
    trimmed = needle_trimmed(full, excerpt)
    assert trimmed == (full, opening(excerpt, MAX_NEEDLE_CHARS))
    assert excerpt.startswith(trimmed[1]) and len(trimmed[1]) <= MAX_NEEDLE_CHARS
    score = partial_ratios([full], [excerpt], 80.0)[0]
    assert score == fuzz.partial_ratio(*trimmed) >= 80.0


@settings(max_examples=200, deadline=None)
@given(a=PIECE, b=PIECE, limit=st.integers(1, 30))
def test_a_pair_is_trimmed_only_when_both_exceed_the_limit(a, b, limit):
    trimmed = needle_trimmed(a, b, limit)
    if min(len(a), len(b)) <= limit:
        assert trimmed == (a, b)
    else:
        shorter = 0 if len(a) <= len(b) else 1
        assert trimmed[1 - shorter] == (a, b)[1 - shorter]
        assert (a, b)[shorter].startswith(trimmed[shorter]) and len(trimmed[shorter]) <= limit


def undiffed(diff: str, side: int) -> str:
    """One side of a :func:`word_diff`: the first rendering (0) or the second (1)."""
    dropped, kept = (
        (r"\{\+.*?\+\}", r"\[-(.*?)-\]") if side == 0 else (r"\[-.*?-\]", r"\{\+(.*?)\+\}")
    )
    return " ".join(re.sub(kept, r"\1", re.sub(dropped, "", diff)).split())


@pytest.mark.parametrize("n_words", [60, 900])  # the second past MAX_DIFF_WORD_PAIRS
def test_a_word_diff_holds_both_renderings_short_or_long(n_words):
    first = transcript(n_words, seed=2)
    edited = random.Random(3)
    second = " ".join(w if edited.random() > 0.1 else "changed" for w in first.split())
    diff = word_diff(first, second)
    assert undiffed(diff, 0) == first and undiffed(diff, 1) == second
