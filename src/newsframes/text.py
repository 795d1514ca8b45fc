"""Sentence splitting and word tokens shared by every stage.

Sentences come from NLTK's Punkt (Kiss & Strunk 2006) with explicit parameters, never from
a downloaded model: NLTK's data servers are unreachable here, and an untrained Punkt splits
"Jan. 12" and "U.S. Deputy". The abbreviation list is a data file
(``data/abbreviations.txt``) so that readers can extend it for their corpus.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .fastregex import occurrences
from .resources import news_abbreviations

WORD_RE = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*", re.UNICODE)
END_MARK_BEFORE_TEXT = re.compile(r"[.?!](?=.)", re.DOTALL)
"""Every Punkt boundary candidate is a sentence-end mark with more text after it."""
PLAIN_BREAK = re.compile(r"([A-Za-z]{2,})\. \S+")
"""A candidate's context "word. Next" with a word of plain letters. Punkt's first pass marks
"word." a break unless it is a listed abbreviation; with no trained collocations and no
initial or number involved, its second pass keeps the break, and a token follows it."""


@lru_cache(maxsize=1)
def _punkt():
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    class Tokenizer(PunktSentenceTokenizer):
        """Punkt deciding the common plain context (:data:`PLAIN_BREAK`) without annotating
        its tokens, which costs more than all the rest of splitting a paragraph."""

        def text_contains_sentbreak(self, text: str) -> bool:
            plain = PLAIN_BREAK.fullmatch(text)
            if plain and plain[1].lower() not in self._params.abbrev_types:
                return True
            return super().text_contains_sentbreak(text)

    params = PunktParameters()
    params.abbrev_types = set(news_abbreviations())
    return Tokenizer(params)


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in one paragraph (sentences never cross paragraphs).

    A paragraph with no sentence-end mark before its last character has no boundary
    candidate: it is one sentence up to its trailing space, as Punkt would find."""
    if END_MARK_BEFORE_TEXT.search(paragraph) is None:
        end = len(paragraph.rstrip())
        return [(0, end)] if end else []
    return list(_punkt().span_tokenize(paragraph))


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of one paragraph, as text."""
    return [paragraph[a:b] for a, b in sentence_spans(paragraph)]


def words(text: str) -> list[str]:
    """Word tokens (letters/digits, keeping inner hyphens, apostrophes and periods as in U.S)."""
    return WORD_RE.findall(text)


def written_after_a_word(text: str, word: str) -> bool:
    """Whether ``word`` occurs in ``text`` after a word character or a comma and a space, and
    ends at a word boundary (inside a sentence, not at its start): what ``re.search`` of the
    lookbehind ``[\\w,] ``, the escaped word and ``\\b`` finds, without compiling a pattern
    per word."""
    return any(_after_a_word(text, at, at + len(word)) for at in occurrences(text, word))


def _is_word_char(text: str, at: int) -> bool:
    """Whether ``text[at]`` exists and is a word character (``\\w`` of ``re``)."""
    return 0 <= at < len(text) and (text[at].isalnum() or text[at] == "_")


def _after_a_word(text: str, start: int, end: int) -> bool:
    """:func:`written_after_a_word` at one occurrence, ``text[start:end]``."""
    after_word = start >= 2 and text[start - 1] == " "
    after_word = after_word and (text[start - 2] == "," or _is_word_char(text, start - 2))
    return after_word and _is_word_char(text, end - 1) != _is_word_char(text, end)
