"""Sentences about the sample and the study design: how many usable articles in which camps,
how many relays and outlets, the dates covered, the terms most distinctive of each group, and
how far publication stage and camp overlap. Plain text, for any corpus."""

from __future__ import annotations

import re

import pandas as pd

from ..corpus import usable
from ..framing.groups import is_relay, label_keys
from .contrast_prose import _day, group_phrase
from .display import camp_name
from .prose import number_word


def corpus_summary(documents: pd.DataFrame) -> str:
    """How many usable articles, in which camps: 'five articles (two Russian, three Western)'."""
    docs = usable(documents)
    camps = docs["camp"].value_counts().sort_index()
    parts = ", ".join(f"{number_word(n)} {camp_name(camp)}" for camp, n in camps.items())
    noun = "article" if len(docs) == 1 else "articles"
    return f"{number_word(len(docs))} {noun} ({parts})"


def relay_count(documents: pd.DataFrame) -> int:
    """Usable documents whose known upstream names a source other than their outlet (an
    unknown upstream is not counted)."""
    docs = usable(documents)
    return sum(
        is_relay(o, u) for o, u in zip(docs["outlet"].fillna(""), docs["upstream"].fillna(""))
    )


def distinct_outlets(documents: pd.DataFrame) -> int:
    """Distinct outlets among the usable documents, each document of unknown outlet counted as
    a site of its own (two unknown sites are not one)."""
    outlets = label_keys(usable(documents))["outlet"]
    unknown = outlets == "unknown"
    return outlets[~unknown].nunique() + int(unknown.sum())


def sample_statement(documents: pd.DataFrame) -> str:
    """What the documents are as a sample: how many, the smallest group, and the dates."""
    docs = usable(documents)
    if docs.empty:
        return "No document could be analysed"
    camps = docs["camp"].fillna("unknown").value_counts()
    published = docs["published"] if "published" in docs else pd.Series(dtype=str)
    dates = pd.to_datetime(published, errors="coerce").dropna()
    span = f"dated from {_day(dates.min())} to {_day(dates.max())}" if len(dates) else "none dated"
    return (
        f"The {len(docs)} documents ({len(camps)} camp{'s' if len(camps) > 1 else ''}, the "
        f"smallest with {camps.min()}; {span}) are what a collection happened to gather"
    )


KEYNESS_Z = 1.96  # |z| of a two-sided 5% test, for one term taken alone


def distinctive_terms(keyness: pd.DataFrame, n: int = 3) -> str:
    """The most distinctive terms of each group (log-odds z with informative prior), saying
    plainly when no term reaches |z| = 1.96 (uncorrected for the many terms compared)."""
    if keyness.empty:
        return "no term passes the minimum frequency"
    parts = []
    scores = keyness[["group", "term", "log_odds_z"]]  # not a count column per group
    for group, rows in scores.groupby("group"):
        top = rows.sort_values(["log_odds_z", "term"], ascending=[False, True]).head(n)
        terms = ", ".join(f"'{t}' (z = {z:.1f})" for t, z in zip(top["term"], top["log_odds_z"]))
        parts.append(f"{camp_name(group)}: {terms}")
    reaching = int((keyness["log_odds_z"].abs() >= KEYNESS_Z).sum())
    if reaching == 0:
        return (
            f"no term reaches |z| = {KEYNESS_Z} (two-sided 5%, before any correction for the "
            f"{len(keyness):,} terms compared); the most distinctive are " + "; ".join(parts)
        )
    return (
        f"{reaching:,} of {len(keyness):,} terms reach |z| = {KEYNESS_Z} (two-sided 5%, "
        f"before any correction for the number of terms); the most distinctive are "
        + "; ".join(parts)
    )


ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def design_overlap(design: pd.DataFrame) -> str:
    """How camps and stages overlap: per camp, how many documents are dated before, on and after
    the key date (and of unknown stage). No final full stop (glued into prose)."""
    key, how = ("", "") if design.empty else design[["key_date", "key_date_source"]].iloc[0]
    if not isinstance(key, str) or not key:
        why = how.replace("none: ", "", 1) if isinstance(how, str) else ""
        why = ISO_DAY.sub(lambda m: _day(pd.Timestamp(m[0])), why)
        return (
            f"Without a key date{f' ({why})' if why else ''}, the texts cannot be placed "
            "before or after it; the sources sheet can give one"
        )
    words = {"before": "before it", "on": "on the day", "after": "after it", "unknown": "undated"}
    parts = []
    for camp, rows in design.groupby(design["camp"].fillna("unknown"), sort=True):
        counts = rows["stage"].value_counts()
        stages = [f"{counts[s]} {words[s]}" for s in words if s in counts]
        stages = ", ".join(stages[:-1]) + " and " + stages[-1] if len(stages) > 1 else stages[0]
        verb = "" if parts else " were published"
        parts.append(f"of {group_phrase(camp)}, {stages.replace(' ', verb + ' ', 1)}")
    return f"The key date is {_day(pd.Timestamp(key))} ({how}). O" + "; ".join(parts)[1:]
