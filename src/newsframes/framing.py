"""Framing analysis: how groups of sources frame the same story, and how sure a few texts can make us.

Every table is computed from the corpus's sentences (headline, dek and body of usable
documents; the "analysed text"), with lexical patterns kept in data files so that readers can
inspect and change them:

* ``data/codebook.yaml`` - frames (Policy Frames Codebook, Boydstun et al. 2014; Card et al.
  2015, plus frames of this story) -> ``frames`` and ``frame_evidence``;
* ``data/entman_cues.csv`` - cues of Entman's (1993) four framing functions -> ``entman``;
* ``data/hedges.csv`` - hedges and reporting verbs -> ``evidentiality`` (+ its evidence rows);
* ``data/naming.csv`` - naming variants -> ``naming``;
* ``data/targets.csv`` - who a sentence names -> ``sentiment`` targets and ``leads``.

Groups come from the documents' ``camp`` column (any number of camps); with fewer than two
known camps the comparison falls back to outlets. Per-document tables depend on nothing but
the document; ``keyness`` and ``uncertainty`` compare groups. Statistics live in
:mod:`newsframes.stats`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from functools import lru_cache
from importlib.resources import files
from itertools import groupby
from operator import itemgetter
from typing import NamedTuple

import numpy as np
import pandas as pd
import yaml

from . import stats, validation
from .corpus import Corpus
from .dates import MONTHS, WEEKDAYS
from .ingest import _cue_decides, line_cues, split_dateline  # the line rules, read on sentences
from .text import is_plain, stopwords, words

PER_TOKENS = 1000
UNKNOWN = {"", "unknown", "none", "nan", "n/a"}
MIN_KEYNESS_COUNT = 3
RELAY, ORIGINAL, UNKNOWN_SOURCE = "relay", "original", "source unknown"
BOOTSTRAP_DRAWS = 2000
SEED = 20220112
UNCERTAINTY_COLUMNS = ["comparison", "finding", "statistic", "alternative", "groups",
                       "group_means", "observed", "p_value", "q_value", "exact", "n_arrangements",
                       "n_permutations", "min_p", "ci_low", "ci_high", "sent_ci_low",
                       "sent_ci_high", "loo_min", "loo_max", "loo_sign_stable"]
MIN_BOOTSTRAP_DOCUMENTS = 3  # a group of two documents has three distinct resamples: no interval
MIN_LEDE_WORDS = 5  # shorter first sentences are datelines or bylines ("MOSCOW, January 10.")


# --- reference data ---------------------------------------------------------------------------

def _data_text(name: str) -> str:
    return files("newsframes").joinpath(f"data/{name}").read_text("utf-8")


def _data_csv(name: str) -> pd.DataFrame:
    with files("newsframes").joinpath(f"data/{name}").open(encoding="utf-8") as handle:
        return pd.read_csv(handle, keep_default_na=False, dtype=str)


def compile_cue(pattern: str) -> re.Pattern:
    """A case-insensitive regex for a cue that must start and end at word edges."""
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def codebook() -> pd.DataFrame:
    """The frames of ``data/codebook.yaml``: frame, label, family, definition, indicators
    (one regex, alternatives joined by ``|``), examples and source."""
    rows = yaml.safe_load(_data_text("codebook.yaml"))["frames"]
    return pd.DataFrame([{**row, "indicators": "|".join(f"(?:{p})" for p in row["indicators"]),
                          "examples": " / ".join(row["examples"])} for row in rows])


def reported_codebook() -> pd.DataFrame:
    """The frames of :func:`codebook` whose indicators pass validation
    (:mod:`newsframes.validation`): the only ones scored, compared and reported."""
    book = codebook()
    return book[book["frame"].isin(validation.reported("frame"))].reset_index(drop=True)


def sentiment_validated() -> bool:
    """Whether VADER's polarity passes validation for both negative and positive sentences."""
    return {"negative", "positive"} <= validation.reported("sentiment")


@lru_cache(maxsize=1)
def entman_cues() -> pd.DataFrame:
    """Cue patterns and weights for Entman's four framing functions."""
    cues = _data_csv("entman_cues.csv")
    return cues.assign(weight=cues["weight"].astype(float))


@lru_cache(maxsize=1)
def hedge_terms() -> pd.DataFrame:
    """Hedges and reporting verbs (kind, term, pattern, note, source)."""
    return _data_csv("hedges.csv")


@lru_cache(maxsize=1)
def naming_variants() -> pd.DataFrame:
    """Naming families and their variants (family, variant, pattern, note, source)."""
    return _data_csv("naming.csv")


@lru_cache(maxsize=1)
def target_patterns() -> pd.DataFrame:
    """Who a sentence names: target, pattern, note, source."""
    return _data_csv("targets.csv")


# --- analysed sentences and groups ------------------------------------------------------------

def analysed_sentences(corpus: Corpus) -> pd.DataFrame:
    """Sentences of usable documents in reading order, with their word-token count and whether
    they repeat a body sentence (:func:`repeated_sentences`)."""
    usable = set(corpus.usable["doc_id"])
    sents = corpus.sentences[corpus.sentences["doc_id"].isin(usable)].copy()
    sents["text"] = sents["text"].fillna("").astype(str)
    sents["tokens"] = sents["text"].map(lambda t: len(words(t)))
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
    for _, positions in _documents(sentences["doc_id"].tolist()):
        for i in (i for i in positions if roles[i] in REPEATABLE_ROLES):
            key = _word_key(texts[i])
            if not key:
                continue
            opening = len(key) >= MIN_LEDE_WORDS
            body = (_word_key(texts[j]) for j in positions  # only body sentences opening alike
                    if roles[j] == "body" and texts[j][:1].lower() == texts[i][:1].lower())
            flags[i] = any(b == key or (opening and b[:len(key)] == key) for b in body)
    return flags


# --- proper names -------------------------------------------------------------------------------
#
# Frame, hedge and Entman cues and VADER's lexicon read concepts, not names: "Treaty" in "North
# Atlantic Treaty Organization" carries no legal frame, "Security" in the name of a council no
# security frame. Before they are matched, names of two or more capitalised words (with the
# lower-case joiners of institution names between them) are masked: their letters become "x",
# so that offsets and word edges stay and no cue or lexicon word matches inside them. Headlines
# and deks in title case are left as they are (every word is capitalised there).

CALENDAR_WORD = "|".join(sorted((w.capitalize() for w in (*MONTHS, *WEEKDAYS)), key=len,
                               reverse=True))
NAME_SPAN = re.compile(
    r"(?<![\w'’-])"
    r"[A-Z][\w'’.-]*"  # a capitalised word: Foreign, Co-operation, Russia's, U.S.
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
        text = text[:start] + LETTERS.sub("x", text[start:end]) + text[end:]
    return text


def lexical_texts(sentences: pd.DataFrame) -> list[str]:
    """The sentences as frame, hedge and sentiment lexicons read them: names masked
    (:func:`mask_names`), except in title-case headlines and deks."""
    return [text if role in REPEATABLE_ROLES and is_title_case(text) else mask_names(text)
            for text, role in zip(sentences["text"], sentences["role"])]


def tokens_per_document(sentences: pd.DataFrame) -> pd.Series:
    """Word tokens of each document's analysed text."""
    return sentences.groupby("doc_id")["tokens"].sum()


def _documents(doc_ids: list[str]):
    """(doc_id, row numbers) of each document of rows sorted by doc_id."""
    return ((doc_id, [i for i, _ in rows]) for doc_id, rows in groupby(enumerate(doc_ids), key=itemgetter(1)))


def _known(value) -> bool:
    return str(value).strip().lower() not in UNKNOWN


def label_keys(documents: pd.DataFrame) -> pd.DataFrame:
    """What a document's comparison group (:func:`comparison_groups`) depends on, per doc_id:
    its camp (normalised) and its outlet (the doc_id when unknown). Counts summed over documents
    with the same keys are summed by group under either basis of the comparison."""
    docs = documents.set_index("doc_id")
    camps = docs["camp"].fillna("").astype(str).str.strip().str.lower() if "camp" in docs else pd.Series("", docs.index)
    outlets = docs["outlet"].fillna("").astype(str).str.strip() if "outlet" in docs else pd.Series("", docs.index)
    return pd.DataFrame({"camp": camps, "outlet": [o if _known(o) else d for d, o in outlets.items()]}, index=docs.index)


def comparison_groups(documents: pd.DataFrame) -> tuple[pd.Series, str]:
    """Group label per doc_id and the basis of the comparison.

    With two or more known camps the groups are the camps (documents of unknown camp form an
    "unknown" group); otherwise outlets are compared (a document of unknown outlet stands for
    itself) and the basis says so.
    """
    return _groups_of(label_keys(documents))


def _groups_of(keys: pd.DataFrame) -> tuple[pd.Series, str]:
    """:func:`comparison_groups` from the documents' :func:`label_keys`."""
    camps = keys["camp"]
    if camps[camps.map(_known)].nunique() >= 2:
        return camps.where(camps.map(_known), "unknown").rename("group"), "camp"
    return keys["outlet"].rename("group"), "outlet (fewer than two known camps)"


def with_groups(table: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """``table`` with the comparison group of its ``doc_id`` added (for plots and summaries)."""
    labels, _ = comparison_groups(documents)
    return table.assign(group=table["doc_id"].map(labels))


def _agency_key(name: str) -> str:
    return re.sub(r"\W+", "", str(name).lower())


def is_relay(outlet: str, upstream: str) -> bool:
    """True when ``upstream`` (``;``-separated) names a source other than the outlet itself,
    i.e. the document passes on agency or other media copy."""
    sources = [s for s in str(upstream).split(";") if _known(s)]
    return bool(sources) and _agency_key(outlet) not in {_agency_key(s) for s in sources}


def copy_status(outlet: str, upstream: str) -> str:
    """``relay`` when the document passes on another source's copy (:func:`is_relay`),
    ``original`` when its known upstream is the outlet itself, and ``source unknown`` when no
    upstream is known: an unknown source is not evidence of original reporting."""
    if is_relay(outlet, upstream):
        return RELAY
    return ORIGINAL if any(_known(s) for s in str(upstream).split(";")) else UNKNOWN_SOURCE


def relay_groups(documents: pd.DataFrame) -> pd.Series:
    """Group label ``camp · <copy status>`` per doc_id: the camp split by whether the document
    relays another source's copy, is the outlet's own, or has no known source
    (:func:`copy_status`)."""
    base, _ = comparison_groups(documents)
    docs = documents.set_index("doc_id").reindex(base.index)
    outlets, upstreams = (docs[column] if column in docs else [""] * len(docs)
                          for column in ("outlet", "upstream"))
    status = [copy_status(outlet, upstream) for outlet, upstream in zip(outlets, upstreams)]
    return pd.Series([f"{g} · {s}" for g, s in zip(base, status)], index=base.index, name="group")


# --- pattern matching -------------------------------------------------------------------------
#
# A cue can only match where its text begins with one of a few lower-case strings (its
# "beginnings", read off the regex's parse tree from CPython's ``re._parser``) and the
# character before is not a word character. :class:`SentenceIndex` sorts every such place of
# the analysed text by its next characters, so each cue is tried only where it may begin
# instead of running the regex over all text once per cue.

SENTENCE_SEPARATOR = "\x00"  # between sentences in the index; never in a sentence
KEY_LENGTH = 4  # characters of text after a position that the index sorts by
MAX_BEGINNINGS = 512  # more possible beginnings are cut to their first character
_ASCII = np.arange(129)
_LOWER = np.where((_ASCII >= 65) & (_ASCII <= 90), _ASCII + 32, _ASCII).astype(np.uint8)
_WORD = np.array([chr(c).isalnum() or chr(c) == "_" for c in range(128)] + [False])  # re's \w on ASCII
_OTHER = 128  # stands for every non-ASCII character: it may be anything, so it matches every cue
_ZERO_WIDTH = (re._constants.AT, re._constants.ASSERT, re._constants.ASSERT_NOT)
_REPEATS = (re._constants.MAX_REPEAT, re._constants.MIN_REPEAT, re._constants.POSSESSIVE_REPEAT)
_UNKNOWN = frozenset({("", True)})  # any text may follow


def _then(first: frozenset, second: frozenset) -> frozenset:
    """Beginnings of a sequence: each (text, closed) of ``first`` followed by those of ``second``
    (``closed`` = nothing more is known after ``text``), cut to ``KEY_LENGTH`` characters."""
    out = set()
    for text, closed in first:
        if closed:
            out.add((text, True))
            continue
        for more, more_closed in second:
            joined = text + more
            out.add((joined[:KEY_LENGTH], more_closed or len(joined) >= KEY_LENGTH))
    if len(out) > MAX_BEGINNINGS:
        out = {(text[:1], True) for text, _ in out}
    return frozenset(out)


def _char_set(items) -> frozenset:
    """Beginnings of a character class: its lower-cased ASCII members, or unknown."""
    chars = set()
    for op, av in items:
        if op is re._constants.LITERAL and av < 128:
            chars.add(chr(av).lower())
        elif op is re._constants.RANGE and av[1] < 128:
            chars.update(chr(c).lower() for c in range(av[0], av[1] + 1))
        else:
            return _UNKNOWN
    return frozenset((c, False) for c in chars)


def _beginnings(items) -> frozenset:
    """Possible lower-cased beginnings (text, closed) of what a parsed regex sequence matches."""
    out = frozenset({("", False)})
    for op, av in items:
        if op is re._constants.LITERAL:
            step = frozenset({(chr(av).lower(), False)}) if av < 128 else _UNKNOWN
        elif op is re._constants.IN:
            step = _char_set(av)
        elif op is re._constants.BRANCH:
            step = frozenset().union(*(_beginnings(branch) for branch in av[1]))
        elif op is re._constants.SUBPATTERN:
            step = _beginnings(av[3])
        elif op is re._constants.ATOMIC_GROUP:
            step = _beginnings(av)
        elif op in _REPEATS:
            step = _repeat_beginnings(*av)
        elif op in _ZERO_WIDTH:
            step = frozenset({("", False)})
        else:
            step = _UNKNOWN
        out = _then(out, step)
    return out


def _repeat_beginnings(low: int, high: int, item) -> frozenset:
    """Beginnings of ``item`` repeated ``low`` to ``high`` times."""
    once, current = _beginnings(item), frozenset({("", False)})
    out = {("", False)} if low == 0 else set()
    for n in range(1, min(high, KEY_LENGTH) + 1):
        current = _then(current, once)
        if n >= low:
            out |= current
    if high > KEY_LENGTH:  # more repeats (or the ones still required) extend the text unseen
        out |= {(text, True) for text, _ in current}
    return frozenset(out)


@lru_cache(maxsize=None)
def cue_beginnings(pattern: str) -> tuple[str, ...] | None:
    """Lower-case strings one of which begins (lower-cased) every match of
    :func:`compile_cue` ``(pattern)``, or None when a match may begin with anything."""
    found = _beginnings(re._parser.parse(compile_cue(pattern).pattern, re.IGNORECASE))
    texts = {text for text, _ in found}
    return None if "" in texts else tuple(sorted(texts))


def _key(text: bytes) -> int:
    """A text's index key: its characters as bytes, padded on the right with the non-ASCII mark."""
    return int.from_bytes(text + bytes([_OTHER]) * (KEY_LENGTH - len(text)), "big")


def _key_ranges(beginning: str) -> list[tuple[int, int]]:
    """Key ranges of the places a cue with this beginning may match at: keys starting with it,
    and keys whose ASCII part is a shorter start of it (followed by an unknown character)."""
    raw = beginning.encode("ascii")
    rest = 8 * (KEY_LENGTH - len(raw))
    head = int.from_bytes(raw, "big") << rest
    return [(_key(raw[:j]), _key(raw[:j])) for j in range(len(raw))] + [(head, head | ((1 << rest) - 1))]


def _ascii_lower(text: str, slice_length: int = 1 << 22) -> np.ndarray:
    """Each character of ``text`` as its lower-cased ASCII code, or ``_OTHER`` if not ASCII
    (converted slice by slice, so that a large corpus never needs four bytes per character)."""
    parts = [_LOWER[np.minimum(np.frombuffer(text[i:i + slice_length].encode("utf-32-le"), dtype=np.uint32), _OTHER)]
             for i in range(0, len(text), slice_length)]
    return np.concatenate([np.empty(0, np.uint8), *parts])


class SentenceIndex:
    """The analysed sentences (texts, doc_ids, sent_ids) with every place where a cue may begin
    (the character before is not a word character), sorted by a key of the next
    ``KEY_LENGTH`` characters lower-cased; a non-ASCII character and all after it count as
    unknown in the key, since case-insensitive matching may equate it with an ASCII letter."""

    def __init__(self, sentences: pd.DataFrame, searched: list[str] | None = None):
        """``searched``: the texts to match cues in, of the same lengths as the sentences
        (such as :func:`lexical_texts`); matches and sentences are reported as written."""
        self.shown = sentences["text"].tolist()
        self.texts = self.shown if searched is None else list(searched)
        self.doc_ids, self.sent_ids = sentences["doc_id"].tolist(), sentences["sent_id"].tolist()
        lengths = np.fromiter((len(t) + 1 for t in self.texts), dtype=np.int64, count=len(self.texts))
        self.starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
        chars = _ascii_lower(SENTENCE_SEPARATOR.join(self.texts))
        places = np.flatnonzero(~np.concatenate([[False], _WORD[chars]])[:len(chars)])  # no word character before
        padded = np.concatenate([chars, np.zeros(KEY_LENGTH, np.uint8)])
        keys, unknown = np.zeros(len(places), np.uint64), np.zeros(len(places), bool)
        for j in range(KEY_LENGTH):
            char = padded[places + j]
            unknown |= char == _OTHER
            keys = (keys << np.uint64(8)) | np.where(unknown, _OTHER, char).astype(np.uint64)
        order = np.argsort(keys, kind="stable")
        self.keys, self.places = keys[order], places[order]

    def candidates(self, beginnings: tuple[str, ...]) -> np.ndarray:
        """Sorted places where a cue with one of ``beginnings`` may match."""
        ranges = np.array([r for text in beginnings for r in _key_ranges(text)], dtype=np.uint64).reshape(-1, 2)
        low = np.searchsorted(self.keys, ranges[:, 0], "left")
        high = np.searchsorted(self.keys, ranges[:, 1], "right")
        return np.unique(np.concatenate([self.places[a:b] for a, b in zip(low, high)] + [np.empty(0, np.int64)]))

    def matches(self, pattern: str) -> list[tuple[int, re.Match]]:
        """(sentence number, match) of ``compile_cue(pattern)`` in every sentence, as
        ``finditer`` on each sentence gives them: candidates are tried in order, skipping those
        inside the sentence's previous match."""
        cue, beginnings = compile_cue(pattern), cue_beginnings(pattern)
        if beginnings is None:
            return [(i, m) for i, text in enumerate(self.texts) for m in cue.finditer(text)]
        places = self.candidates(beginnings)
        sentence = np.searchsorted(self.starts, places, "right") - 1
        found, last, end = [], -1, 0
        for i, offset in zip(sentence.tolist(), (places - self.starts[sentence]).tolist()):
            if i == last and offset < end:
                continue
            m = cue.match(self.texts[i], offset)
            if m:
                found.append((i, m))
                last, end = i, m.end()
        return found


def pattern_hits(index: SentenceIndex, patterns: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """One row per regex match of each pattern in each sentence (each sentence scanned on its
    own, see :meth:`SentenceIndex.matches`): doc_id, sent_id, the ``keys`` columns of the
    pattern, match, start (offset in the sentence) and sentence."""
    rows = []
    for row in patterns.to_dict("records"):
        values = [row[k] for k in keys]
        rows.extend((index.doc_ids[i], index.sent_ids[i], *values,
                     index.shown[i][m.start():m.end()], m.start(), index.shown[i])
                    for i, m in index.matches(row["pattern"]))
    columns = ["doc_id", "sent_id", *keys, "match", "start", "sentence"]
    return pd.DataFrame(rows, columns=columns).sort_values(["doc_id", "sent_id", "start", *keys], ignore_index=True)


def _rate(hits, tokens):
    return np.where(tokens > 0, PER_TOKENS * np.asarray(hits, dtype=float) / np.maximum(tokens, 1), np.nan)


# --- frames -----------------------------------------------------------------------------------

def frame_evidence(index: SentenceIndex, frames: pd.DataFrame) -> pd.DataFrame:
    """Every indicator match of every frame: doc_id, frame, sent_id, start (offset in the
    sentence), match, sentence."""
    hits = pattern_hits(index, frames.rename(columns={"indicators": "pattern"}), ["frame"])
    hits = hits.sort_values(["doc_id", "frame", "sent_id", "start"], ignore_index=True)
    return hits[["doc_id", "frame", "sent_id", "start", "match", "sentence"]]


def frame_scores(evidence: pd.DataFrame, tokens: pd.Series, frames: pd.DataFrame) -> pd.DataFrame:
    """Hits and hits per 1,000 tokens for every document x frame (zeros included), and how many
    of the hits are inside quoted or reported speech (``hits_quoted``, from the evidence's
    ``voice``, :func:`with_voice`)."""
    grid = pd.MultiIndex.from_product([sorted(tokens.index), list(frames["frame"])], names=["doc_id", "frame"])
    hits = evidence.groupby(["doc_id", "frame"]).size().reindex(grid, fill_value=0).rename("hits").reset_index()
    hits["per_1k"] = _rate(hits["hits"], hits["doc_id"].map(tokens).to_numpy())
    quoted = evidence[evidence["voice"] == QUOTED].groupby(["doc_id", "frame"]).size()
    hits["hits_quoted"] = quoted.reindex(grid, fill_value=0).to_numpy()
    return hits.sort_values(["doc_id", "frame"], ignore_index=True)


# --- Entman's four functions ------------------------------------------------------------------

def entman_table(index: SentenceIndex, cues: pd.DataFrame) -> pd.DataFrame:
    """Per document and function, the sentence with the highest summed cue weight (earliest on
    ties) and its cues; a function without any cue gets an empty row (score 0)."""
    hits = pattern_hits(index, cues, ["function", "weight"])
    scored = (hits.groupby(["doc_id", "function", "sent_id"], sort=True)
              .agg(score=("weight", "sum"), sentence=("sentence", "first")).reset_index())
    cues_of: dict[tuple, dict[str, None]] = {}
    for key, match in zip(zip(hits["doc_id"], hits["function"], hits["sent_id"]), hits["match"]):
        cues_of.setdefault(key, {})[match.lower()] = None  # distinct cues in order of appearance
    scored["cue"] = ["; ".join(cues_of[key]) for key in zip(scored["doc_id"], scored["function"], scored["sent_id"])]
    best = (scored.sort_values(["doc_id", "function", "score", "sent_id"], ascending=[True, True, False, True])
            .groupby(["doc_id", "function"]).head(1))
    grid = pd.MultiIndex.from_product([sorted(set(index.doc_ids)), sorted(cues["function"].unique())],
                                      names=["doc_id", "function"])
    table = best.set_index(["doc_id", "function"]).reindex(grid).reset_index()
    table["sent_id"] = table["sent_id"].astype("Int64")
    table[["sentence", "cue"]] = table[["sentence", "cue"]].fillna("")
    table["score"] = table["score"].fillna(0.0)
    return table[["doc_id", "function", "sent_id", "sentence", "cue", "score"]]


# --- keyness ----------------------------------------------------------------------------------

LETTER = re.compile(r"[^\W\d_]")
CALENDAR_TERMS = frozenset(w for name in (*MONTHS, *WEEKDAYS) for w in (name, f"{name}."))
CREDIT_IN_PARENTHESES = re.compile(
    r"\((?:"
    # a photo credit: (AP Photo/Jane Roe), (Image: Getty)
    r"[^()]{0,60}\b(?i:photo(?:graph)?s?|images?|pictures?|credits?|file)\b[^()]{0,60}"
    r"|(?:[A-Z][\w.&/-]*\s?){1,3}"  # a wire's credit in a dateline or lede: (Reuters), (AP), (IANS)
    r")\)"
)
CREDIT_KINDS = frozenset({"caption", "attribution", "byline", "byline_in_place", "dateline"})


MAX_CREDIT_SPACES = 40  # a credit line has at most 40 words (ingestion's rule, _cue_decides)


def is_credit(text: str) -> bool:
    """Whether a sentence is as a whole a credit, caption, byline or dateline (ingestion's line
    cues of those kinds, with ingestion's length rules)."""
    if text.count(" ") > MAX_CREDIT_SPACES:
        return False
    lower = text.lower()
    prefixes, keys = credit_gate()
    if is_plain(text) and not lower.startswith(prefixes) and not keys.search(lower):
        return False  # no credit cue can match (their prefilters, tested at once)
    lower_ascii = lower if text.isascii() else None
    return any(cue.search(text, lower_ascii) and _cue_decides(cue.kind, text)
               for cue in credit_cues())


@lru_cache(maxsize=1)
def credit_cues() -> tuple:
    """Ingestion's line cues of the kinds in ``CREDIT_KINDS``."""
    return tuple(cue for cue in line_cues() if cue.kind in CREDIT_KINDS)


@lru_cache(maxsize=1)
def credit_gate() -> tuple[tuple[str, ...], re.Pattern]:
    """The prefixes and (as one regex) the keys of :func:`credit_cues`' prefilters: a plain
    lower-cased sentence that starts with none and contains none matches no credit cue."""
    cues = credit_cues()
    assert not any(cue.gate.always for cue in cues), "every credit cue has a prefilter"
    keys = sorted({key for cue in cues for key in cue.gate.keys}, key=len, reverse=True)
    return (tuple(p for cue in cues for p in cue.gate.prefixes),
            re.compile("|".join(map(re.escape, keys)) or r"(?!)"))


def content_text(text: str) -> str:
    """A sentence without what is not its content: a leading dateline ("MOSCOW, Jan 12 (Reuters)
    -") and credits in parentheses; empty when the sentence is a credit (:func:`is_credit`)."""
    return "" if is_credit(text) else CREDIT_IN_PARENTHESES.sub(" ", split_dateline(text)[1])


def document_term_counts(sentences: pd.DataFrame) -> pd.DataFrame:
    """Counts of lower-cased content words (no stop words, no month or weekday names, at least
    one letter) per document, read in each sentence's :func:`content_text`: doc_id, term, count
    (sentences sorted by doc_id, as :func:`analysed_sentences` gives them; a document's
    sentences are tokenised as one text, since no word token spans a line break)."""
    stop, content = stopwords() | CALENDAR_TERMS, {}
    texts = sentences["text"].tolist()
    rows = []
    for doc_id, positions in _documents(sentences["doc_id"].tolist()):
        document_text = "\n".join(content_text(texts[i]) for i in positions)
        counts = Counter(map(str.lower, words(document_text)))
        for term in counts:
            if term not in content:
                content[term] = term not in stop and len(term) > 1 and LETTER.search(term) is not None
        rows.extend((doc_id, term, n) for term, n in sorted(counts.items()) if content[term])
    return pd.DataFrame(rows, columns=["doc_id", "term", "count"])


KEYED_TERM_COLUMNS = ["camp", "outlet", "term", "count"]


def keyed_term_counts(doc_terms: pd.DataFrame, keys: pd.DataFrame) -> pd.DataFrame:
    """Per-document term counts summed over the documents with the same :func:`label_keys`
    (camp, outlet, term, count; sorted): what the groups' counts need, in far fewer rows
    when outlets are known, and summed again exactly across partitions."""
    keyed = doc_terms.join(keys, on="doc_id")
    return keyed.groupby(KEYED_TERM_COLUMNS[:3], as_index=False, sort=True)["count"].sum()[KEYED_TERM_COLUMNS]


def term_counts(keyed_terms: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Term x group counts (groups of :func:`comparison_groups`) from :func:`keyed_term_counts`."""
    keys = label_keys(documents)
    labels, _ = _groups_of(keys)
    group_of = keys.assign(group=labels).drop_duplicates(["camp", "outlet"])
    table = (keyed_terms.merge(group_of, on=["camp", "outlet"], how="left")
             .pivot_table(index="term", columns="group", values="count", aggfunc="sum", fill_value=0))
    return table.reindex(columns=sorted(set(labels)), fill_value=0).rename_axis(index="term", columns="group")


def keyness_table(counts: pd.DataFrame, min_count: int = MIN_KEYNESS_COUNT, prior_weight: float = 1.0) -> pd.DataFrame:
    """Distinctive terms of each group against the rest of the corpus.

    Each term (total count >= ``min_count``) is listed once, under the group where its
    log-odds z is highest. Statistics compare that group with all others: ``log_odds_z``
    (Monroe et al. 2008; informative Dirichlet prior α_w = ``prior_weight`` x the term's corpus
    count), ``g2`` (Dunning 1993) and ``log_ratio`` (Hardie 2014).
    """
    groups = list(counts.columns)
    totals = counts.sum(axis=0)
    corpus_count = counts.sum(axis=1)
    prior, prior_total = prior_weight * corpus_count, prior_weight * corpus_count.sum()
    z = pd.DataFrame({g: stats.log_odds_z(counts[g], corpus_count - counts[g], totals[g], totals.sum() - totals[g],
                                          prior, prior_total) for g in groups}, index=counts.index)
    keep = (corpus_count >= min_count).to_numpy()
    best = z[keep].idxmax(axis=1)
    rows, column = np.flatnonzero(keep), pd.Index(groups).get_indexer(best)
    kept = counts.to_numpy()[rows]
    a, n_a = kept[np.arange(len(rows)), column], totals.to_numpy()[column]
    b, n_b = corpus_count.to_numpy()[rows] - a, totals.sum() - n_a
    values = [best.index, best, *kept.T.tolist(), z.to_numpy()[rows, column].tolist(),
              stats.g2(a, b, n_a, n_b).tolist(), stats.log_ratio(a, b, n_a, n_b).tolist()]
    columns = ["term", "group", *[f"count_{g}" for g in groups], "log_odds_z", "g2", "log_ratio"]
    table = pd.DataFrame(list(zip(*values)), columns=columns)
    return table.sort_values(["group", "log_odds_z", "term"], ascending=[True, False, True], ignore_index=True)


def plot_fightin_words(keyness: pd.DataFrame, ax=None, top_n: int = 8, colors: dict | None = None):
    """Fightin'-Words plot: x = log10 of a term's corpus count, y = its log-odds z (with two
    groups, signed: up for the first group, down for the second); the top terms of each group
    labelled, tied terms sharing one label."""
    import matplotlib.pyplot as plt

    from .plots import group_colors

    ax = ax or plt.subplots(figsize=(7, 4.5))[1]
    groups = sorted(keyness["group"].unique())
    colors = colors or group_colors(groups)
    count_columns = [c for c in keyness.columns if c.startswith("count_")]
    frame = keyness.assign(total=keyness[count_columns].sum(axis=1))
    sign = np.where((len(groups) == 2) & (frame["group"] == groups[-1]), -1.0, 1.0)
    frame = frame.assign(x=np.log10(frame["total"]), y=sign * frame["log_odds_z"])
    for group in groups:
        part = frame[frame["group"] == group]
        ax.scatter(part["x"], part["y"], s=12, alpha=0.7, color=colors[group], label=group)
        top = part.nlargest(top_n, "log_odds_z").sort_values("term")
        for (x, y), terms in top.groupby(["x", "y"])["term"]:  # tied terms share one label
            names = list(terms)
            text = ", ".join(names[:3]) + (f" +{len(names) - 3}" if len(names) > 3 else "")
            ax.annotate(text, (x, y), fontsize=8, xytext=(3, 2), textcoords="offset points")
    ax.axhline(0, color="grey", lw=0.6)
    ax.set_xlabel("log10 frequency in corpus")
    ax.set_ylabel("log-odds z" + (f" ({groups[0]} up, {groups[-1]} down)" if len(groups) == 2 else " (own group vs rest)"))
    ax.legend(loc="best")
    return ax


# --- evidentiality ----------------------------------------------------------------------------

def evidentiality_evidence(index: SentenceIndex, terms: pd.DataFrame) -> pd.DataFrame:
    """Every hedge, attribution marker and reporting-verb match: doc_id, kind, term, sent_id,
    start (offset in the sentence), match, sentence."""
    hits = pattern_hits(index, terms, ["kind", "term"])
    hits = hits.sort_values(["doc_id", "kind", "sent_id", "start", "term"], ignore_index=True)
    return hits[["doc_id", "kind", "term", "sent_id", "start", "match", "sentence"]]


def _term_summary(counts: Counter) -> str:
    """Terms with their counts, most frequent first (ties alphabetical)."""
    return "; ".join(f"{t} {n}" for t, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def evidentiality_rates(evidence: pd.DataFrame, tokens: pd.Series, labels: pd.Series, kinds) -> pd.DataFrame:
    """Hits and hits per 1,000 tokens of each kind, per document (``level=doc``) and pooled per
    group (``level=group``), with how many hits are in quoted or reported speech and the most
    frequent terms."""
    terms: dict[tuple[str, str], Counter] = {}
    quoted: Counter = Counter()
    rows_found = zip(evidence["doc_id"], evidence["kind"], evidence["term"], evidence["voice"])
    for doc_id, kind, term, voice in rows_found:
        terms.setdefault((doc_id, kind), Counter())[term] += 1
        quoted[(doc_id, kind)] += voice == QUOTED
    n_tokens = tokens.to_dict()
    rows = []
    for level, units in (("doc", [(d, [d], labels[d]) for d in sorted(tokens.index)]),
                         ("group", [(g, sorted(labels[labels == g].index), g) for g in sorted(set(labels))])):
        for unit, docs, group in units:
            unit_tokens = int(sum(n_tokens.get(d, 0) for d in docs))
            for kind in kinds:
                found = Counter()
                for d in docs:
                    found.update(terms.get((d, kind), {}))
                hits = sum(found.values())
                rows.append({"level": level, "unit": unit, "group": group, "kind": kind,
                             "hits": hits, "hits_quoted": sum(quoted[(d, kind)] for d in docs),
                             "tokens": unit_tokens, "per_1k": float(_rate(hits, unit_tokens)),
                             "terms": _term_summary(found)})
    return pd.DataFrame(rows)


# --- naming -----------------------------------------------------------------------------------

def naming_counts(index: SentenceIndex, variants: pd.DataFrame) -> pd.DataFrame:
    """Per document, the count of each naming variant and its share of its family's mentions."""
    hits = pattern_hits(index, variants, ["family", "variant"])
    pairs = list(zip(variants["family"], variants["variant"]))
    grid = pd.DataFrame([(d, f, v) for d in sorted(set(index.doc_ids)) for f, v in pairs],
                        columns=["doc_id", "family", "variant"])
    counts = hits.groupby(["doc_id", "family", "variant"]).size().rename("count").reset_index()
    table = grid.merge(counts, how="left", on=["doc_id", "family", "variant"]).fillna({"count": 0})
    table["count"] = table["count"].astype(int)
    family_total = table.groupby(["doc_id", "family"])["count"].transform("sum")
    table["share"] = np.where(family_total > 0, table["count"] / family_total.where(family_total > 0, 1), np.nan)
    return table.sort_values(["doc_id", "family", "variant"], ignore_index=True)


# --- targets, sentiment and leads -------------------------------------------------------------

@lru_cache(maxsize=4)
def _compiled_targets(rows: tuple[tuple[str, str], ...]) -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((target, compile_cue(pattern)) for target, pattern in rows)


def mentions(text: str, targets: pd.DataFrame) -> list[tuple[int, str]]:
    """(offset, target) of every target mention in ``text``, in reading order."""
    compiled = _compiled_targets(tuple(zip(targets["target"], targets["pattern"])))
    return sorted((m.start(), target) for target, regex in compiled for m in regex.finditer(text))


def named_targets(text: str, targets: pd.DataFrame) -> list[str]:
    """Targets a text names, in order of first mention."""
    return list(dict.fromkeys(t for _, t in mentions(text, targets)))


def sentence_targets(index: SentenceIndex, targets: pd.DataFrame) -> list[list[str]]:
    """:func:`named_targets` of every sentence of the index, each target pattern matched once
    over the index rather than once per sentence."""
    found: list[list[tuple[int, str]]] = [[] for _ in index.texts]
    for target, pattern in zip(targets["target"], targets["pattern"]):
        for i, m in index.matches(pattern):
            found[i].append((m.start(), target))
    return [list(dict.fromkeys(t for _, t in sorted(mentioned))) for mentioned in found]


@lru_cache(maxsize=1)
def vader():
    """VADER (Hutto & Gilbert 2014): NLTK's analyser in the faster form of
    :class:`newsframes.sentiment.Analyzer` (same scores), its lexicon taken from the pinned
    vaderSentiment package (see :mod:`newsframes.nltkdata`)."""
    from .nltkdata import ensure_vader
    from .sentiment import Analyzer

    ensure_vader()
    return Analyzer()


def quoted_sentences(compare_tables: dict | None) -> set[tuple[str, int]]:
    """(doc_id, sent_id) of sentences the source-comparison stage found quotes or reported
    speech in, if its ``quotes`` table was passed."""
    quotes = (compare_tables or {}).get("quotes")
    if quotes is None or not {"doc_id", "sent_id"} <= set(quotes.columns):
        return set()
    return {(d, int(s)) for d, s in quotes[["doc_id", "sent_id"]].dropna().itertuples(index=False)}


def sentence_scores(sentences: pd.DataFrame, named: list[list[str]],
                    searched: list[str]) -> pd.DataFrame:
    """VADER scores of every sentence (never whole articles: VADER is built for short texts),
    read in ``searched`` (the sentences with names masked, :func:`lexical_texts`), and the
    targets each sentence names (``named``, from :func:`sentence_targets`)."""
    analyser = vader()
    rows = []
    for sent, sent_targets, text in zip(sentences.itertuples(index=False), named, searched):
        scores = analyser.polarity_scores(text)
        rows.append((sent.doc_id, sent.sent_id, sent.start, sent.role, sent.tokens,
                     scores["compound"], scores["neg"], scores["neu"], scores["pos"],
                     "|".join(sorted(sent_targets)), sent.text))
    return pd.DataFrame(rows, columns=["doc_id", "sent_id", "start", "role", "tokens", "compound",
                                       "neg", "neu", "pos", "targets", "text"])


def sentence_sentiment(scores: pd.DataFrame, documents: pd.DataFrame, labels: pd.Series,
                       quoted: set | frozenset = frozenset()) -> pd.DataFrame:
    """Sentence scores with their document's outlet, camp and group, and whether the
    source-comparison stage found a quotation in the sentence."""
    docs = documents.set_index("doc_id")
    table = scores.drop(columns="tokens").assign(
        outlet=scores["doc_id"].map(docs["outlet"]) if "outlet" in docs else "",
        camp=scores["doc_id"].map(docs["camp"]) if "camp" in docs else "",
        group=scores["doc_id"].map(labels),
        quoted=[(d, int(i)) in quoted for d, i in zip(scores["doc_id"], scores["sent_id"])])
    columns = ["doc_id", "sent_id", "role", "outlet", "camp", "group", "compound", "neg", "neu", "pos", "targets", "quoted", "text"]
    return table[columns].sort_values(["doc_id", "sent_id"], ignore_index=True)


def sentiment_by(sentiment: pd.DataFrame, by: str) -> pd.DataFrame:
    """Distribution of sentence compound scores per value of ``by`` (a column such as group,
    camp, outlet or doc_id; ``targets`` counts a sentence once for each target it names)."""
    frame = sentiment
    if by == "targets":
        frame = sentiment.assign(targets=sentiment["targets"].replace("", "(none)").str.split("|")).explode("targets")
    summary = frame.groupby(by)["compound"].describe()[["count", "mean", "std", "min", "25%", "50%", "75%", "max"]]
    share = frame.assign(negative=frame["compound"] <= -0.05, positive=frame["compound"] >= 0.05)
    summary[["share_negative", "share_positive"]] = share.groupby(by)[["negative", "positive"]].mean()
    return summary.reset_index()


def _first_reporting_verb(text: str, verbs: list[re.Pattern]) -> str:
    found = sorted((m.start(), m.group(0)) for verb in verbs for m in verb.finditer(text))
    return found[0][1] if found else ""


def lead_table(sentences: pd.DataFrame, named: list[list[str]], targets: pd.DataFrame,
               terms: pd.DataFrame) -> pd.DataFrame:
    """Who leads each document: targets named in the headline and the lede (first body
    sentence of at least ``MIN_LEDE_WORDS`` words) and the lede's first reporting verb, plus the
    order in which targets are first mentioned in the document's sentences (``named``, from
    :func:`sentence_targets`, in reading order; the lede's speaker is added by
    :func:`with_lede_speakers`)."""
    verbs = [compile_cue(p) for p in terms.loc[terms["kind"] == "reporting_verb", "pattern"]]
    texts, roles, tokens = sentences["text"].tolist(), sentences["role"].tolist(), sentences["tokens"].tolist()
    sent_ids = sentences["sent_id"].tolist()
    rows = []
    for doc_id, positions in _documents(sentences["doc_id"].tolist()):
        headline = " ".join(texts[i] for i in positions if roles[i] == "headline")
        lede = next((i for i in positions if roles[i] == "body" and tokens[i] >= MIN_LEDE_WORDS), None)
        lede_text = texts[lede] if lede is not None else ""
        lede_targets = named[lede] if lede is not None else []
        headline_targets = named_targets(headline, targets)
        rows.append({"doc_id": doc_id, "headline": headline,
                     "headline_actor": headline_targets[0] if headline_targets else "",
                     "headline_actors": " > ".join(headline_targets),
                     "lede_sent_id": int(sent_ids[lede]) if lede is not None else pd.NA, "lede": lede_text,
                     "lede_actor": lede_targets[0] if lede_targets else "",
                     "lede_actors": " > ".join(lede_targets),
                     "lede_verb": _first_reporting_verb(lede_text, verbs), "lede_speaker": "",
                     "first_mentions": " > ".join(dict.fromkeys(t for i in positions for t in named[i]))})
    table = pd.DataFrame(rows)
    table["lede_sent_id"] = table["lede_sent_id"].astype("Int64")
    return table


def with_lede_speakers(leads: pd.DataFrame, quotes: pd.DataFrame | None) -> pd.DataFrame:
    """Leads with the speaker of the first quotation found in each lede sentence, if any."""
    if quotes is None or leads.empty or not {"doc_id", "sent_id", "speaker"} <= set(quotes.columns):
        return leads
    first = quotes.dropna(subset=["sent_id"]).astype({"sent_id": int}).drop_duplicates(["doc_id", "sent_id"])
    speaker = dict(zip(zip(first["doc_id"], first["sent_id"]), first["speaker"].astype(str)))
    keys = zip(leads["doc_id"], leads["lede_sent_id"])
    return leads.assign(lede_speaker=[speaker.get((d, int(i)), "") if pd.notna(i) else "" for d, i in keys])


# --- who voices a cue: the outlet or its sources ----------------------------------------------
#
# A cue inside quoted or reported speech (the source-comparison stage's quotes, by offset) is
# the source's wording, not the outlet's. Without a quotes table every cue counts as authorial.

AUTHORIAL, QUOTED = "authorial", "quoted"


def quote_spans(quotes: pd.DataFrame | None) -> dict[str, list[tuple[int, int]]]:
    """Per document, the (start, end) offsets of its quoted and reported words, overlapping
    quotations merged, in text order."""
    if quotes is None or not {"doc_id", "start", "end"} <= set(quotes.columns):
        return {}
    spans: dict[str, list[tuple[int, int]]] = {}
    located = quotes.dropna(subset=["start", "end"])
    offsets = zip(located["doc_id"], located["start"].astype(int), located["end"].astype(int))
    for doc_id, start, end in sorted(offsets):
        merged = spans.setdefault(doc_id, [])
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return spans


def _in_spans(offset: int, spans: list[tuple[int, int]]) -> bool:
    i = bisect_right(spans, (offset, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]


def with_voice(evidence: pd.DataFrame, scores: pd.DataFrame, spans: dict) -> pd.DataFrame:
    """``evidence`` (rows with doc_id, sent_id and start) with ``voice``: ``quoted`` when the
    match begins inside quoted or reported speech, else ``authorial`` (``scores``: the sentence
    rows with their ``start`` offset in the document)."""
    starts = dict(zip(zip(scores["doc_id"], scores["sent_id"]), scores["start"]))
    voices = [QUOTED if _in_spans(starts[(d, i)] + offset, spans.get(d, [])) else AUTHORIAL
              for d, i, offset in zip(evidence["doc_id"], evidence["sent_id"], evidence["start"])]
    columns = [c for c in evidence.columns if c != "sentence"]
    return evidence.assign(voice=voices)[[*columns, "voice", "sentence"]]


def quoted_tokens(scores: pd.DataFrame, spans: dict) -> list[int]:
    """Word tokens of each sentence (rows with doc_id, start and text) inside quoted or
    reported speech."""
    counts = []
    for doc_id, start, text in zip(scores["doc_id"], scores["start"], scores["text"]):
        end, inside = start + len(text), 0
        for a, b in spans.get(doc_id, []):
            if a < end and b > start:
                inside += len(words(text[max(a, start) - start:min(b, end) - start]))
        counts.append(inside)
    return counts


# --- uncertainty ------------------------------------------------------------------------------

SENTIMENT_FINDINGS = {
    False: "mean sentence sentiment (VADER compound), authorial sentences",
    True: "mean sentence sentiment (VADER compound), sentences with quoted speech",
}


def sentence_measures(sentences: pd.DataFrame, evidence: pd.DataFrame, frames: pd.DataFrame,
                      hedge_evidence: pd.DataFrame, sentiment: pd.DataFrame) -> pd.DataFrame:
    """Sentence-level numerators and denominators of each headline finding (long format:
    finding, doc_id, sent_id, num, den, scale); a document's score is scale·Σnum/Σden.

    Frames count every hit per 1,000 tokens; hedges, attribution markers and reporting verbs
    only the outlet's own (authorial) hits per 1,000 tokens outside quotations (``sentences``
    carry ``quoted_tokens``); sentiment, when VADER passes validation, is the mean over authorial
    sentences and, apart, over sentences with quoted speech (``sentiment``'s ``quoted``).
    Evidence of measures that fail validation is left out by the caller."""
    base = sentences[["doc_id", "sent_id", "tokens"]]
    authorial_base = base.assign(tokens=sentences["tokens"] - sentences["quoted_tokens"])
    parts = []
    for key, label in zip(frames["frame"], frames["label"]):
        hits = evidence[evidence["frame"] == key].groupby(["doc_id", "sent_id"]).size().rename("num")
        parts.append(base.join(hits, on=["doc_id", "sent_id"]).assign(finding=f"frame per 1k: {label}",
                                                                        scale=PER_TOKENS))
    own = hedge_evidence[hedge_evidence["voice"] == AUTHORIAL]
    for kind in sorted(hedge_evidence["kind"].unique()):
        hits = own[own["kind"] == kind].groupby(["doc_id", "sent_id"]).size().rename("num")
        parts.append(authorial_base.join(hits, on=["doc_id", "sent_id"])
                     .assign(finding=f"{kind} per 1k, authorial text", scale=PER_TOKENS))
    parts = [p.rename(columns={"tokens": "den"}).fillna({"num": 0}) for p in parts]
    for quoted, finding in SENTIMENT_FINDINGS.items() if sentiment_validated() else ():
        rows = sentiment[sentiment["quoted"] == quoted]
        parts.append(rows[["doc_id", "sent_id", "compound"]].rename(columns={"compound": "num"})
                     .assign(den=1, finding=finding, scale=1))
    return pd.concat(parts, ignore_index=True)[["finding", "doc_id", "sent_id", "num", "den", "scale"]]


def _statistic_name(groups: list[str]) -> str:
    if len(groups) == 2:
        return f"difference of document means: {groups[0]} − {groups[1]}"
    return "between-group variance of document means"


def _alternative(groups: list[str]) -> str:
    """Which permutation outcomes count as extreme (see :func:`stats.permutation_test`): a
    difference of two means in either direction, a between-group variance only when large."""
    return "two-sided" if len(groups) == 2 else "one-sided"


def _finding_inputs(measures: pd.DataFrame, labels: pd.Series) -> list[dict]:
    """Per finding (sorted by name) with two or more groups: its scale, the documents with a
    finite score (sorted), their scores and labels, and the measure rows of those documents
    with ``code``, the document's rank among all documents' ids (so code order is id order)."""
    codes, doc_ids = pd.factorize(measures["doc_id"].to_numpy(dtype=object), sort=True)
    labelled = pd.Index(doc_ids).isin(labels.index)
    inputs = []
    for finding, index in measures.groupby("finding", sort=True).indices.items():
        part = measures.iloc[index]
        part_codes = codes[index]
        docs = np.unique(part_codes[labelled[part_codes]])
        scale = float(part["scale"].iloc[0])
        scores = stats.document_scores(part["num"], part["den"], part_codes, docs, scale)
        valid = docs[np.isfinite(scores)]
        is_valid = np.zeros(len(doc_ids), dtype=bool)
        is_valid[valid] = True
        doc_labels = labels[doc_ids[valid]].to_numpy()
        if len(set(doc_labels)) >= 2:
            inputs.append({"finding": finding, "scale": scale, "valid": valid.tolist(),
                           "labels": doc_labels, "scores": scores[np.isfinite(scores)],
                           "rows": part.assign(code=part_codes)[is_valid[part_codes]]})
    return inputs


def _batches(inputs: list[dict]) -> list[list[dict]]:
    """Findings sharing their documents and the documents' measure rows: the same label
    arrangements and resamples serve all of them."""
    batches: dict[tuple, list[dict]] = {}
    for item in inputs:
        rows = item["rows"]["code"].to_numpy()
        batches.setdefault((tuple(item["valid"]), rows.tobytes()), []).append(item)
    return list(batches.values())


def _bootstrap_levels(labels: np.ndarray) -> tuple[str, ...]:
    """The bootstraps worth running: resampling sentences within documents always; resampling
    documents within groups only when every group has ``MIN_BOOTSTRAP_DOCUMENTS`` or more."""
    smallest = min(int((labels == g).sum()) for g in set(labels.tolist()))
    return ("document", "sentence") if smallest >= MIN_BOOTSTRAP_DOCUMENTS else ("sentence",)


def _batch_tests(batch: list[dict], n_boot: int, seed: int) -> list[tuple[dict, dict]]:
    """Permutation test and bootstrap intervals (by level; NaN for a level not run, see
    :func:`_bootstrap_levels`) of each finding of a batch."""
    first = batch[0]
    tests = stats.permutation_tests(np.stack([item["scores"] for item in batch]), first["labels"], seed=seed)
    nums = np.column_stack([item["rows"]["num"].to_numpy(dtype=float) for item in batch])
    dens = np.column_stack([item["rows"]["den"].to_numpy(dtype=float) for item in batch])
    label_map = dict(zip(first["valid"], first["labels"]))
    not_run = [(np.nan, np.nan)] * len(batch)
    ci = {level: stats.bootstrap_cis(nums, dens, first["rows"]["code"], label_map, level=level,
                                     scales=[item["scale"] for item in batch], n_boot=n_boot, seed=seed)
          if level in _bootstrap_levels(first["labels"]) else not_run
          for level in ("document", "sentence")}
    return [(test, {level: ci[level][i] for level in ci}) for i, test in enumerate(tests)]


def compare_groups(measures: pd.DataFrame, labels: pd.Series, comparison: str,
                   n_boot: int = BOOTSTRAP_DRAWS, seed: int = SEED) -> pd.DataFrame:
    """For each finding: observed contrast of per-document scores between groups, its exact
    (or Monte Carlo) permutation p-value with the number of arrangements, the number evaluated
    and the smallest attainable p, document (cluster) and sentence bootstrap intervals, and
    leave-one-document-out range and stability; ``q_value`` is left empty for
    :func:`uncertainty_table`, which adjusts over every test of the run. Every finding uses the
    same seed, so findings over the same documents and sentences are tested together
    (:func:`_batches`)."""
    inputs = _finding_inputs(measures, labels)
    results = {}
    for batch in _batches(inputs):
        results.update(zip((item["finding"] for item in batch), _batch_tests(batch, n_boot, seed)))
    rows = []
    for item in inputs:
        test, ci = results[item["finding"]]
        doc_scores, doc_labels = item["scores"], item["labels"]
        groups = sorted(set(doc_labels))
        loo = stats.leave_one_out(doc_scores, doc_labels)
        any_loo = np.isfinite(loo).any()
        means = stats.group_means(doc_scores, doc_labels, groups)
        rows.append({"comparison": comparison, "finding": item["finding"], "statistic": _statistic_name(groups),
                     "alternative": _alternative(groups),
                     "groups": " | ".join(f"{g} (n={int((doc_labels == g).sum())})" for g in groups),
                     "group_means": " | ".join(f"{g}: {m:.3g}" for g, m in zip(groups, means)),
                     "observed": test["observed"], "p_value": test["p"], "q_value": np.nan,
                     "exact": test["exact"], "n_arrangements": test["n_arrangements"],
                     "n_permutations": test["n_permutations"], "min_p": test["min_p"],
                     "ci_low": ci["document"][0], "ci_high": ci["document"][1],
                     "sent_ci_low": ci["sentence"][0], "sent_ci_high": ci["sentence"][1],
                     "loo_min": float(np.nanmin(loo)) if any_loo else np.nan,
                     "loo_max": float(np.nanmax(loo)) if any_loo else np.nan,
                     "loo_sign_stable": stats.leader_stable(doc_scores, doc_labels) if any_loo else pd.NA})
    return pd.DataFrame(rows, columns=UNCERTAINTY_COLUMNS)


def uncertainty_table(measures: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """The main comparison (camps, or outlets as fallback) and its repeat with groups split by
    relay status (``camp · relay`` / ``camp · original``) when that split differs, with
    Benjamini-Hochberg q-values over every test of both."""
    labels, basis = comparison_groups(documents)
    tables = [compare_groups(measures, labels, basis)]
    split = relay_groups(documents)
    if basis == "camp" and split.nunique() != labels.nunique():
        tables.append(compare_groups(measures, split, "camp × relay"))
    table = pd.concat([t for t in tables if len(t)] or tables[:1], ignore_index=True)
    return table.assign(q_value=stats.benjamini_hochberg(table["p_value"].to_numpy(dtype=float)))


# --- entry point ------------------------------------------------------------------------------

def document_tables(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """Tables that are per document by construction (so partitions of a corpus can be computed
    apart): frame and hedge evidence, Entman sentences, naming counts, and the intermediate
    sentence scores, leads and term counts (names with a leading underscore, never written)."""
    sentences = analysed_sentences(corpus)
    counted = sentences[~sentences["repeat"]].reset_index(drop=True)
    searched = lexical_texts(counted)
    index, lexical = SentenceIndex(counted), SentenceIndex(counted, searched)
    terms, named = hedge_terms(), sentence_targets(index, target_patterns())
    return {
        "frame_evidence": frame_evidence(lexical, codebook()),
        "evidentiality_evidence": evidentiality_evidence(lexical, terms),
        "entman": entman_table(lexical, entman_cues()),
        "naming": naming_counts(index, naming_variants()),
        "_sentence_scores": sentence_scores(counted, named, searched),
        "_leads": lead_table(sentences, _with_repeats(sentences, named), target_patterns(), terms),
        "_terms": keyed_term_counts(document_term_counts(counted), label_keys(corpus.usable)),
    }


def _with_repeats(sentences: pd.DataFrame, named: list[list[str]]) -> list[list[str]]:
    """:func:`sentence_targets` of the counted sentences extended to every sentence (those
    counted once, in the body, are matched here on their own)."""
    counted = iter(named)
    return [named_targets(text, target_patterns()) if repeat else next(counted)
            for text, repeat in zip(sentences["text"], sentences["repeat"])]


class CorpusInputs(NamedTuple):
    """What the cross-document tables share: the usable documents (sorted), their comparison
    labels, tokens per document, the sentence sentiment table, the sentence measures, and the
    frame and evidentiality evidence of the measures that pass validation, with the voice of
    each hit (:func:`with_voice`)."""

    documents: pd.DataFrame
    labels: pd.Series
    tokens: pd.Series
    sentiment: pd.DataFrame
    measures: pd.DataFrame
    frame_evidence: pd.DataFrame
    evidentiality_evidence: pd.DataFrame


def corpus_inputs(corpus: Corpus, tables: dict[str, pd.DataFrame], compare_tables: dict | None = None) -> CorpusInputs:
    """:class:`CorpusInputs` from :func:`document_tables` (concatenated over partitions) and
    the source-comparison tables, whose quotes mark quoted sentences."""
    documents = corpus.usable.sort_values("doc_id")
    labels, _ = comparison_groups(documents)
    spans = quote_spans((compare_tables or {}).get("quotes"))
    scores = tables["_sentence_scores"]
    scores = scores.assign(quoted_tokens=quoted_tokens(scores, spans))
    tokens = scores.groupby("doc_id")["tokens"].sum().reindex(sorted(documents["doc_id"]), fill_value=0)
    with_quoted_words = zip(scores["doc_id"], scores["sent_id"], scores["quoted_tokens"])
    quoted = quoted_sentences(compare_tables) | {(d, int(i)) for d, i, n in with_quoted_words if n}
    sentiment = sentence_sentiment(scores, documents, labels, quoted)
    frames_book, kinds = reported_codebook(), validation.reported("evidentiality")
    frames_found, hedges_found = tables["frame_evidence"], tables["evidentiality_evidence"]
    frames_found = frames_found[frames_found["frame"].isin(frames_book["frame"])]
    hedges_found = hedges_found[hedges_found["kind"].isin(kinds)]
    frames_found = with_voice(frames_found.reset_index(drop=True), scores, spans)
    hedges_found = with_voice(hedges_found.reset_index(drop=True), scores, spans)
    measures = sentence_measures(scores, frames_found, frames_book, hedges_found, sentiment)
    return CorpusInputs(documents, labels, tokens, sentiment, measures, frames_found, hedges_found)


def descriptive_tables(inputs: CorpusInputs, tables: dict[str, pd.DataFrame], compare_tables: dict | None = None) -> dict[str, pd.DataFrame]:
    """The cross-document tables other than uncertainty: frame and evidentiality evidence with
    the voice of each hit, frame scores, Entman sentences and evidentiality rates (all of them
    only for the measures that pass validation), the validation table itself,
    keyness, sentence sentiment with groups, and leads with the lede's speaker (from
    ``compare_tables``' quotes)."""
    frames_book, kinds = reported_codebook(), sorted(validation.reported("evidentiality"))
    functions, entman = validation.reported("entman"), tables["entman"]
    return {
        "frame_evidence": inputs.frame_evidence,
        "evidentiality_evidence": inputs.evidentiality_evidence,
        "frames": frame_scores(inputs.frame_evidence, inputs.tokens, frames_book),
        "entman": entman[entman["function"].isin(functions)].reset_index(drop=True),
        "keyness": keyness_table(term_counts(tables["_terms"], inputs.documents)),
        "evidentiality": evidentiality_rates(inputs.evidentiality_evidence, inputs.tokens,
                                             inputs.labels, kinds),
        "validation": validation.cached_table(),
        "sentiment": inputs.sentiment,
        "leads": with_lede_speakers(tables["_leads"], (compare_tables or {}).get("quotes")),
    }


def corpus_tables(corpus: Corpus, tables: dict[str, pd.DataFrame], compare_tables: dict | None = None) -> dict[str, pd.DataFrame]:
    """Cross-document tables from :func:`document_tables` (concatenated over partitions):
    :func:`descriptive_tables` and the uncertainty of the group comparisons.
    ``compare_tables`` (optional): the source-comparison tables, whose quotes mark quoted
    sentences and the lede's speaker."""
    inputs = corpus_inputs(corpus, tables, compare_tables)
    return {**descriptive_tables(inputs, tables, compare_tables),
            "uncertainty": uncertainty_table(inputs.measures, inputs.documents)}


def public(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables to write: without the intermediate ones (names starting with an underscore)."""
    return {name: frame for name, frame in tables.items() if not name.startswith("_")}


def run(corpus: Corpus, compare_tables: dict | None = None) -> dict[str, pd.DataFrame]:
    """All framing tables for a corpus. ``compare_tables`` (optional) are the source-comparison
    stage's tables; its ``quotes`` mark quoted sentences and the lede's speaker."""
    tables = document_tables(corpus)
    tables.update(corpus_tables(corpus, tables, compare_tables))
    return public(tables)
