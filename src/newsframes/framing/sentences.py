"""The analysed sentences (headline, dek, body of usable documents) as the lexicons read them:
repeated headlines marked, proper names masked, word tokens counted.
"""

from __future__ import annotations

import re
import string
from bisect import bisect_left
from collections import defaultdict
from functools import cache

import pandas as pd

from ..corpus import Corpus, rows_of
from ..ingest.dates import MONTHS, WEEKDAYS
from ..resources import stopwords
from ..text import word_counts, words
from .groups import rows_by_document

MIN_LEDE_WORDS = 5  # shorter first sentences are datelines or bylines ("MOSCOW, January 10.")
# --- analysed sentences and groups ------------------------------------------------------------


def analysed_sentences(corpus: Corpus) -> pd.DataFrame:
    """Sentences of usable documents in reading order, with their word-token count and whether
    they repeat a body sentence (:func:`repeated_sentences`)."""
    usable = set(corpus.usable["doc_id"])
    sents = corpus.sentences[corpus.sentences["doc_id"].isin(usable)].copy()
    sents["text"] = sents["text"].fillna("").astype(str)
    sents["tokens"] = word_counts(sents["text"].tolist())
    sents = sents.sort_values(["doc_id", "sent_id"]).reset_index(drop=True)
    return sents.assign(repeat=repeated_sentences(sents))


REPEATABLE_ROLES = ("headline", "dek")


def _word_key(text: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in words(text))


def repeated_sentences(sentences: pd.DataFrame) -> list[bool]:
    """Whether each headline or dek sentence says word for word what a body sentence of its
    document says (the whole body sentence, or its opening when the headline or dek has at
    least ``MIN_LEDE_WORDS`` words): such a sentence is counted once, in the body."""
    texts, roles = sentences["text"].tolist(), sentences["role"].tolist()
    flags = [False] * len(texts)
    for _, positions in rows_by_document(sentences["doc_id"].tolist()):
        heads = [i for i in positions if roles[i] in REPEATABLE_ROLES]
        if not heads:
            continue
        openings = {texts[i][:1].lower() for i in heads}
        bodies = defaultdict(list)  # the body sentences' word keys by their first character
        for j in positions:  # only those opening as a headline or dek does
            if roles[j] == "body" and (first := texts[j][:1].lower()) in openings:
                bodies[first].append(_word_key(texts[j]))
        for keys in bodies.values():
            keys.sort()  # the keys a key begins follow it at once
        for i in heads:
            key = _word_key(texts[i])
            keys = bodies.get(texts[i][:1].lower(), [])  # only body sentences opening alike
            k = bisect_left(keys, key)
            if key and k < len(keys):
                opening = len(key) >= MIN_LEDE_WORDS
                flags[i] = keys[k] == key or (opening and keys[k][: len(key)] == key)
    return flags


# --- proper names -------------------------------------------------------------------------------
#
# Frame, hedge and Entman cues and VADER's lexicon read concepts, not names: "Treaty" in "North
# Atlantic Treaty Organization" carries no legal frame, "Security" in the name of a council no
# security frame. Before they are matched, names of two or more capitalised words (with the
# lower-case joiners of institution names between them) are masked: their letters become "x",
# so that offsets and word edges stay and no cue or lexicon word matches inside them. Headlines
# and deks in title case are left as they are (every word is capitalised there).

CALENDAR_WORD = "|".join(
    sorted((w.capitalize() for w in (*MONTHS, *WEEKDAYS)), key=len, reverse=True)
)
NAME_SPAN = re.compile(
    r"[A-Z](?<![\w'’-].)"  # a capital not inside a word (read first: the engine skips to one)
    r"[\w'’.-]*"  # the rest of a capitalised word: Foreign, Co-operation, Russia's, U.S.
    r"(?:"
    r"(?:\s+(?:of|for|and|the|on|in|de|du|von|van|al)){0,2}"  # joiners of names: of the, for
    rf"\s+(?!(?:{CALENDAR_WORD})\b)"  # not a date after the name ("Geneva on Monday")
    r"[A-Z][\w'’.-]*"  # the next capitalised word
    r")+"
)
NAME_WORD = re.compile(r"[A-Z][\w'’.-]*")
LETTERS = re.compile(r"[^\W\d_]")


def _name_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each name of two or more capitalised words, a leading stop word
    ("The", "But", "Could") dropped from it."""
    stop, spans = stopwords(), []
    for m in NAME_SPAN.finditer(text):
        if NAME_WORD.match(text, m.start())[0].lower() not in stop:
            spans.append(m.span())  # two capitalised words or more, as every match holds
            continue
        capitalised = list(NAME_WORD.finditer(text, m.start(), m.end()))
        while capitalised and capitalised[0].group(0).lower() in stop:
            capitalised.pop(0)
        if len(capitalised) >= 2:
            spans.append((capitalised[0].start(), m.end()))
    return spans


def is_title_case(text: str) -> bool:
    """Whether every word of four letters or more that is not a stop word is capitalised, as in
    a title-case headline (at least two such words)."""
    stop = stopwords()
    long_words = [w for w in words(text) if len(w) >= 4 and w.lower() not in stop]
    return len(long_words) >= 2 and all(w[0].isupper() for w in long_words)


def mask_names(text: str) -> str:
    """``text`` with the letters of every name of :func:`_name_spans` replaced by "x"."""
    for start, end in _name_spans(text):
        text = text[:start] + _letters_as_x(text[start:end]) + text[end:]
    return text


ASCII_LETTERS_AS_X = str.maketrans(dict.fromkeys(string.ascii_letters, "x"))


def _letters_as_x(name: str) -> str:
    """``name`` with each letter (:data:`LETTERS`) written "x": an ASCII name through a
    translation table, a fifth of the regex's time."""
    return name.translate(ASCII_LETTERS_AS_X) if name.isascii() else LETTERS.sub("x", name)


def lexical_texts(sentences: pd.DataFrame) -> list[str]:
    """The sentences as frame, hedge and sentiment lexicons read them: names masked
    (:func:`mask_names`, once per distinct sentence: reprinted copy repeats many), except in
    title-case headlines and deks."""
    masked = cache(mask_names)
    return [
        text if role in REPEATABLE_ROLES and is_title_case(text) else masked(text)
        for text, role in rows_of(sentences, "text", "role")
    ]


def tokens_per_document(sentences: pd.DataFrame) -> pd.Series:
    """Word tokens of each document's analysed text."""
    return sentences.groupby("doc_id")["tokens"].sum()
