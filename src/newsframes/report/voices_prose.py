"""Written findings about voices and wording: the speakers only one group quotes (in their own
words), the speakers every group quotes, and the quotation reworded most between two texts.
"""

from __future__ import annotations

import re

import pandas as pd

from ..corpus import VOICE_SHARES
from .display import document_labels
from .prose import (
    ANONYMOUS,
    MAX_NAMED,
    as_number,
    as_percent,
    group_name,
    html_escaped,
    in_series,
    is_named,
    page_link,
    quoted_html,
    texts_word,
    voice_table,
)


def named_voices(voices: pd.DataFrame) -> pd.Series:
    """Rows of named speakers: not a share (unattributed, unnamed sources) by the ``voice``
    column, else by the speaker's capital (:func:`is_named`)."""
    if "voice" in voices:
        return ~voices["voice"].isin(VOICE_SHARES)
    return voices["speaker"].map(is_named)


def measured_accuracy(accuracy: pd.DataFrame, split: str = "dev") -> str:
    """The last ``make eval`` measure of quotation attribution on real news, as a sentence."""
    rows = accuracy[accuracy["split"] == split]
    if rows.empty:
        return "Quotation attribution has not been measured on annotated news yet (make eval)."
    row = rows.iloc[0]
    percent = {k: as_percent(float(row[k])) for k in ("recall", "precision", "speaker_acc")}
    return (f"Measured on real news: on the {split} part of PolNeAR ({row['source']}), the "
            f"pipeline finds {percent['recall']} of the {as_number(int(row['direct_gold']))} "
            f"annotated quotations, {percent['precision']} of the direct quotations it extracts "
            f"are annotated ones, and {percent['speaker_acc']} of the "
            f"{as_number(int(row['speaker_scored']))} found quotations whose annotated source is "
            f"a name or a description get a speaker that shares a word with it (measured "
            f"{row['measured']} at commit {row['commit']}).")


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
    voices = voice_table(tables)
    named = voices[named_voices(voices)]
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
            f"{html_escaped(s)} ({'' if a == ANONYMOUS else html_escaped(a) + ', '}{as_number(n)} words)"
            for (s, a), n in words.head(MAX_NAMED).items()
        ]
        more = len(words) - MAX_NAMED
        listed = in_series(names + ([f"{more} more"] if more > 0 else []))
        top = _most_quoted_in_own_words(only) or words.index[0][0]
        text, where = _own_words(tables, top, set(part["doc_id"]))
        quoted = f"; {html_escaped(top)} in {group_name(where)}: {quoted_html(text)}" if text else ""
        sentences.append(f"Only {texts_word(group)} quote {listed}{quoted}.")
    return sentences


def shared_voices(tables: dict) -> str:
    """Named speakers quoted in every group, with the words each group gives them."""
    voices = voice_table(tables)
    named = voices[named_voices(voices)]
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
        f"{as_percent(everywhere.loc[speaker, g] / totals[g])} of {texts_word(g)}' quoted words"
        for g in words.columns
    ]
    subject = "Both groups quote" if n_groups == 2 else "Every group quotes"
    return f"{subject} {html_escaped(speaker)}: {in_series(parts)}."


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
    changes = in_series([f"{quoted_html(old)} became {quoted_html(new)}" for old, new in replacements(row["diff"])])
    speaker = (
        row["speaker_a"]
        if row["speaker_a"] == row["speaker_b"]
        else f"{row['speaker_a']} / {row['speaker_b']}"
    )
    return (
        f"The same words, reworded: {html_escaped(speaker)} is quoted in {group_name(labels[row['doc_a']])} as "
        f"{quoted_html(row['text_a'])} "
        f"and in {group_name(labels[row['doc_b']])} as {quoted_html(row['text_b'])}; from one to the other, "
        f"{changes} "
        f"({page_link('02_source_comparison', 'sec-alignment', 'all reworded pairs')})."
    )
