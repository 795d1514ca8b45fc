"""Cue finding's shortcuts give what the slower forms they replace give: where quotes lie by
binary search (``quote_spans.QuoteCover``), and a word written inside a sentence
(``cues.named_elsewhere``) without a regex per word."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from newsframes.compare.cues import named_elsewhere
from newsframes.compare.quote_spans import QuoteCover, QuoteSpan

SPAN = st.tuples(
    st.integers(0, 200), st.integers(0, 60), st.one_of(st.none(), st.integers(0, 60))
).map(lambda t: QuoteSpan(t[0], None if t[2] is None else t[0] + t[2], t[0], t[0] + t[1], 0, 0))


@given(spans=st.lists(SPAN, max_size=12), offset=st.integers(0, 280))
def test_quote_cover_answers_as_reading_every_quote(spans, offset):
    cover = QuoteCover(spans)
    assert cover.covers(offset) == any(s.open_mark <= offset < s.end for s in spans)
    closes = [s.close_mark + 1 for s in spans if s.close_mark is not None and s.close_mark < offset]
    assert cover.after_last_close(offset) == max(closes, default=0)


WORDS = st.text(alphabet="Ab ,.é_1\n", min_size=1, max_size=6)


@given(text=st.text(alphabet="Ab ,.é_1\n", max_size=40), word=WORDS)
def test_named_elsewhere_answers_as_its_regex(text, word):
    regex = re.search(rf"(?<=[\w,] ){re.escape(word)}\b", text)
    assert named_elsewhere(text, word) == bool(regex)
