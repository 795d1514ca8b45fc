"""Whether a text is English: the share of English stop words, else py3langid."""

from __future__ import annotations

from functools import lru_cache
from operator import itemgetter

from ..resources import stopwords
from ..text import lowered_words

# ----------------------------------------------------------------------------- language

ENGLISH_SHARE = 0.15
"""Share of a text's words that are English stop words (:func:`~newsframes.resources.stopwords`)
from which it is taken as English without the language model: English news runs at 0.3-0.45,
German, French, Turkish or Russian text under 0.05."""
MIN_LANGUAGE_WORDS = 20  # shorter texts are not judged: too few words for either test


@lru_cache(maxsize=1)
def _language_model():
    """py3langid's model (langid.py, Lui & Baldwin 2012), loaded once per process (about 1 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


PROSE_LINE_WORDS = 8
"""A line (paragraph) of at least this many words, not counting numbers, reads as prose rather
than a table's row or a list's item. When a text holds too few English stop words in all, its
prose lines are judged alone: a news page's table of results (names, numbers, "votes") kept
beside five paragraphs of English made the whole text too poor in stop words, and py3langid
then named another language."""


def stop_word_counts(lowered: list[str]) -> tuple[int, int]:
    """(words that are not numbers, English stop words among them) of a text's lower-cased
    words (:func:`~newsframes.text.lowered_words`): no stop word starts with a digit, so every
    word is looked up, in one pass of ``map`` (a list of the words that are not numbers took a
    tenth of a document's ingestion)."""
    numbers = sum(map(str.isdigit, map(itemgetter(0), lowered)))
    return len(lowered) - numbers, sum(map(stopwords().__contains__, lowered))


def other_language(text: str, lowered: list[str]) -> tuple[str, float] | None:
    """(ISO 639-1 code, probability) of a text that is not in English, else None (``lowered``:
    its lower-cased words, :func:`~newsframes.text.lowered_words`). Texts rich
    in English stop words (:data:`ENGLISH_SHARE`) are English at once; else their prose lines
    (:data:`PROSE_LINE_WORDS`) are, when they hold enough words; py3langid judges the rest, on
    the prose lines when they hold enough words, else on the whole text."""
    lettered, stops = stop_word_counts(lowered)
    if lettered < MIN_LANGUAGE_WORDS:
        return None
    if stops / lettered >= ENGLISH_SHARE:
        return None
    lines = [(line, stop_word_counts(lowered_words(line))) for line in text.splitlines()]
    prose = [(line, counts) for line, counts in lines if counts[0] >= PROSE_LINE_WORDS]
    prose_words, prose_stops = (sum(counts[i] for _, counts in prose) for i in (0, 1))
    if prose_words >= MIN_LANGUAGE_WORDS:
        if prose_stops / prose_words >= ENGLISH_SHARE:
            return None
        text = "\n".join(line for line, _ in prose)
    language, probability = _language_model().classify(text)
    return None if language == "en" else (language, float(probability))
