"""The fast Analyzer scores exactly as NLTK VADER's polarity_scores, on every sentence we can
find."""

from __future__ import annotations

import random
from itertools import product

import pytest

from conftest import ROOT
from newsframes.text import split_sentences
from newsframes.vader import EMPTY, NEUTRAL, Analyzer, strip_token

EDGE_CASES = [
    "",
    " ",
    "a",
    "I",
    "!!!",
    "?? ?",
    ":)",
    "Great!",
    "NOT good, but fine.",
    "It was kind of okay.",
    "The talks were GOOD while others were not.",
    "No.",
    "Never so bad.",
    "At least it was not the worst.",
    'He said: "no deal"...',
    "Security guarantees, (again)!",
    "The U.S. and NATO met on Jan. 12.",
    "Lavrov's 'red lines' were the ultimatum.",
    "Zxq wvp qqq.",
    "Zxq wvp qqq?!",
    "war-like rhetoric",
    "hostile,",
    ",hostile",
    "(dead)",
    "kind of",
    "KIND OF LOVE",
    "She was :( about it",
    "x y z",
    "GREAT!!! but BAD???",
    "\"good\" -bad- 'nice'",
    "--good-- ...bad... !!good!!",
    "good!?! bad?!?!",
    "kind of great, kind of awful",
    "Kind of GOOD but kind OF bad",
    "not-so-good self-made war-torn",
    "“Great” ‘awful’ deal",
    "good:) bad:( :-) ;)",
    "VERY GOOD",
    "very good",
    "the bomb",
    "yeah right!",
    "It isn't good, it isn't bad.",
    "least good",
    "very least good",
    "at least good",
    "good good good",
]


def _sentences() -> list[str]:
    found = list(EDGE_CASES)
    folders = [ROOT / "seeds", ROOT / "tests" / "fixtures"]
    for path in sorted(p for folder in folders for p in folder.rglob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for paragraph in text.split("\n"):
            found += split_sentences(paragraph) if paragraph.strip() else []
    return found


def _generated(analyzer, n: int = 4000) -> list[str]:
    """Seeded random sentences of lexicon words, boosters, negations and "but", in mixed case,
    with punctuation runs and emoticons before, after and inside tokens."""
    rng = random.Random(20220112)
    marks = list("!?.,;:-'\"()") + [
        "!!",
        "!!!",
        "??",
        "???",
        "?!?",
        "!?!?",
        ":)",
        ":(",
        ":-)",
        "...",
        "--",
        "’",
        "“",
    ]
    vocabulary = sorted(analyzer.lexicon)[::50] + [
        "but",
        "kind",
        "of",
        "not",
        "never",
        "so",
        "this",
        "least",
        "at",
        "very",
        "the",
        "bomb",
        "sort",
        "isn't",
        "U.S",
        "x",
        "a",
    ]
    sentences = []
    for _ in range(n):
        tokens = []
        for _ in range(rng.randint(0, 14)):
            word = rng.choice(vocabulary)
            word = (
                word.upper()
                if rng.random() < 0.15
                else word.capitalize()
                if rng.random() < 0.1
                else word
            )
            shape = rng.random()
            if shape < 0.2:
                word += rng.choice(marks)
            elif shape < 0.35:
                word = rng.choice(marks) + word
            elif shape < 0.42:
                word = rng.choice(marks) + word + rng.choice(marks)
            elif shape < 0.47:
                word = rng.choice(marks)
            elif shape < 0.52:
                word += rng.choice(marks) + rng.choice(vocabulary)
            tokens.append(word)
        sentences.append(" ".join(tokens))
    return sentences


@pytest.fixture(scope="module")
def analyzers():
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    from newsframes.nltkdata import ensure_vader

    ensure_vader()
    return SentimentIntensityAnalyzer(), Analyzer()


def test_analyzer_equals_vader_on_real_sentences(analyzers):
    nltk_vader, fast = analyzers
    sentences = _sentences()
    assert len(sentences) > 500
    for sentence in sentences:
        assert fast.polarity_scores(sentence) == nltk_vader.polarity_scores(sentence), sentence


def test_analyzer_equals_vader_on_generated_sentences(analyzers):
    nltk_vader, fast = analyzers
    for sentence in _generated(nltk_vader):
        assert fast.polarity_scores(sentence) == nltk_vader.polarity_scores(sentence), sentence


def test_strip_token_is_nltks_punctuation_table_lookup(analyzers):
    from nltk.sentiment.vader import SentiText

    nltk_vader, _ = analyzers
    marks = nltk_vader.constants.PUNC_LIST
    bodies = ["good", "U.S", "x", "it's", "war-like", "’tis", "", "!"]
    tokens = {
        a + b + c for a, b, c in product(["", *marks, "(", "!!!!"], bodies, ["", *marks, ")", "?!"])
    } - {""}
    for token in sorted(tokens):
        text = SentiText(token, marks, nltk_vader.constants.REGEX_REMOVE_PUNCTUATION)
        expected = text.words_and_emoticons[0] if text.words_and_emoticons else token
        assert strip_token(token, marks) == expected, token


def test_sentences_without_lexicon_words_take_the_shortcut(analyzers):
    nltk_vader, fast = analyzers
    assert (
        fast.polarity_scores("Zxq wvp, qqq.")
        == NEUTRAL
        == nltk_vader.polarity_scores("Zxq wvp, qqq.")
    )
    assert fast.polarity_scores("a ! b") == EMPTY == nltk_vader.polarity_scores("a ! b")
    assert (
        fast.polarity_scores("VERY very") == NEUTRAL == nltk_vader.polarity_scores("VERY very")
    )  # boosters only


def test_stripped_tokens_are_forgotten_past_their_limit(analyzers, monkeypatch):
    nltk_vader, _ = analyzers
    monkeypatch.setattr(Analyzer, "MAX_TOKENS", 8)
    fast = Analyzer()
    for sentence in _generated(nltk_vader, n=300):
        assert fast.polarity_scores(sentence) == nltk_vader.polarity_scores(sentence), sentence
        assert len(fast._stripped) <= 8


def test_a_text_scored_again_is_looked_up_with_the_same_scores_in_a_dict_of_its_own(
    analyzers, monkeypatch
):
    nltk_vader, _ = analyzers
    monkeypatch.setattr(Analyzer, "MAX_SCORED", 5)
    fast = Analyzer()
    sentences = _generated(nltk_vader, n=40)
    for sentence in sentences + sentences[::-1]:
        first = fast.polarity_scores(sentence)
        first["compound"] = 99.0  # a caller's change stays its own
        assert fast.polarity_scores(sentence) == nltk_vader.polarity_scores(sentence), sentence
        assert len(fast._scored) <= 5


def test_analyzer_equals_vader_around_every_idiom_and_booster_phrase(analyzers):
    """The idiom rule is skipped unless two words of a phrase follow each other near the rated
    word: every idiom and booster phrase of two words or more, at each place the rule reads,
    as written and in capitals, scores as NLTK's."""
    nltk_vader, fast = analyzers
    constants = nltk_vader.constants
    phrases = [p for p in (*constants.SPECIAL_CASE_IDIOMS, *constants.BOOSTER_DICT) if " " in p]
    assert phrases
    for phrase in phrases:
        for form in (phrase, phrase.upper()):
            for before in range(5):
                words = ["talks", "went", "on", "quietly"][:before] + form.split()
                sentence = " ".join([*words, "good", "and", "terrible", "deal"])
                assert fast.polarity_scores(sentence) == nltk_vader.polarity_scores(sentence), (
                    sentence
                )
                sentence = " ".join(["the", "good", *form.split(), "bad", "news"])
                assert fast.polarity_scores(sentence) == nltk_vader.polarity_scores(sentence), (
                    sentence
                )
