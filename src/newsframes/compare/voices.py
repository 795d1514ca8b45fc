"""Who gets a voice: quotes summed per speaker and document, and the same quotation aligned
across documents (word-level differences of reworded quotes).
"""

from __future__ import annotations

import difflib
import re
from functools import cache
from itertools import filterfalse

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process
from rapidfuzz.distance import LCSseq

from ..corpus import UNATTRIBUTED, UNNAMED, records_of
from ..memo import BoundedMemo
from ..resources import stopwords
from ..text import words
from .shingles import shared_value_counts
from .speakers import HONORIFIC_GENDER

# --- voices -----------------------------------------------------------------------------

VOICE_COLUMNS = [
    "doc_id",
    "speaker",
    "affiliation",
    "camp",
    "voice",
    "n_quotes",
    "n_direct",
    "n_partial",
    "n_reported",
    "n_words",
]


def voice_of(speaker: str, kind: str, affiliation: str, camp: str) -> str:
    """Whom a speaker's words count for when voices are compared: an actor of the actor list
    (a camp) by its affiliation, any other named person or organisation by its name; unnamed
    sources ("officials", "the report") and unattributed quotes (unresolved pronouns
    included) are the two shares of ``corpus.VOICE_SHARES``."""
    if not speaker or speaker == UNATTRIBUTED:
        return UNATTRIBUTED
    if camp not in ("", "unknown"):
        return affiliation
    return speaker if kind in ("name", "organisation") else UNNAMED


DOMINANT_RATIO = 3
"""A lone surname goes to the corpus's most quoted full name with it only when that name has
at least this many times the quotes of the next (else it stays as written): "Roe" is Jane Roe
in a corpus that quotes her 30 times and her brother twice, but stays "Roe" at 30 against 15."""


MIDDLE_INITIAL = re.compile(r"^[A-Z][.\u2024]?$")
"""A middle initial: "J." of "Donald J. Trump"."""


def without_middle_initials(name: str) -> str:
    """``name`` without the middle initials between its first and last word ("Donald J. Trump"
    -> "Donald Trump")."""
    tokens = name.split()
    if len(tokens) < 3:
        return name
    return " ".join(
        [tokens[0], *[t for t in tokens[1:-1] if not MIDDLE_INITIAL.match(t)], tokens[-1]]
    )


def initial_variants(counts: dict[str, int]) -> dict[str, str]:
    """Names written with and without a middle initial ("Donald J. Trump", "Donald Trump"),
    each mapped to the form quoted most often (ties: the shorter, then alphabetical), when the
    forms of a name carry at most one distinct set of initials: "John A. Smith" and "John B.
    Smith" are two people, and "John Smith" could be either; other names map to themselves."""
    forms: dict[str, list[str]] = {}
    for name in counts:
        forms.setdefault(without_middle_initials(name), []).append(name)
    mapping = {name: name for name in counts}
    for bare, names in forms.items():
        initialled = {name for name in names if name != bare}
        if len(names) > 1 and len(initialled) <= 1:
            chosen = min(names, key=lambda name: (-counts[name], len(name), name))
            mapping.update({name: chosen for name in names})
    return mapping


def corpus_names(counts: dict[str, int]) -> dict[str, str]:
    """Across the corpus, a name written with and without its middle initial mapped to one form
    (:func:`initial_variants`), and each lone surname ("Roe", "Mrs. Roe") to the full name that
    ends with it ("Jane Roe"): the only one, or the dominant one (:data:`DOMINANT_RATIO`, by
    quote counts); other names map to themselves."""
    variants = initial_variants(counts)
    merged: dict[str, int] = {}
    for name, n in counts.items():
        merged[variants[name]] = merged.get(variants[name], 0) + n
    surnames = _surname_names(merged)
    return {name: surnames[variants[name]] for name in counts}


def _surname_names(counts: dict[str, int]) -> dict[str, str]:
    """:func:`corpus_names` of lone surnames, over names already joined across initials."""
    full: dict[str, list[tuple[int, str]]] = {}
    for name, n in counts.items():
        tokens = name.split()
        if len(tokens) >= 2 and tokens[0].rstrip(".").lower() not in HONORIFIC_GENDER:
            full.setdefault(tokens[-1].lower(), []).append((n, name))
    mapping = {}
    for name in counts:
        tokens = name.split()
        honorific = len(tokens) == 2 and tokens[0].rstrip(".").lower() in HONORIFIC_GENDER
        lone = len(tokens) == 1 or honorific
        candidates = full.get(tokens[-1].lower(), []) if lone else []
        ranked = sorted(candidates, key=lambda c: (-c[0], c[1]))
        dominant = ranked and (len(ranked) == 1 or ranked[0][0] >= DOMINANT_RATIO * ranked[1][0])
        mapping[name] = ranked[0][1] if dominant else name
    return mapping


def voices(quotes: pd.DataFrame) -> pd.DataFrame:
    """Per document and speaker: how many quotations (by kind) and how many words quoted, and the
    voice they count for (:func:`voice_of`); a lone surname is the corpus's one full name for it
    (:func:`corpus_names`).

    Unattributed quotes are kept under the speaker "(unattributed)" so that totals add up.
    """
    if quotes.empty:
        return pd.DataFrame(columns=VOICE_COLUMNS)
    kind = quotes["kind"]
    speaker_kind = quotes.get("speaker_kind", pd.Series("", index=quotes.index))
    frame = quotes.assign(
        speaker=quotes["speaker"].replace("", UNATTRIBUTED),
        n_words=quotes["text"].map(lambda t: len(words(t))),
        n_direct=(kind == "direct").astype(int),
        n_partial=(kind == "partial").astype(int),
        n_reported=(kind == "reported").astype(int),
    )
    named = (speaker_kind == "name") & quotes["camp"].isin(["", "unknown"])
    canonical = corpus_names(frame.loc[named, "speaker"].value_counts().to_dict())
    frame.loc[named, "speaker"] = frame.loc[named, "speaker"].map(canonical)
    frame["voice"] = [
        voice_of(*row)
        for row in zip(
            frame["speaker"].tolist(),
            speaker_kind.fillna("").tolist(),
            frame["affiliation"].tolist(),
            frame["camp"].tolist(),
        )
    ]
    keys = ["doc_id", "speaker", "affiliation", "camp", "voice"]
    grouped = frame.groupby(keys, as_index=False).agg(
        n_quotes=("quote_id", "size"),
        n_direct=("n_direct", "sum"),
        n_partial=("n_partial", "sum"),
        n_reported=("n_reported", "sum"),
        n_words=("n_words", "sum"),
    )
    return grouped.sort_values(
        ["doc_id", "n_words", "speaker"], ascending=[True, False, True], kind="stable"
    ).reset_index(drop=True)[VOICE_COLUMNS]


# --- quote alignment --------------------------------------------------------------------

ALIGNMENT_COLUMNS = [
    "doc_a",
    "quote_a",
    "speaker_a",
    "text_a",
    "doc_b",
    "quote_b",
    "speaker_b",
    "text_b",
    "score",
    "ratio",
    "diff",
]


def _normalise_quote(text: str) -> str:
    return " ".join(w.lower() for w in words(text))


MAX_DIFF_WORD_PAIRS = 250_000
"""Pairs of words (first rendering x second) past which the diff treats the words that fill
more than 1% of the second as junk (difflib's ``autojunk``), as ingestion's page alignment does:
difflib matches two long renderings with many small differences word pair by word pair: 2.4 s
for 354 pairs of such transcripts (up to 2,000 words each), 0.7 s so. Quotations of up to 500
words each are diffed in full."""


def word_diff(a: str, b: str) -> str:
    """Word-level diff of b against a: kept words plain, ``[-removed-]`` and ``{+added+}``."""
    wa, wb = words(a), words(b)
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(
        a=[w.lower() for w in wa],
        b=[w.lower() for w in wb],
        autojunk=len(wa) * len(wb) > MAX_DIFF_WORD_PAIRS,
    ).get_opcodes():
        if op == "equal":
            parts.append(" ".join(wa[i1:i2]))
        if op in ("delete", "replace"):
            parts.append("[-" + " ".join(wa[i1:i2]) + "-]")
        if op in ("insert", "replace"):
            parts.append("{+" + " ".join(wb[j1:j2]) + "+}")
    return " ".join(parts)


ALIGNMENT_NGRAM = 3
MAX_QUOTE_POSTINGS = 50
"""Quote pairs are scored only when they share a word trigram that at most this many quotes
contain; two renderings of one utterance share such a trigram (a rare phrase of the speaker),
while scoring all pairs is quadratic in the number of quotes."""


def _ngram_keys(norm: str, n: int = ALIGNMENT_NGRAM) -> set[str]:
    tokens = norm.split()
    return {" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def alignment_candidates(
    norms: list[str], doc_ids: list[str], max_postings: int = MAX_QUOTE_POSTINGS
) -> list[tuple[int, int]]:
    """(i, j), i < j, of quotes from different documents that share a word trigram found in at
    most ``max_postings`` quotes (an inverted index built by sorting, as text reuse's
    :func:`~newsframes.compare.shingles.shared_value_counts`; never all pairs)."""
    if len(norms) < 2:
        return []
    numbers: dict[str, int] = {}
    trigrams = [
        np.array([numbers.setdefault(key, len(numbers)) for key in _ngram_keys(norm)], np.int64)
        for norm in norms
    ]
    pairs, _ = shared_value_counts(trigrams, max_postings)
    firsts, seconds = np.divmod(pairs, len(norms))
    documents = pd.factorize(pd.Series(doc_ids, dtype=object))[0]
    different = documents[firsts] != documents[seconds]
    return list(zip(firsts[different].tolist(), seconds[different].tolist()))


def may_reach_partial_ratio(firsts: list[str], seconds: list[str], cutoff: float) -> np.ndarray:
    """For each pair (``firsts[k]``, ``seconds[k]``), False only when rapidfuzz's
    ``fuzz.partial_ratio`` of the two is surely below ``cutoff``: bit-parallel longest common
    subsequences, much cheaper than aligning every window.
    ``partial_ratio`` is the best Indel similarity 2·LCS(s, w) / (m + |w|) of the shorter string
    s (length m) with a window w of the longer one (|w| <= m at its ends), and
    LCS(s, w) <= min(|w|, LCS(s, p)) for any piece p of the longer string that holds w; for a
    fraction c = cutoff / 100 that needs LCS(s, p) >= c·m / (2 - c) (at the smallest window
    that can reach c, |w| = LCS). The pieces (:func:`covering_pieces`) are short, so a short
    quote is not kept merely because a long one holds its letters in order, far apart. The
    pieces are scored on every core (rapidfuzz releases the GIL)."""
    c = cutoff / 100
    shorts, pieces, owners = [], [], []
    for k, (a, b) in enumerate(zip(firsts, seconds)):
        short, long = (a, b) if len(a) <= len(b) else (b, a)
        for piece in covering_pieces(long, len(short)):
            shorts.append(short)
            pieces.append(piece)
            owners.append(k)
    common = process.cpdist(shorts, pieces, scorer=LCSseq.similarity, dtype=np.int64, workers=-1)
    best = np.zeros(len(firsts), np.int64)
    np.maximum.at(best, np.array(owners, np.int64), common)
    shortest = np.minimum([len(a) for a in firsts], [len(b) for b in seconds])
    needed = np.floor(c * shortest / (2 - c) - 1e-9)  # rounded down: never rejects a pair
    return best >= needed


def covering_pieces(text: str, width: int) -> list[str]:
    """Pieces of ``text`` of length 2·``width`` starting every ``width`` characters (the last
    reaching the end; ``text`` itself when it is no longer than that): every window of at most
    ``width`` characters lies inside one of them."""
    step = max(width, 1)
    return [text[start : start + 2 * step] for start in range(0, max(len(text) - step, 1), step)]


MAX_NEEDLE_CHARS = 1000
"""Of two quotations both longer than this, the shorter is compared by its opening words up to
this many characters (:func:`needle_trimmed`). ``partial_ratio`` slides the shorter string
(m characters) along the longer and scores every window, so its cost grows with the cube of
m when the two differ: a 6,700-character transcript against a 5,400-character excerpt of it
with one passage cut took 3.2 s (2,000 characters: 0.09 s; 1,000: 0.007 s), and a corpus
whose reprints carry long transcripts has hundreds of such pairs. Quotations this long are
speeches and interviews (10 of the 8,311 quotations of the 924 PolNeAR articles), whose
renderings of one utterance share their opening."""


def needle_trimmed(a: str, b: str, limit: int = MAX_NEEDLE_CHARS) -> tuple[str, str]:
    """The pair (``a``, ``b``) as it is scored: when both are longer than ``limit``, the shorter
    (``a`` on a tie) cut to its words within the first ``limit`` characters."""
    if min(len(a), len(b)) <= limit:
        return a, b
    return (opening(a, limit), b) if len(a) <= len(b) else (a, opening(b, limit))


def opening(text: str, limit: int) -> str:
    """``text`` cut after its last whole word within the first ``limit`` characters (after
    ``limit`` characters if its first word is longer)."""
    cut = text.rfind(" ", 0, limit + 1)
    return text[:cut] if cut > 0 else text[:limit]


def partial_ratios(firsts: list[str], seconds: list[str], cutoff: float) -> np.ndarray:
    """rapidfuzz's ``fuzz.partial_ratio`` of each pair (``firsts[k]``, ``seconds[k]``) as
    :func:`needle_trimmed` gives it, 0 where it is below ``cutoff``. Each distinct pair is
    scored once (a story's reprints repeat its quotes); one string inside the other scores 100,
    as a window equal to the shorter one gives; the others are scored on every core (rapidfuzz
    stops early below ``cutoff``, and :func:`may_reach_partial_ratio` skips the pairs that
    cannot reach it)."""
    distinct: dict[tuple[str, str], int] = {}
    numbers = [distinct.setdefault(pair, len(distinct)) for pair in zip(firsts, seconds)]
    pairs = [needle_trimmed(a, b) for a, b in distinct]
    scores = np.zeros(len(pairs), dtype=np.float64)
    inside = np.array([bool(a and b and (a in b or b in a)) for a, b in pairs], dtype=bool)
    scores[inside] = 100.0 if cutoff <= 100 else 0.0
    rest = np.flatnonzero(~inside)
    kept = rest[may_reach_partial_ratio(*_pair_lists(pairs, rest), cutoff)]
    if len(kept):
        scores[kept] = process.cpdist(
            *_pair_lists(pairs, kept),
            scorer=fuzz.partial_ratio,
            score_cutoff=cutoff,
            dtype=np.float64,
            workers=-1,
        )
    return scores[np.array(numbers, dtype=np.int64)]


def _pair_lists(pairs: list[tuple[str, str]], chosen: np.ndarray) -> tuple[list[str], list[str]]:
    """The first strings and the second strings of the ``chosen`` pairs."""
    return [pairs[k][0] for k in chosen.tolist()], [pairs[k][1] for k in chosen.tolist()]


MIN_SHARED_CONTENT_WORDS = 3
SHARED_CONTENT_SHARE = 0.8


def content_words(norm: str) -> frozenset[str]:
    """The words of a normalised quotation that are not stop words (``data/stopwords.txt``),
    contractions of one included ("it’s", "we'll", "don't"); each word asked once per process
    (:data:`FUNCTION_WORDS`)."""
    return frozenset(filterfalse(FUNCTION_WORDS.__getitem__, norm.split()))


def is_function_word(word: str) -> bool:
    """A stop word, or a contraction of one ("it’s", "we'll") or with "n't" ("don't")."""
    plain = word.replace("’", "'")
    return plain in stopwords() or plain.split("'")[0] in stopwords() or plain.endswith("n't")


FUNCTION_WORDS = BoundedMemo(is_function_word, 1 << 16)
""":func:`is_function_word` of each word asked (the quotations of 924 PolNeAR articles ask it
144,478 times, of far fewer words)."""


def shares_content(first: frozenset[str], second: frozenset[str]) -> bool:
    """Whether two quotations' content words (:func:`content_words` of each normalised quotation)
    share at least :data:`MIN_SHARED_CONTENT_WORDS`, and at least :data:`SHARED_CONTENT_SHARE` of
    the shorter one's: two renderings of one utterance do; two speakers' stock phrases and a name
    they both use do not. Of the 259 pairs of the 924 PolNeAR articles that ``partial_ratio`` scored
    80 or more, 124 had two speakers and shared no more than that ("I would have been all in" and
    "it would have been an insult", "the beginning of the end", "Donald Trump is a fraud" and
    "Donald Trump is not a racist", "He's going to have to stop with gratuitous personal insults"
    and "She's going to have to inspire trust"); reading them, about five were one utterance quoted
    short ("I cannot believe how civil it's been up here"), which two words cannot tell from a stock
    phrase."""
    shorter = min(first, second, key=len)
    shared = len(first & second)
    return shared >= MIN_SHARED_CONTENT_WORDS and shared >= SHARED_CONTENT_SHARE * len(shorter)


NAMED_KINDS = ("name", "organisation")


def named_speaker(record: dict) -> tuple[str, str] | None:
    """(speaker, kind) of a quotation whose speaker is named: a person's or an organisation's
    name, not a description ("officials", "a spokesman" in two texts are most often two people)
    or none. Two quotations with the same named speaker have one speaker."""
    speaker, kind = record["speaker"], record["speaker_kind"]
    return (speaker, kind) if kind in NAMED_KINDS and isinstance(speaker, str) and speaker else None


def quote_alignment(
    quotes: pd.DataFrame, min_score: float = 80.0, min_words: int = 5
) -> pd.DataFrame:
    """Pairs of quotations in different documents that render the same utterance.

    Scored with rapidfuzz ``partial_ratio`` on lower-cased word sequences, so a short quote found
    inside a longer rendering still scores high (of two quotes longer than
    :data:`MAX_NEEDLE_CHARS`, the shorter by its opening: :func:`needle_trimmed`); ``ratio``
    (whole-string similarity) is reported too. Only direct and partial quotes of at least
    ``min_words`` words take part: short fragments match by chance. Candidates come from
    :func:`alignment_candidates`; of two speakers, a pair must also share content words
    (:func:`shares_content`), which is tested first: of the 55,551 candidates of the 924
    PolNeAR articles, 1,215 pass it, and only those are scored.
    """
    pool = quotes[quotes["kind"].isin(["direct", "partial"])]
    norms = [_normalise_quote(t) for t in pool["text"].tolist()]
    keep = np.array([len(n.split()) >= min_words for n in norms], dtype=bool)
    pool = pool[keep].reset_index(drop=True)
    norms = [n for n, k in zip(norms, keep) if k]
    kinds = pool.get("speaker_kind", pd.Series("", index=pool.index)).fillna("")
    records = pool[["doc_id", "quote_id", "speaker", "text"]].assign(speaker_kind=kinds)
    records = records_of(records)
    rows, diff_of = [], cache(word_diff)  # reprints repeat their quotes' pairs
    contents = [content_words(norm) for norm in norms]
    named = [named_speaker(record) for record in records]
    pairs = [
        (i, j)
        for i, j in alignment_candidates(norms, pool["doc_id"].tolist())
        if (named[i] is not None and named[i] == named[j])
        or shares_content(contents[i], contents[j])
    ]
    scores = partial_ratios([norms[i] for i, _ in pairs], [norms[j] for _, j in pairs], min_score)
    for (i, j), score in zip(pairs, scores):
        if score < min_score:
            continue
        a, b = records[i], records[j]
        rows.append(
            {
                "doc_a": a["doc_id"],
                "quote_a": a["quote_id"],
                "speaker_a": a["speaker"],
                "text_a": a["text"],
                "doc_b": b["doc_id"],
                "quote_b": b["quote_id"],
                "speaker_b": b["speaker"],
                "text_b": b["text"],
                "score": round(float(score), 1),
                "ratio": round(fuzz.ratio(norms[i], norms[j]), 1),
                "diff": diff_of(a["text"], b["text"]),
            }
        )
    frame = pd.DataFrame(rows, columns=ALIGNMENT_COLUMNS)
    return frame.sort_values(["doc_a", "quote_a", "doc_b", "quote_b"]).reset_index(drop=True)
