"""Whether a text is English: the share of English stop words, else py3langid."""

from __future__ import annotations

from functools import lru_cache

from ..resources import stopwords
from ..text import words

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


def _stop_share(lettered: list[str]) -> float:
    return sum(map(stopwords().__contains__, lettered)) / len(lettered)


def _lettered(tokens: list[str]) -> list[str]:
    """The tokens that are not numbers, lower-cased."""
    return [token.lower() for token in tokens if not token[:1].isdigit()]


def other_language(text: str, tokens: list[str]) -> tuple[str, float] | None:
    """(ISO 639-1 code, probability) of a text that is not in English, else None. Texts rich
    in English stop words (:data:`ENGLISH_SHARE`) are English at once; else their prose lines
    (:data:`PROSE_LINE_WORDS`) are, when they hold enough words; py3langid judges the rest, on
    the prose lines when they hold enough words, else on the whole text."""
    lettered = _lettered(tokens)
    if len(lettered) < MIN_LANGUAGE_WORDS:
        return None
    if _stop_share(lettered) >= ENGLISH_SHARE:
        return None
    lines = [(line, _lettered(words(line))) for line in text.splitlines()]
    prose = [(line, found) for line, found in lines if len(found) >= PROSE_LINE_WORDS]
    prose_words = [token for _, found in prose for token in found]
    if len(prose_words) >= MIN_LANGUAGE_WORDS:
        if _stop_share(prose_words) >= ENGLISH_SHARE:
            return None
        text = "\n".join(line for line, _ in prose)
    language, probability = _language_model().classify(text)
    return None if language == "en" else (language, float(probability))
