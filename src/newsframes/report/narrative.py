"""The book's written findings: sentences generated from the pipeline's tables, for any corpus.

Every sentence is built from the tables by generic rules -- which frame only one group uses and
the sentences behind it, which speakers only one group quotes and their own words, the quotation
whose wording changed most between two texts, the strongest text reuse, the longest relay
chain -- so that ``make book SEEDS=other/folder`` tells that corpus's story, never the seed
story's. Texts from the corpus are HTML-escaped and quoted whole: where the words are the
finding they are never cut. Each function returns HTML (chapters show it with a ``remove-input``
cell); links point to the section holding the evidence.
"""

from __future__ import annotations

import pandas as pd

from .. import corpus
from ..corpus import VOICE_SHARES
from ..framing.groups import is_relay
from ..resources import codebook
from .display import camp_name, document_labels
from .prose import (
    MAX_NAMED,
    affiliation_of,
    as_number,
    as_percent,
    group_labels,
    group_name,
    html_escaped,
    in_series,
    page_link,
    quoted_html,
    sentence_case,
    texts_word,
    voice_table,
)
from .voices_prose import exclusive_voices, largest_rewording, shared_voices


def bullets(items: list[str], title: str = "Key takeaways") -> str:
    """A boxed list of takeaways (HTML)."""
    body = "".join(f"<li>{item}</li>" for item in items if item)
    return f'<div class="nf-takeaways"><p><strong>{html_escaped(title)}</strong></p><ul>{body}</ul></div>'


def paragraphs(items: list[str]) -> str:
    return "".join(f"<p>{item}</p>" for item in items if item)


# --- the corpus --------------------------------------------------------------------------------


def corpus_sentence(tables: dict) -> str:
    """How many usable articles, from how many outlets, in which groups, over which dates."""
    documents = corpus.usable(tables["documents"])
    if documents.empty:
        return (
            "No file of the folder could be analysed; the ingestion chapter says why, file by file."
        )
    groups = group_labels(tables).value_counts().sort_index()
    parts = in_series([f"{as_number(n)} {html_escaped(g)}" for g, n in groups.items()])
    dates = pd.to_datetime(documents["published"], errors="coerce", format="%Y-%m-%d").dropna()
    span = ""
    if len(dates):
        first, last = dates.min(), dates.max()
        span = (
            f", published on {first.day} {first:%B %Y}"
            if first == last
            else f", published between {first.day} {first:%B %Y} and {last.day} {last:%B %Y}"
        )
    total = len(tables["documents"])
    unread = total - len(documents)
    tail = (
        f" ({as_number(unread)} further file{'s' if unread != 1 else ''} could not be analysed)"
        if unread
        else ""
    )
    return (
        f"The corpus holds {as_number(len(documents))} usable "
        f"article{'s' if len(documents) != 1 else ''}"
        f" ({parts}){span}{tail}."
    )


def affiliation_shares(tables: dict) -> str:
    """Per group, the voice supplying most quoted or reported words (an actor's affiliation, or
    a named person or organisation), its share, and the share unattributed or unnamed."""
    voices = voice_table(tables)
    if voices.empty:
        return ""
    key = voices["voice"] if "voice" in voices else voices["affiliation"].map(affiliation_of)
    words = voices.assign(key=key).groupby(["group", "key"])["n_words"].sum()
    parts, leaders = [], set()
    for group, part in words.groupby(level=0):
        part = part.droplevel(0)
        shares = [s for s in VOICE_SHARES if s in part.index]
        ranked = part.drop(shares).sort_values(ascending=False, kind="stable")
        unranked = part.sum() - ranked.sum()
        rest = f"; {as_percent(unranked / part.sum())} unattributed or unnamed" if unranked else ""
        if not len(ranked):
            parts.append(
                f"in {texts_word(group)}, no named voice ({as_number(part.sum())} words{rest})")
            continue
        leaders.add(ranked.index[0])
        parts.append(
            f"in {texts_word(group)}, {html_escaped(ranked.index[0])} "
            f"({as_percent(ranked.iloc[0] / part.sum())} of {as_number(part.sum())} words{rest})"
        )
    link = page_link("02_source_comparison", "sec-voices", "whose words")
    if not leaders:
        return sentence_case(f"No quoted speaker is named: {'; '.join(parts)} ({link}).")
    every = "both groups" if len(parts) == 2 else "every group"
    shared = (
        f"The largest share of quoted words in {every} comes from {html_escaped(next(iter(leaders)))}: "
        if len(leaders) == 1 and len(parts) > 1
        else "The largest share of quoted or reported words comes, "
    )
    return sentence_case(shared + "; ".join(parts) + f" ({link}).")


# --- reuse and provenance ------------------------------------------------------------------------


def strongest_reuse(tables: dict) -> str:
    """The pair of documents where one contains most of the other's five-word runs."""
    reuse = tables["reuse"]
    if reuse.empty:
        return "No two documents share a run of five words."
    labels = document_labels(tables["documents"])
    best = reuse.assign(best=reuse[["containment_a_in_b", "containment_b_in_a"]].max(axis=1))
    row = best.sort_values(["best", "doc_a", "doc_b"], ascending=[False, True, True]).iloc[0]
    a_in_b = row["containment_a_in_b"] >= row["containment_b_in_a"]
    inner, outer = (row["doc_a"], row["doc_b"]) if a_in_b else (row["doc_b"], row["doc_a"])
    return (
        f"The most copying between two texts: {as_percent(row['best'])} of the five-word runs of "
        f"{group_name(labels[inner])} also occur in {group_name(labels[outer])} "
        f"({as_number(row['shared_shingles'])} shared runs; "
        f"{page_link('02_source_comparison', 'sec-reuse', 'the passages')})."
    )


def longest_chain(tables: dict) -> str:
    """The longest chain of relays and citations any document admits, with readable names."""
    from .figures import provenance_edges

    edges = provenance_edges(tables)
    if edges.empty:
        return "No document names where its copy comes from."
    longest, document = [], ""
    for doc, group in edges.groupby("document"):
        parent = dict(zip(group["child"], group["parent"]))
        for start in sorted(set(group["child"]) - set(group["parent"])):
            chain = [start]
            while chain[-1] in parent and len(chain) < 10:
                chain.append(parent[chain[-1]])
            if len(chain) > len(longest):
                longest, document = chain, doc
    n_docs = edges["document"].nunique()
    return (
        f"{as_number(n_docs)} document{'s' if n_docs != 1 else ''} name where their copy comes "
        "from; the longest "
        f"chain, in {group_name(document)}, runs {' ← '.join(html_escaped(n) for n in longest)} "
        f"({page_link('02_source_comparison', 'sec-provenance', 'the provenance chain')})."
    )


# --- framing ------------------------------------------------------------------------------------


def _frame_evidence(tables: dict) -> pd.DataFrame:
    names = dict(zip(codebook()["frame"], codebook()["label"]))
    evidence = tables["frame_evidence"]
    return evidence.assign(
        group=evidence["doc_id"].map(group_labels(tables)), label=evidence["frame"].map(names)
    ).dropna(subset=["group"])


def exclusive_frames(tables: dict) -> list[str]:
    """Frames whose indicators occur in one group's texts only, most matches first, each with
    the sentences that carry it, quoted whole."""
    evidence = _frame_evidence(tables)
    if evidence["group"].nunique() < 2 or group_labels(tables).nunique() < 2:
        return []
    groups_of = evidence.groupby("label")["group"].nunique()
    only = evidence[evidence["label"].map(groups_of) == 1]
    labels = document_labels(tables["documents"])
    sentences = []
    ranked = only.groupby("label").size().sort_values(ascending=False, kind="stable")
    for frame in ranked.index[:2]:
        part = only[only["label"] == frame]
        group = part["group"].iloc[0]
        shown = part.drop_duplicates(["doc_id", "sent_id"]).head(MAX_NAMED)
        docs = in_series([group_name(labels[d]) for d in dict.fromkeys(part["doc_id"])])
        quotes = "; ".join(quoted_html(s) for s in shown["sentence"])
        sentences.append(
            f"Only {texts_word(group)} use the frame “{html_escaped(frame)}” ({as_number(len(part))} "
            f"match{'es' if len(part) != 1 else ''}, in {docs}): {quotes} "
            f"({page_link('03_framing', 'sec-frames', 'frames')})."
        )
    return sentences


def hedging(tables: dict) -> str:
    """Which group hedges most (pooled rate), and the hedged sentences of its most hedging text."""
    rates = tables["evidentiality"]
    pooled = rates[(rates["level"] == "group") & (rates["kind"] == "hedge")]
    per_doc = rates[(rates["level"] == "doc") & (rates["kind"] == "hedge") & (rates["hits"] > 0)]
    if len(pooled) < 2 or per_doc.empty:
        return ""
    pooled = pooled.sort_values(["per_1k", "unit"], ascending=[False, True])
    top, rest = pooled.iloc[0], pooled.iloc[1:]
    others = in_series([f"{r.per_1k:.1f} in {texts_word(camp_name(r.unit))}" for r in rest.itertuples()])
    doc = per_doc.sort_values(["per_1k", "unit"], ascending=[False, True]).iloc[0]
    evidence = tables["evidentiality_evidence"]
    hedged = evidence[(evidence["doc_id"] == doc["unit"]) & (evidence["kind"] == "hedge")]
    terms = in_series([quoted_html(t) for t in dict.fromkeys(hedged["match"].str.lower())])
    label = document_labels(tables["documents"])[doc["unit"]]
    return (
        f"{sentence_case(texts_word(camp_name(top['unit'])))} hedge most: {top['per_1k']:.1f} hedges "
        "per 1,000 word tokens "
        f"against {others}. The most hedged text is {group_name(label)} ({doc['per_1k']:.1f} per "
        f"1,000), with {terms} "
        f"({page_link('03_framing', 'sec-evidentiality', 'the hedged sentences')})."
    )


def what_groups_did_differently(tables: dict) -> list[str]:
    """The generated findings on what sets the groups apart, most telling first."""
    return [
        *exclusive_frames(tables),
        hedging(tables),
        *exclusive_voices(tables),
        shared_voices(tables),
        largest_rewording(tables),
    ]


# --- each chapter's key takeaways ----------------------------------------------------------------


def removed_lines_sentence(tables: dict) -> str:
    """How much of the raw text was page furniture, and the rule that removed most of it."""
    from ..ingest.lines import ANALYSED_ROLES

    lines = tables["lines"]
    text_lines = lines[lines["role"] != "blank"]
    removed = text_lines[~text_lines["role"].isin(ANALYSED_ROLES)]
    if text_lines.empty:
        return ""
    if removed.empty:
        return f"All {as_number(len(text_lines))} non-blank raw lines were read as article text."
    reasons = removed.groupby(["role", "reason"]).size().sort_values(ascending=False, kind="stable")
    (role, reason), n = reasons.index[0], reasons.iloc[0]
    return (
        f"{as_number(len(removed))} of {as_number(len(text_lines))} non-blank raw lines "
        f"({as_percent(len(removed) / len(text_lines))}) were not article text; the rule used most "
        "often "
        f"set aside {as_number(n)} line{'s' if n != 1 else ''} as {html_escaped(role)} ({html_escaped(reason)}; "
        f"{page_link('01_ingestion', 'sec-audit', 'the audit')})."
    )


def most_cleaned_sentence(tables: dict) -> str:
    """The analysed document that lost the most lines to cleaning."""
    from ..ingest.lines import ANALYSED_ROLES
    from . import most_cleaned

    doc_id = most_cleaned(tables)
    if doc_id is None:
        return ""
    lines = tables["lines"]
    mine = lines[(lines["doc_id"] == doc_id) & (lines["role"] != "blank")]
    removed = int((~mine["role"].isin(ANALYSED_ROLES)).sum())
    label = document_labels(tables["documents"])[doc_id]
    return (
        f"Cleaning mattered most for {group_name(label)}: {as_number(removed)} of its "
        f"{as_number(len(mine))} non-blank "
        f"lines were set aside ({page_link('01_ingestion', 'sec-before-after', 'before and after')})."
    )


def metadata_sentence(tables: dict) -> str:
    """Where outlets and dates came from, and how many texts relay another source's copy."""
    documents = corpus.usable(tables["documents"])
    if documents.empty:
        return ""
    named = (
        documents["outlet"]
        .map(lambda o: str(o).strip().lower() not in ("", "unknown", "nan"))
        .sum()
    )
    dated = documents["published"].map(lambda d: str(d)[:4].isdigit()).sum()
    relays = sum(is_relay(o, u) for o, u in zip(documents["outlet"], documents["upstream"]))
    n = len(documents)
    return (
        f"{as_number(named)} of {as_number(n)} articles name their outlet and {as_number(dated)} have a "
        "publication "
        f"date; {as_number(relays)} relay copy from an agency or another outlet "
        f"({page_link('01_ingestion', 'sec-metadata', 'where each came from')})."
    )


def ingestion_takeaways(tables: dict) -> list[str]:
    return [
        corpus_sentence(tables),
        removed_lines_sentence(tables),
        most_cleaned_sentence(tables),
        metadata_sentence(tables),
    ]


def comparison_takeaways(tables: dict) -> list[str]:
    return [
        affiliation_shares(tables),
        *exclusive_voices(tables),
        largest_rewording(tables),
        strongest_reuse(tables),
        longest_chain(tables),
    ]


def framing_takeaways(tables: dict) -> list[str]:
    from .findings import frame_contrasts, smallest_possible_p

    largest = frame_contrasts(tables["uncertainty"], n=1)[0]
    return [
        *exclusive_frames(tables),
        hedging(tables),
        f"The largest difference in a frame's rate: {html_escaped(largest)} "
        f"({page_link('03_framing', 'sec-uncertainty', 'how sure')}).",
        f"No p-value over these documents can be smaller than "
        f"{html_escaped(smallest_possible_p(tables['uncertainty']))}.",
    ]
