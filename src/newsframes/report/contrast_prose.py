"""One group contrast of the uncertainty table in words: the groups and measure compared, the group
means, how the p-value was reached, its q-value and how far leaving one document out moves the
difference (:func:`describe_contrast`). Plain text, for any corpus."""

from __future__ import annotations

import math
import re

import pandas as pd

from ..framing.uncertainty import STAGE_COMPARISON
from .display import camp_name

GROUP_SIZE = re.compile(r"\(n=(\d+)\)")  # "russian (n=2) | western (n=3)" in uncertainty's groups


def format_p(p: float, min_p: float) -> str:
    """A p-value with as many decimals as its smallest attainable value needs (at least two)."""
    decimals = max(2, round(-math.log10(min_p))) if min_p > 0 else 2
    return f"{p:.{decimals}f}"


def format_q(q: float) -> str:
    """A q-value to two decimals, or two significant digits below 0.01."""
    return f"{q:.2f}" if q >= 0.01 else f"{q:.2g}"


STAGE_GROUP = re.compile(
    r"^(?P<side>before|from) "  # the stage split's groups: 'before 2022-01-12' ...
    r"(?P<date>\d{4}-\d{2}-\d{2})$",  # ... and 'from 2022-01-12'
    re.IGNORECASE,
)
MEASURE = re.compile(
    r"^(?P<kind>[\w ]+?) per 1k"  # a rate per 1,000 word tokens: 'frame per 1k' ...
    r"(?:: (?P<label>.+)"  # ... of one frame: 'frame per 1k: Diplomacy and dialogue'
    r"|, (?P<where>.+))?$"  # ... or in part of the text: 'hedge per 1k, authorial text'
)
COMPARISON_WORDS = {
    STAGE_COMPARISON: "date, before the key date or from it on",
    "relay": "whether a text relays another's copy",
}


def group_phrase(group: str) -> str:
    """A group of documents in prose: 'russian' -> 'the Russian texts', 'before 2022-01-12' ->
    'the texts published before 12 January 2022'."""
    stage = STAGE_GROUP.match(str(group).strip())
    if stage:
        day = _day(pd.Timestamp(stage["date"]))
        when = "before" if stage["side"].lower() == "before" else "on or after"
        return f"the texts published {when} {day}"
    camp, _, subgroup = str(group).partition(" · ")  # a finer split: 'western · relay'
    kind = f" ({subgroup.strip().lower()})" if subgroup.strip() else ""
    return f"the {camp_name(camp)} texts{kind}"


def comparison_phrase(comparison: str) -> str:
    """'camp' -> 'by camp'; 'camp × relay' -> 'by camp and by whether a text relays …'."""
    parts = [COMPARISON_WORDS.get(part.strip(), part.strip()) for part in comparison.split("×")]
    return "by " + " and by ".join(parts)


def measure_phrase(finding: str) -> tuple[str, str]:
    """(what a finding measures, its unit) in words: 'frame per 1k: Diplomacy' -> ('the frame
    “Diplomacy”', 'per 1,000 words'); 'hedge per 1k, authorial text' -> ('hedges in authorial
    text', 'per 1,000 words'); anything else as written, without a unit."""
    parts = MEASURE.match(str(finding))
    if not parts:
        return str(finding), ""
    if parts["label"]:
        return f"the frame “{parts['label']}”", "per 1,000 words"
    kind = parts["kind"].replace("_", " ")
    where = f" in {parts['where']}" if parts["where"] else ""
    return f"{kind}s{where}", "per 1,000 words"


def group_means(row: pd.Series) -> list[tuple[str, str]]:
    """(group, its mean document score as written in the table), in the table's order."""
    pairs = (part.rpartition(": ") for part in str(row["group_means"]).split(" | "))
    return [(group, value) for group, _, value in pairs]


def _is_difference(row: pd.Series) -> bool:
    return str(row["statistic"]).startswith("difference")


def means_sentence(row: pd.Series, brief: bool = False) -> str:
    """The groups' mean scores, largest first: 'the frame “X” averages 19.1 per 1,000 words in
    the Western texts against 14 in the Russian texts (the mean of each text's rate)'."""
    measure, unit = measure_phrase(row["finding"])
    means = sorted(group_means(row), key=lambda pair: -float(pair[1]))
    unit_text = f" {unit}" if unit else ""
    first = f"{means[0][1]}{unit_text} in {group_phrase(means[0][0])}"
    rest = [f"{value} in {group_phrase(group)}" for group, value in means[1:]]
    if len(rest) > 1:
        rest = [", ".join(rest[:-1]) + " and " + rest[-1]]
    verb = ("averages" if measure.startswith("the frame") else "average") if unit else "is"
    said = f"{measure} {verb} {first} against {rest[0]}"
    return said if brief else f"{said} (the mean of each text's {'rate' if unit else 'score'})"


def short_group(group: str) -> str:
    """A group as one side of a difference: 'Russian', 'texts before the key date'."""
    stage = STAGE_GROUP.match(str(group).strip())
    if stage:
        return (
            "texts before the key date" if stage["side"].lower() == "before" else "texts from it on"
        )
    return camp_name(group)


def _direction(row: pd.Series) -> str:
    """'Russian minus Western' from 'difference of document means: russian − western'."""
    _, _, groups = str(row["statistic"]).partition(": ")
    names = [short_group(g.strip()) for g in groups.split("−")]
    return " minus ".join(names) if len(names) == 2 and all(names) else ""


def signed(value: float) -> str:
    """A difference with its sign, three significant digits ('+3.18', '-0.818', '0')."""
    return "0" if value == 0 else f"{value:+.3g}"


def _arrangements_with(row: pd.Series) -> int:
    return round(float(row["p_value"]) * int(row["n_arrangements"]))


def method_description(row: pd.Series) -> str:
    """How a row's p-value was computed, in words: exact only when every label arrangement was
    enumerated, otherwise Monte Carlo with its number of draws and resolution."""
    p = format_p(row["p_value"], row["min_p"])
    floor = (
        ", the smallest value possible here" if row["p_value"] <= row["min_p"] * (1 + 1e-9) else ""
    )
    large = (
        "a difference at least this large, in either direction,"
        if row["alternative"] == "two-sided"
        else "a spread between the groups at least this large"
    )
    if bool(row["exact"]):
        n = int(row["n_arrangements"])
        return (
            f"An exact {row['alternative']} permutation test tries all {n:,} ways of "
            f"dealing the group labels out to these texts and finds {large} in "
            f"{_arrangements_with(row):,} of them: p = {p}{floor}"
        )
    return (
        f"A Monte Carlo {row['alternative']} permutation test, over "
        f"{int(row['n_permutations']):,} random label arrangements, finds {large} with "
        f"p = {p}{floor} (its resolution is {format_p(row['min_p'], row['min_p'])})"
    )


def brief_method(row: pd.Series) -> str:
    """The p-value and how it was computed, for a reader who has read :func:`method_description`
    once: 'shuffled labels give a gap this large in 6 of the 10 possible arrangements (exact
    two-sided test, p = 0.60)'."""
    p = format_p(row["p_value"], row["min_p"])
    floor = ", the smallest possible" if row["p_value"] <= row["min_p"] * (1 + 1e-9) else ""
    gap = "a gap" if row["alternative"] == "two-sided" else "a spread"
    if bool(row["exact"]):
        return (
            f"shuffled labels give {gap} at least this large in {_arrangements_with(row):,} "
            f"of the {int(row['n_arrangements']):,} possible arrangements (exact "
            f"{row['alternative']} test, p = {p}{floor})"
        )
    return (
        f"shuffled labels give {gap} at least this large with p = {p}{floor} (Monte Carlo "
        f"{row['alternative']} test, {int(row['n_permutations']):,} random label "
        f"arrangements)"
    )


def leave_one_out_range(row: pd.Series) -> str:
    """The statistic recomputed with each document left out in turn, as a range, and whether
    the direction of a difference survives it."""
    if pd.isna(row["loo_min"]):
        return "Leaving out any one text empties a group, so no leave-one-out check is possible"
    single = any(int(n) == 1 for n in GROUP_SIZE.findall(str(row["groups"])))
    left_out = "Leaving out one text at a time"
    if single:
        left_out += " (where every group keeps a text)"
    low, high = row["loo_min"], row["loo_max"]
    if not _is_difference(row):
        what = "the spread between the groups (their variance)"
        values = f"stays {low:.3g}" if low == high else f"ranges from {low:.3g} to {high:.3g}"
        return f"{left_out}, {what} {values}"
    direction = _direction(row)
    what = f"the difference ({direction})" if direction else "the difference"
    if low == high:
        return f"{left_out}, {what} stays {signed(low)}"
    verdict = (
        "; it changes direction, so it rests on single texts"
        if low < 0 < high
        else "; its direction holds, its size varies"
    )
    if low == 0 or high == 0:
        verdict = "; it vanishes without one text"
    return f"{left_out}, {what} ranges from {signed(low)} to {signed(high)}{verdict}"


def describe_contrast(row: pd.Series, n_tests: int, brief: bool = False) -> str:
    """One comparison in sentences: the groups' mean document scores, how often shuffled labels
    give as large a difference (its p-value and how it was computed), its q-value among the
    run's ``n_tests`` tests and its leave-one-out range. No final full stop (glued into prose).
    ``brief``: the method in a parenthesis, for every comparison after the first of a list."""
    if brief:
        return (
            f"{_capitalised(means_sentence(row, brief=True))}; {brief_method(row)}, "
            f"q = {format_q(row['q_value'])}. {leave_one_out_range(row)}"
        )
    return (
        f"{_capitalised(means_sentence(row))}. {method_description(row)}; adjusted by "
        f"Benjamini–Hochberg over the {n_tests} tests of this run, "
        f"q = {format_q(row['q_value'])}. "
        f"{leave_one_out_range(row)}"
    )


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _day(date: pd.Timestamp) -> str:
    return f"{date.day} {date:%B %Y}"
