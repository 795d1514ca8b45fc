"""Sentence splitting on a hand-checked set of tricky news sentences (abbreviations, datelines,
quotes, initials, numbers). Each case is a paragraph and the sentences a careful reader sees."""

import pytest

from newsframes.text import split_sentences, words

CASES = [
    ("The talks were held on Jan. 12 in Brussels. Both sides agreed to meet again.",
     ["The talks were held on Jan. 12 in Brussels.", "Both sides agreed to meet again."]),
    ("U.S. Deputy Secretary of State Wendy Sherman led the delegation.", ["U.S. Deputy Secretary of State Wendy Sherman led the delegation."]),
    ("The delegation arrived from the U.S. on Monday. It left on Tuesday.", ["The delegation arrived from the U.S. on Monday.", "It left on Tuesday."]),
    ("Gen. Mark Milley spoke first. Then the minister spoke.", ["Gen. Mark Milley spoke first.", "Then the minister spoke."]),
    ("Mr. Grushko and Dr. Fomin attended.", ["Mr. Grushko and Dr. Fomin attended."]),
    ("He said: \"We are ready.\" The meeting then ended.", ["He said: \"We are ready.\"", "The meeting then ended."]),
    ("\u201cThere are significant differences,\u201d he told reporters. \u201cIt will not be easy.\u201d",
     ["\u201cThere are significant differences,\u201d he told reporters.", "\u201cIt will not be easy.\u201d"]),
    ("She said the demands \u201care simply non-starters.\u201d She did not elaborate.",
     ["She said the demands \u201care simply non-starters.\u201d", "She did not elaborate."]),
    ("Russia has massed 100,000 troops. The figure is an estimate.", ["Russia has massed 100,000 troops.", "The figure is an estimate."]),
    ("Growth was 2.5 percent in 2021. It slowed in 2022.", ["Growth was 2.5 percent in 2021.", "It slowed in 2022."]),
    ("The meeting started at 10 a.m. on Wednesday.", ["The meeting started at 10 a.m. on Wednesday."]),
    ("The U.N. Security Council met. The U.K. abstained.", ["The U.N. Security Council met.", "The U.K. abstained."]),
    ("J. R. Smith wrote the report.", ["J. R. Smith wrote the report."]),
    ("The E.U. and NATO issued statements. Moscow rejected them.", ["The E.U. and NATO issued statements.", "Moscow rejected them."]),
    ("Talks begin on Sept. 5, officials said.", ["Talks begin on Sept. 5, officials said."]),
    ("Did the talks fail? Not entirely, diplomats said.", ["Did the talks fail?", "Not entirely, diplomats said."]),
    ("NATO will not back down! Russia must de-escalate.", ["NATO will not back down!", "Russia must de-escalate."]),
    ("Arms control \u2013 yes, but unilateral demands \u2013 no, \u201dStoltenberg told reporters.",
     ["Arms control \u2013 yes, but unilateral demands \u2013 no, \u201dStoltenberg told reporters."]),
    ("Sen. Chris Murphy and Rep. Adam Smith commented.", ["Sen. Chris Murphy and Rep. Adam Smith commented."]),
    ("Acme Corp. said profits rose. Shares fell.", ["Acme Corp. said profits rose.", "Shares fell."]),
    ("The vote was 30 vs. 1 in favour.", ["The vote was 30 vs. 1 in favour."]),
    ("Washington, D.C. hosted the summit.", ["Washington, D.C. hosted the summit."]),
    ("The meeting is on Dec. 15. Agendas were sent.", ["The meeting is on Dec. 15.", "Agendas were sent."]),
    ("He asked: \u201cWhy now?\u201d Nobody answered.", ["He asked: \u201cWhy now?\u201d", "Nobody answered."]),
    ("The alliance has 30 members...It could grow.", ["The alliance has 30 members...It could grow."]),
    ("Lt. Col. Ivanov confirmed the drills. They end on Feb. 20.", ["Lt. Col. Ivanov confirmed the drills.", "They end on Feb. 20."]),
    ("Prof. Lukyanov disagreed. He called it a rivalry.", ["Prof. Lukyanov disagreed.", "He called it a rivalry."]),
    ("The 50-minute call ended at 11 p.m. Moscow time.", ["The 50-minute call ended at 11 p.m. Moscow time."]),
    ("See Fig. 2 for the figures.", ["See Fig. 2 for the figures."]),
    ("\"No,\" she said. \"Absolutely not.\"", ["\"No,\" she said.", "\"Absolutely not.\""]),
    ("The RF-NATO Council met (the first time since 2019). Nothing was agreed.",
     ["The RF-NATO Council met (the first time since 2019).", "Nothing was agreed."]),
    ("St. Petersburg hosted the forum. Ms. Zakharova spoke.", ["St. Petersburg hosted the forum.", "Ms. Zakharova spoke."]),
]


def test_the_set_has_at_least_thirty_cases():
    assert len(CASES) >= 30


@pytest.mark.parametrize("paragraph, expected", CASES, ids=[c[0][:30] for c in CASES])
def test_sentence_splitting(paragraph, expected):
    assert split_sentences(paragraph) == expected


def test_words_keep_inner_punctuation():
    assert words("U.S.-Russia talks: NATO's open-door policy, 100,000 troops") == [
        "U.S", "Russia", "talks", "NATO's", "open-door", "policy", "100", "000", "troops"]
