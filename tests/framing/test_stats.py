"""The statistics against small examples worked out by hand (arithmetic in the comments)."""

import math
import tracemalloc
import warnings
from collections import Counter

import numpy as np
import pytest

from newsframes.framing import bootstrap, permutation, stats
from timing import cpu_seconds


def test_g2_of_a_two_by_two_table_worked_by_hand():
    # Word: 10 of 100 tokens in group a, 10 of 300 in group b. N = 400, word share 20/400 = 0.05.
    # Expected: a 100*0.05 = 5, b 300*0.05 = 15, other-a 95, other-b 285.
    # G² = 2 [10 ln(10/5) + 10 ln(10/15) + 90 ln(90/95) + 290 ln(290/285)]
    #    = 2 [6.93147 - 4.05465 - 4.86605 + 5.04360] = 2 * 3.05437 = 6.10874
    assert stats.g2(10, 10, 100, 300) == pytest.approx(6.1087, abs=1e-3)


def test_g2_is_zero_for_equal_relative_frequencies_and_handles_empty_cells():
    assert stats.g2(5, 10, 100, 200) == pytest.approx(0.0, abs=1e-12)
    # 4 of 8 vs 0 of 8: cells 4, 0, 4, 8; expected 2, 2, 6, 6 (word share 4/16).
    # G² = 2 [4 ln 2 + 0 + 4 ln(4/6) + 8 ln(8/6)] = 2 [2.77259 - 1.62186 + 2.30146] = 6.90438
    assert stats.g2(4, 0, 8, 8) == pytest.approx(6.9044, abs=1e-3)


def test_log_ratio_is_log2_of_the_ratio_of_relative_frequencies():
    # 10/100 = 0.1 vs 10/300 = 0.0333: ratio 3, log2 3 = 1.58496
    assert stats.log_ratio(10, 10, 100, 300) == pytest.approx(1.58496, abs=1e-4)
    # A zero count counts as 0.5 (Hardie): 4/1000 vs 0.5/1000 -> ratio 8 -> 3 bits
    assert stats.log_ratio(4, 0, 1000, 1000) == pytest.approx(3.0)
    assert stats.log_ratio(0, 4, 1000, 1000) == pytest.approx(-3.0)


def test_log_ratio_is_undefined_without_a_second_group():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # and says so quietly: no numpy warning reaches the reader
        assert np.isnan(stats.log_ratio(4, 0, 1000, 0))
        assert np.isnan(stats.log_ratio([4, 2], [0, 0], 1000, 0)).all()


def test_log_odds_z_with_a_tiny_prior_worked_by_hand():
    # a = 3 of 10, b = 1 of 10, prior α_w = 1, α_0 = 2.
    # δ = ln((3+1)/(10+2-3-1)) - ln((1+1)/(10+2-1-1)) = ln(4/8) - ln(2/10) = ln 2.5 = 0.916291
    # var = 1/(3+1) + 1/(1+1) = 0.75, sd = 0.866025, z = 0.916291 / 0.866025 = 1.05804
    assert stats.log_odds_z(3, 1, 10, 10, 1, 2) == pytest.approx(1.05804, abs=1e-4)
    assert stats.log_odds_z(1, 3, 10, 10, 1, 2) == pytest.approx(-1.05804, abs=1e-4)


def test_contrast_of_three_groups_is_between_group_variance():
    # means 1, 2, 6 with sizes 1, 1, 2: grand mean (1 + 2 + 12) / 4 = 3.75
    # (1*2.75² + 1*1.75² + 2*2.25²) / 4 = (7.5625 + 3.0625 + 10.125) / 4 = 5.1875
    assert stats.contrast([1, 2, 6], [1, 1, 2]) == pytest.approx(5.1875)
    assert stats.contrast([5, 2], [3, 2]) == pytest.approx(3.0)


# Five documents, two in group b. Difference of means a - b for every choice of the b pair
# (values 1, 2, 3, 10, 11; total 27; d = (27 - s)/3 - s/2 with s the pair's sum):
#   (1,2) -6.5  (1,3) -5.67  (1,10) 0.17  (1,11) 1.0  (2,3) -4.83
#   (2,10) 1.0  (2,11) 1.83  (3,10) 1.83  (3,11) 2.67  (10,11) 8.5  -> sign flipped for a - b
TOY_VALUES = [1, 2, 3, 10, 11]


def test_exact_permutation_p_for_five_documents_is_one_in_ten_at_best():
    result = permutation.permutation_test(TOY_VALUES, ["a", "a", "a", "b", "b"])
    # observed a - b = 2 - 10.5 = -8.5; only the observed arrangement reaches |d| >= 8.5
    assert result["observed"] == pytest.approx(-8.5)
    assert result["exact"] and result["n_arrangements"] == 10
    assert result["p"] == pytest.approx(1 / 10)
    assert result["min_p"] == pytest.approx(1 / 10)


def test_exact_permutation_p_counts_every_arrangement_as_extreme():
    # b = {1, 2}: observed a - b = 8 - 1.5 = 6.5; |d| >= 6.5 for (1,2) and (10,11) -> p = 2/10
    result = permutation.permutation_test(TOY_VALUES, ["b", "b", "a", "a", "a"])
    assert result["observed"] == pytest.approx(6.5)
    assert result["p"] == pytest.approx(2 / 10)


def test_arrangements_of_three_groups_are_multinomial():
    # 5! / (2! 2! 1!) = 120 / 4 = 30
    assert permutation.count_arrangements([2, 2, 1]) == 30
    arrangements = {tuple(a) for a in permutation.label_arrangements(5, ["a", "b", "c"], [2, 2, 1])}
    assert len(arrangements) == 30
    assert all(sorted(a) == ["a", "a", "b", "b", "c"] for a in arrangements)


@pytest.mark.parametrize(
    "n",
    [
        0,
        30,
        permutation.REPORTED_EXACTLY,
        permutation.REPORTED_EXACTLY + 1,
        10**20,
        10**20 - 1,  # rounds up to 1.00e+20
        math.comb(924, 264),
        math.factorial(5000),  # 16,326 digits: Python will not write it as a decimal
    ],
    ids=lambda n: f"{n.bit_length()}-bits",
)
def test_counts_of_arrangements_are_reported_exactly_or_to_three_digits(n):
    reported = permutation.reported_count(n)
    if n <= permutation.REPORTED_EXACTLY:
        assert reported == n
        return
    mantissa, exponent = reported.split("e+")
    assert len(mantissa) == 4 and 1 <= float(mantissa) < 10
    error = math.log10(float(mantissa)) + int(exponent) - math.log10(n)
    assert abs(error) <= math.log10(1 + 0.005)  # three significant digits


@pytest.mark.parametrize("n_groups", [2, 17, 120])
def test_group_sums_by_counts_equal_those_by_products(n_groups):
    """The two ways of :func:`stats._group_sums` (products for few groups, weighted counts for
    many): the same sizes and NaN counts, sums equal but for the order of the additions."""
    rng = np.random.default_rng(n_groups)
    columns = rng.normal(size=(4, 300))
    columns[1, rng.choice(300, 20, replace=False)] = np.nan
    codes = rng.integers(0, n_groups, size=(50, 300)).astype(np.min_scalar_type(n_groups))
    products = stats._one_hot_group_sums(columns, codes, n_groups)
    counts = stats._counted_group_sums(columns, codes, n_groups)
    assert (products[1] == counts[1]).all() and (products[2] == counts[2]).all()
    np.testing.assert_allclose(products[0], counts[0], rtol=1e-12, atol=1e-12)
    assert products[2][1].sum() > 0  # the NaNs were counted


def test_monte_carlo_fallback_is_seeded_and_never_zero():
    labels = ["a"] * 3 + ["b"] * 2
    first = permutation.permutation_test(TOY_VALUES, labels, max_exact=5, n_resamples=999, seed=7)
    second = permutation.permutation_test(TOY_VALUES, labels, max_exact=5, n_resamples=999, seed=7)
    assert not first["exact"] and first == second
    # the true p is 1/10; (1 + hits) / (1 + 999) must be near it and at least 1/1000
    assert first["p"] >= 1 / 1000 and abs(first["p"] - 0.1) < 0.04


def test_leave_one_out_by_hand():
    # drop 1: a = (2+3)/2 = 2.5 -> -8;  drop 2: a = 2 -> -8.5;  drop 3: a = 1.5 -> -9
    # drop 10: b = 11 -> 2 - 11 = -9;   drop 11: b = 10 -> -8
    loo = stats.leave_one_out(TOY_VALUES, ["a", "a", "a", "b", "b"])
    assert loo == pytest.approx([-8, -8.5, -9, -9, -8])
    assert stats.leader_stable(TOY_VALUES, ["a", "a", "a", "b", "b"])


def test_leader_not_stable_when_one_document_carries_the_difference():
    # a = 0, 0, 12 (mean 4) vs b = 3, 3 (mean 3); without the 12, a has mean 0 < 3
    assert not stats.leader_stable([0, 0, 12, 3, 3], ["a", "a", "a", "b", "b"])
    loo = stats.leave_one_out([1, 5], ["a", "b"])  # dropping either empties a group
    assert np.isnan(loo).all()


@pytest.mark.parametrize("n_groups", [1, 3, 40])
def test_group_members_are_what_comparing_each_label_selects(n_groups):
    rng = np.random.default_rng(n_groups)
    labels = np.array([f"g{k}" for k in rng.integers(0, n_groups, size=300)])
    groups = [f"g{k}" for k in range(n_groups + 2)][::-1]  # two without members; any order
    values = rng.normal(size=300)
    members = stats.group_members(labels, groups)
    assert [m.tolist() for m in members] == [np.flatnonzero(labels == g).tolist() for g in groups]
    assert stats.group_sizes(labels, groups) == [int((labels == g).sum()) for g in groups]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # the mean of a group without members
        expected = [values[labels == g].mean() for g in groups]
        means = stats.group_means(values, labels, groups)
    assert np.array_equal(means, expected, equal_nan=True)


def test_leave_one_out_in_parts_is_the_same_and_holds_no_groups_squared_matrix():
    """Each drop is a row of its own, so the parts change nothing; an outlet comparison of
    10,000 one-document outlets held np.eye(10,000), 800 MB, per measure (the parts of 8,000
    groups take about 160 MB)."""
    rng = np.random.default_rng(2)
    values, labels = rng.normal(size=500), [f"o{k}" for k in rng.integers(0, 60, size=500)]
    values[::9] = np.nan
    whole = list(stats._leave_one_out_parts(values, labels, chunk_cells=10**9))
    parts = list(stats._leave_one_out_parts(values, labels, chunk_cells=7 * 60))
    assert len(whole) == 1 and len(parts) > 1
    for whole_array, part_arrays in zip(whole[0], zip(*parts)):
        assert np.array_equal(whole_array, np.concatenate(part_arrays))
    many = np.arange(8_000, dtype=float)
    tracemalloc.start()
    try:
        stats.leave_one_out(many, [f"o{k}" for k in range(8_000)])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 256 * 2**20, f"{peak / 2**20:.0f} MB for 8,000 groups"  # np.eye: 512 MB


def test_document_bootstrap_collapses_when_documents_agree_and_sentence_bootstrap_does_not():
    # Group a: two documents, each with sentences scoring 0 and 2 (mean 1);
    # group b: two documents whose sentences all score 0. Every resample of whole documents
    # gives 1 - 0 = 1; resampling sentences within documents moves each a-document's mean.
    num = [0, 2, 0, 2, 0, 0, 0, 0]
    den = [1] * 8
    docs = ["a1", "a1", "a2", "a2", "b1", "b1", "b2", "b2"]
    labels = {"a1": "a", "a2": "a", "b1": "b", "b2": "b"}
    low, high = bootstrap.bootstrap_ci(num, den, docs, labels, level="document", n_boot=500, seed=1)
    assert (low, high) == pytest.approx((1.0, 1.0))
    s_low, s_high = bootstrap.bootstrap_ci(
        num, den, docs, labels, level="sentence", n_boot=500, seed=1
    )
    assert s_low < 1.0 < s_high and s_low >= 0.0 and s_high <= 2.0
    again = bootstrap.bootstrap_ci(num, den, docs, labels, level="sentence", n_boot=500, seed=1)
    assert again == (s_low, s_high)


def test_document_scores_are_ratios_of_sums():
    # doc x: 3 hits in 200 tokens -> 15 per 1,000; doc y: 0 tokens -> undefined
    scores = bootstrap.document_scores(
        [1, 2, 0], [100, 100, 0], ["x", "x", "y"], ["x", "y"], scale=1000
    )
    assert scores[0] == pytest.approx(15.0) and math.isnan(scores[1])


# --- the batched forms give exactly the numbers of one measure at a time ---------------------


def test_document_score_columns_equal_one_measure_at_a_time():
    rng = np.random.default_rng(8)
    doc_ids = rng.choice(["a", "b", "c", "d"], size=60)
    nums, dens = rng.normal(size=(60, 3)), rng.integers(0, 30, size=(60, 3)).astype(float)
    dens[doc_ids == "c", 1] = 0  # an undefined score
    docs, scales = ["d", "a", "b", "c", "e"], [1000.0, 1.0, 10.0]
    together = bootstrap.document_score_columns(nums, dens, doc_ids, docs, scales)
    for c, scale in enumerate(scales):
        alone = bootstrap.document_scores(nums[:, c], dens[:, c], doc_ids, docs, scale)
        assert together[c].tobytes() == alone.tobytes()  # exactly, NaN where undefined
    assert np.isnan(together[1, 3]) and np.isnan(together[:, 4]).all()


def _reference_bootstrap(num, den, doc_ids, doc_labels, level, scale, n_boot, seed, alpha=0.05):
    """bootstrap_ci as first written: one measure, a resample loop and a contrast per row."""
    num, den, doc_ids = (
        np.asarray(num, dtype=float),
        np.asarray(den, dtype=float),
        np.asarray(doc_ids),
    )
    rng = np.random.default_rng(seed)
    docs = sorted(doc_labels)
    groups = sorted(set(doc_labels.values()))
    sizes = [sum(1 for d in docs if doc_labels[d] == g) for g in groups]
    ratio = lambda n, d: np.where(d > 0, scale * n / np.where(d > 0, d, 1), np.nan)  # noqa: E731
    if level == "sentence":
        scores = {}
        for d in docs:
            rows = np.array([i for i, x in enumerate(doc_ids) if x == d], dtype=int)
            picks = rows[rng.integers(0, len(rows), size=(n_boot, len(rows)))]
            scores[d] = ratio(num[picks].sum(axis=1), den[picks].sum(axis=1))
        means = [
            np.nanmean(np.stack([scores[d] for d in docs if doc_labels[d] == g]), axis=0)
            for g in groups
        ]
    else:
        observed = dict(zip(docs, bootstrap.document_scores(num, den, doc_ids, docs, scale)))
        means = []
        for g in groups:
            members = np.array([observed[d] for d in docs if doc_labels[d] == g])
            means.append(
                np.nanmean(
                    members[rng.integers(0, len(members), size=(n_boot, len(members)))], axis=1
                )
            )
    rows = np.array([stats.contrast(row, sizes) for row in np.column_stack(means)])
    low, high = np.nanquantile(rows, [alpha / 2, 1 - alpha / 2])
    return float(low), float(high)


def _toy_measures(n_groups: int, seed: int = 3):
    """Sentence rows of 12 documents: hit counts, token counts, a real-valued score (with a
    repeated column) and a document with no tokens (no score)."""
    rng = np.random.default_rng(seed)
    docs = [f"d{i:02d}" for i in range(12)]
    doc_ids = [d for d in docs for _ in range(rng.integers(1, 12))]
    n = len(doc_ids)
    tokens = rng.integers(1, 40, n).astype(float)
    tokens[[i for i, d in enumerate(doc_ids) if d == "d03"]] = 0
    hits = rng.poisson(0.4, n).astype(float)
    compound = np.round(rng.uniform(-1, 1, n), 4)
    nums = np.column_stack([hits, compound, hits * 2, compound])
    dens = np.column_stack([tokens, np.ones(n), tokens, np.ones(n)])
    labels = {d: "abc"[i % n_groups] for i, d in enumerate(docs)}
    return nums, dens, doc_ids, labels


@pytest.mark.parametrize("n_groups", [2, 3])
@pytest.mark.parametrize("level", ["sentence", "document"])
def test_bootstrap_cis_equal_one_measure_at_a_time(n_groups, level):
    nums, dens, doc_ids, labels = _toy_measures(n_groups)
    scales = [1000.0, 1.0, 1000.0, 1.0]
    batched = bootstrap.bootstrap_cis(
        nums, dens, doc_ids, labels, level=level, scales=scales, n_boot=300, seed=5
    )
    for c, scale in enumerate(scales):
        expected = _reference_bootstrap(
            nums[:, c], dens[:, c], doc_ids, labels, level, scale, 300, 5
        )
        if level == "sentence":
            assert batched[c] == expected  # exactly, not approximately
        else:  # the same resamples, summed as draw counts times scores: equal up to rounding
            assert batched[c] == pytest.approx(expected, rel=1e-12, abs=1e-12)
        assert (
            bootstrap.bootstrap_ci(
                nums[:, c],
                dens[:, c],
                doc_ids,
                labels,
                level=level,
                scale=scale,
                n_boot=300,
                seed=5,
            )
            == batched[c]
        )  # exactly


def _reference_permutation(values, labels, max_exact, n_resamples, seed):
    """permutation_test as first written, for one measure."""
    values, labels = np.asarray(values, dtype=float), np.asarray(labels)
    groups = sorted(set(labels.tolist()))
    sizes = [int((labels == g).sum()) for g in groups]
    observed = permutation.labelled_statistic(values, labels, groups)
    tolerance = 1e-12 * max(1.0, abs(observed))
    if permutation.count_arrangements(sizes) <= max_exact:
        arrangements = [
            np.searchsorted(np.asarray(groups), a)
            for a in permutation.label_arrangements(len(values), groups, sizes)
        ]
    else:
        arrangements = permutation.random_arrangements(sizes, n_resamples, seed)
    found = [
        permutation.labelled_statistic(values, np.asarray(groups)[a], groups) for a in arrangements
    ]
    extreme = np.abs(found) >= abs(observed) - tolerance
    return observed, extreme


@pytest.mark.parametrize("max_exact", [10_000, 5])
def test_permutation_tests_equal_one_measure_at_a_time(max_exact):
    rng = np.random.default_rng(11)
    labels = ["a"] * 4 + ["b"] * 3 + ["c"] * 2
    columns = np.stack(
        [rng.normal(size=9), np.round(rng.uniform(0, 5, 9)), np.zeros(9), rng.normal(size=9)]
    )
    results = permutation.permutation_tests(
        columns, labels, max_exact=max_exact, n_resamples=400, seed=2
    )
    for column, result in zip(columns, results):
        observed, extreme = _reference_permutation(column, labels, max_exact, 400, 2)
        assert result["observed"] == pytest.approx(observed, rel=1e-12, abs=1e-12)
        expected_p = extreme.mean() if result["exact"] else (1 + extreme.sum()) / 401
        assert result["p"] == expected_p
        alone = permutation.permutation_test(
            column, labels, max_exact=max_exact, n_resamples=400, seed=2
        )
        # one matrix product for all measures: the observed statistic may differ in its last
        # bits from one measure's own; the arrangements, and so the p-value, do not
        assert alone.pop("observed") == pytest.approx(result["observed"], rel=1e-12, abs=1e-12)
        assert alone == {key: value for key, value in result.items() if key != "observed"}


def test_contrasts_of_rows_equal_contrast_of_each_row():
    rng = np.random.default_rng(4)
    for n_groups in (2, 3, 5, 9):
        means, sizes = rng.normal(size=(200, n_groups)) * 1e3, rng.integers(1, 9, n_groups)
        rows = stats.contrasts(means.T.copy().T, sizes)  # a non-contiguous layout on purpose
        assert rows.tolist() == [stats.contrast(row, sizes) for row in means]


def test_benjamini_hochberg_worked_by_hand():
    # p sorted: 0.01 (rank 1), 0.03 (2), 0.04 (3), 0.20 (4); m·p/rank = 0.04, 0.06, 0.0533, 0.20;
    # the minimum from each rank to the end: 0.04, 0.0533, 0.0533, 0.20.
    q = stats.benjamini_hochberg([0.01, 0.04, 0.03, 0.20])
    assert q.tolist() == pytest.approx([0.04, 0.16 / 3, 0.16 / 3, 0.20])
    # A missing p-value is no test: it stays NaN and the family has four members, not five.
    with_missing = stats.benjamini_hochberg([0.01, np.nan, 0.04, 0.03, 0.20])
    assert np.isnan(with_missing[1])
    assert with_missing[[0, 2, 3, 4]].tolist() == pytest.approx(q.tolist())
    assert stats.benjamini_hochberg([]).size == 0


def test_permutation_test_says_how_many_arrangements_it_evaluated():
    exact = permutation.permutation_test(TOY_VALUES, ["a", "a", "a", "b", "b"])
    assert exact["exact"] and exact["n_permutations"] == exact["n_arrangements"] == 10
    drawn = permutation.permutation_test(
        TOY_VALUES, ["a", "a", "a", "b", "b"], max_exact=5, n_resamples=500
    )
    assert not drawn["exact"] and drawn["n_permutations"] == 500 and drawn["n_arrangements"] == 10
    assert drawn["min_p"] == pytest.approx(1 / 501)


def _many_documents(n_docs: int, n_groups: int, seed: int):
    """Sentence rows of many documents: 3 to 60 sentences each, hit counts, token counts (some
    sentences without tokens, as quoted sentences have no authorial tokens), a real-valued
    score; the groups differ a little."""
    rng = np.random.default_rng(seed)
    doc_ids, nums, dens = [], [], []
    labels = {}
    for i in range(n_docs):
        doc, group = f"doc{i:04d}", i % n_groups
        labels[doc] = "abc"[group]
        m = int(rng.integers(3, 60))
        tokens = rng.integers(4, 40, m) * (rng.random(m) > 0.2)
        hits = rng.poisson(0.3 + 0.1 * group, m)
        doc_ids += [doc] * m
        nums.append(np.column_stack([hits, np.round(rng.uniform(-1, 1, m) + 0.1 * group, 4)]))
        dens.append(np.column_stack([tokens, np.ones(m)]))
    return np.concatenate(nums).astype(float), np.concatenate(dens).astype(float), doc_ids, labels


@pytest.mark.parametrize("n_groups", [2, 3])
def test_sentence_intervals_from_moments_agree_with_full_resampling(monkeypatch, n_groups):
    nums, dens, doc_ids, labels = _many_documents(240, n_groups, seed=n_groups)
    scales = [1000.0, 1.0]
    monkeypatch.setattr(bootstrap, "EXACT_SENTENCE_DRAWS", 10**12)
    drawn = bootstrap.bootstrap_cis(
        nums, dens, doc_ids, labels, level="sentence", scales=scales, n_boot=3000
    )
    monkeypatch.setattr(bootstrap, "EXACT_SENTENCE_DRAWS", 0)
    moments = bootstrap.bootstrap_cis(
        nums, dens, doc_ids, labels, level="sentence", scales=scales, n_boot=3000
    )
    for (low, high), (m_low, m_high) in zip(drawn, moments):
        width = high - low
        assert width > 0
        # Monte Carlo error of a 2.5% quantile of 3,000 resamples is a few per cent of the width
        assert abs(m_low - low) < 0.12 * width and abs(m_high - high) < 0.12 * width


def test_document_moments_are_the_resampling_mean_and_variance():
    rng = np.random.default_rng(4)
    hits, tokens = rng.poisson(1.0, 40).astype(float), rng.integers(10, 30, 40).astype(float)
    moments = bootstrap.document_moments(
        hits[:, None], tokens[:, None], ["d"] * 40, ["d"], [1000.0]
    )
    draws = rng.integers(0, 40, size=(100_000, 40))
    scores = 1000 * hits[draws].sum(axis=1) / tokens[draws].sum(axis=1)
    assert moments["mean"][0, 0] == pytest.approx(scores.mean(), rel=2e-3)
    assert moments["var"][0, 0] == pytest.approx(scores.var(), rel=0.05)
    spread = tokens[draws].sum(axis=1).std() / tokens.sum()
    assert moments["cv"][0, 0] == pytest.approx(spread, rel=0.05)


@pytest.mark.parametrize("sizes", [(7, 7), (3, 3, 4), (9, 5)])
def test_monte_carlo_p_values_agree_with_exact_enumeration(sizes):
    rng = np.random.default_rng(sum(sizes))
    labels = [g for g, n in zip("abc", sizes) for _ in range(n)]
    for shift in (0.0, 0.6, 1.2):
        values = rng.normal(size=len(labels)) + shift * (np.asarray(labels) == "a")
        exact = permutation.permutation_test(values, labels)
        drawn = permutation.permutation_test(
            values, labels, max_exact=0, n_resamples=20_000, seed=9
        )
        assert exact["exact"] and not drawn["exact"] and drawn["n_permutations"] == 20_000
        error = np.sqrt(exact["p"] * (1 - exact["p"]) / 20_000)
        assert abs(drawn["p"] - exact["p"]) <= 4 * error + 1 / 20_000


ARRANGED_BY = {"partial sorts": 10**6, "sorts": 1}  # PARTITIONED_MAX_GROUPS for each way


@pytest.mark.parametrize("way", ARRANGED_BY)
@pytest.mark.parametrize("sizes", [(2, 1, 1), (3, 2), (1, 1, 1, 1)])
def test_random_arrangements_are_uniform_over_the_arrangements_of_the_group_sizes(
    sizes, way, monkeypatch
):
    monkeypatch.setattr(permutation, "PARTITIONED_MAX_GROUPS", ARRANGED_BY[way])
    n_draws, n_groups = 24_000, len(sizes)
    drawn = permutation.random_arrangements(sizes, n_draws, seed=3)
    assert drawn.shape == (n_draws, sum(sizes)) and drawn.dtype == np.uint8
    assert (np.stack([(drawn == g).sum(axis=1) for g in range(n_groups)], 1) == sizes).all()
    groups = [str(g) for g in range(n_groups)]
    possible = {
        tuple(int(g) for g in a)
        for a in permutation.label_arrangements(sum(sizes), groups, list(sizes))
    }
    seen = Counter(map(tuple, drawn.tolist()))
    assert set(seen) == possible
    expected = n_draws / len(possible)
    assert max(abs(count - expected) for count in seen.values()) <= 5 * np.sqrt(expected)


def test_random_arrangements_depend_on_the_seed_not_on_the_chunk_size():
    whole = permutation.random_arrangements((5, 3, 4), 300, seed=8)
    assert (permutation.random_arrangements((5, 3, 4), 300, seed=8, chunk_cells=7) == whole).all()
    assert (permutation.random_arrangements((5, 3, 4), 300, seed=9) != whole).any()
    assert not permutation.random_arrangements((4,), 3, seed=1).any()  # one group: nothing to draw


@pytest.mark.parametrize("sizes", [(3, 1, 4, 1, 5, 9, 2, 6), tuple(range(1, 41))])
def test_arrangements_of_many_groups_are_those_of_one_partial_sort_per_boundary(sizes, monkeypatch):
    """Above PARTITIONED_MAX_GROUPS a row's keys are sorted once: the same arrangements."""
    assert len(sizes) > permutation.PARTITIONED_MAX_GROUPS
    sorted_once = permutation.random_arrangements(sizes, 500, seed=4, chunk_cells=3_000)
    monkeypatch.setattr(permutation, "PARTITIONED_MAX_GROUPS", 10**6)
    partitioned = permutation.random_arrangements(sizes, 500, seed=4, chunk_cells=3_000)
    assert sorted_once.dtype == partitioned.dtype and np.array_equal(sorted_once, partitioned)


def test_random_arrangements_take_no_longer_for_hundreds_of_groups():
    """An outlet comparison of 200 outlets took 9.2 CPU seconds at 1,000 articles: one partial
    sort per group boundary. 400 groups now take about the time of 8 (timing.cpu_seconds)."""

    def arranged(n_groups: int) -> float:
        sizes = [2_000 // n_groups] * n_groups
        permutation.random_arrangements(sizes, 20, seed=1)  # warm-up
        return cpu_seconds(lambda: permutation.random_arrangements(sizes, 1_000, seed=1))[0]

    few, many = arranged(8), arranged(400)
    assert many < 4 * max(few, 1e-3), f"400 groups took {many / few:.1f}x the time of 8"


def test_monte_carlo_draws_are_capped_for_many_documents_and_say_so():
    assert permutation.monte_carlo_draws(10_000, 900, permutation.MONTE_CARLO_LABELS) == 10_000
    assert permutation.monte_carlo_draws(10_000, 10_000, 20_000_000) == 2_000
    assert permutation.monte_carlo_draws(10_000, 10**6, 20_000_000) == permutation.MIN_PERMUTATIONS
    assert permutation.monte_carlo_draws(10_000, 10**6, None) == 10_000
    labels = ["a"] * 6 + ["b"] * 6
    values = np.arange(12.0)
    capped = permutation.permutation_test(
        values, labels, max_exact=0, n_resamples=5_000, max_labels=12 * 2_000
    )
    assert capped["n_permutations"] == permutation.MIN_PERMUTATIONS
    assert capped["min_p"] == 1 / (1 + permutation.MIN_PERMUTATIONS)
    exact = permutation.permutation_test(values, labels)
    error = np.sqrt(exact["p"] * (1 - exact["p"]) / 2_000)
    assert abs(capped["p"] - exact["p"]) <= 4 * error + 1 / 2_000


@pytest.mark.parametrize("n_groups", [2, 3])
def test_document_intervals_for_many_documents_agree_with_drawing_documents(monkeypatch, n_groups):
    nums, dens, doc_ids, labels = _many_documents(1500, n_groups, seed=10 + n_groups)
    scales = [1000.0, 1.0]
    monkeypatch.setattr(bootstrap, "EXACT_DOCUMENT_DRAWS", 10**12)
    drawn = bootstrap.bootstrap_cis(
        nums, dens, doc_ids, labels, level="document", scales=scales, n_boot=3000
    )
    monkeypatch.setattr(bootstrap, "EXACT_DOCUMENT_DRAWS", 0)
    normal = bootstrap.bootstrap_cis(
        nums, dens, doc_ids, labels, level="document", scales=scales, n_boot=3000
    )
    for (low, high), (n_low, n_high) in zip(drawn, normal):
        width = high - low
        assert width > 0
        assert abs(n_low - low) < 0.12 * width and abs(n_high - high) < 0.12 * width
