"""Small statistics for comparing groups of documents: keyness and uncertainty.

Keyness compares a word's count in one group (``a`` of ``n_a`` tokens) with its count in the
rest (``b`` of ``n_b`` tokens):

* :func:`g2` - Dunning's (1993) log-likelihood G² of the 2x2 table (significance of a difference);
* :func:`log_ratio` - Hardie's (2014) binary log ratio, log2 of the ratio of relative
  frequencies (an effect size; 1 = twice as frequent);
* :func:`log_odds_z` - Monroe, Colaresi & Quinn's (2008) log-odds ratio with an informative
  Dirichlet prior, divided by its standard error (the "Fightin' Words" z-score).

Uncertainty for a handful of documents: permutation tests over label arrangements, exact when
every arrangement can be enumerated and Monte Carlo otherwise (:func:`permutation_test`;
two-sided for two groups), Benjamini-Hochberg q-values over every test of a run
(:func:`benjamini_hochberg`), bootstrap confidence intervals that resample sentences within
documents or whole documents within groups (:func:`bootstrap_ci`), and leave-one-document-out
re-estimates (:func:`leave_one_out`). All functions are pure and take arrays; randomness comes
from a seeded ``numpy.random.Generator``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

ZERO_FREQUENCY = 0.5  # Hardie's (2014) adjustment for a zero count in the log ratio
MAX_EXACT_ARRANGEMENTS = 20_000
MONTE_CARLO_LABELS = 20_000_000
"""Most labels a Monte Carlo permutation test shuffles (random permutations x documents): above
it the permutations are fewer than asked (at least :data:`MIN_PERMUTATIONS`), so that a corpus
of 10,000 documents is tested in about a second; the table says how many were drawn."""
MIN_PERMUTATIONS = 2_000
EXACT_DOCUMENT_DRAWS = 4_000_000
"""Largest ``n_boot`` x documents resampled draw by draw in the document bootstrap; above it
the group means are drawn from their normal approximation (:func:`_normal_group_means`)."""


# --- keyness --------------------------------------------------------------------------------


def g2(a, b, n_a, n_b):
    """Dunning's log-likelihood G² = 2 Σ O ln(O/E) over the four cells of the 2x2 table
    (word / other words x group a / group b); empty cells contribute 0."""
    a, b, n_a, n_b = (np.asarray(x, dtype=float) for x in (a, b, n_a, n_b))
    observed = np.stack([a, b, n_a - a, n_b - b])
    total = n_a + n_b
    word_share = (a + b) / total
    expected = np.stack(
        [n_a * word_share, n_b * word_share, n_a * (1 - word_share), n_b * (1 - word_share)]
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        cells = np.where(observed > 0, observed * np.log(observed / expected), 0.0)
    return 2 * cells.sum(axis=0)


def log_ratio(a, b, n_a, n_b, zero: float = ZERO_FREQUENCY):
    """Hardie's binary log ratio log2((a/n_a) / (b/n_b)), a zero count replaced by ``zero``; NaN
    when a group has no words at all (a corpus with one group)."""
    a, b = (
        np.maximum(np.asarray(a, dtype=float), zero),
        np.maximum(np.asarray(b, dtype=float), zero),
    )
    n_a, n_b = np.asarray(n_a, dtype=float), np.asarray(n_b, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where((n_a > 0) & (n_b > 0), np.log2((a / n_a) / (b / n_b)), np.nan)[()]


def log_odds_z(a, b, n_a, n_b, prior, prior_total):
    """Monroe et al.'s z-score of the log-odds ratio with an informative Dirichlet prior.

    ``prior`` is the pseudo-count α_w of each word, ``prior_total`` α_0 = Σ α_w. The estimate
    is δ = log((a+α)/(n_a+α_0-a-α)) - log((b+α)/(n_b+α_0-b-α)), its variance ≈ 1/(a+α) + 1/(b+α);
    positive z means the word leans to group a.
    """
    a, b, n_a, n_b, prior = (np.asarray(x, dtype=float) for x in (a, b, n_a, n_b, prior))
    delta = np.log((a + prior) / (n_a + prior_total - a - prior)) - np.log(
        (b + prior) / (n_b + prior_total - b - prior)
    )
    return delta / np.sqrt(1 / (a + prior) + 1 / (b + prior))


# --- group statistics on document scores -------------------------------------------------------


def group_means(values, labels, groups: Sequence[str]) -> np.ndarray:
    """Mean of ``values`` per group, in the order of ``groups``."""
    values, labels = np.asarray(values, dtype=float), np.asarray(labels)
    return np.array([values[labels == g].mean() for g in groups])


def contrast(means, sizes) -> float:
    """The statistic compared across label arrangements.

    Two groups: the difference of means (first minus second). More groups: the between-group
    variance of means, Σ n_g (m_g - m)² / N, which is large whenever any group stands apart.
    """
    return float(contrasts(np.asarray(means, dtype=float)[None, :], sizes)[0])


def contrasts(means, sizes) -> np.ndarray:
    """:func:`contrast` of each row of ``means`` (rows x groups) with the same group ``sizes``
    (rows made contiguous, so that each row sums exactly as a lone row would)."""
    means, sizes = np.ascontiguousarray(means, dtype=float), np.asarray(sizes, dtype=float)
    if means.shape[1] == 2:
        return means[:, 0] - means[:, 1]
    grand = (means * sizes).sum(axis=1) / sizes.sum()
    return (sizes * (means - grand[:, None]) ** 2).sum(axis=1) / sizes.sum()


def labelled_statistic(values, labels, groups: Sequence[str]) -> float:
    """:func:`contrast` of the group means of ``values`` under ``labels``."""
    labels = np.asarray(labels)
    return contrast(group_means(values, labels, groups), [(labels == g).sum() for g in groups])


def count_arrangements(sizes: Sequence[int]) -> int:
    """Distinct ways to give ``sizes[g]`` items label g: the multinomial N! / Π n_g!."""
    return math.factorial(sum(sizes)) // math.prod(math.factorial(s) for s in sizes)


def label_arrangements(n: int, groups: Sequence[str], sizes: Sequence[int]):
    """Every distinct labelling of ``n`` items with ``sizes[g]`` items in group g (as arrays)."""

    def assign(free: tuple[int, ...], k: int):
        if k == len(groups) - 1:
            yield {i: groups[k] for i in free}
            return
        for chosen in itertools.combinations(free, sizes[k]):
            rest = tuple(i for i in free if i not in chosen)
            for tail in assign(rest, k + 1):
                yield {**{i: groups[k] for i in chosen}, **tail}

    for mapping in assign(tuple(range(n)), 0):
        yield np.array([mapping[i] for i in range(n)])


def _codes(labels, groups: Sequence[str]) -> np.ndarray:
    """Labels as indices into the sorted ``groups``."""
    return np.searchsorted(np.asarray(groups), np.asarray(labels))


def _group_sums(
    columns: np.ndarray, codes: np.ndarray, n_groups: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per row of ``codes`` (arrangements x documents) and row of ``columns`` (measures x
    documents): sums and NaN counts of each group (measures x arrangements x groups) and group
    sizes (arrangements x groups). Group membership is computed once for all measures."""
    missing = np.isnan(columns)
    finite = np.where(missing, 0.0, columns)
    sums, nans = (
        np.zeros((len(columns), codes.shape[0], n_groups)),
        np.zeros((len(columns), codes.shape[0], n_groups)),
    )
    sizes = np.zeros((codes.shape[0], n_groups))
    with_missing = np.flatnonzero(missing.any(axis=1))
    for g in range(n_groups):
        member = (codes == g).astype(float)
        sizes[:, g] = member.sum(axis=1)
        for c in range(
            len(columns)
        ):  # a product per measure, so its sums never depend on the others
            sums[c, :, g] = member @ finite[c]
        if len(with_missing):  # counts: exact in any order
            nans[with_missing, :, g] = (member @ missing[with_missing].T.astype(float)).T
    return sums, sizes, nans


def _contrasts(sums: np.ndarray, sizes: np.ndarray, nans: np.ndarray) -> np.ndarray:
    """:func:`contrast` of the group means for every row at once (NaN where a mean is NaN or a
    group is empty)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        means = np.where((nans > 0) | (sizes == 0), np.nan, sums / sizes)
    if means.shape[1] == 2:
        return means[:, 0] - means[:, 1]
    grand = (means * sizes).sum(axis=1) / sizes.sum(axis=1)
    return (sizes * (means - grand[:, None]) ** 2).sum(axis=1) / sizes.sum(axis=1)


def labelled_statistics(
    values, arrangements, groups: Sequence[str], chunk_cells: int = 2_000_000
) -> np.ndarray:
    """:func:`labelled_statistic` for every row of ``arrangements`` (rows of group indices),
    vectorised in chunks (of about ``chunk_cells`` labels: one group's membership matrix of a
    chunk takes 8 bytes a label) so that large corpora need bounded memory."""
    return column_statistics(
        np.asarray(values, dtype=float)[None, :], arrangements, groups, chunk_cells
    )[0]


def column_statistics(
    columns, arrangements, groups: Sequence[str], chunk_cells: int = 2_000_000
) -> np.ndarray:
    """:func:`labelled_statistics` of each row of ``columns`` (measures x documents), as
    measures x arrangements."""
    columns, arrangements = np.asarray(columns, dtype=float), np.atleast_2d(arrangements)
    step = max(1, chunk_cells // max(1, arrangements.shape[1]))
    parts = []
    for i in range(0, len(arrangements), step):
        sums, sizes, nans = _group_sums(columns, arrangements[i : i + step], len(groups))
        parts.append(np.stack([_contrasts(sums[c], sizes, nans[c]) for c in range(len(columns))]))
    return np.concatenate(parts, axis=1) if parts else np.empty((len(columns), 0))


def permutation_test(
    values,
    labels,
    *,
    max_exact: int = MAX_EXACT_ARRANGEMENTS,
    n_resamples: int = 10_000,
    seed: int = 0,
    max_labels: int | None = MONTE_CARLO_LABELS,
) -> dict:
    """Permutation p-value of :func:`labelled_statistic` for document scores ``values``.

    Enumerates all N!/Π n_g! label arrangements when there are at most ``max_exact`` of them;
    otherwise draws ``n_resamples`` seeded random permutations (fewer, but at least
    :data:`MIN_PERMUTATIONS`, when they would shuffle more than ``max_labels`` labels; None:
    no limit) and uses (1 + hits) / (1 + draws).
    Two groups: two-sided (|difference| at least as large as observed); more groups: the
    between-group variance at least as large (its upper tail, which any group standing apart
    reaches). The smallest attainable p-value (``min_p``) is 1 / n_arrangements when exact and
    1 / (1 + draws) otherwise; ``n_permutations`` is the number of arrangements the p-value is
    computed over (all of them when exact).
    """
    return permutation_tests(
        np.asarray(values, dtype=float)[None, :],
        labels,
        max_exact=max_exact,
        n_resamples=n_resamples,
        seed=seed,
        max_labels=max_labels,
    )[0]


def monte_carlo_draws(n_resamples: int, n_documents: int, max_labels: int | None) -> int:
    """How many random permutations a Monte Carlo test of ``n_documents`` draws."""
    if max_labels is None or n_resamples * n_documents <= max_labels:
        return n_resamples
    return min(n_resamples, max(MIN_PERMUTATIONS, max_labels // max(1, n_documents)))


def permutation_tests(
    columns,
    labels,
    *,
    max_exact: int = MAX_EXACT_ARRANGEMENTS,
    n_resamples: int = 10_000,
    seed: int = 0,
    max_labels: int | None = MONTE_CARLO_LABELS,
) -> list[dict]:
    """:func:`permutation_test` of each row of ``columns`` (measures x documents) under the same
    ``labels``: the arrangements or random permutations are made once for all measures."""
    columns, labels = np.asarray(columns, dtype=float), np.asarray(labels)
    groups = sorted(set(labels.tolist()))
    codes = _codes(labels, groups)
    sizes = [int((labels == g).sum()) for g in groups]
    observed = column_statistics(columns, codes[None, :], groups)[:, 0]
    n_arrangements = count_arrangements(sizes)
    exact = n_arrangements <= max_exact
    if exact:
        arrangements = np.array(
            [_codes(arr, groups) for arr in label_arrangements(len(codes), groups, sizes)]
        )
    else:  # the permutation drawn does not depend on the dtype, so the smallest one saves memory
        n_resamples = monte_carlo_draws(n_resamples, len(codes), max_labels)
        small = codes.astype(np.min_scalar_type(len(groups)))
        arrangements = np.random.default_rng(seed).permuted(
            np.tile(small, (n_resamples, 1)), axis=1
        )
    results = []
    for value, statistics in zip(
        observed.tolist(), column_statistics(columns, arrangements, groups)
    ):
        extreme = np.abs(statistics) >= abs(value) - 1e-12 * max(1.0, abs(value))
        p = float(extreme.mean()) if exact else (1 + int(extreme.sum())) / (1 + n_resamples)
        results.append(
            {
                "observed": value,
                "p": p,
                "n_arrangements": n_arrangements,
                "exact": exact,
                "n_permutations": n_arrangements if exact else n_resamples,
                "min_p": 1 / n_arrangements if exact else 1 / (1 + n_resamples),
            }
        )
    return results


def benjamini_hochberg(p_values) -> np.ndarray:
    """Benjamini & Hochberg's (1995) adjusted p-values (q-values) of a family of tests: for the
    i-th smallest of m p-values, min over j >= i of m·p_(j)/j (never above 1, since j = m gives
    the largest p itself). NaN p-values are left out of the family and stay NaN."""
    p = np.asarray(p_values, dtype=float)
    q = np.full(p.shape, np.nan)
    tested = np.flatnonzero(np.isfinite(p))
    if len(tested) == 0:
        return q
    order = tested[np.argsort(p[tested], kind="stable")]
    ranked = p[order] * len(order) / np.arange(1, len(order) + 1)
    q[order] = np.minimum.accumulate(ranked[::-1])[::-1]
    return q


# --- bootstrap and leave-one-out ---------------------------------------------------------------


def _ratio_scores(numerators, denominators, scale):
    """Document scores scale·Σnum/Σden, NaN where the denominator is 0 (``scale``: a number, or
    one per row broadcast against the sums)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denominators > 0, scale * numerators / denominators, np.nan)


def document_scores(num, den, doc_ids, docs: Sequence, scale: float = 1.0) -> np.ndarray:
    """Per-document score scale·Σnum/Σden from sentence rows (e.g. hits per 1,000 tokens)."""
    return document_score_columns(
        np.asarray(num, dtype=float)[:, None],
        np.asarray(den, dtype=float)[:, None],
        doc_ids,
        docs,
        [scale],
    )[0]


def document_score_columns(
    nums, dens, doc_ids, docs: Sequence, scales: Sequence[float]
) -> np.ndarray:
    """:func:`document_scores` of each column of ``nums`` and ``dens`` (sentence rows x measures)
    as measures x ``docs``, the rows grouped once for all (pandas' grouped sums, each column on
    its own: the same sums as one measure at a time)."""
    nums, dens = np.asarray(nums, dtype=float), np.asarray(dens, dtype=float)
    sums = pd.DataFrame(np.concatenate([nums, dens], axis=1)).groupby(np.asarray(doc_ids)).sum()
    sums = sums.reindex(list(docs), fill_value=0.0).to_numpy().T
    k = nums.shape[1]
    return _ratio_scores(sums[:k], sums[k:], np.asarray(scales, dtype=float)[:, None])


def bootstrap_ci(
    num,
    den,
    doc_ids,
    doc_labels: dict,
    *,
    level: str = "document",
    scale: float = 1.0,
    n_boot: int = 2000,
    seed: int = 0,
    alpha: float = 0.05,
) -> tuple[float, float]:
    """Percentile bootstrap interval of :func:`contrast` over per-document scores.

    ``level="sentence"`` resamples sentences within each document and keeps the documents
    fixed: it shows how much a score depends on which sentences a text happens to contain,
    and is too narrow for claims about sources, because sentences of one text are not
    independent. ``level="document"`` (cluster bootstrap, Efron 1979 applied to documents)
    resamples whole documents within each group, the honest unit when the question is about
    outlets or camps; with one or two documents per group it can take only a few values.
    """
    return bootstrap_cis(
        np.asarray(num, dtype=float)[:, None],
        np.asarray(den, dtype=float)[:, None],
        doc_ids,
        doc_labels,
        level=level,
        scales=[scale],
        n_boot=n_boot,
        seed=seed,
        alpha=alpha,
    )[0]


def bootstrap_cis(
    nums,
    dens,
    doc_ids,
    doc_labels: dict,
    *,
    level: str = "document",
    scales: Sequence[float],
    n_boot: int = 2000,
    seed: int = 0,
    alpha: float = 0.05,
) -> list[tuple[float, float]]:
    """:func:`bootstrap_ci` of each column of ``nums`` and ``dens`` (sentence rows x measures,
    with ``scales`` per measure): the resamples are drawn once and serve every measure."""
    nums, dens, doc_ids = (
        np.asarray(nums, dtype=float),
        np.asarray(dens, dtype=float),
        np.asarray(doc_ids),
    )
    docs = sorted(doc_labels)
    groups = sorted(set(doc_labels.values()))
    sizes = [sum(1 for d in docs if doc_labels[d] == g) for g in groups]
    scales = np.asarray(scales, dtype=float)
    if level == "sentence":
        means = _sentence_bootstrap_means(
            nums, dens, doc_ids, doc_labels, groups, scales, n_boot, seed
        )
    elif level == "document":
        means = _document_bootstrap_means(
            nums, dens, doc_ids, doc_labels, groups, scales, n_boot, seed
        )
    else:
        raise ValueError(f"level must be 'sentence' or 'document', not {level!r}")
    intervals = []
    for column in means:  # measures x groups x resamples
        low, high = np.nanquantile(contrasts(column.T, sizes), [alpha / 2, 1 - alpha / 2])
        intervals.append((float(low), float(high)))
    return intervals


def _document_bootstrap_means(
    nums, dens, doc_ids, doc_labels, groups, scales, n_boot, seed, chunk_cells: int = 2_000_000
) -> np.ndarray:
    """Group means of document scores over resamples of whole documents within each group
    (measures x groups x resamples). Each resample's draws become counts of each document
    (a resamples x documents matrix), and a group's means of a measure are one product of
    those counts with the documents' scores (NaN scores left out, as ``np.nanmean`` does; a
    product per measure, so its sums never depend on the others), drawn in chunks of about
    ``chunk_cells`` draws from one seeded stream. The resamples are those of averaging the
    drawn scores in drawing order; the sums differ from that only in rounding."""
    rng = np.random.default_rng(seed)
    docs = sorted(doc_labels)
    observed = document_score_columns(nums, dens, doc_ids, docs, scales)
    if n_boot * len(docs) > EXACT_DOCUMENT_DRAWS:
        return _normal_group_means(observed, [doc_labels[d] for d in docs], groups, n_boot, rng)
    means = np.empty((len(scales), len(groups), n_boot))
    for g, group in enumerate(groups):
        members = observed[:, [doc_labels[d] == group for d in docs]]
        finite = np.where(np.isnan(members), 0.0, members)
        present = (~np.isnan(members)).astype(float)
        k = members.shape[1]
        step = max(1, chunk_cells // max(1, k))
        for start in range(0, n_boot, step):
            rows = min(step, n_boot - start)
            picks = rng.integers(0, k, size=(rows, k))
            picks += np.arange(0, rows * k, k)[:, None]  # a number per resample and document
            counts = np.bincount(picks.ravel(), minlength=rows * k).reshape(rows, k).astype(float)
            for c in range(len(scales)):
                with np.errstate(divide="ignore", invalid="ignore"):
                    means[c, g, start : start + rows] = counts @ finite[c] / (counts @ present[c])
    return means


def _normal_group_means(observed, labels, groups, n_boot, rng) -> np.ndarray:
    """Group means over resamples of whole documents within each group (measures x groups x
    resamples) for many documents: the mean of k documents drawn with replacement from a
    group is taken as normal, centred on the group's mean score with variance (mean squared
    deviation of its scores) / k, NaN scores left out. Tested against drawing documents."""
    labels = np.asarray(labels)
    normal = rng.standard_normal((len(groups), observed.shape[0], n_boot))
    means = np.empty((observed.shape[0], len(groups), n_boot))
    for g, group in enumerate(groups):
        members = observed[:, labels == group]
        finite = np.isfinite(members)
        count = finite.sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            centre = np.where(finite, members, 0.0).sum(axis=1) / count
            squares = (np.where(finite, members - centre[:, None], 0.0) ** 2).sum(axis=1)
            spread = np.sqrt(squares / count / count)  # standard error of a resampled mean
        means[:, g] = centre[:, None] + spread[:, None] * normal[g]
    return means


def _is_count(values: np.ndarray) -> bool:
    """Whether every resample sum of ``values`` is exact in any order: non-negative whole
    numbers (no -0.0) too small for a sum of ``len(values)`` of them to reach 2**53."""
    return bool(
        np.all((values >= 0) & (values == np.floor(values)) & ~np.signbit(values))
        and values.max(initial=0) * len(values) < 2**53
    )


EXACT_SENTENCE_DRAWS = 4_000_000
"""Largest ``n_boot`` x sentences resampled draw by draw everywhere (about a quarter of a second);
above it only the documents of :data:`UNSTABLE_DENOMINATOR` are (:func:`_moment_means`)."""
UNSTABLE_DENOMINATOR = 0.3
"""Coefficient of variation of a document's resampled denominator above which the normal
approximation of its score's resampling distribution is not trusted."""


def _sentence_bootstrap_means(
    nums, dens, doc_ids, doc_labels, groups, scales, n_boot, seed
) -> np.ndarray:
    """Group means of document scores over resamples of sentences within each document
    (measures x groups x resamples): drawn sentence by sentence (:func:`_resampled_totals`)
    while that takes at most :data:`EXACT_SENTENCE_DRAWS` draws, else from each document's
    moments (:func:`_moment_means`)."""
    if n_boot * len(doc_ids) <= EXACT_SENTENCE_DRAWS:
        totals, present = _resampled_totals(
            nums, dens, doc_ids, doc_labels, groups, scales, n_boot, np.random.default_rng(seed)
        )
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.transpose(totals / present, (2, 0, 1))
    return _moment_means(nums, dens, doc_ids, doc_labels, groups, scales, n_boot, seed)


def _resampled_totals(nums, dens, doc_ids, doc_labels, groups, scales, n_boot, rng):
    """Sums and counts of finite document scores per group over resamples of sentences within
    each document (groups x resamples x measures, twice), documents in sorted order drawing
    from ``rng``.

    A resample's sums are the resampled rows' values summed in drawing order; for count
    columns (:func:`_is_count`) they are computed as draw counts times values instead, which is
    exact in any order. Identical columns (such as the token counts of every rate) are summed
    once. Group sums accumulate document by document, in the order and with the arithmetic of
    ``np.nanmean`` over the stacked documents (which, for two or more resamples, adds the
    documents' rows one after another), so no documents x resamples array is ever held.
    """
    docs = sorted(doc_labels)
    group_of = {g: i for i, g in enumerate(groups)}
    data, column_of = _distinct_columns(np.concatenate([nums, dens], axis=1))
    counted = np.array([_is_count(column) for column in data.T], dtype=bool)
    rows_of = pd.Series(np.arange(len(doc_ids))).groupby(doc_ids).agg(list).to_dict()
    totals = np.zeros((len(groups), n_boot, len(scales)))
    present = np.zeros((len(groups), n_boot, len(scales)), dtype=np.intp)
    started = [False] * len(groups)
    for d in docs:
        rows = np.asarray(rows_of.get(d, []), dtype=int)
        draws = (
            rng.integers(0, len(rows), size=(n_boot, len(rows)))
            if len(rows)
            else np.empty((n_boot, 0), int)
        )
        sums = _resample_sums(data[rows], draws, counted)[:, column_of]
        scores = _ratio_scores(sums[:, : len(scales)], sums[:, len(scales) :], scales)
        g = group_of[doc_labels[d]]
        finite = np.where(np.isnan(scores), 0.0, scores)
        totals[g] = totals[g] + finite if started[g] else finite
        present[g] += ~np.isnan(scores)
        started[g] = True
    return totals, present


def document_moments(nums, dens, doc_ids, docs: Sequence, scales) -> dict[str, np.ndarray]:
    """What resampling a document's sentences implies for its score scale·ΣN/ΣD (measures x
    ``docs``): ``mean`` and ``var``, by the second-order delta method from the document's
    sums and sums of squares and products (its sufficient statistics: with m sentences, the
    resampled sums have variances and covariance Σ(x - x̄)(y - ȳ)), and ``cv``, the
    coefficient of variation of the resampled denominator, which says how far to trust them.
    NaN where the denominator is 0."""
    codes = pd.Index(list(docs)).get_indexer(np.asarray(doc_ids))
    kept = codes >= 0
    codes = codes[kept]
    nums, dens = np.asarray(nums, dtype=float)[kept], np.asarray(dens, dtype=float)[kept]

    def sums(values):  # documents' sums of each column, as measures x documents
        return np.stack(
            [np.bincount(codes, weights=column, minlength=len(docs)) for column in values.T]
        )

    m = np.maximum(np.bincount(codes, minlength=len(docs)), 1).astype(float)
    n, d = sums(nums), sums(dens)
    cxx = sums(nums * nums) - n * n / m
    cyy = sums(dens * dens) - d * d / m
    cxy = sums(nums * dens) - n * d / m
    scales = np.asarray(scales, dtype=float)[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(d > 0, n / d, np.nan)
        return {
            "mean": scales * (ratio + n * cyy / d**3 - cxy / d**2),
            "var": scales**2 * np.maximum(cxx - 2 * ratio * cxy + ratio**2 * cyy, 0.0) / d**2,
            "cv": np.sqrt(np.maximum(cyy, 0.0)) / d,
        }


def _moment_means(nums, dens, doc_ids, doc_labels, groups, scales, n_boot, seed) -> np.ndarray:
    """Group means of document scores over resamples of sentences within each document
    (measures x groups x resamples), without drawing every sentence.

    A group mean is a sum of independent document scores, so its resampling distribution is
    taken as normal with the sum of the documents' :func:`document_moments` means and
    variances (one standard normal draw per group, measure and resample). A document whose
    resampled denominator varies too much for that (:data:`UNSTABLE_DENOMINATOR`: few
    sentences or most of them without the measure's tokens; its score's distribution is
    skewed) is resampled draw by draw (:func:`_resampled_totals`) and added to every
    resample. Tested against resampling every document (``test_stats``)."""
    docs = sorted(doc_labels)
    moments = document_moments(nums, dens, doc_ids, docs, scales)
    unstable = np.nan_to_num(moments["cv"], nan=np.inf).max(axis=0) > UNSTABLE_DENOMINATOR
    rng = np.random.default_rng(seed)
    exact = {d: doc_labels[d] for d, flag in zip(docs, unstable) if flag}
    rows = np.isin(np.asarray(doc_ids), list(exact))
    totals, present = _resampled_totals(
        nums[rows], dens[rows], np.asarray(doc_ids)[rows], exact, groups, scales, n_boot, rng
    )
    labels = np.array([doc_labels[d] for d in docs])
    normal = rng.standard_normal((len(groups), n_boot, len(scales)))
    for g, group in enumerate(groups):
        member = ~unstable & (labels == group)
        mean, var = moments["mean"][:, member], moments["var"][:, member]
        finite = np.isfinite(mean)
        spread = np.sqrt(np.where(finite, var, 0).sum(axis=1))
        totals[g] += np.where(finite, mean, 0).sum(axis=1) + spread * normal[g]
        present[g] += finite.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.transpose(totals / present, (2, 0, 1))


def _distinct_columns(data: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct columns of ``data`` (first occurrences, in order) and, for each column, the
    number of its distinct column."""
    first: dict[bytes, int] = {}
    column_of = np.array(
        [first.setdefault(column.tobytes(), len(first)) for column in data.T], dtype=int
    )
    return data[:, np.unique(column_of, return_index=True)[1]], column_of


def _resample_sums(values: np.ndarray, draws: np.ndarray, counted: np.ndarray) -> np.ndarray:
    """Column sums of ``values`` (rows x columns) over each resample (row of ``draws``)."""
    sums = np.empty((draws.shape[0], values.shape[1]))
    n = values.shape[0]
    tally = np.bincount(
        (np.arange(draws.shape[0])[:, None] * n + draws).ravel(), minlength=draws.shape[0] * n
    )
    tally = tally.reshape(draws.shape[0], n).astype(float)  # times each row is drawn, per resample
    # Count columns in one product: their sums are whole numbers below 2**53, exact in any order.
    sums[:, counted] = tally @ values[:, counted]
    for c in np.flatnonzero(~counted).tolist():
        sums[:, c] = values[:, c][draws].sum(axis=1)
    return sums


def _leave_one_out_sums(values, labels):
    """Group sums, sizes and NaN counts with each document dropped in turn (one row per drop)."""
    values, labels = np.asarray(values, dtype=float), np.asarray(labels)
    groups = sorted(set(labels.tolist()))
    codes = _codes(labels, groups)
    sums, sizes, nans = _group_sums(values[None, :], codes[None, :], len(groups))
    sums, sizes, nans = sums[0, 0], sizes[0], nans[0, 0]
    own = np.eye(len(groups))[codes]  # documents x groups: 1 in the document's own group
    finite = np.where(np.isnan(values), 0.0, values)
    return groups, sums - own * finite[:, None], sizes - own, nans - own * np.isnan(values)[:, None]


def leave_one_out(values, labels) -> np.ndarray:
    """:func:`labelled_statistic` recomputed with each document dropped (NaN if a group empties).

    Groups are those of the full data, so the statistic keeps its meaning in every re-run.
    """
    if len(values) == 0:
        return np.empty(0)
    _, sums, sizes, nans = _leave_one_out_sums(values, labels)
    return _contrasts(sums, sizes, nans)


def leader_stable(values, labels) -> bool:
    """True if the group with the highest mean stays the highest whenever one document is dropped
    (with two groups: the sign of the difference holds)."""
    values, labels = np.asarray(values, dtype=float), np.asarray(labels)
    groups = sorted(set(labels.tolist()))
    leader = int(np.argmax(group_means(values, labels, groups)))
    _, sums, sizes, nans = _leave_one_out_sums(values, labels)
    with np.errstate(divide="ignore", invalid="ignore"):
        means = np.where(nans > 0, np.nan, sums / sizes)
    kept = (sizes > 0).all(axis=1)
    return bool((np.argmax(means[kept], axis=1) == leader).all()) if kept.any() else True
