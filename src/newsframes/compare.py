"""Source comparison (chapter 02): what each outlet takes from whom, whose words it carries,
and which facts it chooses.

Per-document functions (quotations, facts, provenance edges) read one document only, so the
pipeline may run them in parallel; corpus-level functions (voices, quote alignment, text reuse,
events) combine their outputs. :func:`run` returns every table, sorted, with no randomness.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import defaultdict
from itertools import combinations

import networkx as nx
import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from .quotes import QUOTE_COLUMNS, agencies, agency_names, alias_key, extract_quotes, quotes_table
from .text import WORD_RE, words

__all__ = ["extract_quotes", "quotes_table", "voices", "quote_alignment", "word_diff", "shingle_tokens",
           "reuse_candidates", "reuse", "reuse_passages", "cosine_matrix", "extract_facts", "facts_table",
           "events", "provenance_for_document", "provenance_edges", "provenance_graph", "run"]

# --- voices -----------------------------------------------------------------------------

VOICE_COLUMNS = ["doc_id", "speaker", "affiliation", "camp", "n_quotes", "n_direct", "n_partial", "n_reported",
                 "n_words"]


def voices(quotes: pd.DataFrame) -> pd.DataFrame:
    """Per document and speaker: how many quotations (by kind) and how many words quoted.

    Unattributed quotes are kept under the speaker "(unattributed)" so that totals add up.
    """
    if quotes.empty:
        return pd.DataFrame(columns=VOICE_COLUMNS)
    frame = quotes.assign(speaker=quotes["speaker"].replace("", "(unattributed)"),
                          n_words=quotes["text"].map(lambda t: len(words(t))))
    grouped = frame.groupby(["doc_id", "speaker", "affiliation", "camp"], as_index=False).agg(
        n_quotes=("quote_id", "size"),
        n_direct=("kind", lambda k: int((k == "direct").sum())),
        n_partial=("kind", lambda k: int((k == "partial").sum())),
        n_reported=("kind", lambda k: int((k == "reported").sum())),
        n_words=("n_words", "sum"))
    return grouped.sort_values(["doc_id", "n_words", "speaker"], ascending=[True, False, True],
                               kind="stable").reset_index(drop=True)[VOICE_COLUMNS]


# --- quote alignment --------------------------------------------------------------------

ALIGNMENT_COLUMNS = ["doc_a", "quote_a", "speaker_a", "text_a", "doc_b", "quote_b", "speaker_b", "text_b",
                     "score", "ratio", "diff"]


def _normalise_quote(text: str) -> str:
    return " ".join(w.lower() for w in words(text))


def word_diff(a: str, b: str) -> str:
    """Word-level diff of b against a: kept words plain, ``[-removed-]`` and ``{+added+}``."""
    wa, wb = words(a), words(b)
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=[w.lower() for w in wa], b=[w.lower() for w in wb],
                                                      autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(" ".join(wa[i1:i2]))
        if op in ("delete", "replace"):
            parts.append("[-" + " ".join(wa[i1:i2]) + "-]")
        if op in ("insert", "replace"):
            parts.append("{+" + " ".join(wb[j1:j2]) + "+}")
    return " ".join(parts)


def quote_alignment(quotes: pd.DataFrame, min_score: float = 80.0, min_words: int = 5) -> pd.DataFrame:
    """Pairs of quotations in different documents that render the same utterance.

    Scored with rapidfuzz ``partial_ratio`` on lower-cased word sequences, so a short quote found
    inside a longer rendering still scores high; ``ratio`` (whole-string similarity) is reported
    too. Only direct and partial quotes of at least ``min_words`` words take part: short
    fragments match by chance.
    """
    pool = quotes[quotes["kind"].isin(["direct", "partial"])].copy()
    pool["norm"] = pool["text"].map(_normalise_quote)
    pool = pool[pool["norm"].str.split().str.len() >= min_words].reset_index(drop=True)
    if pool.empty:
        return pd.DataFrame(columns=ALIGNMENT_COLUMNS)
    scores = process.cdist(pool["norm"].tolist(), pool["norm"].tolist(), scorer=fuzz.partial_ratio)
    rows = []
    for i, j in zip(*np.nonzero(scores >= min_score)):
        a, b = pool.iloc[i], pool.iloc[j]
        if i >= j or a["doc_id"] == b["doc_id"]:
            continue
        rows.append({"doc_a": a["doc_id"], "quote_a": a["quote_id"], "speaker_a": a["speaker"], "text_a": a["text"],
                     "doc_b": b["doc_id"], "quote_b": b["quote_id"], "speaker_b": b["speaker"], "text_b": b["text"],
                     "score": round(float(scores[i, j]), 1), "ratio": round(fuzz.ratio(a["norm"], b["norm"]), 1),
                     "diff": word_diff(a["text"], b["text"])})
    frame = pd.DataFrame(rows, columns=ALIGNMENT_COLUMNS)
    return frame.sort_values(["doc_a", "quote_a", "doc_b", "quote_b"]).reset_index(drop=True)


# --- text reuse -------------------------------------------------------------------------

SHINGLE_SIZE = 5
"""Five-word shingles: long enough that two independent reports of the same event rarely share
one by chance (names and set phrases such as "the NATO-Russia Council" are 2-4 words), short
enough that a copied passage with a few edited words still shares several."""

REUSE_COLUMNS = ["doc_a", "doc_b", "shared_shingles", "shingles_a", "shingles_b", "containment_a_in_b",
                 "containment_b_in_a", "jaccard", "cosine"]
PASSAGE_COLUMNS = ["doc_a", "doc_b", "start_a", "end_a", "start_b", "end_b", "n_words", "text_a", "text_b"]


def shingle_tokens(text: str) -> list[tuple[str, int, int]]:
    """Lower-cased word tokens with their character offsets."""
    return [(m[0].lower(), m.start(), m.end()) for m in WORD_RE.finditer(text)]


def shingles(tokens: list[tuple[str, int, int]], k: int = SHINGLE_SIZE) -> list[str]:
    """The k-word shingles of a token list, in order (position i starts at token i)."""
    return [" ".join(t[0] for t in tokens[i:i + k]) for i in range(len(tokens) - k + 1)]


def reuse_candidates(shingle_sets: dict[str, set[str]], min_shared: int = 2,
                     max_postings: int = 1000) -> list[tuple[str, str]]:
    """Document pairs sharing at least ``min_shared`` shingles, from an inverted shingle index.

    Only documents that share a shingle are ever paired (no all-pairs loop). An inverted index,
    not MinHash LSH: LSH buckets by Jaccard similarity and so misses a short wire copy inside a
    long article (low Jaccard, high containment), which is the case that matters here; the index
    is exact. Shingles found in more than ``max_postings`` documents (boilerplate) are skipped.
    """
    index: dict[str, list[str]] = defaultdict(list)
    for doc_id in sorted(shingle_sets):
        for shingle in shingle_sets[doc_id]:
            index[shingle].append(doc_id)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for postings in index.values():
        if 1 < len(postings) <= max_postings:
            for pair in combinations(postings, 2):
                shared[pair] += 1
    return sorted(pair for pair, n in shared.items() if n >= min_shared)


def _tfidf(texts: dict[str, str]):
    ids = sorted(texts)
    vectorizer = TfidfVectorizer(lowercase=True, token_pattern=WORD_RE.pattern, sublinear_tf=True)
    return ids, vectorizer.fit_transform([texts[i] for i in ids])


def cosine_matrix(texts: dict[str, str]) -> pd.DataFrame:
    """Full TF-IDF cosine similarity matrix (doc_id x doc_id), for small corpora and heatmaps."""
    if not texts:
        return pd.DataFrame()
    ids, matrix = _tfidf(texts)
    return pd.DataFrame(cosine_similarity(matrix), index=ids, columns=ids).round(4)


def reuse(texts: dict[str, str], k: int = SHINGLE_SIZE, min_shared: int = 2) -> pd.DataFrame:
    """Shared-shingle statistics of candidate document pairs, verified exactly on shingle sets.

    Containment (share of a document's shingles found in the other) shows a short copy inside a
    longer text even when Jaccard is low; cosine is TF-IDF cosine over the whole corpus vocabulary.
    """
    sets = {d: set(shingles(shingle_tokens(t), k)) for d, t in texts.items()}
    pairs = reuse_candidates(sets, min_shared)
    if not pairs:
        return pd.DataFrame(columns=REUSE_COLUMNS)
    ids, matrix = _tfidf(texts)
    position = {d: i for i, d in enumerate(ids)}
    rows = []
    for a, b in pairs:
        shared = len(sets[a] & sets[b])
        cosine = cosine_similarity(matrix[position[a]], matrix[position[b]])[0, 0]
        rows.append({"doc_a": a, "doc_b": b, "shared_shingles": shared, "shingles_a": len(sets[a]),
                     "shingles_b": len(sets[b]), "containment_a_in_b": round(shared / len(sets[a]), 4),
                     "containment_b_in_a": round(shared / len(sets[b]), 4),
                     "jaccard": round(shared / len(sets[a] | sets[b]), 4), "cosine": round(float(cosine), 4)})
    return pd.DataFrame(rows, columns=REUSE_COLUMNS)


def _aligned_runs(sh_a: list[str], sh_b: list[str], same_document: bool) -> list[tuple[int, int, int]]:
    """Maximal runs (i, j, length) where shingles a[i:i+length] equal b[j:j+length].

    Within one document only a later, non-overlapping copy counts (j >= i + length + k - 1 is
    checked by the caller through offsets), so a passage is not matched with itself.
    """
    positions: dict[str, list[int]] = defaultdict(list)
    for j, shingle in enumerate(sh_b):
        positions[shingle].append(j)
    runs, i = [], 0
    while i < len(sh_a):
        best_j, best_len = -1, 0
        for j in positions.get(sh_a[i], []):
            if same_document and j <= i:
                continue
            length = 0
            while i + length < len(sh_a) and j + length < len(sh_b) and sh_a[i + length] == sh_b[j + length]:
                length += 1
            if length > best_len:
                best_j, best_len = j, length
        if best_len:
            runs.append((i, best_j, best_len))
            i += best_len
        else:
            i += 1
    return runs


def shared_passages(doc_a: str, text_a: str, doc_b: str, text_b: str, k: int = SHINGLE_SIZE) -> pd.DataFrame:
    """Passages of ``text_a`` also found in ``text_b`` (maximal runs of shared shingles), both sides'
    offsets and text. With ``doc_a == doc_b``, the passages a document repeats."""
    tok_a, tok_b = shingle_tokens(text_a), shingle_tokens(text_b)
    same = doc_a == doc_b
    rows = []
    for i, j, length in _aligned_runs(shingles(tok_a, k), shingles(tok_b, k), same):
        start_a, end_a = tok_a[i][1], tok_a[i + length + k - 2][2]
        start_b, end_b = tok_b[j][1], tok_b[j + length + k - 2][2]
        if same and start_b < end_a:
            continue
        rows.append({"doc_a": doc_a, "doc_b": doc_b, "start_a": start_a, "end_a": end_a, "start_b": start_b,
                     "end_b": end_b, "n_words": length + k - 1, "text_a": text_a[start_a:end_a],
                     "text_b": text_b[start_b:end_b]})
    return pd.DataFrame(rows, columns=PASSAGE_COLUMNS)


def reuse_passages(texts: dict[str, str], reuse_table: pd.DataFrame, k: int = SHINGLE_SIZE) -> pd.DataFrame:
    """Shared passages of every candidate pair in ``reuse_table`` plus each document's repeats."""
    frames = [shared_passages(a, texts[a], b, texts[b], k) for a, b in zip(reuse_table["doc_a"], reuse_table["doc_b"])]
    frames += [shared_passages(d, texts[d], d, texts[d], k) for d in sorted(texts)]
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=PASSAGE_COLUMNS)
    return pd.concat(frames, ignore_index=True).sort_values(["doc_a", "doc_b", "start_a"]).reset_index(drop=True)


# --- facts ------------------------------------------------------------------------------

FACT_COLUMNS = ["doc_id", "sent_id", "kind", "surface", "value", "unit", "note", "start", "end", "context"]
EVENT_COLUMNS = ["value", "date_start", "date_end", "year_known", "n_docs", "n_mentions", "doc_ids"]

MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
          "nov": 11, "dec": 12}
MONTH_RE = (r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
            r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
DAY_RANGE = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:\s*[-–]\s*(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?)?"
YEAR_TAIL = r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
DATE_PATTERNS = [
    re.compile(r"\b" + MONTH_RE + r"\s+" + DAY_RANGE + r"\b(?!\s*(?:,\s*)?\d{3})" + YEAR_TAIL),
    re.compile(r"\b" + DAY_RANGE + r"\s+(?:of\s+)?" + MONTH_RE + r"\b" + YEAR_TAIL),
    re.compile(r"\b" + MONTH_RE + r"\s+(?P<year>(?:19|20)\d\d)\b"),
]
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
                "fifty": 50, "hundred": 100, "dozen": 12}
MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "bn": 1e9, "mln": 1e6}
TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade"}
QUALIFIERS = (r"(?P<qualifier>up\s+to|about|around|some|nearly|almost|more\s+than|over|at\s+least|"
              r"an\s+estimated|estimated|approximately|roughly|fewer\s+than|less\s+than)\s+")
NUMBER_RE = re.compile(
    r"(?:\b" + QUALIFIERS + r")?(?<![\w.,])(?<![^\W\d_]-)"
    r"(?P<number>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|(?i:" + "|".join(NUMBER_WORDS) + r"))\b"
    r"(?:\s*(?P<multiplier>(?i:thousand|million|billion|bn|mln))\b)?"
    r"(?:(?P<hyphen>-)|\s+)?(?P<unit>[^\W\d_]+)?")
NOT_UNITS = {"and", "or", "of", "the", "a", "an", "to", "in", "on", "at", "for", "with", "by", "from", "as", "that",
             "is", "are", "was", "were", "has", "have", "had", "will", "would", "per", "percent", "than", "said"}


def _singular(word: str) -> str:
    word = word.lower()
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def infer_year(month: int, day: int, published: str) -> tuple[int | None, str]:
    """The year that puts month/day nearest the publication date, or None without one."""
    try:
        pub = dt.date.fromisoformat(published[:10])
    except (TypeError, ValueError):
        return None, "year not written and no publication date"
    options = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            options.append((abs((dt.date(year, month, day) - pub).days), year))
        except ValueError:
            continue
    if not options:
        return None, "invalid date"
    return min(options)[1], f"year inferred from publication date {published[:10]}"


def _iso(year: int | None, month: int, day: int | None) -> str:
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def find_dates(text: str, published: str) -> list[dict]:
    """Dates written in a text, normalised to ISO (``--MM-DD`` when the year stays unknown);
    a day range becomes an ISO interval ``start/end``."""
    found, taken = [], []
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            month = MONTHS[m["month"][:3].lower()]
            groups = m.groupdict()
            day, day2 = (int(groups["day"]) if groups.get("day") else None), groups.get("day2")
            if day is not None and not 1 <= day <= 31:
                continue
            year, note = (int(m["year"]), "") if m["year"] else infer_year(month, day or 1, published)
            value = _iso(year, month, day)
            if day2:
                value += "/" + _iso(year, month, int(day2))
            taken.append((m.start(), m.end()))
            found.append({"kind": "date", "surface": m[0], "value": value, "unit": "", "note": note,
                          "start": m.start(), "end": m.end()})
    return found


def find_quantities(text: str, taken: list[tuple[int, int]]) -> list[dict]:
    """Numbers with their unit noun: quantities (>= 1000 or with a multiplier), counts, durations."""
    found = []
    for m in NUMBER_RE.finditer(text):
        number_start = m.start("number")
        if any(a <= number_start < b for a, b in taken):
            continue
        raw = m["number"].lower()
        is_word = raw in NUMBER_WORDS
        value = NUMBER_WORDS[raw] if is_word else float(raw.replace(",", ""))
        unit = m["unit"] or ""
        if unit.lower() in NOT_UNITS or unit.isupper():
            unit = ""
        if m["multiplier"]:
            value *= MULTIPLIERS[m["multiplier"].lower()]
        elif not is_word and re.fullmatch(r"(?:19|20)\d\d", raw):
            continue  # a year
        unit = _singular(unit)
        if unit in TIME_UNITS:
            kind = "duration"
        elif m["multiplier"] or value >= 1000:
            kind = "quantity"
        elif unit:
            kind = "count"
        else:
            continue  # a bare small number says nothing on its own
        end = m.end("unit") if unit else m.end("multiplier") if m["multiplier"] else m.end("number")
        start = m.start("qualifier") if m["qualifier"] else number_start
        found.append({"kind": kind, "surface": text[start:end], "value": str(int(value)) if value == int(value) else str(value),
                      "unit": unit, "note": " ".join(m["qualifier"].split()) if m["qualifier"] else "",
                      "start": start, "end": end})
    return found


def extract_facts(doc_id: str, text: str, sentences: pd.DataFrame, published: str = "") -> pd.DataFrame:
    """Dates, quantities, counts and durations one document reports, each with its sentence."""
    dates = find_dates(text, published)
    items = dates + find_quantities(text, [(d["start"], d["end"]) for d in dates])
    starts, ends, ids, sent_texts = (sentences[c].tolist() for c in ("start", "end", "sent_id", "text"))
    rows = []
    for item in items:
        where = next((n for n, (a, b) in enumerate(zip(starts, ends)) if a <= item["start"] < b), None)
        rows.append({"doc_id": doc_id, "sent_id": ids[where] if where is not None else 0,
                     "context": sent_texts[where] if where is not None else "", **item})
    frame = pd.DataFrame(rows, columns=FACT_COLUMNS)
    return frame.sort_values("start", kind="stable").reset_index(drop=True)


def facts_table(corpus) -> pd.DataFrame:
    """Facts of every usable document of a corpus."""
    published = dict(zip(corpus.documents["doc_id"], corpus.documents["published"].fillna("")))
    frames = [extract_facts(d, corpus.texts[d], corpus.sentences[corpus.sentences["doc_id"] == d], published.get(d, ""))
              for d in sorted(corpus.usable["doc_id"])]
    frames = [f for f in frames if not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=FACT_COLUMNS)


def events(facts: pd.DataFrame) -> pd.DataFrame:
    """Distinct normalised dates with the documents mentioning them, for a timeline."""
    dates = facts[facts["kind"] == "date"]
    if dates.empty:
        return pd.DataFrame(columns=EVENT_COLUMNS)
    rows = []
    for value, group in dates.groupby("value", sort=True):
        start, _, end = value.partition("/")
        rows.append({"value": value, "date_start": start, "date_end": end or start,
                     "year_known": not start.startswith("--"), "n_docs": group["doc_id"].nunique(),
                     "n_mentions": len(group), "doc_ids": "|".join(sorted(group["doc_id"].unique()))})
    return pd.DataFrame(rows, columns=EVENT_COLUMNS)


# --- provenance -------------------------------------------------------------------------

EDGE_COLUMNS = ["doc_id", "child", "parent", "relation", "evidence", "start", "end"]
UNKNOWN_VALUES = {"", "unknown", "nan", "none"}


def _agency_pattern() -> str:
    return agency_names().anywhere.pattern.removeprefix("(?<![\\w-])(?:").removesuffix(")(?![\\w-])")


def _canonical_source(surface: str) -> str:
    """Canonical agency or outlet name for a surface form, else the surface form itself."""
    surface = re.sub(r"\s+news\s+agency$", "", surface.strip(), flags=re.IGNORECASE)
    row = agency_names().rows.get(alias_key(surface))
    return row["name"] if row else surface


def credit_markers(text: str) -> list[tuple[str, str, int, int]]:
    """(source, evidence, start, end) for credits naming where a text comes from: a dateline
    "(IANS)", a leading "TASS, December 26.", "Source: IZ", "By Euronews" (known names only)."""
    agency = _agency_pattern()
    patterns = [
        rf"^[^\n]{{0,60}}?\((?P<source>{agency})\)\s*[:\-–—]",
        rf"^(?P<source>{agency})\s*,\s*(?:[A-Z][a-z]+\.?\s+\d{{1,2}}|\d{{1,2}}\s+[A-Z][a-z]+)\s*[.:\-–—]",
        r"^(?:Source|Sources|Via|Credit)\s*:\s*(?P<source>[^\n]{1,60}?)\s*$",
        rf"^By\s+(?P<source>{agency})\s*$",
    ]
    found = []
    for pattern in patterns:
        for m in re.finditer(pattern, text, re.MULTILINE | re.IGNORECASE):
            found.append((_canonical_source(m["source"]), m[0].strip(), m.start(), m.end()))
    return sorted(found, key=lambda f: f[2])


def relay_markers(text: str) -> list[tuple[str, str, str, int, int]]:
    """(source, relation, evidence, start, end) for agencies named as the source of reported
    content ("Xinhua news agency reported", "according to TASS", "citing Anadolu Agency") and
    for sources an agency cites ("Anadolu Agency stated …, citing a source in the alliance")."""
    agency = _agency_pattern()
    named = rf"(?P<source>(?:{agency})(?:\s+news\s+agency)?|[A-Z][\w-]+\s+news\s+agency)"
    verbs = r"(?:reported|stated|said|wrote|quoted|cited|informed|announced|reports|says|writes)"
    patterns = [rf"\b{named}\s+(?:\w+\s+){{0,2}}?{verbs}\b",
                rf"\b(?:according\s+to|citing|cited\s+by|quoted\s+by|as\s+reported\s+by|told)\s+(?:the\s+)?{named}"]
    found = []
    for pattern in patterns:
        for m in re.finditer(pattern, text, re.IGNORECASE):
            if not re.match(r"[A-Z]", m["source"]):
                continue
            found.append((_canonical_source(m["source"]), "relays", _sentence_around(text, m.start(), m.end()),
                          m.start(), m.end()))
    cites = rf"\b{named}[^.\n]{{0,60}}?,\s*citing\s+(?P<cited>[^,.;\n]+)"
    for m in re.finditer(cites, text, re.IGNORECASE):
        found.append((f"{_canonical_source(m['source'])}\x00{m['cited'].strip()}", "cites",
                      _sentence_around(text, m.start(), m.end()), m.start(), m.end()))
    return sorted(found, key=lambda f: f[3])


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    right = min([p for p in (text.find(". ", end), text.find("\n", end)) if p >= 0], default=len(text))
    return text[left:right + 1].strip()


def provenance_for_document(doc: dict, text: str, raw_lines: list[str] | None = None) -> pd.DataFrame:
    """Provenance edges of one document: outlet ← credited source ← relayed agency ← cited source.

    Sources come from the document's ``upstream`` column (semicolon-separated, first is the
    direct source), credit markers in the text or in its raw lines (datelines, bylines and
    "Source:" lines that cleaning removed), and relay phrases in the body. ``child`` receives
    content from ``parent``; start/end are offsets into the cleaned text (-1 for metadata or raw lines).
    """
    doc_id = doc["doc_id"]
    outlet = str(doc.get("outlet", "") or "")
    outlet = outlet if outlet.lower() not in UNKNOWN_VALUES else f"unknown outlet ({doc_id})"
    edges: list[dict] = []

    def add(child, parent, relation, evidence, start=-1, end=-1):
        if child != parent and parent:
            edges.append({"doc_id": doc_id, "child": child, "parent": parent, "relation": relation,
                          "evidence": evidence, "start": start, "end": end})

    credits = [(s, e, a, b) for s, e, a, b in credit_markers(text)]
    for line in raw_lines or []:
        credits += [(s, e, -1, -1) for s, e, _, _ in credit_markers(line)]
    upstream = [_canonical_source(u) for u in str(doc.get("upstream", "") or "").split(";")
                if u.strip().lower() not in UNKNOWN_VALUES]
    for source, evidence, start, end in credits:
        add(outlet, source, "credit", evidence, start, end)
    direct = credits[0][0] if credits else (upstream[0] if upstream else outlet)
    if upstream and not credits:
        add(outlet, upstream[0], "credit", "documents.upstream")
    relays = relay_markers(text)
    relayed = {s for s, rel, *_ in relays if rel == "relays"}
    for source, relation, evidence, start, end in relays:
        if relation == "relays":
            add(direct, source, "relays", evidence, start, end)
        else:
            citer, cited = source.split("\x00")
            add(citer, cited, "cites", evidence, start, end)
    for parent in upstream[1:]:
        if parent not in relayed and parent != direct:
            add(direct, parent, "relays", "documents.upstream")
    frame = pd.DataFrame(edges, columns=EDGE_COLUMNS)
    return frame.drop_duplicates(["child", "parent", "relation"]).reset_index(drop=True)


def provenance_edges(corpus) -> pd.DataFrame:
    """Provenance edges of every usable document."""
    lines = corpus.lines if len(corpus.lines) else pd.DataFrame(columns=["doc_id", "text"])
    frames = []
    for doc in corpus.usable.sort_values("doc_id").to_dict("records"):
        raw = lines.loc[lines["doc_id"] == doc["doc_id"], "text"].fillna("").tolist()
        frames.append(provenance_for_document(doc, corpus.texts[doc["doc_id"]], raw))
    frames = [f for f in frames if not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=EDGE_COLUMNS)


def provenance_graph(edges: pd.DataFrame) -> nx.DiGraph:
    """Directed graph with an edge parent → child (the direction content travels); each edge
    keeps its relation, evidence and documents; nodes know whether they are known agencies."""
    graph = nx.DiGraph()
    known = set(agencies()["name"])
    for row in edges.sort_values(["parent", "child", "doc_id"]).to_dict("records"):
        for node in (row["parent"], row["child"]):
            graph.add_node(node, known_source=node in known)
        if graph.has_edge(row["parent"], row["child"]):
            data = graph.edges[row["parent"], row["child"]]
            data["doc_ids"] = sorted(set(data["doc_ids"]) | {row["doc_id"]})
            continue
        graph.add_edge(row["parent"], row["child"], relation=row["relation"], evidence=row["evidence"],
                       doc_ids=[row["doc_id"]])
    return graph


# --- entry point ------------------------------------------------------------------------

def run(corpus) -> dict[str, pd.DataFrame]:
    """Every source-comparison table for a corpus (usable documents only), deterministically sorted."""
    texts = {d: corpus.texts[d] for d in sorted(corpus.usable["doc_id"])}
    quotes = quotes_table(corpus)
    reuse_table = reuse(texts)
    facts = facts_table(corpus)
    return {"quotes": quotes[QUOTE_COLUMNS], "voices": voices(quotes), "quote_alignment": quote_alignment(quotes),
            "reuse": reuse_table, "reuse_passages": reuse_passages(texts, reuse_table), "facts": facts,
            "events": events(facts), "provenance_edges": provenance_edges(corpus)}
