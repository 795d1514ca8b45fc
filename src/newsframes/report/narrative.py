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
from ..framing.groups import is_relay
from .comparison_sentences import (
    affiliation_shares,
    longest_chain,
    one_group_voices,
    rewording,
    strongest_reuse,
)
from .display import document_labels
from .framing_sentences import (
    exclusive_frames,
    floor_sentence,
    hedging,
    largest_frame_difference,
    supported_sentence,
)
from .prose import (
    as_number,
    as_percent,
    counted,
    group_labels,
    group_name,
    group_noun,
    html_escaped,
    in_series,
    number_word,
    page_link,
    sentence_case,
)
from .voices_prose import (
    exclusive_voices,
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


def folder_files(tables: dict) -> str:
    """How many files the folder holds, how many could not be analysed and how many were
    converted before they were (a web page's article read out of it, a text decoded from another
    encoding: analysed, with a note). No final full stop (glued into prose)."""
    status = tables["documents"]["status"]
    not_analysed = int((~status.isin(corpus.USABLE_STATUSES)).sum())
    converted = int((status == corpus.Status.CONVERTED).sum())
    parts = [
        f"{number_word(not_analysed)} of them could not be analysed" if not_analysed else "",
        f"{number_word(converted)} {'was' if converted == 1 else 'were'} converted before "
        "analysis (a web page's article read out of it, or a text decoded from another "
        "encoding)"
        if converted
        else "",
    ]
    said = in_series([p for p in parts if p]) or "every one of them could be analysed"
    return f"The folder holds {counted(len(status), 'file')}; {said}"


# --- voices -------------------------------------------------------------------------------------


# --- wording ------------------------------------------------------------------------------------


# --- reuse and provenance ------------------------------------------------------------------------


# --- framing ------------------------------------------------------------------------------------


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
    from .contrast_prose import format_p
    from .findings import main_comparison

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
    from .design_prose import design_overlap

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
