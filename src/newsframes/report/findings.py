"""The book's headline findings, as sentences computed from the pipeline's tables.

The introduction and the conclusions insert these with myst-nb ``glue`` so that no finding is
typed by hand; each sentence carries its own uncertainty or evidence count, in words a reader
without statistics can follow. Every function returns plain text and works for any corpus (any
outlets, camps and frames, any number of documents).
"""

from __future__ import annotations

import re
from itertools import zip_longest

import pandas as pd

from ..framing.permutation import (
    MAX_EXACT_ARRANGEMENTS,
    MIN_PERMUTATIONS,
    MONTE_CARLO_LABELS,
    MONTE_CARLO_PERMUTATIONS,
)
from ..framing.uncertainty import MIN_BOOTSTRAP_DOCUMENTS, STAGE_COMPARISON
from ..framing.validation import ALL_SETS, MIN_PRECISION
from .contrast_prose import (
    GROUP_SIZE,
    comparison_phrase,
    describe_contrast,
    format_p,
    format_q,
    measure_phrase,
)
from .prose import number_word

SUPPORT_Q = 0.10  # largest Benjamini-Hochberg q-value a difference may have to be called supported


def main_comparison(uncertainty: pd.DataFrame) -> pd.DataFrame:
    """Rows of the main (first) comparison, the one with the fewest groups."""
    if uncertainty.empty:
        return uncertainty
    main = uncertainty["comparison"].iloc[0]
    return uncertainty[uncertainty["comparison"] == main]


# --- one comparison in words --------------------------------------------------------------------


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


def arrangements_phrase(row: pd.Series) -> str:
    """A comparison's number of label arrangements as prose: ``30`` or ``1,234,567``, or about
    a power of ten when the table gives it in scientific notation
    (:func:`newsframes.framing.permutation.reported_count`): ``about 2.32 × 10^2997``."""
    value = row["n_arrangements"]
    if "e+" in str(value):
        mantissa, exponent = str(value).split("e+")
        return f"about {mantissa} × 10^{int(exponent)}"
    return f"{int(value):,}"


def most_documents_at_full_draws() -> int:
    """The most documents a Monte Carlo permutation test draws all of its
    :data:`~newsframes.framing.permutation.MONTE_CARLO_PERMUTATIONS` for (above, fewer:
    :func:`~newsframes.framing.permutation.monte_carlo_draws`)."""
    return MONTE_CARLO_LABELS // MONTE_CARLO_PERMUTATIONS


def monte_carlo_rule() -> str:
    """When the permutation tests draw arrangements at random and how many, from the constants
    of :mod:`newsframes.framing.permutation` (true for a corpus of any size), as a sentence
    without its final full stop."""
    return (
        f"When there are more than {MAX_EXACT_ARRANGEMENTS:,} arrangements they are not all "
        f"listed: the test draws {MONTE_CARLO_PERMUTATIONS:,} of them at random, or fewer in a "
        f"corpus of more than {most_documents_at_full_draws():,} documents (never fewer than "
        f"{MIN_PERMUTATIONS:,})"
    )


def smallest_possible_p(uncertainty: pd.DataFrame) -> str:
    """The floor that the number of documents (exact tests) or of random draws (Monte Carlo)
    puts under the main comparison's p-values, as a sentence without its final full stop."""
    rows = main_comparison(uncertainty)
    if rows.empty:
        return "No permutation test was possible, so no p-value is reported"
    row = rows.iloc[0]
    floor, arrangements = format_p(row["min_p"], row["min_p"]), arrangements_phrase(row)
    if bool(row["exact"]):
        return (
            f"No p-value here can be smaller than {floor}: these texts can be dealt into "
            f"the groups in only {arrangements} ways, and the observed one is always "
            f"among them"
        )
    return (
        f"No p-value here can be smaller than {floor}, the resolution of a Monte Carlo test "
        f"of {int(row['n_permutations']):,} random label arrangements ("
        f"{'' if arrangements.startswith('about') else 'the '}{arrangements} "
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


# --- the design beside the camp comparison (#19): what each group is made of, and time --------


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
