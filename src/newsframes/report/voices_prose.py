"""Written findings about voices and wording: the speakers only one group quotes (in their own
words), the speakers every group quotes, and the quotation reworded most between two texts.
"""

from __future__ import annotations

import re

import pandas as pd

from ..corpus import SEGMENT_GAP, VOICE_SHARES
from .display import document_labels
from .prose import (
    ANONYMOUS,
    MAX_NAMED,
    WORDS_BEFORE,
    all_groups,
    as_number,
    as_percent,
    counted,
    fragment,
    group_name,
    group_noun,
    html_escaped,
    in_series,
    is_known,
    is_named,
    page_link,
    quoted_html,
    sentence_case,
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
    return (
        f"Measured on real news: on the {split} part of PolNeAR ({row['source']}), the "
        f"pipeline finds {percent['recall']} of the {as_number(int(row['direct_gold']))} "
        f"annotated quotations, {percent['precision']} of the direct quotations it extracts "
        f"are annotated ones, and {percent['speaker_acc']} of the "
        f"{as_number(int(row['speaker_scored']))} found quotations whose annotated source is "
        f"a name or a description get a speaker that shares a word with it (measured "
        f"{row['measured']} at commit {row['commit']}).{_reported_coverage(row)}"
    )


def _reported_coverage(row: pd.Series) -> str:
    """What the same measure says of reported speech, when it was kept (an older file has no
    ``reported_gold``)."""
    if pd.isna(row.get("reported_gold")) or pd.isna(row.get("reported_recall")):
        return ""
    covered = float(row["reported_recall"])
    return (
        f" Of the {as_number(int(row['reported_gold']))} attributions without quotation marks "
        "annotated there (paraphrases, and also the beliefs, findings and poll results that the "
        f"corpus counts as attributions), the pipeline's rows cover {as_percent(covered)}"
        + (": reported speech is undercounted." if covered < 1 else ".")
    )


def _own_words(tables: dict, speaker: str, doc_ids: set, labels: dict) -> tuple[str, str]:
    """A speaker's longest quotation in quotation marks (else reported speech) in ``doc_ids``
    -- for a partial quotation, the clause around it, so that the quoted words read in their
    sentence -- and its document's label (``labels``: :func:`document_labels`)."""
    quotes = tables["quotes"]
    mine = quotes[(quotes["speaker"] == speaker) & quotes["doc_id"].isin(doc_ids)]
    if mine.empty:
        return "", ""
    marked = mine[mine["kind"] != "reported"]
    chosen = marked if len(marked) else mine
    row = chosen.loc[chosen["text"].str.len().sort_values(ascending=False, kind="stable").index[0]]
    text = row["text"]
    if SEGMENT_GAP in text:  # an interrupted quotation: its longest segment, read whole
        text = max(text.split(SEGMENT_GAP), key=len)
    elif row["kind"] == "partial":
        sentences = tables["sentences"]
        around = sentences[
            (sentences["doc_id"] == row["doc_id"]) & (sentences["sent_id"] == row["sent_id"])
        ]
        if len(around):
            sentence = around["text"].iloc[0]
            start = int(row["start"] - around["start"].iloc[0])
            text = fragment(sentence, start, row["text"], before=2 * WORDS_BEFORE)
    return text, labels[row["doc_id"]]


def _most_quoted_in_own_words(voices: pd.DataFrame) -> str:
    """The speaker with the most quotations in quotation marks (direct or partial), if any."""
    marked = (
        voices.assign(marked=voices["n_direct"] + voices["n_partial"])
        .groupby("speaker")["marked"]
        .sum()
    )
    marked = marked[marked > 0].sort_values(ascending=False, kind="stable")
    return marked.index[0] if len(marked) else ""


def _speaker(speaker: str, affiliation: str, n_words: int, short: bool) -> str:
    """'Jane Roe (NATO, 42 words)', or the name alone when ``short``."""
    if short:
        return html_escaped(speaker)
    body = "" if affiliation == ANONYMOUS else html_escaped(affiliation) + ", "
    return f"{html_escaped(speaker)} ({body}{as_number(n_words)} words)"


SHORT_QUOTE_WORDS = 20  # a takeaway quotes a speaker only when the words fit in a line or two


def exclusive_voices(tables: dict, short: bool = False) -> list[str]:
    """Per group, the named speakers that only its texts quote, the one given most words
    quoted in its own words (``short``: names only, and the quotation only when it is short)."""
    voices = voice_table(tables)
    named = voices[named_voices(voices)]
    if named["group"].nunique() < 2:
        return []
    groups_of = named.groupby("speaker")["group"].nunique()
    labels = document_labels(tables["documents"])  # once: a second at 10,000 documents
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
        names = [_speaker(s, a, n, short) for (s, a), n in words.head(MAX_NAMED).items()]
        more = len(words) - MAX_NAMED
        listed = in_series(names + ([counted(more, "other")] if more > 0 else []))
        top = _most_quoted_in_own_words(only) or words.index[0][0]
        text, where = _own_words(tables, top, set(part["doc_id"]), labels)
        quoted = (
            f". {group_name(where)} quotes {html_escaped(top)}: {quoted_html(text)}" if text else ""
        )
        if short and len(text.split()) > SHORT_QUOTE_WORDS:
            n_words = only.loc[
                (only["speaker"] == top) & (only["doc_id"].map(labels) == where),
                "n_words",
            ].sum()
            quoted = (
                f"; {group_name(where)} gives {html_escaped(top)} {counted(int(n_words), 'word')}"
            )
        link = page_link("02_source_comparison", "sec-voices", "the quotations")
        sentences.append(
            sentence_case(f"only {texts_word(group)} give space to {listed}{quoted} ({link}).")
        )
    return sentences


def shared_voices(tables: dict) -> str:
    """The named speaker every group quotes most, with the share of each group's quoted words."""
    voices = voice_table(tables)
    named = voices[named_voices(voices)]
    n_groups = named["group"].nunique()
    if n_groups < 2:
        return ""
    words = named.groupby(["speaker", "group"])["n_words"].sum().unstack()
    everywhere = words.dropna()
    noun = group_noun(tables)
    if everywhere.empty:
        return f"No named speaker is quoted in {all_groups(n_groups, noun)}."
    speaker = everywhere.sum(axis=1).sort_values(ascending=False, kind="stable").index[0]
    totals = voices.groupby("group")["n_words"].sum()
    parts = [
        f"{as_percent(everywhere.loc[speaker, g] / totals[g])} in {texts_word(g)}" for g in words
    ]
    others = len(everywhere) - 1
    also = f" ({counted(others, 'other named speaker')} too)" if others else ""
    first, *rest = parts
    return (
        f"{html_escaped(speaker)} is the named speaker most quoted in "
        f"{all_groups(n_groups, noun)}{also}: "
        f"{in_series([first.replace(' in ', ' of the quoted words in ', 1), *rest])} "
        f"({page_link('02_source_comparison', 'sec-voices', 'whose words')})."
    )


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
        if len(old.split()) <= MAX_REPLACED_WORDS
        and len(new.split()) <= MAX_REPLACED_WORDS
        and _letters(old) != _letters(new)
    ]


def _letters(words: str) -> str:
    """Words without case, spaces or punctuation: 'commander-in-chief' = 'Commander in chief'
    (a spelling variant is not a rewording)."""
    return re.sub(r"\W+", "", words.lower())


DIFF_WORDS = re.compile(
    r"\[-(?P<old>[^\]]*?)-\]\s*"  # words only in the first rendering
    r"|\{\+(?P<new>[^}]*?)\+\}"  # words only in the second
    r"|(?P<same>[^\s\[{]+)"  # a word both renderings share
)
CONTEXT_BEFORE, CONTEXT_AFTER = 2, 3  # shared words quoted around a reworded passage


def _diff_blocks(diff: str) -> list[tuple[str, list[str]]]:
    """A word diff as blocks (kind, words), kind 'old', 'new' or 'same' (one word each)."""
    return [(m.lastgroup, m.group(m.lastgroup).split()) for m in DIFF_WORDS.finditer(diff)]


def reworded_passage(diff: str) -> tuple[str, str]:
    """The passage where two renderings differ most, in each rendering's words: the run of
    replacements (see :func:`replacements`; replacements at most ``CONTEXT_AFTER`` shared words
    apart form one run) with the most replaced words, with up to ``CONTEXT_BEFORE`` and
    ``CONTEXT_AFTER`` shared words around it ('of course we will never accept it' and 'of
    course they cannot accept it')."""
    blocks = _diff_blocks(diff)
    swaps = [
        i
        for i in range(len(blocks) - 1)
        if blocks[i][0] == "old"
        and blocks[i + 1][0] == "new"
        and max(len(blocks[i][1]), len(blocks[i + 1][1])) <= MAX_REPLACED_WORDS
        and _letters(" ".join(blocks[i][1])) != _letters(" ".join(blocks[i + 1][1]))
    ]
    if not swaps:
        return "", ""
    runs = [[swaps[0]]]
    for i in swaps[1:]:
        between = blocks[runs[-1][-1] + 2 : i]
        if all(kind == "same" for kind, _ in between) and len(between) <= CONTEXT_AFTER:
            runs[-1].append(i)
        else:
            runs.append([i])
    best = max(runs, key=lambda run: sum(len(blocks[i][1]) for i in run))
    low, high = best[0], best[-1] + 2
    while low > 0 and best[0] - low < CONTEXT_BEFORE and blocks[low - 1][0] == "same":
        low -= 1
    while high < len(blocks) and high - best[-1] - 2 < CONTEXT_AFTER and blocks[high][0] == "same":
        high += 1
    piece = blocks[low:high]
    return (
        " ".join(w for kind, words in piece if kind != "new" for w in words),
        " ".join(w for kind, words in piece if kind != "old" for w in words),
    )


def as_written(words: str, text: str) -> str:
    """``words`` (a diff's normalised words) as they stand in ``text``, with its punctuation
    and capitals, inside one quoted segment; the words themselves when they cannot be found."""
    return written_in_segment(words, text) or words


def written_in_segment(words: str, text: str) -> str:
    """``words`` as they stand inside one quoted segment of ``text`` (:func:`as_written`), or ""
    when no segment holds them all: they run across the gap between two fragments ("make
    America whole again … Make America Great Again"), words nobody said together."""
    pattern = r"\W+".join(re.escape(w) for w in words.split())
    for segment in str(text).split(SEGMENT_GAP):
        found = re.search(pattern, segment, flags=re.I) if pattern else None
        if found:
            return found.group(0)
    return ""


def largest_rewording(tables: dict) -> str:
    """The aligned pair of quotations whose renderings replace the most words: the passage
    that differs, as each text words it (the whole quotations are in the alignment table)."""
    alignment = tables["quote_alignment"]
    if alignment.empty:
        return ""
    changed = alignment["diff"].map(lambda d: sum(len(old.split()) for old, _ in replacements(d)))
    if changed.max() == 0:
        return ""
    row = alignment.loc[changed.sort_values(ascending=False, kind="stable").index[0]]
    labels = document_labels(tables["documents"])
    old, new = reworded_passage(row["diff"])
    speakers = [s for s in dict.fromkeys([row["speaker_a"], row["speaker_b"]]) if is_known(s)]
    who = " and ".join(html_escaped(s) for s in speakers) or "an unnamed speaker"
    words = "words" if len(speakers) < 2 else "words (attributed differently)"
    return (
        f"The same {words} of {who}, reworded: {group_name(labels[row['doc_a']])} quotes "
        f"{quoted_html(as_written(old, row['text_a']))}, {group_name(labels[row['doc_b']])} "
        f"{quoted_html(as_written(new, row['text_b']))} "
        f"({page_link('02_source_comparison', 'sec-alignment', 'all reworded quotations')})."
    )
