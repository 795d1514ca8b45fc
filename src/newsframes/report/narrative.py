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
    all_groups,
    as_number,
    as_percent,
    counted,
    crosses_sentence,
    fragment,
    group_labels,
    group_name,
    group_noun,
    html_escaped,
    in_series,
    is_named,
    number_word,
    page_link,
    quoted_html,
    sentence_case,
    texts_word,
    voice_table,
)
from .voices_prose import (
    as_written,
    exclusive_voices,
    largest_rewording,
    reworded_passage,
    shared_voices,
)

# --- small helpers ----------------------------------------------------------------------------


def bullets(items: list[str], title: str = "Key takeaways") -> str:
    """A boxed list of takeaways (HTML)."""
    body = "".join(f"<li>{item}</li>" for item in items if item)
    return (
        f'<div class="nf-takeaways"><p><strong>{html_escaped(title)}</strong></p>'
        f"<ul>{body}</ul></div>"
    )


def paragraphs(items: list[str]) -> str:
    return "".join(f"<p>{item}</p>" for item in items if item)


# --- the corpus --------------------------------------------------------------------------------


def corpus_sentence(tables: dict) -> str:
    """How many usable articles, in which groups, over which dates."""
    documents = corpus.usable(tables["documents"])
    if documents.empty:
        return (
            "No file of the folder could be analysed; the ingestion chapter says why, file by file."
        )
    groups = group_labels(tables).value_counts().sort_index()
    parts = in_series([f"{number_word(n)} {html_escaped(g)}" for g, n in groups.items()])
    dates = pd.to_datetime(documents["published"], errors="coerce", format="%Y-%m-%d").dropna()
    span = ""
    if len(dates):
        first, last = dates.min(), dates.max()
        span = (
            f", all published on {first.day} {first:%B %Y}"
            if first == last
            else f", published between {first.day} {first:%B %Y} and {last.day} {last:%B %Y}"
        )
    unread = len(tables["documents"]) - len(documents)
    tail = f"; {counted(unread, 'further file')} could not be read" if unread else ""
    return sentence_case(
        f"{counted(len(documents), 'article')} could be analysed: {parts}{span}{tail} "
        f"({page_link('01_ingestion', 'sec-corpus', 'the corpus')})."
    )


# --- voices -------------------------------------------------------------------------------------


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
        unnamed[group] = f"; {as_percent(1 - ranked.sum() / part.sum())} unattributed or unnamed"
        if len(ranked):
            leaders[group] = (ranked.index[0], ranked.iloc[0] / part.sum(), part.sum())
    if not leaders:
        return f"No quoted speaker is named: the quoted words are unattributed or unnamed ({link})."
    shares = [
        f"{as_percent(share)} of the {as_number(total)} quoted in {texts_word(g)}{unnamed[g]}"
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
        f"({as_percent(share)} of {as_number(total)} words{unnamed[g]})"
        for g, (who, share, total) in leaders.items()
    ]
    return f"The largest share of quoted words comes from {in_series(parts)} ({link})."


# --- wording ------------------------------------------------------------------------------------


def _within_sentences(row: pd.Series) -> bool:
    """Whether the reworded passage of an aligned pair stays inside one sentence in both texts."""
    old, new = reworded_passage(row["diff"])
    return not any(
        crosses_sentence(as_written(words, text))
        for words, text in ((old, row["text_a"]), (new, row["text_b"]))
    )


def rewording(tables: dict) -> str:
    """The largest rewording whose quoted passages stay within a sentence (a passage running
    into the next sentence quotes words nobody said together)."""
    alignment = tables["quote_alignment"]
    if alignment.empty:
        return ""
    kept = alignment[alignment.apply(_within_sentences, axis=1)]
    return largest_rewording({**tables, "quote_alignment": kept})


# --- reuse and provenance ------------------------------------------------------------------------


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
    from .figures import provenance_edges

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


# --- framing ------------------------------------------------------------------------------------


def frame_evidence(tables: dict) -> pd.DataFrame:
    """The frame matches of the usable documents, with each frame's ``label`` and each
    document's comparison ``group``."""
    names = dict(zip(codebook()["frame"], codebook()["label"]))
    evidence = tables["frame_evidence"]
    return evidence.assign(
        group=evidence["doc_id"].map(group_labels(tables)), label=evidence["frame"].map(names)
    ).dropna(subset=["group"])


def exclusive_frames(tables: dict, short: bool = False) -> list[str]:
    """Frames whose indicators occur in one group's texts only, most matches first, each with
    the decisive words of the sentences that carry it (the whole sentences are one click away,
    in the framing chapter's evidence table); ``short``: the counts and texts, no quotation."""
    evidence = frame_evidence(tables)
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
        documents = list(dict.fromkeys(part["doc_id"]))
        where = (
            f"all in {group_name(labels[documents[0]])}"
            if len(documents) == 1 and len(part) > 1
            else f"in {in_series([group_name(labels[d]) for d in documents[:MAX_NAMED]])}"
            + (f" and {len(documents) - MAX_NAMED} more" if len(documents) > MAX_NAMED else "")
        )
        quotes = in_series(
            [quoted_html(fragment(r.sentence, r.start, r.match)) for r in shown.itertuples()]
        )
        link = page_link("03_framing", "sec-frames", "the sentences")
        if short:
            sentences.append(
                f"Only {texts_word(group)} use the frame “{html_escaped(frame)}”: "
                f"{counted(len(part), 'match', 'matches')}, {where} ({link})."
            )
            continue
        sentences.append(
            f"Only {texts_word(group)} use the frame “{html_escaped(frame)}”: "
            f"{counted(len(part), 'match', 'matches')}, {where}"
            f"{': ' if len(shown) == len(part) else '; among them '}{quotes} "
            f"({page_link('03_framing', 'sec-frames', 'the sentences')})."
        )
    return sentences


ABOUT_AS_OFTEN = 1.25  # a rate less than this many times another is 'about as often'


def hedging(tables: dict) -> str:
    """Which group hedges most (pooled rate per 1,000 word tokens), and the hedges of its most
    hedging text."""
    rates = tables["evidentiality"]
    pooled = rates[(rates["level"] == "group") & (rates["kind"] == "hedge")]
    per_doc = rates[(rates["level"] == "doc") & (rates["kind"] == "hedge") & (rates["hits"] > 0)]
    if len(pooled) < 2 or per_doc.empty:
        return ""
    pooled = pooled.sort_values(["per_1k", "unit"], ascending=[False, True])
    top, rest = pooled.iloc[0], pooled.iloc[1:]
    link = page_link("03_framing", "sec-evidentiality", "the hedged sentences")
    rate = lambda r: "none" if r.per_1k == 0 else f"{r.per_1k:.1f}"  # noqa: E731
    others = in_series([f"{rate(r)} in {texts_word(camp_name(r.unit))}" for r in rest.itertuples()])
    if top["per_1k"] < ABOUT_AS_OFTEN * rest["per_1k"].max():
        return (
            f"The {group_noun(tables)}s hedge about as often: {top['per_1k']:.1f} hedges per "
            f"1,000 words in {texts_word(camp_name(top['unit']))} against {others} ({link})."
        )
    doc = per_doc.sort_values(["per_1k", "unit"], ascending=[False, True]).iloc[0]
    evidence = tables["evidentiality_evidence"]
    hedged = evidence[(evidence["doc_id"] == doc["unit"]) & (evidence["kind"] == "hedge")]
    terms = in_series([quoted_html(t) for t in dict.fromkeys(hedged["match"].str.lower())])
    label = document_labels(tables["documents"])[doc["unit"]]
    return (
        f"{sentence_case(texts_word(camp_name(top['unit'])))} hedge more: {top['per_1k']:.1f} "
        f"hedges per 1,000 words against {others}; the most hedged text, {group_name(label)}, "
        f"uses {terms} ({link})."
    )


def what_groups_did_differently(tables: dict) -> list[str]:
    """The generated findings on what sets the groups apart, most telling first."""
    return [
        *exclusive_frames(tables),
        hedging(tables),
        *exclusive_voices(tables),
        shared_voices(tables),
        rewording(tables),
    ]


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
        f"set aside {as_number(n)} line{'s' if n != 1 else ''} as {html_escaped(role)} "
        f"({html_escaped(reason)}; "
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
        "lines were set aside "
        f"({page_link('01_ingestion', 'sec-before-after', 'before and after')})."
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
        f"{as_number(named)} of {as_number(n)} articles name their outlet "
        f"and {as_number(dated)} have a "
        "publication "
        f"date; {as_number(relays)} relay copy from an agency or another outlet "
        f"({page_link('01_ingestion', 'sec-metadata', 'where each came from')})."
    )


def ingestion_takeaways(tables: dict) -> list[str]:
    return takeaways(
        [
            corpus_sentence(tables),
            removed_lines_sentence(tables),
            most_cleaned_sentence(tables),
            metadata_sentence(tables),
        ]
    )


MAX_TAKEAWAYS = 5  # a chapter opens with three to five takeaways


def takeaways(found: list[str]) -> list[str]:
    """The first ``MAX_TAKEAWAYS`` findings that say something (empty ones left out)."""
    return [f for f in found if f][:MAX_TAKEAWAYS]


def comparison_takeaways(tables: dict) -> list[str]:
    return takeaways(
        [
            affiliation_shares(tables),
            *exclusive_voices(tables, short=True),
            rewording(tables),
            strongest_reuse(tables),
            longest_chain(tables),
        ]
    )


def largest_frame_difference(tables: dict) -> str:
    """The frame whose rate differs most between the groups, in words, with how often chance
    alone gives a difference as large (its p-value) and its q-value."""
    from .findings import format_p, format_q, main_comparison

    rows = main_comparison(tables["uncertainty"])
    rows = rows[rows["finding"].str.startswith("frame")]
    if rows.empty:
        return ""
    row = rows.loc[rows["observed"].abs().sort_values(ascending=False, kind="stable").index[0]]
    frame = row["finding"].split(": ", 1)[1]
    means = [part.rpartition(": ") for part in str(row["group_means"]).split(" | ")]
    rates = in_series([f"{float(v):.1f} in {texts_word(camp_name(g))}" for g, _, v in means])
    p = format_p(row["p_value"], row["min_p"])
    share = f"{row['p_value']:.0%}" if row["p_value"] >= 0.01 else f"{row['p_value']:.2g}"
    return (
        f"The frame whose rate differs most is “{html_escaped(frame)}”: {rates} per 1,000 "
        "words (mean of "
        f"the texts). Shuffling the {group_noun(tables)} labels gives a difference at least this "
        f"large {share} of the time (p = {p}; q = {format_q(row['q_value'])} "
        f"over all {len(tables['uncertainty'])} tests; "
        f"{page_link('03_framing', 'sec-uncertainty', 'how sure')})."
    )


def floor_sentence(tables: dict) -> str:
    """The smallest p-value the number of texts (or of random draws) allows."""
    from .findings import format_p, main_comparison

    rows = main_comparison(tables["uncertainty"])
    if rows.empty:
        return ""
    row = rows.iloc[0]
    floor = format_p(row["min_p"], row["min_p"])
    if bool(row["exact"]):
        return (
            f"With so few texts only {as_number(row['n_arrangements'])} ways of splitting them "
            "into "
            f"the groups exist, so no test can give a p-value below {floor}."
        )
    return ""


def supported_sentence(tables: dict) -> str:
    """How many of the run's tests pass the support bar (q below ``SUPPORT_Q``)."""
    from .findings import SUPPORT_Q, supported_findings

    uncertainty = tables["uncertainty"]
    if uncertainty.empty:
        return ""
    n = len(supported_findings(uncertainty))
    tests = counted(len(uncertainty), "test")
    link = page_link("04_conclusions", "sec-supported", "what the evidence supports")
    if n == 0:
        return (
            f"None of the {tests} passes the bar for evidence (q below {SUPPORT_Q:.2f} after "
            f"adjusting for the number of tests): the differences describe these texts ({link})."
        )
    return (
        f"{sentence_case(number_word(n))} of the {tests} pass{'es' if n == 1 else ''} the bar "
        f"for evidence, a q-value below {SUPPORT_Q:.2f} after adjusting for the number of tests "
        f"({link})."
    )


def framing_takeaways(tables: dict) -> list[str]:
    return takeaways(
        [
            *exclusive_frames(tables),
            hedging(tables),
            largest_frame_difference(tables),
            supported_sentence(tables),
            floor_sentence(tables),
        ]
    )


# --- what the texts cannot show, and what they mean ---------------------------------------------


def limits(tables: dict) -> list[str]:
    """What these texts cannot show, computed from their number, dates, relays and the voice
    (authorial or quoted) of the frame matches."""
    from .findings import format_p, main_comparison

    documents = corpus.usable(tables["documents"])
    if documents.empty:
        return []
    groups = group_labels(tables).value_counts()
    noun = group_noun(tables)
    dates = pd.to_datetime(documents["published"], errors="coerce", format="%Y-%m-%d").dropna()
    days = (dates.max() - dates.min()).days + 1 if len(dates) else 0
    when = f" published within {counted(days, 'day')}" if days else ""
    smallest = groups.sort_values(kind="stable").index[0]
    sizes = (
        f"{number_word(groups.min())} in each {noun}"
        if groups.min() == groups.max()
        else f"{number_word(groups.min())} of them {html_escaped(smallest)} (the smallest {noun})"
    )
    items = [
        f"<strong>Not a pattern.</strong> {sentence_case(counted(len(documents), 'text'))}{when}"
        f", {sizes}, are what a collection happened to hold, not a sample of any {noun}'s "
        "coverage."
    ]
    rows = main_comparison(tables["uncertainty"])
    if len(rows) and bool(rows["exact"].iloc[0]):
        floor = format_p(rows["min_p"].iloc[0], rows["min_p"].iloc[0])
        items.append(
            f"<strong>Not proof of a difference.</strong> With so few texts no test can give a "
            f"p-value below {floor}; the differences above are described, not established "
            f"({page_link('03_framing', 'sec-uncertainty', 'how sure')})."
        )
    relays = sum(is_relay(o, u) for o, u in zip(documents["outlet"], documents["upstream"]))
    if relays:
        items.append(
            f"<strong>Not independent choices.</strong> {sentence_case(number_word(relays))} of "
            f"the {counted(len(documents), 'text')} relay{'s' if relays == 1 else ''} "
            "an agency's or"
            " another outlet's copy, so their framing is partly their source's "
            f"({page_link('02_source_comparison', 'sec-provenance', 'provenance')})."
        )
    evidence = tables["frame_evidence"]
    if len(evidence):
        quoted = int((evidence["voice"] == "quoted").sum())
        items.append(
            f"<strong>Not always the outlets' own view.</strong> {as_number(quoted)} of the "
            f"{as_number(len(evidence))} frame matches are in quoted or reported speech: words the "
            "texts chose to carry, not words they wrote "
            f"({page_link('03_framing', 'sec-frames', 'the matches')})."
        )
    items.append(
        "<strong>Not intent or effect.</strong> Word counts show what a text says, not why it says "
        "it, nor what its readers took from it."
    )
    return items


def how_far(tables: dict) -> str:
    """How far the findings go, in a paragraph: whether any difference passes the bar for
    evidence, how camps and dates overlap, and where the limits are listed."""
    from .findings import design_overlap

    overlap = design_overlap(tables["design"]) if "design" in tables else ""
    moment = (
        f"{html_escaped(overlap)}. Where camp and date coincide, a difference between camps "
        "may be a difference of moment."
        if overlap
        else ""
    )
    link = page_link("04_conclusions", "sec-limits", "what these texts cannot show")
    return " ".join(
        part
        for part in (
            supported_sentence(tables),
            moment,
            f"The conclusions list {link}: they are a collection, not a sample.",
        )
        if part
    )


def key_findings(tables: dict) -> list[str]:
    """Three to five one-sentence takeaways for the introduction and the conclusions, each with
    a number or the words at stake and a link to its evidence: the corpus, a frame only one
    group uses, the speakers only one group quotes, the reworded words and how sure."""
    found = [
        corpus_sentence(tables),
        *exclusive_frames(tables, short=True)[:1],
        one_group_voices(tables),
        rewording(tables) or strongest_reuse(tables),
        supported_sentence(tables),
    ]
    return takeaways(found)
