"""fast_polarity equals NLTK VADER's polarity_scores exactly, on every sentence we can find."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsframes.sentiment import fast_polarity, may_have_valence
from newsframes.text import split_sentences

ROOT = Path(__file__).resolve().parents[1]
EDGE_CASES = [
    "", " ", "a", "I", "!!!", "?? ?", ":)", "Great!", "NOT good, but fine.", "It was kind of okay.",
    "The talks were GOOD while others were not.", "No.", "Never so bad.", "At least it was not the worst.",
    "He said: \"no deal\"...", "Security guarantees, (again)!", "The U.S. and NATO met on Jan. 12.",
    "Lavrov's 'red lines' were the ultimatum.", "Zxq wvp qqq.", "Zxq wvp qqq?!", "war-like rhetoric",
    "hostile,", ",hostile", "(dead)", "kind of", "KIND OF LOVE", "She was :( about it", "x y z",
]


def _sentences() -> list[str]:
    found = list(EDGE_CASES)
    folders = [ROOT / "seeds", ROOT / "tests" / "fixtures"]
    for path in sorted(p for folder in folders for p in folder.rglob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for paragraph in text.split("\n"):
            found += split_sentences(paragraph) if paragraph.strip() else []
    return found


@pytest.fixture(scope="module")
def analyzer():
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    from newsframes.nltkdata import ensure_vader

    ensure_vader()
    return SentimentIntensityAnalyzer()


def test_fast_polarity_equals_vader_on_real_sentences(analyzer):
    sentences = _sentences()
    assert len(sentences) > 500
    for sentence in sentences:
        assert fast_polarity(analyzer, sentence) == analyzer.polarity_scores(sentence), sentence


def test_the_shortcut_is_taken_and_checked(analyzer):
    sentences = _sentences()
    skipped = [s for s in sentences if not may_have_valence(analyzer.lexicon, s)]
    assert skipped, "no sentence took the shortcut: the test proves nothing"
    assert any(analyzer.polarity_scores(s)["neu"] == 1.0 for s in skipped)
