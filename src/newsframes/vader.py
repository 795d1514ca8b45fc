"""Sentence sentiment with NLTK's VADER, computed faster with exactly the same scores, and
:func:`vader`, the one accessor every stage uses (its lexicon installed on first use).

VADER (Hutto & Gilbert 2014) gives a word a non-zero valence only when the word, lower-cased,
is in its lexicon; boosters, negations, "but", capitals and "!"/"?" only rescale such valences.
:class:`Analyzer` is NLTK's analyser with the work that cannot change a score left out:

* punctuation is stripped from each token by looking at the token (:func:`strip_token`),
  where NLTK builds a dictionary over every pair of punctuation mark and word of the sentence,
  for every sentence; and each distinct token is stripped once per run (:func:`stripped_form`);
* the valence rules run only for words in the lexicon (the others keep valence 0), and a
  sentence without any scores ``{neg 0, neu 1, pos 0, compound 0}`` (all zero when it has no
  word of two or more characters), as VADER's arithmetic gives for all-zero valences;
* the "but" rule runs only when the sentence has a "but";
* the valence rules read each word lower-cased once (:meth:`Analyzer._valence`), where NLTK
  lower-cases a word at every rule that reads it, and a negation test of one word is two
  look-ups;
* the positive and negative sums read only the rated words' valences (:meth:`Analyzer._scores`);
* the idiom rule runs only when two words of an idiom or booster phrase follow each other near;
* a sentence already scored in the process is looked up (reprinted wire copy repeats many).

``tests/framing/test_sentiment.py`` checks it against
``SentimentIntensityAnalyzer.polarity_scores``.
"""

from __future__ import annotations

import math
import re
import string
from functools import lru_cache
from itertools import compress, count

from nltk.sentiment.vader import SentimentIntensityAnalyzer, VaderConstants

from .memo import BoundedMemo
from .nltkdata import ensure_vader

_PUNCTUATION = re.compile(f"[{re.escape(string.punctuation)}]")  # VADER's REGEX_REMOVE_PUNCTUATION
C_INCR, N_SCALAR = VaderConstants.C_INCR, VaderConstants.N_SCALAR
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


def _question_emphasis(n_marks: int) -> float:
    """NLTK VADER's emphasis of ``n_marks`` question marks (``_amplify_qm``)."""
    if n_marks <= 1:
        return 0.0
    return n_marks * 0.18 if n_marks <= 3 else 0.96


def stripped_form(token: str) -> str:
    """A whitespace token's :func:`strip_token` form, or "" if it is a single character (VADER
    drops those)."""
    if len(token) < 2:
        return ""
    marks = string.punctuation
    edged = token[0] in marks or token[-1] in marks
    return strip_token(token, VaderConstants.PUNC_LIST) if edged else token


class Analyzer(SentimentIntensityAnalyzer):
    """NLTK's VADER analyser with ``polarity_scores`` rewritten around :func:`strip_token`,
    leaving out the work that cannot change a score (see the module docstring). Each distinct
    whitespace token is stripped once (at most ``MAX_TOKENS`` kept) and each distinct text
    scored once (at most ``MAX_SCORED``)."""

    MAX_TOKENS = 1 << 17
    MAX_SCORED = 1 << 16

    def __init__(self):
        super().__init__()
        self._stripped = BoundedMemo(stripped_form, self.MAX_TOKENS)
        self._scored = BoundedMemo(self._scores_of, self.MAX_SCORED)
        self._rated = frozenset(self.lexicon).difference(self.constants.BOOSTER_DICT)
        phrases = [p.split(" ") for p in self.constants.SPECIAL_CASE_IDIOMS] + [
            p.split(" ") for p in self.constants.BOOSTER_DICT
        ]
        self._idiom_pairs = frozenset(pair for p in phrases for pair in zip(p, p[1:]))

    def polarity_scores(self, text):
        """The scores of NLTK's ``SentimentIntensityAnalyzer.polarity_scores(text)``: a text
        scored before in this process (a wire story's sentences reprinted by other outlets, a
        boilerplate line) is looked up, not scored again (at most ``MAX_SCORED`` texts kept;
        each caller gets its own dict)."""
        if not isinstance(text, str):
            text = str(text.encode("utf-8"))
        return dict(self._scored[text])

    def _scores_of(self, text: str) -> dict:
        tokens = list(filter(None, map(self._stripped.__getitem__, text.split())))
        lowered = list(map(str.lower, tokens))
        rated = list(compress(count(), map(self._rated.__contains__, lowered)))
        if not rated:
            return dict(NEUTRAL if tokens else EMPTY)
        capitals = sum(map(str.isupper, tokens))
        is_cap_diff = 0 < len(tokens) - capitals < len(tokens)
        sentiments = [0] * len(tokens)
        for position in rated:
            low = lowered[position]
            i = tokens.index(tokens[position])  # VADER rates a token by its first occurrence
            if not (low == "kind" and i < len(tokens) - 1 and lowered[i + 1] == "of"):
                sentiments[position] = self._valence(tokens, lowered, i, is_cap_diff)
        if "but" in lowered:
            sentiments = self._but_check(tokens, sentiments)
        return self._scores(sentiments, rated, text)

    def _valence(self, tokens: list[str], lowered: list[str], i: int, is_cap_diff: bool) -> float:
        """NLTK's ``sentiment_valence`` of the rated word at ``i`` (its boosters and negations
        among the three words before, "never so", idioms, "least"), the same operations in the
        same order, each word lower-cased once (``lowered``) rather than at every rule."""
        lexicon, constants = self.lexicon, self.constants
        valence = lexicon[lowered[i]]
        if tokens[i].isupper() and is_cap_diff:
            valence = valence + C_INCR if valence > 0 else valence - C_INCR
        for start_i in range(min(i, 3)):
            before = i - (start_i + 1)
            word = lowered[before]
            if word in lexicon:
                continue
            s = 0.0  # VaderConstants.scalar_inc_dec
            if word in constants.BOOSTER_DICT:
                s = constants.BOOSTER_DICT[word]
                if valence < 0:
                    s *= -1
                if tokens[before].isupper() and is_cap_diff:
                    s = s + C_INCR if valence > 0 else s - C_INCR
            if start_i == 1 and s != 0:
                s = s * 0.95
            if start_i == 2 and s != 0:
                s = s * 0.9
            valence = valence + s
            valence = self._never_checked(valence, tokens, lowered, start_i, i)
            if start_i == 2:
                valence = self._idioms_check(valence, tokens, i)
        if i > 1 and lowered[i - 1] == "least" and "least" not in lexicon:  # _least_check
            if lowered[i - 2] != "at" and lowered[i - 2] != "very":
                valence = valence * N_SCALAR
        elif i > 0 and lowered[i - 1] == "least" and "least" not in lexicon:
            valence = valence * N_SCALAR
        return valence

    def _never_checked(self, valence, tokens, lowered, start_i, i) -> float:
        """NLTK's ``_never_check``: a negation ``start_i + 1`` words before the rated word at
        ``i`` (its ``negated`` of one word: a negation word, or one with "n't"), or "never so"
        and "never this" (compared as written, as NLTK does)."""
        negation = lowered[i - (start_i + 1)]
        negated = negation in self.constants.NEGATE or "n't" in negation
        if start_i == 0:
            return valence * N_SCALAR if negated else valence
        if start_i == 1:
            if tokens[i - 2] == "never" and tokens[i - 1] in ("so", "this"):
                return valence * 1.5
            return valence * N_SCALAR if negated else valence
        if (
            tokens[i - 3] == "never"
            and tokens[i - 2] in ("so", "this")
            or (tokens[i - 1] in ("so", "this"))
        ):
            return valence * 1.25
        return valence * N_SCALAR if negated else valence

    def _scores(self, sentiments: list, rated: list[int], text: str) -> dict:
        """NLTK's ``score_valence`` of ``sentiments``, whose non-zero values all stand at the
        ``rated`` positions: the positive and negative sums are taken over those, in order,
        and the neutral count is the rest."""
        sum_s = float(sum(sentiments))
        marks = min(text.count("!"), 4) * 0.292 + _question_emphasis(text.count("?"))
        if sum_s > 0:
            sum_s += marks
        elif sum_s < 0:
            sum_s -= marks
        compound = sum_s / math.sqrt((sum_s * sum_s) + 15)  # VaderConstants.normalize
        pos_sum, neg_sum, n_signed = 0.0, 0.0, 0
        for sentiment in map(sentiments.__getitem__, rated):
            if sentiment > 0:
                pos_sum += float(sentiment) + 1
                n_signed += 1
            if sentiment < 0:
                neg_sum += float(sentiment) - 1
                n_signed += 1
        if pos_sum > math.fabs(neg_sum):
            pos_sum += marks
        elif pos_sum < math.fabs(neg_sum):
            neg_sum -= marks
        n_neutral = len(sentiments) - n_signed
        total = pos_sum + math.fabs(neg_sum) + n_neutral
        return {
            "neg": round(math.fabs(neg_sum / total), 3),
            "neu": round(math.fabs(n_neutral / total), 3),
            "pos": round(math.fabs(pos_sum / total), 3),
            "compound": round(compound, 4),
        }

    def _idioms_check(self, valence, words_and_emoticons, i):
        """NLTK's idiom rule, run only when two of the words it reads (the three before the
        rated word, it and the two after; ``i`` is 3 or more) follow each other as two words of
        an idiom or a booster phrase do: every phrase it looks up is a run of two words or more
        of those, so without such a pair none can be one."""
        window = words_and_emoticons[i - 3 : i + 3]
        if self._idiom_pairs.isdisjoint(zip(window, window[1:])):
            return valence
        return super()._idioms_check(valence, words_and_emoticons, i)


@lru_cache(maxsize=1)
def vader() -> Analyzer:
    """VADER (Hutto & Gilbert 2014): NLTK's analyser in the faster form of :class:`Analyzer`
    (same scores), its lexicon taken from the pinned vaderSentiment package (see
    :mod:`newsframes.nltkdata`)."""
    ensure_vader()
    return Analyzer()
