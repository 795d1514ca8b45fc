"""Cue finding's shortcuts give what the slower forms they replace give: where quotes lie by
binary search (``quote_spans.QuoteCover``), a word written inside a sentence
(``cues.named_elsewhere``) without a regex per word, where a sentence starts
(``cues.sentence_start_before``) and which cues lie in a stretch of text (``cues.cues_between``)
without reading from the paragraph's start, a name's relative clause
(``attribution.relative_floor``) searched from near the verb only, and the attribution after a
quote (``cues.cue_after_quote``) read in the text up to the paragraph's end, not in a copy."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsframes.compare.attribution import RELATIVE_AFTER_NAME, relative_floor
from newsframes.compare.cues import (
    SENTENCE_END,
    Cue,
    WordsAfterAWord,
    cue_after_quote,
    cues_between,
    named_elsewhere,
    paragraph_end,
    paragraph_start,
    sentence_start_before,
)
from newsframes.compare.quote_sources import previous_paragraph_start
from newsframes.compare.quote_spans import (
    QuoteCover,
    QuoteSpan,
    last_visible,
    quote_spans,
    visible_end,
)
from newsframes.compare.speakers import mask_abbreviations

SPAN = st.tuples(
    st.integers(0, 200), st.integers(0, 60), st.one_of(st.none(), st.integers(0, 60))
).map(lambda t: QuoteSpan(t[0], None if t[2] is None else t[0] + t[2], t[0], t[0] + t[1], 0, 0))


@given(spans=st.lists(SPAN, max_size=12), offset=st.integers(0, 280))
def test_quote_cover_answers_as_reading_every_quote(spans, offset):
    cover = QuoteCover(spans)
    assert cover.covers(offset) == any(s.open_mark <= offset < s.end for s in spans)
    closes = [s.close_mark + 1 for s in spans if s.close_mark is not None and s.close_mark < offset]
    assert cover.after_last_close(offset) == max(closes, default=0)


@given(
    spans=st.lists(SPAN, max_size=6),
    bounds=st.lists(st.tuples(st.integers(0, 200), st.integers(0, 260)), max_size=6),
    offset=st.integers(0, 280),
)
def test_quote_cover_of_spans_and_bounds_answers_as_reading_every_one(spans, bounds, offset):
    covered = any(s.open_mark <= offset < s.end for s in spans) or any(
        a <= offset < b for a, b in bounds
    )
    assert QuoteCover(spans, bounds).covers(offset) == covered


@given(
    text=st.text(alphabet='a .!?"”»\n\t', max_size=40),
    offset=st.integers(0, 45),
    floor=st.integers(0, 45),
)
def test_sentence_start_before_answers_as_reading_from_the_floor(text, offset, floor):
    start = floor
    for m in SENTENCE_END.finditer(text, floor, offset):
        start = m.end()
    assert sentence_start_before(text, offset, floor) == start


@given(text=st.text(alphabet="a \n\t.", max_size=30), offset=st.integers(0, 35))
def test_paragraph_bounds_answer_as_finding_the_line_breaks(text, offset):
    assert paragraph_start(text, offset) == text.rfind("\n", 0, offset) + 1
    found = text.find("\n", offset)
    assert paragraph_end(text, offset) == (len(text) if found < 0 else found)


@given(text=st.text(alphabet="a \n\t.\u00a0\u2003,", max_size=30), start=st.integers(0, 30))
def test_last_visible_is_the_last_character_left_by_stripping(text, start):
    for end in range(len(text) + 1):
        assert last_visible(text, start, end) == text[start:end].rstrip()[-1:]
        assert visible_end(text, start, end) == start + len(text[start:end].rstrip())


@given(text=st.text(alphabet="a \n\t:", max_size=30), para_start=st.integers(0, 35))
def test_previous_paragraph_start_answers_as_stripping_the_text_before(text, para_start):
    body = text[:para_start].rstrip()
    expected = body.rfind("\n") + 1 if body else -1
    assert previous_paragraph_start(text, para_start) == expected


@given(
    starts=st.lists(st.integers(0, 50), max_size=12).map(sorted),
    start=st.integers(0, 55),
    end=st.integers(0, 55),
)
def test_cues_between_are_the_cues_whose_verb_starts_there(starts, start, end):
    cues = [Cue(at, at + 4, "said", "Roe", max(0, at - 4), "") for at in starts]
    expected = [cue for cue in cues if start <= cue.verb_start < end]
    assert cues_between(cues, start, end) == expected


@settings(max_examples=500)
@given(
    left=st.lists(
        st.sampled_from(
            ["Jane Roe", "Talks were led by ", ", ", "; ", ", who chairs it", " whose aide", "— "]
        ),
        max_size=12,
    ).map("".join)
)
def test_a_relative_clause_is_found_from_its_floor_as_from_the_start(left):
    whole, near = (
        RELATIVE_AFTER_NAME.search(left),
        RELATIVE_AFTER_NAME.search(left, relative_floor(left)),
    )
    assert (whole and (whole.span(), whole["name"])) == (near and (near.span(), near["name"]))


WORDS = st.text(alphabet="Ab ,.é_1\n", min_size=1, max_size=6)


@settings(max_examples=500)
@given(
    text=st.text(alphabet="Ab ,.é_1\n²’'-\u2024", max_size=40),
    word=WORDS | st.text(alphabet="Abé_1²’'-\u2024", min_size=1, max_size=4),  # in a set
)
@example(text="Roe, Ab.", word="Ab")  # after a comma
@example(text="Ab b", word="Ab")  # only where a sentence starts
@example(text="b Ab_1 Ab1 Ab", word="Ab")  # a longer word first
@example(text="b Ab b.", word="Ab b")  # not a word alone: searched for
@example(text="b Ab.b", word="Ab.")
@example(text="b O'Roe O’", word="O’")  # a run's word boundary
@example(text="b Ab-", word="Ab-")  # not at the run's end
def test_named_elsewhere_answers_as_its_regex(text, word):
    """Searched for, or looked up among the words a text writes after a word (as once a text
    has been asked many words), a word is written after a word as the regex finds it."""
    regex = re.search(rf"(?<=[\w,] ){re.escape(word)}\b", text)
    assert named_elsewhere(text, word) == bool(regex)
    assert WordsAfterAWord(text, searches=0).written(word) == bool(regex)


QUOTED = st.sampled_from(["“We will,”", "“No.”", "“Is it?”", "“It is”", "“Fine,”"])
AFTER_QUOTE = st.sampled_from(
    [
        " said Jane Roe, a senior fellow at the institute.",
        " said her aide, John Doe.",
        " said the party’s aide, John Doe",  # the paragraph’s end closes it
        " Roe asked",
        " she said.",
        " Roe asked voters.",
        " her spokesman, John Doe, said on Monday",
        " officials say",
        " said Mr. Roe",
        " But Roe told reporters in Ohio.",
        ", the minister said, ",
        " and",
        "",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    paragraph=st.lists(st.tuples(QUOTED, AFTER_QUOTE), min_size=1, max_size=6),
    before=st.sampled_from(["", "Talks ended. “Yes,” said Roe\n\n", "Roe spoke.\n\n"]),
    after=st.sampled_from(["", "\n\nRoe said the talks ended.", "\n\n said Jane Doe, an aide."]),
)
def test_the_attribution_after_a_quote_is_read_in_its_paragraph_alone(paragraph, before, after):
    """Matched in the whole text from the closing mark to the paragraph's end, the attribution
    after each quote of a paragraph is the one found in that paragraph standing alone (offsets
    shifted): nothing after the paragraph's end (a blank line) is read, whatever it says."""
    alone = "".join(quoted + attribution for quoted, attribution in paragraph)
    whole = before + alone + after
    masked_alone, masked_whole = mask_abbreviations(alone), mask_abbreviations(whole)
    shift = len(before)
    in_whole = [s for s in quote_spans(whole) if shift <= s.open_mark < shift + len(alone)]
    spans = quote_spans(alone)
    assert len(in_whole) == len(spans)
    for span, whole_span in zip(spans, in_whole):
        found, whole_found = (
            cue_after_quote(masked_alone, span),
            cue_after_quote(masked_whole, whole_span),
        )
        assert (found is None) == (whole_found is None)
        if found is not None:
            assert whole_found.subject_start - shift == found.subject_start
            assert whole_found.verb_start - shift == found.verb_start
            assert (whole_found.verb, whole_found.subject, whole_found.apposition) == (
                found.verb,
                found.subject,
                found.apposition,
            )


AFTER_QUOTE_PIECES = [
    " ",
    ",",
    "”",
    ".",
    ";",
    "?",
    "—",
    "Jane Roe",
    "the official",
    "Sen\u2024 Doe",
    "a fellow at X",
    "said",
    "says",
    "told",
    "warned",
    "pointed out",
    "officials say",
    "also",
    "quickly",
    "saying",
    "Said",
    "\n",
]


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(AFTER_QUOTE_PIECES), max_size=14))
def test_a_subject_first_attribution_is_tried_only_where_its_verb_may_be(pieces):
    """cue_after_quote skips the subject-first pattern when no reporting verb stands before the
    first stop mark (verb_before_stop): that never drops a match of the pattern."""
    from newsframes.compare.cues import after_quote_res, verb_before_stop

    text = "“We will,”" + "".join(pieces)
    base, end = len("“We will,”"), len(text)
    if after_quote_res()[1].match(text, base, end):
        assert verb_before_stop(text, base, end), text


def test_a_subject_first_attribution_needs_a_verb_before_the_sentence_stops():
    from newsframes.compare.cues import after_quote_res, verb_before_stop

    for rest, verb in (
        (" Jane Roe, a fellow at X, said.", True),
        (" the deal is off. Roe said", False),
    ):
        text = "“We will,”" + rest
        assert verb_before_stop(text, 10, len(text)) is verb
        assert (after_quote_res()[1].match(text, 10, len(text)) is not None) is verb
