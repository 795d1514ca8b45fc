"""Sentence splitting on a hand-checked set of tricky news sentences (abbreviations, datelines,
quotes, initials, numbers). Each case is a paragraph and the sentences a careful reader sees."""

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from newsframes.compare import attribution
from newsframes.compare.cues import verb_cue_re
from newsframes.fastregex import (
    CASELESS_MARKS,
    FOLDS_ONTO_ASCII,
    is_plain,
    lowers_in_place,
    prefilter,
    scanner,
)
from newsframes.ingest.cues import line_cues
from newsframes.ingest.provenance import PROVENANCE_PATTERNS, SITE_NAME, WRITES_FOR
from newsframes.resources import news_abbreviations
from newsframes.text import (
    JOINERS,
    WORD_RE,
    lowered_words,
    sentence_spans,
    split_sentences,
    word_counts,
    word_spans,
    words,
)

CASES = [
    (
        "The talks were held on Jan. 12 in Brussels. Both sides agreed to meet again.",
        ["The talks were held on Jan. 12 in Brussels.", "Both sides agreed to meet again."],
    ),
    (
        "U.S. Deputy Secretary of State Wendy Sherman led the delegation.",
        ["U.S. Deputy Secretary of State Wendy Sherman led the delegation."],
    ),
    (
        "The delegation arrived from the U.S. on Monday. It left on Tuesday.",
        ["The delegation arrived from the U.S. on Monday.", "It left on Tuesday."],
    ),
    (
        "Gen. Mark Milley spoke first. Then the minister spoke.",
        ["Gen. Mark Milley spoke first.", "Then the minister spoke."],
    ),
    ("Mr. Grushko and Dr. Fomin attended.", ["Mr. Grushko and Dr. Fomin attended."]),
    (
        'He said: "We are ready." The meeting then ended.',
        ['He said: "We are ready."', "The meeting then ended."],
    ),
    (
        "\u201cThere are significant differences,\u201d he told reporters. "
        "\u201cIt will not be easy.\u201d",
        [
            "\u201cThere are significant differences,\u201d he told reporters.",
            "\u201cIt will not be easy.\u201d",
        ],
    ),
    (
        "She said the demands \u201care simply non-starters.\u201d She did not elaborate.",
        ["She said the demands \u201care simply non-starters.\u201d", "She did not elaborate."],
    ),
    (
        "Russia has massed 100,000 troops. The figure is an estimate.",
        ["Russia has massed 100,000 troops.", "The figure is an estimate."],
    ),
    (
        "Growth was 2.5 percent in 2021. It slowed in 2022.",
        ["Growth was 2.5 percent in 2021.", "It slowed in 2022."],
    ),
    (
        "The meeting started at 10 a.m. on Wednesday.",
        ["The meeting started at 10 a.m. on Wednesday."],
    ),
    (
        "The U.N. Security Council met. The U.K. abstained.",
        ["The U.N. Security Council met.", "The U.K. abstained."],
    ),
    ("J. R. Smith wrote the report.", ["J. R. Smith wrote the report."]),
    (
        "The E.U. and NATO issued statements. Moscow rejected them.",
        ["The E.U. and NATO issued statements.", "Moscow rejected them."],
    ),
    ("Talks begin on Sept. 5, officials said.", ["Talks begin on Sept. 5, officials said."]),
    (
        "Did the talks fail? Not entirely, diplomats said.",
        ["Did the talks fail?", "Not entirely, diplomats said."],
    ),
    (
        "NATO will not back down! Russia must de-escalate.",
        ["NATO will not back down!", "Russia must de-escalate."],
    ),
    (
        "Arms control \u2013 yes, but unilateral demands \u2013 no, "
        "\u201dStoltenberg told reporters.",
        [
            "Arms control \u2013 yes, but unilateral demands \u2013 no, "
            "\u201dStoltenberg told reporters."
        ],
    ),
    (
        "Sen. Chris Murphy and Rep. Adam Smith commented.",
        ["Sen. Chris Murphy and Rep. Adam Smith commented."],
    ),
    (
        "Acme Corp. said profits rose. Shares fell.",
        ["Acme Corp. said profits rose.", "Shares fell."],
    ),
    ("The vote was 30 vs. 1 in favour.", ["The vote was 30 vs. 1 in favour."]),
    ("Washington, D.C. hosted the summit.", ["Washington, D.C. hosted the summit."]),
    (
        "The meeting is on Dec. 15. Agendas were sent.",
        ["The meeting is on Dec. 15.", "Agendas were sent."],
    ),
    (
        "He asked: \u201cWhy now?\u201d Nobody answered.",
        ["He asked: \u201cWhy now?\u201d", "Nobody answered."],
    ),
    (
        "The alliance has 30 members...It could grow.",
        ["The alliance has 30 members...It could grow."],
    ),
    (
        "Lt. Col. Ivanov confirmed the drills. They end on Feb. 20.",
        ["Lt. Col. Ivanov confirmed the drills.", "They end on Feb. 20."],
    ),
    (
        "Prof. Lukyanov disagreed. He called it a rivalry.",
        ["Prof. Lukyanov disagreed.", "He called it a rivalry."],
    ),
    (
        "The 50-minute call ended at 11 p.m. Moscow time.",
        ["The 50-minute call ended at 11 p.m. Moscow time."],
    ),
    ("See Fig. 2 for the figures.", ["See Fig. 2 for the figures."]),
    ('"No," she said. "Absolutely not."', ['"No," she said.', '"Absolutely not."']),
    (
        "The RF-NATO Council met (the first time since 2019). Nothing was agreed.",
        ["The RF-NATO Council met (the first time since 2019).", "Nothing was agreed."],
    ),
    (
        "St. Petersburg hosted the forum. Ms. Zakharova spoke.",
        ["St. Petersburg hosted the forum.", "Ms. Zakharova spoke."],
    ),
]


def test_the_set_has_at_least_thirty_cases():
    assert len(CASES) >= 30


@pytest.mark.parametrize("paragraph, expected", CASES, ids=[c[0][:30] for c in CASES])
def test_sentence_splitting(paragraph, expected):
    assert split_sentences(paragraph) == expected


def test_words_keep_inner_punctuation():
    assert words("U.S.-Russia talks: NATO's open-door policy, 100,000 troops") == [
        "U.S",
        "Russia",
        "talks",
        "NATO's",
        "open-door",
        "policy",
        "100",
        "000",
        "troops",
    ]


WORD_SPAN_CHARACTERS = (
    "ab Z09_ ,;/"  # ASCII letters, digits, the underscore and marks that join nothing
    + JOINERS
    + "éİſ\u212a"  # non-ASCII letters (İ and the Kelvin sign change length or case when lowered)
    "٣²½\u0301"  # an Arabic-Indic digit, a superscript, a fraction, a combining accent
    "日本\n\t\u00a0\ud800"  # ideographs, white space, a lone surrogate
)


def _finditer_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in WORD_RE.finditer(text)]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=WORD_SPAN_CHARACTERS, max_size=40))
def test_word_spans_are_the_spans_finditer_gives(text):
    starts, ends = word_spans(text)
    assert list(zip(starts.tolist(), ends.tolist())) == _finditer_spans(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=WORD_SPAN_CHARACTERS + "\n", max_size=12), max_size=8))
def test_word_counts_are_the_lengths_of_each_texts_words(texts):
    assert word_counts(texts).tolist() == [len(words(text)) for text in texts]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=WORD_SPAN_CHARACTERS + CASELESS_MARKS, max_size=40))
def test_words_are_what_the_unicode_word_pattern_finds(text):
    """The ASCII pattern that plain texts are read with finds the tokens WORD_RE finds."""
    assert words(text) == WORD_RE.findall(text)


def test_word_spans_of_joined_words():
    text = "U.S.-Russia a--b 'tis x’y _a_ 3.5. İstanbul"
    assert list(zip(*(side.tolist() for side in word_spans(text)))) == _finditer_spans(text)
    assert [text[a:b] for a, b in zip(*word_spans(text))][:5] == ["U.S", "Russia", "a", "b", "tis"]


# --- shortcuts must agree with what they replace ------------------------------------------

TRICKY = [c[0] for c in CASES] + [
    "",
    "   ",
    "No boundary at all",
    "Ends here.",
    "Ends here.   ",
    "Two. Sentences",
    "a. B",
    "Mr. Smith. He left.",
    "A. Smith left. He said so.",
    "It rose 3.5 percent. Then fell.",
    "Wait... what? Yes! No.",
    "He left.\u201d She stayed.",
    "(He left.) She stayed.",
    "U.S. officials met. Talks ended.",
    "word.\tNext one.",
    "ab. Cd. Ef",
    "Straße. Weiter geht es.",
    "They met in No. 10. Talks began.",
    "Ellipsis.. Then more.",
    "x.y. Next",
    "B. C. D. E.",
    "end?\u201d he asked. Then.",
    "Gov. abbott spoke. Next",
    "Gov. (R-Texas) spoke.",
    "Sen. Roe, R-Texas. Next",
    "Jr.) left. Then Mr.\u201d Next",
    'He said so." Then "no.\' Fine',
    "Gov.? Yes. Gov.! No.",
    "Mr.\u00a0Smith and word.\u00a0Next and word.  Next",
    "Dr. U.S. Mr. x.y Gen. .. Col. . . .",
    "word. . . . Next",
]


def test_sentence_spans_equal_plain_punkt():
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(news_abbreviations())
    reference = PunktSentenceTokenizer(params)
    seeds = [
        line
        for path in sorted((ROOT / "seeds").glob("*.txt"))
        for line in path.read_text("utf-8").splitlines()
    ]
    for paragraph in TRICKY + seeds:
        assert sentence_spans(paragraph) == list(reference.span_tokenize(paragraph)), paragraph


PUNKT_PIECES = [" ", "  ", "\n", "word", "Mr", "U.S", "3.5", ".", "..", "?", "!", ",", "--", "-"]
PUNKT_PIECES += list("\"')]}({[:;&#*@\u2018\u2019\u201c\u201d\xab\xbb\u00a0") + ["Ab", "x", "é"]
PUNKT_PIECES += [
    "-2,000",
    "J",
    "\u0663",
    "\u03a9",
]  # numbers, initials, digits and letters beyond ASCII


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(PUNKT_PIECES), max_size=40))
def test_punkt_with_standard_library_patterns_splits_as_nltks_guarded_ones(pieces):
    """Punkt's patterns and its tokens' run on ``re`` (text.plain_pattern), not NLTK's
    ReDoS-guarded ``regex`` engine: every boundary and every realigned quote mark stays where
    NLTK puts it."""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(news_abbreviations())
    paragraph = "".join(pieces)
    expected = list(PunktSentenceTokenizer(params).span_tokenize(paragraph))
    assert sentence_spans(paragraph) == expected


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    st.lists(
        st.sampled_from(["word", "a", "Talks.", "x" * 2_500, " ", "went on,", "U.S."]),
        max_size=120,
    )
)
def test_a_sentence_past_the_longest_is_cut_into_pieces_between_words(tokens):
    """A transcript without stops is no 100 KB sentence (each dictionary hit's evidence row
    held all of it): Punkt's sentences longer than MAX_SENTENCE_CHARS become pieces of at
    most that, which start and end on a visible character and meet only across white space
    (inside a word only when a word is longer than the limit)."""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    from newsframes.text import MAX_SENTENCE_CHARS

    params = PunktParameters()
    params.abbrev_types = set(news_abbreviations())
    paragraph = " ".join(tokens).strip()  # as paragraphs are read
    spans = sentence_spans(paragraph)
    assert all(0 < end - start <= MAX_SENTENCE_CHARS for start, end in spans)
    assert all(not paragraph[s].isspace() and not paragraph[e - 1].isspace() for s, e in spans)
    sentences = list(PunktSentenceTokenizer(params).span_tokenize(paragraph))
    pieces = [[(s, e) for s, e in spans if start <= s and e <= end] for start, end in sentences]
    assert sum(map(len, pieces)) == len(spans)
    for (start, end), inside in zip(sentences, pieces):
        assert inside[0][0] == start and inside[-1][1] == end
        for (before, cut), (after, _) in zip(inside, inside[1:]):
            hard_cut = cut == after and cut - before == MAX_SENTENCE_CHARS
            assert paragraph[cut:after].isspace() or hard_cut
            assert len(inside) > 1 or end - start <= MAX_SENTENCE_CHARS


def test_caseless_marks_compare_ignoring_case_as_lower_case():
    plain = [chr(c) for c in range(128)] + list(CASELESS_MARKS)
    plain_class = re.compile("[" + re.escape("".join(plain)) + "]", re.IGNORECASE)
    others = [
        c
        for c in map(chr, range(128, sys.maxunicode + 1))
        if c not in CASELESS_MARKS and plain_class.fullmatch(c)
    ]
    assert others and not any(
        is_plain(c) for c in others
    )  # "ſ", "K" ...: a text holding one is never filtered
    # ... and they are all the characters that keep a text from lowering in place, with "İ",
    # the one character whose lower case is longer: accents and other scripts do not.
    assert sorted(others) == sorted(FOLDS_ONTO_ASCII)
    assert [c for c in map(chr, range(128, sys.maxunicode + 1)) if len(c.lower()) != 1] == ["İ"]
    assert not any(map(lowers_in_place, others))
    assert lowers_in_place("Ceasefire talks in Zürich, «Ελλάδα» — São Paulo")
    for a in plain:
        for b in plain:
            assert (re.fullmatch(re.escape(a), b, re.IGNORECASE) is not None) == (
                a.lower() == b.lower()
            )
    assert all(is_plain(c) for c in plain) and not is_plain("é")


def _patterns():
    cues = [c.pattern for c in line_cues()] + [
        c.lower_pattern for c in line_cues() if c.lower_pattern
    ]
    provenance = [p for _, p in PROVENANCE_PATTERNS] + [SITE_NAME, WRITES_FOR]
    names = [verb_cue_re(), attribution.person_names().anywhere, attribution.actor_names().anywhere]
    return cues + provenance + names


def _texts():
    lines = [
        line
        for path in sorted((ROOT / "seeds").glob("*.txt"))
        for line in path.read_text("utf-8").splitlines()
    ]
    crafted = [
        "SHARE THIS ARTICLE",
        "Photo: Reuters",
        "© 2022 AP",
        "“Getty Images”",
        "By JOHN SMITH",
        "Xinhua news agency reported on Monday",
        "citing Anadolu Agency, the ministry said",
        "ſhare this ſtory",
        "\u212aremlin said",
        "İstanbul (AP) — Talks",
        "Related: more news",
        "Copied",
    ]
    return lines + crafted + ["\n".join(lines[:40])]


def test_prefilter_never_rejects_a_line_the_regex_matches():
    for pattern in _patterns():
        gate = prefilter(pattern)
        for text in _texts():
            if pattern.search(text):
                assert gate.may_match(text), (pattern.pattern[:60], text)


def test_scanner_finds_what_finditer_finds():
    def found(matches):
        return [(m.span(), m.groups()) for m in matches]

    for pattern in _patterns():
        scan = scanner(pattern)
        for text in _texts():
            assert found(scan.finditer(text)) == found(pattern.finditer(text)), (
                pattern.pattern[:60],
                text,
            )


WORD_PIECES = [
    "Word",
    "ÉTÉ",
    "İstanbul",
    "U.S.",
    "don’t",
    "NATO's",
    " ",
    "\n",
    "-",
    "3.5",
    "ǅ",
    "ß",
]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(WORD_PIECES), max_size=30))
def test_lowered_words_are_the_words_lower_cased(pieces):
    """Keyness counts a plain text's words tokenised after lower-casing it: the same tokens
    as lower-casing each word, plain or not ("İ" lowers to two characters)."""
    text = "".join(pieces)
    assert lowered_words(text) == [w.lower() for w in words(text)]
