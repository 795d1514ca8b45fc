"""Sentences about the source comparison (chapter 02): quoted words by affiliation, speakers one
group alone quotes, the quotation reworded most, the strongest text reuse and the longest relay
chain. Each function returns HTML built from the pipeline's tables, for any corpus."""

from __future__ import annotations

from collections import ChainMap

import pandas as pd

from ..corpus import VOICE_SHARES
from .display import document_labels
from .prose import (
    affiliation_of,
    all_groups,
    as_number,
    as_percent,
    counted,
    crosses_sentence,
    group_name,
    group_noun,
    html_escaped,
    in_series,
    is_named,
    number_word,
    page_link,
    sentence_case,
    texts_word,
    voice_table,
)
from .voices_prose import (
    largest_rewording,
    reworded_passage,
    written_in_segment,
)


def affiliation_shares(tables: dict) -> str:
    """Whose words fill each group's quotations: the voice supplying most quoted or reported
    words (an actor's affiliation, else a named person or organisation), said once when it is
    the same in every group, with each group's share unattributed or from unnamed sources."""
    voices = voice_table(tables)
    if voices.empty:
        return ""
    link = page_link("02_source_comparison", "sec-voices", "whose words")
    key = voices["voice"] if "voice" in voices else voices["affiliation"].map(affiliation_of)
    words = voices.assign(key=key).groupby(["group", "key"])["n_words"].sum()
    leaders, unnamed = {}, {}
    for group, part in words.groupby(level=0):
        part = part.droplevel(0)
        shares = [s for s in VOICE_SHARES if s in part.index]
        ranked = part.drop(shares).sort_values(ascending=False, kind="stable")
        unnamed[group] = f"{as_percent(1 - ranked.sum() / part.sum())} unattributed or unnamed"
        if len(ranked):
            leaders[group] = (ranked.index[0], ranked.iloc[0] / part.sum(), part.sum())
    if not leaders:
        return f"No quoted speaker is named: the quoted words are unattributed or unnamed ({link})."
    shares = [
        f"{as_percent(share)} of the {as_number(total)} quoted in {texts_word(g)} ({unnamed[g]})"
        for g, (_, share, total) in leaders.items()
    ]
    names = {leader for leader, _, _ in leaders.values()}
    if len(names) == 1 and len(leaders) > 1:
        who = next(iter(names))
        return (
            f"{html_escaped(affiliation_of(who))} supplies the largest share of quoted words in "
            f"{all_groups(len(leaders), group_noun(tables))}: {in_series(shares)} ({link})."
        )
    parts = [
        f"{html_escaped(affiliation_of(who))} in {texts_word(g)} "
        f"({as_percent(share)} of {as_number(total)} words; {unnamed[g]})"
        for g, (who, share, total) in leaders.items()
    ]
    return f"The largest share of quoted words comes from {in_series(parts)} ({link})."


def _within_sentences(row: pd.Series) -> bool:
    """Whether the reworded passage of an aligned pair stays inside one sentence of one quoted
    segment in both texts."""
    old, new = reworded_passage(row["diff"])
    written = [
        written_in_segment(words, text)
        for words, text in ((old, row["text_a"]), (new, row["text_b"]))
    ]
    return all(written) and not any(crosses_sentence(w) for w in written)


def rewording(tables: dict) -> str:
    """The largest rewording whose quoted passages stay within a sentence (a passage running
    into the next sentence quotes words nobody said together)."""
    alignment = tables["quote_alignment"]
    if alignment.empty:
        return ""
    kept = alignment[alignment.apply(_within_sentences, axis=1)]
    return largest_rewording(ChainMap({"quote_alignment": kept}, tables))  # the rest unread


def strongest_reuse(tables: dict) -> str:
    """The pair of documents where one contains most of the other's five-word runs."""
    reuse = tables["reuse"]
    if reuse.empty:
        return "No two texts share a run of five words."
    labels = document_labels(tables["documents"])
    best = reuse.assign(best=reuse[["containment_a_in_b", "containment_b_in_a"]].max(axis=1))
    row = best.sort_values(["best", "doc_a", "doc_b"], ascending=[False, True, True]).iloc[0]
    a_in_b = row["containment_a_in_b"] >= row["containment_b_in_a"]
    inner, outer = (row["doc_a"], row["doc_b"]) if a_in_b else (row["doc_b"], row["doc_a"])
    return (
        f"The two texts sharing most wording are {group_name(labels[inner])} and "
        f"{group_name(labels[outer])}: {as_percent(row['best'])} of the first one's five-word runs "
        f"recur in the second ({counted(int(row['shared_shingles']), 'shared run')}; "
        f"{page_link('02_source_comparison', 'sec-reuse', 'the passages')})."
    )


def relay_chains(edges: pd.DataFrame) -> list[tuple[str, list[str]]]:
    """(document, chain) for each source node of each document's provenance edges: the chain
    of sources from the page read back to the first one named (at most ten steps)."""
    chains = []
    for doc, group in edges.groupby("document", sort=True):
        parent = dict(zip(group["child"], group["parent"]))
        for start in sorted(set(group["child"]) - set(group["parent"])):
            chain = [start]
            while chain[-1] in parent and len(chain) < 10:
                chain.append(parent[chain[-1]])
            chains.append((doc, chain))
    return chains


def longest_chain(tables: dict) -> str:
    """How many documents say where their copy comes from, and the longest chain, in words."""
    from .provenance_figure import provenance_edges

    edges = provenance_edges(tables)
    if edges.empty:
        return "No text names where its copy comes from."
    document, chain = max(relay_chains(edges), key=lambda item: len(item[1]))
    steps = chain[1:]  # the first node is the page read (its outlet or its label)
    n_docs = edges["document"].nunique()
    said = f"{sentence_case(counted(n_docs, 'text'))} {'says' if n_docs == 1 else 'say'} where "
    said += f"{'its' if n_docs == 1 else 'their'} copy comes from"
    if len(steps) == 1:
        return (
            f"{said}, each naming a single source "
            f"({page_link('02_source_comparison', 'sec-provenance', 'the provenance chains')})."
        )
    cites = "".join(f", which cites {html_escaped(s)}" for s in steps[1:])
    return (
        f"{said}. The longest chain is in {group_name(document)}: its copy comes from "
        f"{html_escaped(steps[0])}{cites} "
        f"({page_link('02_source_comparison', 'sec-provenance', 'the provenance chain')})."
    )


def one_group_voices(tables: dict) -> str:
    """How many named speakers only one group quotes, per group, in one sentence."""
    voices = voice_table(tables)
    named = voices[voices["speaker"].map(is_named)]
    if named["group"].nunique() < 2:
        return ""
    groups_of = named.groupby("speaker")["group"].nunique()
    only = named[named["speaker"].map(groups_of) == 1]
    if only.empty:
        return ""
    per_group = only.groupby("group")["speaker"].nunique()
    parts = in_series([f"{number_word(n)} only in {texts_word(g)}" for g, n in per_group.items()])
    n = only["speaker"].nunique()
    return (
        f"{sentence_case(counted(n, 'named speaker'))} {'is' if n == 1 else 'are'} quoted by one "
        f"{group_noun(tables)} alone: {parts} "
        f"({page_link('02_source_comparison', 'sec-voices', 'who they are')})."
    )
