"""Whether a text is English: the share of English stop words, else py3langid."""

from __future__ import annotations

from functools import lru_cache

from ..resources import stopwords

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


def other_language(text: str, tokens: list[str]) -> tuple[str, float] | None:
    """(ISO 639-1 code, probability) of a text that is not in English, else None. Texts rich
    in English stop words (:data:`ENGLISH_SHARE`) are English at once; py3langid judges the rest."""
    lettered = [token.lower() for token in tokens if not token[:1].isdigit()]
    if len(lettered) < MIN_LANGUAGE_WORDS:
        return None
    stop = stopwords()
    if sum(1 for token in lettered if token in stop) >= ENGLISH_SHARE * len(lettered):
        return None
    language, probability = _language_model().classify(text)
    return None if language == "en" else (language, float(probability))
