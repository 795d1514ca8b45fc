"""Sentence sentiment with NLTK's VADER, skipping the work for sentences it must score neutral.

VADER (Hutto & Gilbert 2014) gives a word a non-zero valence only when the word, lower-cased,
is in its lexicon; boosters, negations, "but", capitals and "!"/"?" only rescale such valences.
A sentence none of whose words can be a lexicon entry therefore always scores
``{neg 0, neu 1, pos 0, compound 0}`` (all zero when it has no word of two or more
characters). :func:`fast_polarity` checks that cheaply and calls VADER only otherwise; the
result equals ``polarity_scores`` exactly, and is several times faster on news text.
"""

from __future__ import annotations

import re
import string

_PUNCTUATION = re.compile(f"[{re.escape(string.punctuation)}]")  # VADER's REGEX_REMOVE_PUNCTUATION
NEUTRAL = {"neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.0}
EMPTY = {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}


def may_have_valence(lexicon, sentence: str) -> bool:
    """Whether any token VADER could form from ``sentence`` is in its lexicon.

    VADER's tokens are the whitespace tokens of the sentence, some replaced by the same token
    with one leading or trailing punctuation mark removed, which is a whitespace token of the
    sentence with all punctuation removed; both sets are checked (a superset of VADER's tokens).
    """
    return (any(token.lower() in lexicon for token in sentence.split())
            or any(token.lower() in lexicon for token in _PUNCTUATION.sub("", sentence).split()))


def fast_polarity(analyzer, sentence: str) -> dict[str, float]:
    """``analyzer.polarity_scores(sentence)``, without running VADER when the result is the
    neutral constant (see the module docstring)."""
    if may_have_valence(analyzer.lexicon, sentence):
        return analyzer.polarity_scores(sentence)
    return dict(NEUTRAL if any(len(token) > 1 for token in sentence.split()) else EMPTY)
