"""Per-document ratio scores and bootstrap confidence intervals for group contrasts, resampling
sentences within documents or whole documents within groups; randomness comes from a seeded
``numpy.random.Generator``."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .stats import contrasts, group_sizes

EXACT_DOCUMENT_DRAWS = 4_000_000
"""Largest ``n_boot`` x documents resampled draw by draw in the document bootstrap; above it
the group means are drawn from their normal approximation (:func:`_normal_group_means`)."""


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
    columns = pd.DataFrame(np.concatenate([nums, dens], axis=1), copy=False)  # no second copy
    sums = columns.groupby(np.asarray(doc_ids)).sum()
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
    sizes = group_sizes([doc_labels[d] for d in docs], groups)
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
    labels = np.array([doc_labels[d] for d in docs])
    for g, group in enumerate(groups):
        members = observed[:, labels == group]
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
    means = np.empty((observed.shape[0], len(groups), n_boot))
    for g, group in enumerate(groups):
        normal = rng.standard_normal((observed.shape[0], n_boot))  # the stream's g-th block
        members = observed[:, labels == group]
        finite = np.isfinite(members)
        count = finite.sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            centre = np.where(finite, members, 0.0).sum(axis=1) / count
            squares = (np.where(finite, members - centre[:, None], 0.0) ** 2).sum(axis=1)
            spread = np.sqrt(squares / count / count)  # standard error of a resampled mean
        means[:, g] = centre[:, None] + spread[:, None] * normal
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
            return np.transpose(np.divide(totals, present, out=totals), (2, 0, 1))
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
    present = np.zeros((len(groups), n_boot, len(scales)), dtype=np.int32)  # documents
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
    for g, group in enumerate(groups):
        normal = rng.standard_normal((n_boot, len(scales)))  # the stream's g-th block
        member = ~unstable & (labels == group)
        mean, var = moments["mean"][:, member], moments["var"][:, member]
        finite = np.isfinite(mean)
        spread = np.sqrt(np.where(finite, var, 0).sum(axis=1))
        totals[g] += np.where(finite, mean, 0).sum(axis=1) + spread * normal
        present[g] += finite.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.transpose(np.divide(totals, present, out=totals), (2, 0, 1))


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
