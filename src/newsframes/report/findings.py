"""The book's headline findings, as sentences computed from the pipeline's tables.

The introduction and the conclusions insert these with myst-nb ``glue`` so that no finding is
typed by hand; each sentence carries its own uncertainty or evidence count, in words a reader
without statistics can follow. Every function returns plain text and works for any corpus (any
outlets, camps and frames, any number of documents).
"""

from __future__ import annotations

import math
import re
from itertools import zip_longest

import pandas as pd

from ..corpus import usable
from ..framing.groups import is_relay, label_keys
from ..framing.uncertainty import MIN_BOOTSTRAP_DOCUMENTS, STAGE_COMPARISON
from ..framing.validation import ALL_SETS, MIN_PRECISION
from .display import camp_name
from .prose import number_word


def corpus_summary(documents: pd.DataFrame) -> str:
    """How many usable articles, in which camps: 'five articles (two Russian, three Western)'."""
    docs = usable(documents)
    camps = docs["camp"].value_counts().sort_index()
    parts = ", ".join(f"{number_word(n)} {camp_name(camp)}" for camp, n in camps.items())
    noun = "article" if len(docs) == 1 else "articles"
    return f"{number_word(len(docs))} {noun} ({parts})"


SUPPORT_Q = 0.10  # largest Benjamini-Hochberg q-value a difference may have to be called supported
GROUP_SIZE = re.compile(r"\(n=(\d+)\)")  # "russian (n=2) | western (n=3)" in uncertainty's groups


def main_comparison(uncertainty: pd.DataFrame) -> pd.DataFrame:
    """Rows of the main (first) comparison, the one with the fewest groups."""
    if uncertainty.empty:
        return uncertainty
    main = uncertainty["comparison"].iloc[0]
    return uncertainty[uncertainty["comparison"] == main]


def format_p(p: float, min_p: float) -> str:
    """A p-value with as many decimals as its smallest attainable value needs (at least two)."""
    decimals = max(2, round(-math.log10(min_p))) if min_p > 0 else 2
    return f"{p:.{decimals}f}"


def format_q(q: float) -> str:
    """A q-value to two decimals, or two significant digits below 0.01."""
    return f"{q:.2f}" if q >= 0.01 else f"{q:.2g}"


# --- one comparison in words --------------------------------------------------------------------

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


def frame_contrasts(uncertainty: pd.DataFrame, n: int = 2) -> list[str]:
    """The ``n`` frames whose per-1,000-token rate differs most in size between the groups
    (chosen by size, not by evidence: each description carries its p- and q-value; the first
    explains the method, the others are brief)."""
    rows = main_comparison(uncertainty)
    rows = rows[rows["finding"].str.startswith("frame")]
    if rows.empty:
        return ["No frame comparison could be made (fewer than two groups)"]
    top = (
        rows.assign(size=rows["observed"].abs())
        .sort_values(["size", "finding"], ascending=[False, True])
        .head(n)
    )
    return [
        describe_contrast(row, len(uncertainty), brief=i > 0)
        for i, (_, row) in enumerate(top.iterrows())
    ]


def sentiment_contrast(uncertainty: pd.DataFrame, validation: pd.DataFrame | None = None) -> str:
    """The sentence-level sentiment comparisons between the groups (authorial sentences and
    sentences with quoted speech apart, as the uncertainty table has them), or why there is
    none (``validation``: the validation table, which says whether VADER passed)."""
    rows = main_comparison(uncertainty)
    rows = rows[rows["finding"].str.contains("sentiment")]
    if len(rows):
        return ". ".join(
            describe_contrast(row, len(uncertainty), brief=True) for _, row in rows.iterrows()
        )
    if validation is not None and len(validation):
        pooled = validation[validation["gold_set"] == ALL_SETS]
        vader = pooled[pooled["measure"] == "sentiment"]
        if len(vader) and not vader["reported"].all():
            precision = " and ".join(
                f"{p:.2f} for {label} sentences"
                for label, p in zip(vader["label"], vader["precision"])
            )
            return (
                f"Tone is not compared: checked against the hand-coded sentences, VADER's "
                f"polarity was right too rarely (precision {precision}, where "
                f"{MIN_PRECISION} is needed)"
            )
    return "No sentiment comparison could be made"


FRAME_LABEL = re.compile(r"^frame per 1k: (?P<label>.+)$")  # a frame's finding in uncertainty


def frame_words(evidence: pd.DataFrame, finding: str, n: int = 3) -> str:
    """The words that most often matched a frame's indicators, with their counts: 'the words
    matched most often are “dialogue” (5), “talks” (3) and “negotiations” (2)'. ``evidence``:
    frame matches with the frame's ``label`` and the ``match``."""
    label = FRAME_LABEL.match(str(finding))
    if not label or evidence.empty:
        return ""
    matches = evidence.loc[evidence["label"] == label["label"], "match"].str.lower()
    counts = matches.value_counts().sort_index().sort_values(ascending=False, kind="stable")
    if counts.empty:
        return ""
    words = [f"“{word}” ({count})" for word, count in counts.head(n).items()]
    listed = ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else words[0]
    return f"Across all the texts, the words it matched most often are {listed}"


def described_differences(
    uncertainty: pd.DataFrame,
    validation: pd.DataFrame | None = None,
    n: int = 3,
    evidence: pd.DataFrame | None = None,
) -> str:
    """Markdown: the ``n`` largest frame differences of the main comparison (with the words
    that carry each frame, from ``evidence``: frame matches with ``label`` and ``match``), the
    sentiment comparison (or why there is none) and the stage split beside the camp split, as
    a numbered list of paragraphs, each with its p- and q-value."""
    rows = main_comparison(uncertainty)
    rows = rows[rows["finding"].str.startswith("frame")]
    top = (
        rows.assign(size=rows["observed"].abs())
        .sort_values(["size", "finding"], ascending=[False, True])
        .head(n)
    )
    words = (
        [frame_words(evidence, finding) for finding in top["finding"]]
        if evidence is not None
        else []
    )
    frames = [
        ". ".join(part for part in pair if part)
        for pair in zip_longest(frame_contrasts(uncertainty, n), words, fillvalue="")
    ]
    items = [
        *frames,
        sentiment_contrast(uncertainty, validation),
        stage_versus_camp(uncertainty, brief=True),
    ]
    return "\n".join(f"{i}. {text}." for i, text in enumerate(items, start=1))


def supported_findings(
    uncertainty: pd.DataFrame, threshold: float = SUPPORT_Q, evidence: pd.DataFrame | None = None
) -> list[str]:
    """Every comparison of the run whose q-value is below ``threshold``, smallest q first, each
    frame with the words that carry it when ``evidence`` (see :func:`frame_words`) is given."""
    rows = uncertainty[uncertainty["q_value"] < threshold] if len(uncertainty) else uncertainty
    rows = rows.sort_values(["q_value", "comparison", "finding"])
    words = (
        frame_words(evidence, row["finding"]) if evidence is not None else ""
        for _, row in rows.iterrows()
    )
    return [
        f"Split {comparison_phrase(row['comparison'])}, "
        f"{_lowered(describe_contrast(row, len(uncertainty), brief=i > 0))}"
        + (f". {said}" if said else "")
        for i, ((_, row), said) in enumerate(zip(rows.iterrows(), words))
    ]


def evidence_statement(
    uncertainty: pd.DataFrame, threshold: float = SUPPORT_Q, evidence: pd.DataFrame | None = None
) -> str:
    """Markdown: the supported differences as a numbered list (frames with the words that carry
    them, from ``evidence``), or a plain statement that none qualifies, naming the lowest q."""
    if uncertainty.empty:
        return (
            "No group comparison could be made (fewer than two groups with scores), "
            "so no difference is supported."
        )
    supported = supported_findings(uncertainty, threshold, evidence)
    if supported:
        return "\n".join(f"{i}. {text}." for i, text in enumerate(supported, start=1))
    best = uncertainty.sort_values(["q_value", "comparison", "finding"]).iloc[0]
    measure, _ = measure_phrase(best["finding"])
    return (
        f"**No difference between the groups is supported.** Of the {len(uncertainty)} tests "
        f"of this run, none keeps a q-value below {threshold:.2f} once adjusted for their "
        f"number (Benjamini–Hochberg); the lowest is q = {format_q(best['q_value'])}, for "
        f"{measure} split {comparison_phrase(best['comparison'])}. "
        f"The differences below describe these texts; they are not evidence that the "
        f"groups differ."
    )


def smallest_possible_p(uncertainty: pd.DataFrame) -> str:
    """The floor that the number of documents (exact tests) or of random draws (Monte Carlo)
    puts under the main comparison's p-values, as a sentence without its final full stop."""
    rows = main_comparison(uncertainty)
    if rows.empty:
        return "No permutation test was possible, so no p-value is reported"
    row = rows.iloc[0]
    floor, arrangements = format_p(row["min_p"], row["min_p"]), f"{int(row['n_arrangements']):,}"
    if bool(row["exact"]):
        return (
            f"No p-value here can be smaller than {floor}: these texts can be dealt into "
            f"the groups in only {arrangements} ways, and the observed one is always "
            f"among them"
        )
    return (
        f"No p-value here can be smaller than {floor}, the resolution of a Monte Carlo test "
        f"of {int(row['n_permutations']):,} random label arrangements (the {arrangements} "
        f"possible arrangements are too many to try one by one)"
    )


def multiple_testing(uncertainty: pd.DataFrame) -> str:
    """How many tests were run, which way they look, and how they were adjusted."""
    if uncertainty.empty:
        return "No test was run"
    comparisons = uncertainty["comparison"].nunique()
    alternatives = uncertainty["alternative"].value_counts()
    two, one = int(alternatives.get("two-sided", 0)), int(alternatives.get("one-sided", 0))
    sides = (
        f"{two} {'is' if two == 1 else 'are'} two-sided (a difference counts in either direction)"
        if two
        else ""
    )
    if one:
        sides += (
            f"{' and ' if sides else ''}{one} one-sided (a spread among more than two "
            f"groups counts only when large)"
        )
    splits = "; ".join(comparison_phrase(c) for c in dict.fromkeys(uncertainty["comparison"]))
    return (
        f"The run made {len(uncertainty)} tests of {uncertainty['finding'].nunique()} "
        f"measures, splitting the texts in {number_word(comparisons)} "
        f"way{'s' if comparisons > 1 else ''} ({splits}); {sides}. The more tests, the more "
        f"likely one looks striking by chance, so each p-value is adjusted by "
        f"Benjamini–Hochberg over all of them into a q-value, and a difference is called "
        f"supported only below q = {SUPPORT_Q:.2f}"
    )


def interval_statement(uncertainty: pd.DataFrame) -> str:
    """Whether the main comparison has bootstrap intervals: none for a group of fewer than
    ``MIN_BOOTSTRAP_DOCUMENTS`` documents, whose resamples are too few to mean anything."""
    rows = main_comparison(uncertainty)
    if rows.empty:
        return ""
    sizes = [int(n) for n in GROUP_SIZE.findall(str(rows["groups"].iloc[0]))]
    if sizes and min(sizes) < MIN_BOOTSTRAP_DOCUMENTS:
        return (
            f"The smallest group has {number_word(min(sizes))} "
            f"text{'s' if min(sizes) != 1 else ''}, too few to resample, so no bootstrap "
            f"interval is given (one needs at least {number_word(MIN_BOOTSTRAP_DOCUMENTS)} "
            f"texts in every group)"
        )
    return (
        f"Every group has at least {number_word(MIN_BOOTSTRAP_DOCUMENTS)} texts, so the "
        f"comparison tables give each difference a 95% bootstrap interval, resampling the "
        f"texts of each group"
    )


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
    return label_keys(usable(documents))["outlet"].nunique()


def _day(date: pd.Timestamp) -> str:
    return f"{date.day} {date:%B %Y}"


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
    for group, rows in keyness.groupby("group"):
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


# --- the design beside the camp comparison (#19): what each group is made of, and time --------


def design_overlap(design: pd.DataFrame) -> str:
    """How camps and stages overlap: per camp, how many documents are dated before, on and after
    the key date (and of unknown stage). No final full stop (glued into prose)."""
    if (
        design.empty
        or not isinstance(design["key_date"].iloc[0], str)
        or not design["key_date"].iloc[0]
    ):
        return "Without a key date, the texts cannot be placed before or after it"
    words = {"before": "before it", "on": "on the day", "after": "after it", "unknown": "undated"}
    parts = []
    for camp, rows in design.groupby(design["camp"].fillna("unknown"), sort=True):
        counts = rows["stage"].value_counts()
        stages = [f"{counts[s]} {words[s]}" for s in words if s in counts]
        stages = ", ".join(stages[:-1]) + " and " + stages[-1] if len(stages) > 1 else stages[0]
        verb = "" if parts else " were published"
        parts.append(f"of {group_phrase(camp)}, {stages.replace(' ', verb + ' ', 1)}")
    key, how = design["key_date"].iloc[0], design["key_date_source"].iloc[0]
    return f"The key date is {_day(pd.Timestamp(key))} ({how}). O" + "; ".join(parts)[1:]


def stage_versus_camp(uncertainty: pd.DataFrame, brief: bool = False) -> str:
    """The finding that differs most between the stages (before / on or after the key date),
    next to the same finding compared by camp, each with its p- and q-value: when time splits
    the documents as camp does, a camp difference may be a difference of moment."""
    if uncertainty.empty or STAGE_COMPARISON not in set(uncertainty["comparison"]):
        return (
            "No comparison by date was made (there is no key date, or every dated text "
            "lies on one side of it)"
        )
    stage = uncertainty[uncertainty["comparison"] == STAGE_COMPARISON]
    row = (
        stage.assign(size=stage["observed"].abs())
        .sort_values(["size", "finding"], ascending=[False, True])
        .iloc[0]
    )
    n_tests = len(uncertainty)
    text = f"Split by date rather than by camp, {_lowered(describe_contrast(row, n_tests, brief))}"
    main = main_comparison(uncertainty)
    same = main[main["finding"] == row["finding"]]
    if len(same):
        text += (
            f". Split {comparison_phrase(same['comparison'].iloc[0])}, "
            f"{_lowered(describe_contrast(same.iloc[0], n_tests, brief=True))}"
        )
    return text


def _lowered(text: str) -> str:
    """A sentence continuing another: 'The frame …' -> 'the frame …' (names keep capitals)."""
    return (
        text[:1].lower() + text[1:]
        if text.startswith(("The ", "Hedges", "Attributions", "Reporting"))
        else text
    )
