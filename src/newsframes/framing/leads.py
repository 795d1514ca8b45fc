"""Leads and voice: who a lede names and quotes, and whether each cue is the outlet's own
wording or inside a source's quoted speech.
"""

from __future__ import annotations

import re
from bisect import bisect_right

import pandas as pd

from ..corpus import rows_of, segment_offsets
from ..text import words
from .groups import rows_by_document
from .index import compile_cue
from .sentences import MIN_LEDE_WORDS
from .sentiment import named_targets


def _first_reporting_verb(text: str, verbs: list[re.Pattern]) -> str:
    """The earliest match of any of ``verbs`` in ``text`` (of those starting there, the first
    in sorted order), or "": each verb's first match is its earliest."""
    found = [(m.start(), m.group(0)) for verb in verbs if (m := verb.search(text))]
    return min(found)[1] if found else ""


def lead_table(
    sentences: pd.DataFrame, named: list[list[str]], targets: pd.DataFrame, terms: pd.DataFrame
) -> pd.DataFrame:
    """Who leads each document: targets named in the headline and the lede (first body
    sentence of at least ``MIN_LEDE_WORDS`` words) and the lede's first reporting verb, plus the
    order in which targets are first mentioned in the document's sentences (``named``, from
    :func:`sentence_targets`, in reading order; the lede's speaker is added by
    :func:`with_lede_speakers`)."""
    verbs = [compile_cue(p) for p in terms.loc[terms["kind"] == "reporting_verb", "pattern"]]
    texts, roles, tokens = (
        sentences["text"].tolist(),
        sentences["role"].tolist(),
        sentences["tokens"].tolist(),
    )
    sent_ids = sentences["sent_id"].tolist()
    rows = []
    for doc_id, positions in rows_by_document(sentences["doc_id"].tolist()):
        headline = " ".join(texts[i] for i in positions if roles[i] == "headline")
        lede = next(
            (i for i in positions if roles[i] == "body" and tokens[i] >= MIN_LEDE_WORDS), None
        )
        lede_text = texts[lede] if lede is not None else ""
        lede_targets = named[lede] if lede is not None else []
        headline_targets = named_targets(headline, targets)
        rows.append(
            {
                "doc_id": doc_id,
                "headline": headline,
                "headline_actor": headline_targets[0] if headline_targets else "",
                "headline_actors": " > ".join(headline_targets),
                "lede_sent_id": int(sent_ids[lede]) if lede is not None else pd.NA,
                "lede": lede_text,
                "lede_actor": lede_targets[0] if lede_targets else "",
                "lede_actors": " > ".join(lede_targets),
                "lede_verb": _first_reporting_verb(lede_text, verbs),
                "lede_speaker": "",
                "first_mentions": " > ".join(dict.fromkeys(t for i in positions for t in named[i])),
            }
        )
    table = pd.DataFrame(rows)
    table["lede_sent_id"] = table["lede_sent_id"].astype("Int64")
    return table


def with_lede_speakers(leads: pd.DataFrame, quotes: pd.DataFrame | None) -> pd.DataFrame:
    """Leads with the speaker of the first quotation found in each lede sentence, if any."""
    if quotes is None or leads.empty or not {"doc_id", "sent_id", "speaker"} <= set(quotes.columns):
        return leads
    first = (
        quotes.dropna(subset=["sent_id"])
        .astype({"sent_id": int})
        .drop_duplicates(["doc_id", "sent_id"])
    )
    speaker = dict(zip(rows_of(first, "doc_id", "sent_id"), first["speaker"].astype(str).tolist()))
    keys = rows_of(leads, "doc_id", "lede_sent_id")
    return leads.assign(
        lede_speaker=[speaker.get((d, int(i)), "") if pd.notna(i) else "" for d, i in keys]
    )


# --- who voices a cue: the outlet or its sources ----------------------------------------------
#
# A cue inside quoted or reported speech (the source-comparison stage's quotes, by offset) is
# the source's wording, not the outlet's. Without a quotes table every cue counts as authorial.

AUTHORIAL, QUOTED = "authorial", "quoted"


def quote_spans(quotes: pd.DataFrame | None) -> dict[str, list[tuple[int, int]]]:
    """Per document, the (start, end) offsets of its quoted and reported words, overlapping
    quotations merged, in text order: each quoted segment of a row (``segments``; without
    that column, the row's start and end), so the cue between the segments of one
    attribution ("…," she said, "…") stays the writer's."""
    if quotes is None or not {"doc_id", "start", "end"} <= set(quotes.columns):
        return {}
    spans: dict[str, list[tuple[int, int]]] = {}
    located = quotes.dropna(subset=["start", "end"])
    if "segments" in located.columns:
        offsets = [
            (doc_id, start, end)
            for doc_id, segments in rows_of(located, "doc_id", "segments")
            for start, end in segment_offsets(segments)
        ]
    else:
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
    starts = {(d, i): start for d, i, start in rows_of(scores, "doc_id", "sent_id", "start")}
    voices = [
        QUOTED if _in_spans(starts[(d, i)] + offset, spans.get(d, [])) else AUTHORIAL
        for d, i, offset in rows_of(evidence, "doc_id", "sent_id", "start")
    ]
    columns = [c for c in evidence.columns if c != "sentence"]
    return evidence.assign(voice=voices)[[*columns, "voice", "sentence"]]


def quoted_tokens(scores: pd.DataFrame, spans: dict) -> list[int]:
    """Word tokens of each sentence (rows with doc_id, start and text) inside quoted or
    reported speech (``spans``: :func:`quote_spans`, sorted and apart, so the spans a sentence
    overlaps are found by binary search in their ends: a document of thousands of quotes is
    not read quote by quote for each sentence)."""
    ends = {doc_id: [b for _, b in merged] for doc_id, merged in spans.items()}
    counts = []
    for doc_id, start, text in rows_of(scores, "doc_id", "start", "text"):
        merged, end, inside = spans.get(doc_id, []), start + len(text), 0
        at = bisect_right(ends.get(doc_id, []), start)  # the first span ending after the start
        while at < len(merged) and merged[at][0] < end:
            a, b = merged[at]
            inside += len(words(text[max(a, start) - start : min(b, end) - start]))
            at += 1
        counts.append(inside)
    return counts
