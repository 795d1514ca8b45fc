"""Headline findings are computed from tables, for any corpus; checked on small hand-made tables."""

import pandas as pd
import pytest

from newsframes.framing import permutation
from newsframes.report import contrast_prose, design_prose, findings


def _uncertainty(**columns) -> pd.DataFrame:
    """An uncertainty table of two-group exact tests over 10 arrangements, with ``columns``
    overriding its defaults (one value per row)."""
    n = len(next(iter(columns.values())))
    base = {
        "comparison": "camp",
        "statistic": "difference of document means: e − w",
        "alternative": "two-sided",
        "groups": "e (n=2) | w (n=3)",
        "group_means": "e: 1 | w: 3",
        "observed": -2.0,
        "p_value": 0.4,
        "q_value": 0.8,
        "exact": True,
        "n_arrangements": 10,
        "n_permutations": 10,
        "min_p": 0.1,
        "loo_min": -3.0,
        "loo_max": -0.5,
        "loo_sign_stable": True,
    }
    table = {name: [value] * n for name, value in base.items()}
    table["finding"] = [f"frame per 1k: F{i}" for i in range(n)]
    return pd.DataFrame({**table, **columns})


def test_frame_contrasts_orders_by_size_and_say_how_each_p_was_computed():
    unc = _uncertainty(
        finding=["frame per 1k: A", "frame per 1k: B", "hedge per 1k", "frame per 1k: A"],
        comparison=["camp", "camp", "camp", "three"],
        observed=[-2.0, 8.0, 0.0, 99.0],
        p_value=[0.4, 0.1, 1.0, 0.0],
        q_value=[0.8, 0.4, 1.0, 0.0],
        loo_min=[-3.0, 0.5, 0, 1],
        loo_max=[1.0, 9.25, 0, 2],
        group_means=["e: 1 | w: 3", "e: 9 | w: 1", "e: 0 | w: 0", "e: 1 | w: 3"],
    )
    first, second = findings.frame_contrasts(unc)
    assert first.startswith(
        "The frame “B” averages 9 per 1,000 words in the E texts against 1 in the W texts"
    )
    assert (
        "An exact two-sided permutation test tries all 10 ways of dealing the group labels "
        "out to these texts and finds a difference at least this large, in either direction, "
        "in 1 of them: p = 0.10, the smallest value possible here"
    ) in first
    assert "over the 4 tests of this run, q = 0.40" in first
    assert first.endswith(
        "the difference (E minus W) ranges from +0.5 to +9.25; its direction holds, its size varies"
    )
    assert second.startswith("The frame “A” averages 3 per 1,000 words in the W texts")
    assert "ranges from -3 to +1; it changes direction, so it rests on single texts" in second
    assert (
        "; shuffled labels give a gap at least this large in 4 of the 10 possible "
        "arrangements (exact two-sided test, p = 0.40), q = 0.80."
    ) in second
    assert "tries all" not in second  # the method is explained once, in the first
    floor = findings.smallest_possible_p(unc)
    assert floor.startswith(
        "No p-value here can be smaller than 0.10: these texts can be dealt "
        "into the groups in only 10 ways"
    )


def test_monte_carlo_p_values_are_never_called_exact():
    unc = _uncertainty(
        exact=[False],
        n_arrangements=[641953325024894839320],
        n_permutations=[10_000],
        min_p=[1 / 10_001],
        p_value=[0.0011],
        q_value=[0.004],
    )
    text = findings.frame_contrasts(unc)[0]
    assert "exact" not in text
    assert (
        "A Monte Carlo two-sided permutation test, over 10,000 random label arrangements, "
        "finds a difference at least this large, in either direction, with p = 0.0011 (its "
        "resolution is 0.0001)"
    ) in text
    assert "q = 0.004." in text
    floor = findings.smallest_possible_p(unc)
    assert floor.startswith(
        "No p-value here can be smaller than 0.0001, the resolution of a Monte Carlo test of 10,000"
    )
    assert "641,953,325,024,894,839,320 possible arrangements are too many" in floor


def test_leave_one_out_range_says_when_a_group_of_one_document_is_left_out():
    row = _uncertainty(groups=["e (n=1) | w (n=3)"]).iloc[0]
    assert contrast_prose.leave_one_out_range(row) == (
        "Leaving out one text at a time (where every group keeps a text), the difference "
        "(E minus W) ranges from -3 to -0.5; its direction holds, its size varies"
    )
    undefined = row.copy().replace({-3.0: float("nan")})
    assert "no leave-one-out check" in contrast_prose.leave_one_out_range(undefined)
    vanishing = row.copy().replace({-3.0: 0.0})
    assert contrast_prose.leave_one_out_range(vanishing).endswith(
        "ranges from 0 to -0.5; it vanishes without one text"
    )


def test_a_spread_among_several_groups_is_worded_as_a_variance():
    row = _uncertainty(
        statistic=["between-group variance of document means"],
        alternative=["one-sided"],
        groups=["a (n=3) | b (n=4) | c (n=5)"],
        group_means=["a: 1 | b: 5 | c: 2"],
        loo_min=[3.1],
        loo_max=[17.1],
    ).iloc[0]
    text = contrast_prose.describe_contrast(row, 9)
    assert text.startswith(
        "The frame “F0” averages 5 per 1,000 words in the B texts against "
        "2 in the C texts and 1 in the A texts"
    )
    assert "a spread between the groups at least this large in 4 of them: p = 0.40" in text
    assert text.endswith("the spread between the groups (their variance) ranges from 3.1 to 17.1")


def test_stage_groups_are_named_by_their_dates():
    assert contrast_prose.group_phrase("before 2022-01-12") == (
        "the texts published before 12 January 2022"
    )
    assert contrast_prose.group_phrase("From 2022-01-12") == (
        "the texts published on or after 12 January 2022"
    )
    assert contrast_prose.comparison_phrase("camp × relay") == (
        "by camp and by whether a text relays another's copy"
    )


def test_evidence_lists_only_results_below_the_q_threshold_or_says_none_qualify():
    unc = _uncertainty(
        p_value=[0.001, 0.04, 0.5],
        q_value=[0.003, 0.12, 0.5],
        finding=["frame per 1k: A", "frame per 1k: B", "frame per 1k: C"],
    )
    listed = findings.evidence_statement(unc)
    assert listed.startswith("1. Split by camp, the frame “A” averages 3 per 1,000 words")
    assert "\n2." not in listed and "“B”" not in listed
    none = findings.evidence_statement(unc.assign(q_value=[0.12, 0.12, 0.5]))
    assert none.startswith("**No difference between the groups is supported.** Of the 3 tests")
    assert "the lowest is q = 0.12, for the frame “A” split by camp." in none
    assert findings.evidence_statement(unc.iloc[:0]).startswith("No group comparison could be made")


def test_multiple_testing_counts_tests_and_their_sides():
    unc = _uncertainty(
        comparison=["camp", "camp", "stage"],
        finding=["A", "B", "A"],
        alternative=["two-sided", "two-sided", "one-sided"],
    )
    text = findings.multiple_testing(unc)
    assert text.startswith(
        "The run made 3 tests of 2 measures, splitting the texts in two ways "
        "(by camp; by date, before the key date or from it on); 2 are "
        "two-sided (a difference counts in either direction) and 1 one-sided"
    )
    assert text.endswith("supported only below q = 0.10")


def test_intervals_are_promised_only_for_groups_of_three_or_more():
    assert findings.interval_statement(_uncertainty(groups=["e (n=2) | w (n=3)"])).startswith(
        "The smallest group has two texts, too few to resample, so no bootstrap interval"
    )
    assert findings.interval_statement(_uncertainty(groups=["e (n=3) | w (n=3)"])).startswith(
        "Every group has at least three texts"
    )


def test_sample_statement_counts_documents_and_dates_without_claiming_one_event():
    docs = pd.DataFrame(
        {
            "doc_id": list("abcd"),
            "status": ["ok", "ok", "ok", "empty"],
            "camp": ["e", "w", "w", "e"],
            "published": ["2022-01-07", "2021-12-26", "", "2022-02-01"],
        }
    )
    assert design_prose.sample_statement(docs) == (
        "The 3 documents (2 camps, the smallest with 1; dated from 26 December 2021 to "
        "7 January 2022) are what a collection happened to gather"
    )


def test_relays_and_outlets_count_unknowns_honestly():
    docs = pd.DataFrame(
        {
            "doc_id": list("abcd"),
            "status": "ok",
            "outlet": ["unknown", "unknown", "Paper", "Paper"],
            "upstream": ["unknown", "Agency", "Paper", "Agency"],
        }
    )
    assert design_prose.relay_count(docs) == 2  # b and d; a's unknown upstream is no relay
    assert design_prose.distinct_outlets(docs) == 3  # two unknown sites are two sites


def test_corpus_summary_names_camps_as_proper_adjectives():
    docs = pd.DataFrame({"doc_id": list("abc"), "status": "ok", "camp": ["east", "west", "west"]})
    assert design_prose.corpus_summary(docs) == "three articles (one East, two West)"


def test_frame_words_count_the_matches_of_the_frame_named_in_the_finding():
    evidence = pd.DataFrame(
        {"label": ["A", "A", "A", "B"], "match": ["Talks", "talks", "dialogue", "veto"]}
    )
    assert findings.frame_words(evidence, "frame per 1k: A") == (
        "Across all the texts, the words it matched most often are “talks” (2) and “dialogue” (1)"
    )
    assert findings.frame_words(evidence, "hedge per 1k, authorial text") == ""
    text = findings.described_differences(
        _uncertainty(finding=["frame per 1k: A"]), evidence=evidence
    )
    assert text.startswith("1. The frame “A”") and "“talks” (2)" in text
    supported = findings.evidence_statement(
        _uncertainty(finding=["frame per 1k: A"], q_value=[0.01]), evidence=evidence
    )
    assert supported.startswith("1. Split by camp, the frame “A”")
    assert supported.endswith("“talks” (2) and “dialogue” (1).")


@pytest.mark.parametrize(
    ("value", "phrase"),
    [
        (30, "30"),
        ("1234567", "1,234,567"),
        (20000.0, "20,000"),
        ("2.32e+2997", "about 2.32 × 10^2997"),
    ],
)
def test_counts_of_arrangements_read_as_prose(value, phrase):
    assert findings.arrangements_phrase(pd.Series({"n_arrangements": value})) == phrase


def test_a_count_in_scientific_notation_reads_as_an_approximation():
    unc = _uncertainty(
        exact=[False], n_arrangements=["1.59e+75"], n_permutations=[10_000], min_p=[1 / 10_001]
    )
    assert "random label arrangements (about 1.59 × 10^75 possible arrangements are too many" in (
        findings.smallest_possible_p(unc)
    )


def test_the_monte_carlo_rule_states_the_draws_the_tests_make():
    rule = findings.monte_carlo_rule()
    most = findings.most_documents_at_full_draws()
    full, least = permutation.MONTE_CARLO_PERMUTATIONS, permutation.MIN_PERMUTATIONS

    def draws(n_documents):
        return permutation.monte_carlo_draws(full, n_documents, permutation.MONTE_CARLO_LABELS)

    assert draws(most) == full and draws(most + 1) < full and draws(10**9) == least
    assert f"more than {permutation.MAX_EXACT_ARRANGEMENTS:,} arrangements" in rule
    assert f"draws {full:,} of them at random" in rule
    assert f"more than {most:,} documents (never fewer than {least:,})" in rule
    assert (
        permutation.permutation_test([1.0, 2, 3, 4, 5, 6], list("aaabbb"), max_exact=0)[
            "n_permutations"
        ]
        == full
    )  # the default the rule names
