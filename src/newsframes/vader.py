"""Sentence sentiment with NLTK's VADER, computed faster with exactly the same scores, and
:func:`vader`, the one accessor every stage uses (its lexicon installed on first use).

VADER (Hutto & Gilbert 2014) gives a word a non-zero valence only when the word, lower-cased,
is in its lexicon; boosters, negations, "but", capitals and "!"/"?" only rescale such valences.
:class:`Analyzer` is NLTK's analyser with the work that cannot change a score left out:

* punctuation is stripped from each token by looking at the token (:func:`strip_token`),
  where NLTK builds a dictionary over every pair of punctuation mark and word of the sentence,
  for every sentence;
* the valence rules run only for words in the lexicon (the others keep valence 0), and a
  sentence without any scores ``{neg 0, neu 1, pos 0, compound 0}`` (all zero when it has no
  word of two or more characters), as VADER's arithmetic gives for all-zero valences;
* the "but" rule runs only when the sentence has a "but".

``tests/framing/test_sentiment.py`` checks it against
``SentimentIntensityAnalyzer.polarity_scores``.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

from nltk.sentiment.vader import SentimentIntensityAnalyzer, SentiText

from .nltkdata import ensure_vader

_PUNCTUATION = re.compile(f"[{re.escape(string.punctuation)}]")  # VADER's REGEX_REMOVE_PUNCTUATION
NEUTRAL = {"neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.0}
EMPTY = {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}


def _is_word(text: str) -> bool:
    """Whether ``text`` is one of the words NLTK's ``SentiText`` strips tokens to: two or more
    characters and no punctuation mark."""
    return len(text) > 1 and _PUNCTUATION.search(text) is None


def strip_token(token: str, punc_list) -> str:
    """VADER's replacement for a whitespace token: the token without its trailing run of
    punctuation when that run is one of ``punc_list`` and the rest is a word (:func:`_is_word`);
    else likewise without its leading run; else the token itself.

    This is the lookup in NLTK's ``SentiText._words_plus_punc`` table of ``mark + word`` and
    ``word + mark`` keys (the latter winning), whose words are the sentence's whitespace tokens
    with all punctuation removed, if two or more characters long. A word holds no punctuation,
    so a token splits into word and mark only at the edge of its trailing (or leading)
    punctuation run, and the word so found is then the token itself without punctuation: one
    of the table's words exactly when it is a word.
    """
    body = token.rstrip(string.punctuation)
    if token[len(body) :] in punc_list and _is_word(body):
        return body
    body = token.lstrip(string.punctuation)
    if token[: len(token) - len(body)] in punc_list and _is_word(body):
        return body
    return token


class FastSentiText(SentiText):
    """NLTK's ``SentiText`` with punctuation stripped by :func:`strip_token` from the tokens that
    start or end with a punctuation mark (the others are kept as they are)."""

    def _words_and_emoticons(self):
        marks = string.punctuation
        return [
            strip_token(t, self.PUNC_LIST) if t[0] in marks or t[-1] in marks else t
            for t in self.text.split()
            if len(t) > 1
        ]


class Analyzer(SentimentIntensityAnalyzer):
    """NLTK's VADER analyser with ``polarity_scores`` rewritten around :class:`FastSentiText`,
    leaving out the work that cannot change a score (see the module docstring)."""

    def polarity_scores(self, text):
        """The scores of NLTK's ``SentimentIntensityAnalyzer.polarity_scores(text)``."""
        sentitext = FastSentiText(
            text, self.constants.PUNC_LIST, self.constants.REGEX_REMOVE_PUNCTUATION
        )
        tokens = sentitext.words_and_emoticons
        lowered = [t.lower() for t in tokens]
        rated = [
            p
            for p, low in enumerate(lowered)
            if low in self.lexicon and low not in self.constants.BOOSTER_DICT
        ]
        if not rated:
            return dict(NEUTRAL if tokens else EMPTY)
        sentiments = [0] * len(tokens)
        for position in rated:
            token = tokens[position]
            i = tokens.index(token)  # VADER rates a token by its first occurrence
            if not (lowered[position] == "kind" and i < len(tokens) - 1 and lowered[i + 1] == "of"):
                sentiments[position] = self.sentiment_valence(0, sentitext, token, i, [])[0]
        if "but" in lowered:
            sentiments = self._but_check(tokens, sentiments)
        return self.score_valence(sentiments, text)


@lru_cache(maxsize=1)
def vader() -> Analyzer:
    """VADER (Hutto & Gilbert 2014): NLTK's analyser in the faster form of :class:`Analyzer`
    (same scores), its lexicon taken from the pinned vaderSentiment package (see
    :mod:`newsframes.nltkdata`)."""
    ensure_vader()
    return Analyzer()
