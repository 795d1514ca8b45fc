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

import html
import re

import pandas as pd

from . import corpus, framing
from .display import camp_name, document_labels

ANONYMOUS = "unknown"  # the affiliation of speakers outside the actor list (officials, sources)
MAX_NAMED = 3  # speakers or sentences named in one sentence of prose
QUOTE_MARKS = "\"“”'‘’«»"


# --- small helpers ----------------------------------------------------------------------------


def _e(text) -> str:
    return html.escape(str(text))


def _q(text) -> str:
    """Quoted corpus words, whole, with typographic quotation marks (a sentence's final full
    stop left out, as the prose around it punctuates)."""
    text = str(text).strip()
    if text[:1] in QUOTE_MARKS:  # a sentence that is itself a quotation keeps its own marks
        return _e(text)
    return f"“{_e(text[:-1] if text.endswith('.') and not text.endswith('..') else text)}”"


def _name(label: str) -> str:
    """A document label inside a sentence: 'An unnamed outlet, …' becomes 'an unnamed …'."""
    return _e(label[:1].lower() + label[1:] if label.startswith(("An ", "A ")) else label)


def _link(page: str, anchor: str, text: str) -> str:
    return f'<a href="{page}.html#{anchor}">{_e(text)}</a>'


def _series(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _percent(share: float) -> str:
    return f"{share:.0%}"


def _number(n) -> str:
    return f"{int(n):,}"


def _groups(tables: dict) -> pd.Series:
    """Each usable document's comparison group (its camp, else its outlet), capitalised."""
    labels, _ = framing.comparison_groups(corpus.usable(tables["documents"]))
    return labels.map(camp_name)


def _texts(group: str) -> str:
    return f"the {group} texts"


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def bullets(items: list[str], title: str = "Key takeaways") -> str:
    """A boxed list of takeaways (HTML)."""
    body = "".join(f"<li>{item}</li>" for item in items if item)
    return f'<div class="nf-takeaways"><p><strong>{_e(title)}</strong></p><ul>{body}</ul></div>'


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
    groups = _groups(tables).value_counts().sort_index()
    parts = _series([f"{_number(n)} {_e(g)}" for g, n in groups.items()])
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
        f" ({_number(unread)} further file{'s' if unread != 1 else ''} could not be analysed)"
        if unread
        else ""
    )
    return (
        f"The corpus holds {_number(len(documents))} usable "
        f"article{'s' if len(documents) != 1 else ''}"
        f" ({parts}){span}{tail}."
    )


# --- voices -------------------------------------------------------------------------------------


def _voices(tables: dict) -> pd.DataFrame:
    voices = tables["voices"]
    return voices.assign(group=voices["doc_id"].map(_groups(tables))).dropna(subset=["group"])


def _affiliation(name: str) -> str:
    return "speakers outside the actor list" if name == ANONYMOUS else name


def is_named(speaker: str) -> bool:
    """A speaker named as a person or body ('Jens Stoltenberg', 'NATO'), not described ('the
    source', 'officials in the US administration'): its first letter is a capital."""
    return str(speaker)[:1].isupper()


def affiliation_shares(tables: dict) -> str:
    """Per group, the affiliation supplying most quoted or reported words, and its share."""
    voices = _voices(tables)
    if voices.empty:
        return ""
    voices = voices.assign(affiliation=voices["affiliation"].map(_affiliation))
    words = voices.groupby(["group", "affiliation"])["n_words"].sum()
    parts, leaders = [], set()
    for group, part in words.groupby(level=0):
        part = part.droplevel(0).sort_values(ascending=False, kind="stable")
        leaders.add(part.index[0])
        parts.append(
            f"in {_texts(group)}, {_e(part.index[0])} ({_percent(part.iloc[0] / part.sum())} of "
            f"{_number(part.sum())} words)"
        )
    link = _link("02_source_comparison", "sec-voices", "whose words")
    if leaders == {_affiliation(ANONYMOUS)} and voices["affiliation"].nunique() == 1:
        return (
            "No quoted speaker is in the actor list (data/actors.csv), so the quoted words cannot "
            "be "
            f"grouped by affiliation; the speakers' names are in the quotations table ({link})."
        )
    every = "both groups" if len(parts) == 2 else "every group"
    shared = (
        f"The largest share of quoted words in {every} comes from {_e(next(iter(leaders)))}: "
        if len(leaders) == 1 and len(parts) > 1
        else "The largest share of quoted or reported words comes, "
    )
    return _sentence_case(shared + "; ".join(parts) + f" ({link}).")


def _own_words(tables: dict, speaker: str, doc_ids: set) -> tuple[str, str]:
    """A speaker's longest quotation in quotation marks (else reported speech) in ``doc_ids``
    -- for a partial quotation, the whole sentence around it -- and its document's label."""
    quotes = tables["quotes"]
    mine = quotes[(quotes["speaker"] == speaker) & quotes["doc_id"].isin(doc_ids)]
    if mine.empty:
        return "", ""
    marked = mine[mine["kind"] != "reported"]
    chosen = marked if len(marked) else mine
    row = chosen.loc[chosen["text"].str.len().sort_values(ascending=False, kind="stable").index[0]]
    text = row["text"]
    if row["kind"] == "partial":
        sentences = tables["sentences"]
        around = sentences.loc[
            (sentences["doc_id"] == row["doc_id"]) & (sentences["sent_id"] == row["sent_id"]),
            "text",
        ]
        text = around.iloc[0] if len(around) else text
    return text, document_labels(tables["documents"])[row["doc_id"]]


def _most_quoted_in_own_words(voices: pd.DataFrame) -> str:
    """The speaker with the most quotations in quotation marks (direct or partial), if any."""
    marked = (
        voices.assign(marked=voices["n_direct"] + voices["n_partial"])
        .groupby("speaker")["marked"]
        .sum()
    )
    marked = marked[marked > 0].sort_values(ascending=False, kind="stable")
    return marked.index[0] if len(marked) else ""


def exclusive_voices(tables: dict) -> list[str]:
    """Per group, the named speakers that only its texts quote, the one given most words
    quoted in its own words."""
    voices = _voices(tables)
    named = voices[voices["speaker"].map(is_named)]
    if named["group"].nunique() < 2:
        return []
    groups_of = named.groupby("speaker")["group"].nunique()
    sentences = []
    for group, part in named.groupby("group"):
        only = part[part["speaker"].map(groups_of) == 1]
        if only.empty:
            continue
        words = (
            only.groupby(["speaker", "affiliation"])["n_words"]
            .sum()
            .sort_values(ascending=False, kind="stable")
        )
        names = [
            f"{_e(s)} ({'' if a == ANONYMOUS else _e(a) + ', '}{_number(n)} words)"
            for (s, a), n in words.head(MAX_NAMED).items()
        ]
        more = len(words) - MAX_NAMED
        listed = _series(names + ([f"{more} more"] if more > 0 else []))
        top = _most_quoted_in_own_words(only) or words.index[0][0]
        text, where = _own_words(tables, top, set(part["doc_id"]))
        quoted = f"; {_e(top)} in {_name(where)}: {_q(text)}" if text else ""
        sentences.append(f"Only {_texts(group)} quote {listed}{quoted}.")
    return sentences


def shared_voices(tables: dict) -> str:
    """Named speakers quoted in every group, with the words each group gives them."""
    voices = _voices(tables)
    named = voices[voices["speaker"].map(is_named)]
    n_groups = named["group"].nunique()
    if n_groups < 2:
        return ""
    words = named.groupby(["speaker", "group"])["n_words"].sum().unstack()
    everywhere = words.dropna()
    if everywhere.empty:
        return "No named speaker is quoted in every group."
    speaker = everywhere.sum(axis=1).sort_values(ascending=False, kind="stable").index[0]
    totals = voices.groupby("group")["n_words"].sum()
    parts = [
        f"{_percent(everywhere.loc[speaker, g] / totals[g])} of {_texts(g)}' quoted words"
        for g in words.columns
    ]
    subject = "Both groups quote" if n_groups == 2 else "Every group quotes"
    return f"{subject} {_e(speaker)}: {_series(parts)}."


# --- wording ------------------------------------------------------------------------------------

REPLACEMENT = re.compile(
    r"\[-(?P<old>[^\]]*?)-\]\s*"  # words of the first rendering ...
    r"\{\+(?P<new>[^}]*?)\+\}"  # ... and the words the second has in their place
)


MAX_REPLACED_WORDS = 5  # a longer removal or addition is a trim or an insertion, not a rewording


def replacements(diff: str) -> list[tuple[str, str]]:
    """(old, new) word replacements of a word diff: a removal of at most ``MAX_REPLACED_WORDS``
    words directly followed by an addition of at most as many."""
    pairs = [(m.group("old"), m.group("new")) for m in REPLACEMENT.finditer(diff)]
    return [
        (old, new)
        for old, new in pairs
        if len(old.split()) <= MAX_REPLACED_WORDS and len(new.split()) <= MAX_REPLACED_WORDS
    ]


def largest_rewording(tables: dict) -> str:
    """The aligned pair of quotations whose renderings replace the most words, both quoted whole,
    with each replacement named."""
    alignment = tables["quote_alignment"]
    if alignment.empty:
        return ""
    changed = alignment["diff"].map(lambda d: sum(len(old.split()) for old, _ in replacements(d)))
    if changed.max() == 0:
        return ""
    row = alignment.loc[changed.sort_values(ascending=False, kind="stable").index[0]]
    labels = document_labels(tables["documents"])
    changes = _series([f"{_q(old)} became {_q(new)}" for old, new in replacements(row["diff"])])
    speaker = (
        row["speaker_a"]
        if row["speaker_a"] == row["speaker_b"]
        else f"{row['speaker_a']} / {row['speaker_b']}"
    )
    return (
        f"The same words, reworded: {_e(speaker)} is quoted in {_name(labels[row['doc_a']])} as "
        f"{_q(row['text_a'])} "
        f"and in {_name(labels[row['doc_b']])} as {_q(row['text_b'])}; from one to the other, "
        f"{changes} "
        f"({_link('02_source_comparison', 'sec-alignment', 'all reworded pairs')})."
    )


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
        f"The most copying between two texts: {_percent(row['best'])} of the five-word runs of "
        f"{_name(labels[inner])} also occur in {_name(labels[outer])} "
        f"({_number(row['shared_shingles'])} shared runs; "
        f"{_link('02_source_comparison', 'sec-reuse', 'the passages')})."
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
        f"{_number(n_docs)} document{'s' if n_docs != 1 else ''} name where their copy comes "
        "from; the longest "
        f"chain, in {_name(document)}, runs {' ← '.join(_e(n) for n in longest)} "
        f"({_link('02_source_comparison', 'sec-provenance', 'the provenance chain')})."
    )


# --- framing ------------------------------------------------------------------------------------


def _frame_evidence(tables: dict) -> pd.DataFrame:
    names = dict(zip(framing.codebook()["frame"], framing.codebook()["label"]))
    evidence = tables["frame_evidence"]
    return evidence.assign(
        group=evidence["doc_id"].map(_groups(tables)), label=evidence["frame"].map(names)
    ).dropna(subset=["group"])


def exclusive_frames(tables: dict) -> list[str]:
    """Frames whose indicators occur in one group's texts only, most matches first, each with
    the sentences that carry it, quoted whole."""
    evidence = _frame_evidence(tables)
    if evidence["group"].nunique() < 2 or _groups(tables).nunique() < 2:
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
        docs = _series([_name(labels[d]) for d in dict.fromkeys(part["doc_id"])])
        quotes = "; ".join(_q(s) for s in shown["sentence"])
        sentences.append(
            f"Only {_texts(group)} use the frame “{_e(frame)}” ({_number(len(part))} "
            f"match{'es' if len(part) != 1 else ''}, in {docs}): {quotes} "
            f"({_link('03_framing', 'sec-frames', 'frames')})."
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
    others = _series([f"{r.per_1k:.1f} in {_texts(camp_name(r.unit))}" for r in rest.itertuples()])
    doc = per_doc.sort_values(["per_1k", "unit"], ascending=[False, True]).iloc[0]
    evidence = tables["evidentiality_evidence"]
    hedged = evidence[(evidence["doc_id"] == doc["unit"]) & (evidence["kind"] == "hedge")]
    terms = _series([_q(t) for t in dict.fromkeys(hedged["match"].str.lower())])
    label = document_labels(tables["documents"])[doc["unit"]]
    return (
        f"{_sentence_case(_texts(camp_name(top['unit'])))} hedge most: {top['per_1k']:.1f} hedges "
        "per 1,000 word tokens "
        f"against {others}. The most hedged text is {_name(label)} ({doc['per_1k']:.1f} per "
        f"1,000), with {terms} "
        f"({_link('03_framing', 'sec-evidentiality', 'the hedged sentences')})."
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
    from .ingest import ANALYSED_ROLES

    lines = tables["lines"]
    text_lines = lines[lines["role"] != "blank"]
    removed = text_lines[~text_lines["role"].isin(ANALYSED_ROLES)]
    if text_lines.empty:
        return ""
    if removed.empty:
        return f"All {_number(len(text_lines))} non-blank raw lines were read as article text."
    reasons = removed.groupby(["role", "reason"]).size().sort_values(ascending=False, kind="stable")
    (role, reason), n = reasons.index[0], reasons.iloc[0]
    return (
        f"{_number(len(removed))} of {_number(len(text_lines))} non-blank raw lines "
        f"({_percent(len(removed) / len(text_lines))}) were not article text; the rule used most "
        "often "
        f"set aside {_number(n)} line{'s' if n != 1 else ''} as {_e(role)} ({_e(reason)}; "
        f"{_link('01_ingestion', 'sec-audit', 'the audit')})."
    )


def most_cleaned_sentence(tables: dict) -> str:
    """The analysed document that lost the most lines to cleaning."""
    from .ingest import ANALYSED_ROLES
    from .report import most_cleaned

    doc_id = most_cleaned(tables)
    if doc_id is None:
        return ""
    lines = tables["lines"]
    mine = lines[(lines["doc_id"] == doc_id) & (lines["role"] != "blank")]
    removed = int((~mine["role"].isin(ANALYSED_ROLES)).sum())
    label = document_labels(tables["documents"])[doc_id]
    return (
        f"Cleaning mattered most for {_name(label)}: {_number(removed)} of its "
        f"{_number(len(mine))} non-blank "
        f"lines were set aside ({_link('01_ingestion', 'sec-before-after', 'before and after')})."
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
    relays = sum(framing.is_relay(o, u) for o, u in zip(documents["outlet"], documents["upstream"]))
    n = len(documents)
    return (
        f"{_number(named)} of {_number(n)} articles name their outlet and {_number(dated)} have a "
        "publication "
        f"date; {_number(relays)} relay copy from an agency or another outlet "
        f"({_link('01_ingestion', 'sec-metadata', 'where each came from')})."
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
        f"The largest difference in a frame's rate: {_e(largest)} "
        f"({_link('03_framing', 'sec-uncertainty', 'how sure')}).",
        f"No p-value over these documents can be smaller than "
        f"{_e(smallest_possible_p(tables['uncertainty']))}.",
    ]
