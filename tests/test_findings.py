"""Headline findings are computed from tables, for any corpus; checked on small hand-made tables."""

import pandas as pd

from newsframes.report import findings


def test_strongest_reuse_names_the_contained_document():
    reuse = pd.DataFrame({"doc_a": ["long", "x"], "doc_b": ["wire", "y"], "shared_shingles": [40, 3],
                          "containment_a_in_b": [0.2, 0.05], "containment_b_in_a": [0.9, 0.01], "jaccard": [0.18, 0.01]})
    text = findings.strongest_reuse(reuse)
    assert text.startswith("the highest containment is 90%") and "wire's five-word runs also occurs in long" in text


def _uncertainty(**columns) -> pd.DataFrame:
    """An uncertainty table of two-group exact tests over 10 arrangements, with ``columns``
    overriding its defaults (one value per row)."""
    n = len(next(iter(columns.values())))
    base = {"comparison": "camp", "statistic": "difference of document means: e − w",
            "alternative": "two-sided", "groups": "e (n=2) | w (n=3)", "group_means": "e: 1 | w: 3",
            "observed": -2.0, "p_value": 0.4, "q_value": 0.8, "exact": True, "n_arrangements": 10,
            "n_permutations": 10, "min_p": 0.1, "loo_min": -3.0, "loo_max": -0.5,
            "loo_sign_stable": True}
    table = {name: [value] * n for name, value in base.items()}
    table["finding"] = [f"frame per 1k: F{i}" for i in range(n)]
    return pd.DataFrame({**table, **columns})


def test_frame_contrasts_orders_by_size_and_say_how_each_p_was_computed():
    unc = _uncertainty(
        finding=["frame per 1k: A", "frame per 1k: B", "hedge per 1k", "frame per 1k: A"],
        comparison=["camp", "camp", "camp", "three"], observed=[-2.0, 8.0, 0.0, 99.0],
        p_value=[0.4, 0.1, 1.0, 0.0], q_value=[0.8, 0.4, 1.0, 0.0], loo_min=[-3.0, 0.5, 0, 1],
        loo_max=[1.0, 9.25, 0, 2])
    first, second = findings.frame_contrasts(unc)
    assert first.startswith("frame per 1k: B") and "difference +8;" in first
    assert ("exact permutation p = 0.10 (two-sided, the smallest possible; "
            "all 10 label arrangements enumerated)") in first
    assert "q = 0.40 after Benjamini–Hochberg adjustment over the 4 tests of this run" in first
    assert first.endswith("with any one document left out it ranges from +0.5 to +9.25)")
    assert second.startswith("frame per 1k: A") and "ranges from -3 to +1" in second
    floor = findings.smallest_possible_p(unc)
    assert floor == "0.10 (only 10 arrangements of the group labels exist)"


def test_monte_carlo_p_values_are_never_called_exact():
    unc = _uncertainty(exact=[False], n_arrangements=[641953325024894839320],
                       n_permutations=[10_000], min_p=[1 / 10_001], p_value=[0.0011],
                       q_value=[0.004])
    text = findings.frame_contrasts(unc)[0]
    assert "exact" not in text
    assert ("Monte Carlo permutation p = 0.0011 (two-sided; 10,000 random label arrangements, "
            "resolution 0.0001)") in text
    assert "q = 0.004 after" in text
    floor = findings.smallest_possible_p(unc)
    assert floor.startswith("0.0001 (the resolution of a Monte Carlo test of 10,000")


def test_leave_one_out_range_says_when_a_group_of_one_document_is_left_out():
    row = _uncertainty(groups=["e (n=1) | w (n=3)"]).iloc[0]
    assert findings.leave_one_out_range(row) == (
        "with any one document left out (where every group keeps a document) "
        "it ranges from -3 to -0.5")
    undefined = row.copy().replace({-3.0: float("nan")})
    assert "no leave-one-out check" in findings.leave_one_out_range(undefined)


def test_evidence_lists_only_results_below_the_q_threshold_or_says_none_qualify():
    unc = _uncertainty(p_value=[0.001, 0.04, 0.5], q_value=[0.003, 0.12, 0.5],
                       finding=["A", "B", "C"])
    listed = findings.evidence_statement(unc)
    assert listed.startswith("1. camp: A: mean of document scores")
    assert "\n2." not in listed and "B:" not in listed
    none = findings.evidence_statement(unc.assign(q_value=[0.12, 0.12, 0.5]))
    assert none.startswith("**No difference between the groups is supported.** None of the 3 tests")
    assert "the smallest q-value is 0.12 (A, camp comparison)" in none
    assert findings.evidence_statement(unc.iloc[:0]).startswith("No group comparison could be made")


def test_multiple_testing_counts_tests_and_their_sides():
    unc = _uncertainty(comparison=["camp", "camp", "split"], finding=["A", "B", "A"],
                       alternative=["two-sided", "two-sided", "one-sided"])
    assert findings.multiple_testing(unc).startswith(
        "3 tests were run (2 findings in 2 comparisons: 2 two-sided, 1 one-sided, a between-group")


def test_sample_statement_counts_documents_and_dates_without_claiming_one_event():
    docs = pd.DataFrame({"doc_id": list("abcd"), "status": ["ok", "ok", "ok", "empty"],
                         "camp": ["e", "w", "w", "e"],
                         "published": ["2022-01-07", "2021-12-26", "", "2022-02-01"]})
    assert findings.sample_statement(docs) == (
        "The 3 documents (2 camps, the smallest with 1; dated from 26 December 2021 to "
        "7 January 2022) are what a collection happened to gather")


def test_voices_by_camp_gives_the_top_affiliation_share():
    voices = pd.DataFrame({"doc_id": ["a", "a", "b"], "affiliation": ["gov", "expert", "gov"], "n_words": [30, 10, 5]})
    docs = pd.DataFrame({"doc_id": ["a", "b"], "camp": ["east", "west"], "status": ["ok", "ok"]})
    assert findings.voices_by_camp(voices, docs) == "in the east texts, gov (75% of 40 quoted words); in the west texts, gov (100% of 5 quoted words)"


def test_relay_chain_follows_parents():
    edges = pd.DataFrame({"doc_id": ["d", "d", "d"], "child": ["Site", "AgencyA", "AgencyB"], "parent": ["AgencyA", "AgencyB", "official"]})
    assert findings.relay_chains(edges).endswith("(d) is Site ← AgencyA ← AgencyB ← official")


def test_empty_tables_give_plain_statements():
    assert findings.strongest_reuse(pd.DataFrame()) == "no two documents share a run of five words"
    assert findings.relay_chains(pd.DataFrame()) == "no relay or citation of an agency was found"



def test_relays_and_outlets_count_unknowns_honestly():
    docs = pd.DataFrame({"doc_id": list("abcd"), "status": "ok",
                         "outlet": ["unknown", "unknown", "Paper", "Paper"],
                         "upstream": ["unknown", "Agency", "Paper", "Agency"]})
    assert findings.relay_count(docs) == 2  # b and d; a's unknown upstream is no relay
    assert findings.distinct_outlets(docs) == 3  # two unknown sites are two sites


def test_group_means_name_groups_as_in_prose():
    from newsframes.report.findings import named_group_means

    assert named_group_means("russian: 13.4 | western: 1.3") == "Russian: 13.4 | Western: 1.3"
