"""Sentences about the framing comparison (chapter 03): frames only one group uses, hedging, the
largest frame difference, the floor a corpus this small puts under a p-value, and the supported
differences. Each function returns HTML built from the pipeline's tables, for any corpus."""

from __future__ import annotations

import pandas as pd

from ..resources import codebook
from .comparison_sentences import rewording
from .display import camp_name, document_labels
from .prose import (
    MAX_NAMED,
    as_number,
    counted,
    fragment,
    group_labels,
    group_name,
    group_noun,
    html_escaped,
    in_series,
    number_word,
    page_link,
    quoted_html,
    sentence_case,
    texts_word,
)
from .voices_prose import (
    exclusive_voices,
    shared_voices,
)


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
    hedging text; "about as often" when the rates are close and the test of authorial hedges
    finds no supported difference (:func:`hedging_differs`)."""
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
    if top["per_1k"] < ABOUT_AS_OFTEN * rest["per_1k"].max() and not hedging_differs(tables):
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


def hedging_differs(tables: dict) -> bool:
    """Whether the main comparison's test of authorial hedges passes the support bar (q below
    ``SUPPORT_Q``): then the groups do not hedge "about as often", however close their rates (a
    corpus of 923 texts: 5.4 against 4.4 per 1,000 words, q = 0.015)."""
    from .findings import SUPPORT_Q, main_comparison

    tests = main_comparison(tables["uncertainty"])
    hedges = tests[tests["finding"].astype(str).str.startswith("hedge per 1k")]
    return bool((hedges["q_value"] < SUPPORT_Q).any())


def what_groups_did_differently(tables: dict) -> list[str]:
    """The generated findings on what sets the groups apart, most telling first."""
    return [
        *exclusive_frames(tables),
        hedging(tables),
        *exclusive_voices(tables),
        shared_voices(tables),
        rewording(tables),
    ]


def largest_frame_difference(tables: dict) -> str:
    """The frame whose rate differs most between the groups, in words, with how often chance
    alone gives a difference as large (its p-value) and its q-value."""
    from .contrast_prose import format_p, format_q
    from .findings import main_comparison

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
    from .contrast_prose import format_p
    from .findings import main_comparison

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
