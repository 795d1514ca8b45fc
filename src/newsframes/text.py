"""Sentence splitting and word tokens shared by every stage.

Sentences come from NLTK's Punkt (Kiss & Strunk 2006) with explicit parameters, never from
a downloaded model: NLTK's data servers are unreachable here, and an untrained Punkt splits
"Jan. 12" and "U.S. Deputy". The abbreviation list is a data file
(``data/abbreviations.txt``) so that readers can extend it for their corpus.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

WORD_RE = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*", re.UNICODE)


@lru_cache(maxsize=1)
def news_abbreviations() -> frozenset[str]:
    """Lower-case abbreviations (without final period) that do not end a sentence."""
    lines = files("newsframes").joinpath("data/abbreviations.txt").read_text("utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def _punkt():
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(news_abbreviations())
    return PunktSentenceTokenizer(params)


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in one paragraph (sentences never cross paragraphs)."""
    return list(_punkt().span_tokenize(paragraph))


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of one paragraph, as text."""
    return [paragraph[a:b] for a, b in sentence_spans(paragraph)]


def words(text: str) -> list[str]:
    """Word tokens (letters/digits, keeping inner hyphens, apostrophes and periods as in U.S)."""
    return WORD_RE.findall(text)
