"""Uncertainty of the group comparisons: permutation tests, bootstrap intervals and
leave-one-out ranges of each finding (statistics in :mod:`newsframes.framing.stats`).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from . import bootstrap, permutation, stats
from .groups import comparison_groups, relay_groups
from .leads import AUTHORIAL
from .measures import PER_TOKENS, sentiment_validated

BOOTSTRAP_DRAWS = 2000
SEED = 20220112
UNCERTAINTY_COLUMNS = [
    "comparison",
    "finding",
    "statistic",
    "alternative",
    "groups",
    "group_means",
    "observed",
    "p_value",
    "q_value",
    "exact",
    "n_arrangements",
    "n_permutations",
    "min_p",
    "ci_low",
    "ci_high",
    "sent_ci_low",
    "sent_ci_high",
    "loo_min",
    "loo_max",
    "loo_sign_stable",
]
MIN_BOOTSTRAP_DOCUMENTS = 3  # a group of two documents has three distinct resamples: no interval
# --- uncertainty ------------------------------------------------------------------------------

SENTIMENT_FINDINGS = {
    False: "mean sentence sentiment (VADER compound), authorial sentences",
    True: "mean sentence sentiment (VADER compound), sentences with quoted speech",
}


def sentence_measures(
    sentences: pd.DataFrame,
    evidence: pd.DataFrame,
    frames: pd.DataFrame,
    hedge_evidence: pd.DataFrame,
    sentiment: pd.DataFrame,
) -> pd.DataFrame:
    """Sentence-level numerators and denominators of each headline finding (long format:
    finding, doc_id, sent_id, num, den, scale); a document's score is scale·Σnum/Σden.

    Frames count every hit per 1,000 tokens; hedges, attribution markers and reporting verbs
    only the outlet's own (authorial) hits per 1,000 tokens outside quotations (``sentences``
    carry ``quoted_tokens``); sentiment, when VADER passes validation, is the mean over authorial
    sentences and, apart, over sentences with quoted speech (``sentiment``'s ``quoted``).
    Evidence of measures that fail validation is left out by the caller. ``doc_id`` and
    ``finding`` are categorical (sorted categories): the strings are hashed once."""
    base = sentences[["doc_id", "sent_id", "tokens"]]
    authorial_base = base.assign(tokens=sentences["tokens"] - sentences["quoted_tokens"])
    parts = []
    for key, label in zip(frames["frame"], frames["label"]):
        hits = (
            evidence[evidence["frame"] == key].groupby(["doc_id", "sent_id"]).size().rename("num")
        )
        parts.append((f"frame per 1k: {label}", base.join(hits, on=["doc_id", "sent_id"])))
    own = hedge_evidence[hedge_evidence["voice"] == AUTHORIAL]
    for kind in sorted(hedge_evidence["kind"].unique()):
        hits = own[own["kind"] == kind].groupby(["doc_id", "sent_id"]).size().rename("num")
        counted = authorial_base.join(hits, on=["doc_id", "sent_id"])
        parts.append((f"{kind} per 1k, authorial text", counted))
    parts = [
        (
            finding,
            part.rename(columns={"tokens": "den"}).fillna({"num": 0}).assign(scale=PER_TOKENS),
        )
        for finding, part in parts
    ]
    for quoted, finding in SENTIMENT_FINDINGS.items() if sentiment_validated() else ():
        rows = sentiment[sentiment["quoted"] == quoted]
        rows = rows[["doc_id", "sent_id", "compound"]].rename(columns={"compound": "num"})
        parts.append((finding, rows.assign(den=1, scale=1)))
    return _categorical_measures(parts, base["doc_id"])


def _categorical_measures(parts: list[tuple[str, pd.DataFrame]], base_ids: pd.Series):
    """The ``parts`` (finding, rows) one after another, ``finding`` and ``doc_id`` as
    categories in sorted order; the document ids of parts in the row order of ``base_ids``
    (every frame and hedge measure) are coded once for all of them."""
    columns = ["finding", "doc_id", "sent_id", "num", "den", "scale"]
    if not parts:
        return pd.DataFrame(columns=columns)
    names = sorted({finding for finding, _ in parts})
    own_ids = [None if part["doc_id"].equals(base_ids) else part["doc_id"] for _, part in parts]
    others = [set(ids.tolist()) for ids in own_ids if ids is not None]
    doc_ids = sorted(set(base_ids.tolist()).union(*others))
    base_codes = pd.Categorical(base_ids, categories=doc_ids).codes
    doc_codes = [
        base_codes if ids is None else pd.Categorical(ids, categories=doc_ids).codes
        for ids in own_ids
    ]
    finding_codes = np.repeat([names.index(f) for f, _ in parts], [len(p) for _, p in parts])
    measures = pd.concat([part.drop(columns="doc_id") for _, part in parts], ignore_index=True)
    return measures.assign(
        finding=pd.Categorical.from_codes(finding_codes, categories=names),
        doc_id=pd.Categorical.from_codes(np.concatenate(doc_codes), categories=doc_ids),
    )[columns]


def _statistic_name(groups: list[str]) -> str:
    if len(groups) == 2:
        return f"difference of document means: {groups[0]} − {groups[1]}"
    return "between-group variance of document means"


def _alternative(groups: list[str]) -> str:
    """Which permutation outcomes count as extreme (see :func:`permutation.permutation_test`): a
    difference of two means in either direction, a between-group variance only when large."""
    return "two-sided" if len(groups) == 2 else "one-sided"


class FindingRows(NamedTuple):
    """One finding's measure rows (``num``, ``den`` and ``code``, the document's rank among all
    documents' ids, so code order is id order: only what the resampling reads), its scale, the
    codes of the documents it has rows for (sorted) and every document's score by code (NaN
    without rows or with a zero denominator)."""

    finding: str
    scale: float
    rows: pd.DataFrame
    present: np.ndarray
    scores: np.ndarray


def finding_rows(measures: pd.DataFrame) -> tuple[np.ndarray, list[FindingRows]]:
    """The documents' ids (sorted) and each finding's :class:`FindingRows` (sorted by name):
    what every comparison of the same measures shares."""
    codes, doc_ids = pd.factorize(measures["doc_id"], sort=True)
    every_document = np.arange(len(doc_ids))
    findings = []
    for finding, index in measures.groupby("finding", sort=True, observed=True).indices.items():
        part = measures[["num", "den"]].iloc[index].assign(code=codes[index])
        scale = float(measures["scale"].iat[index[0]])
        scores = bootstrap.document_scores(
            part["num"], part["den"], part["code"], every_document, scale
        )
        findings.append(FindingRows(finding, scale, part, np.unique(codes[index]), scores))
    return np.asarray(doc_ids, dtype=object), findings


def _finding_inputs(
    doc_ids: np.ndarray, findings: list[FindingRows], labels: pd.Series
) -> list[dict]:
    """Per finding with two or more groups among ``labels``: its scale, the labelled documents
    with a finite score (sorted codes), their scores and labels, and those documents' rows."""
    labelled = pd.Index(doc_ids).isin(labels.index)
    inputs = []
    for item in findings:
        docs = item.present[labelled[item.present]]
        scores = item.scores[docs]
        valid = docs[np.isfinite(scores)]
        is_valid = np.zeros(len(doc_ids), dtype=bool)
        is_valid[valid] = True
        doc_labels = labels[doc_ids[valid]].to_numpy()
        if len(set(doc_labels)) >= 2:
            inputs.append(
                {
                    "finding": item.finding,
                    "scale": item.scale,
                    "valid": valid.tolist(),
                    "labels": doc_labels,
                    "scores": scores[np.isfinite(scores)],
                    "rows": item.rows[is_valid[item.rows["code"].to_numpy()]],
                }
            )
    return inputs


def _batches(inputs: list[dict]) -> list[list[dict]]:
    """Findings sharing their documents and the documents' measure rows: the same label
    arrangements and resamples serve all of them."""
    batches: dict[tuple, list[dict]] = {}
    for item in inputs:
        rows = item["rows"]["code"].to_numpy()
        batches.setdefault((tuple(item["valid"]), rows.tobytes()), []).append(item)
    return list(batches.values())


def _bootstrap_levels(labels: np.ndarray) -> tuple[str, ...]:
    """The bootstraps worth running: resampling sentences within documents always; resampling
    documents within groups only when every group has ``MIN_BOOTSTRAP_DOCUMENTS`` or more."""
    smallest = min(stats.group_sizes(labels, sorted(set(labels.tolist()))))
    return ("document", "sentence") if smallest >= MIN_BOOTSTRAP_DOCUMENTS else ("sentence",)


def _batch_tests(batch: list[dict], n_boot: int, seed: int) -> list[tuple[dict, dict]]:
    """Permutation test and bootstrap intervals (by level; NaN for a level not run, see
    :func:`_bootstrap_levels`) of each finding of a batch."""
    first = batch[0]
    tests = permutation.permutation_tests(
        np.stack([item["scores"] for item in batch]), first["labels"], seed=seed
    )
    nums = np.column_stack([item["rows"]["num"].to_numpy(dtype=float) for item in batch])
    dens = np.column_stack([item["rows"]["den"].to_numpy(dtype=float) for item in batch])
    label_map = dict(zip(first["valid"], first["labels"]))
    not_run = [(np.nan, np.nan)] * len(batch)
    ci = {
        level: bootstrap.bootstrap_cis(
            nums,
            dens,
            first["rows"]["code"],
            label_map,
            level=level,
            scales=[item["scale"] for item in batch],
            n_boot=n_boot,
            seed=seed,
        )
        if level in _bootstrap_levels(first["labels"])
        else not_run
        for level in ("document", "sentence")
    }
    return [(test, {level: ci[level][i] for level in ci}) for i, test in enumerate(tests)]


def compare_groups(
    measures: pd.DataFrame,
    labels: pd.Series,
    comparison: str,
    n_boot: int = BOOTSTRAP_DRAWS,
    seed: int = SEED,
    shared: tuple[np.ndarray, list[FindingRows]] | None = None,
) -> pd.DataFrame:
    """For each finding: observed contrast of per-document scores between groups, its exact
    (or Monte Carlo) permutation p-value with the number of arrangements, the number evaluated
    and the smallest attainable p, document (cluster) and sentence bootstrap intervals, and
    leave-one-document-out range and stability; ``q_value`` is left empty for
    :func:`uncertainty_table`, which adjusts over every test of the run. Every finding uses the
    same seed, so findings over the same documents and sentences are tested together
    (:func:`_batches`). ``shared``: :func:`finding_rows` of ``measures``, when already made."""
    inputs = _finding_inputs(*(shared or finding_rows(measures)), labels)
    results = {}
    for batch in _batches(inputs):
        results.update(zip((item["finding"] for item in batch), _batch_tests(batch, n_boot, seed)))
    rows = []
    for item in inputs:
        test, ci = results[item["finding"]]
        doc_scores, doc_labels = item["scores"], item["labels"]
        groups = sorted(set(doc_labels))
        loo = stats.leave_one_out(doc_scores, doc_labels)
        any_loo = np.isfinite(loo).any()
        means = stats.group_means(doc_scores, doc_labels, groups)
        sizes = stats.group_sizes(doc_labels, groups)
        rows.append(
            {
                "comparison": comparison,
                "finding": item["finding"],
                "statistic": _statistic_name(groups),
                "alternative": _alternative(groups),
                "groups": " | ".join(f"{g} (n={n})" for g, n in zip(groups, sizes)),
                "group_means": " | ".join(f"{g}: {m:.3g}" for g, m in zip(groups, means)),
                "observed": test["observed"],
                "p_value": test["p"],
                "q_value": np.nan,
                "exact": test["exact"],
                "n_arrangements": test["n_arrangements"],
                "n_permutations": test["n_permutations"],
                "min_p": test["min_p"],
                "ci_low": ci["document"][0],
                "ci_high": ci["document"][1],
                "sent_ci_low": ci["sentence"][0],
                "sent_ci_high": ci["sentence"][1],
                "loo_min": float(np.nanmin(loo)) if any_loo else np.nan,
                "loo_max": float(np.nanmax(loo)) if any_loo else np.nan,
                "loo_sign_stable": stats.leader_stable(doc_scores, doc_labels)
                if any_loo
                else pd.NA,
            }
        )
    return pd.DataFrame(rows, columns=UNCERTAINTY_COLUMNS)


STAGE_COMPARISON = "stage"


def stage_labels(documents: pd.DataFrame) -> pd.Series:
    """Stage group per doc_id (``stage_group``, see :func:`design.stage_groups`), without the
    documents of unknown stage."""
    if "stage_group" not in documents:
        return pd.Series([], dtype=object, name="group")
    groups = documents.set_index("doc_id")["stage_group"].dropna()
    return groups[groups != ""].rename("group")


def uncertainty_table(measures: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """The main comparison (camps, or outlets as fallback), its repeat with groups split by
    relay status (``camp · relay`` / ``camp · original``) when that split differs, and the
    stage split (before / from the key date: the documents' ``stage_group`` column, see
    :func:`newsframes.framing.corpus_inputs`) when it has two groups, with Benjamini-Hochberg
    q-values over every test of all of them."""
    labels, basis = comparison_groups(documents)
    shared = finding_rows(measures)
    tables = [compare_groups(measures, labels, basis, shared=shared)]
    split = relay_groups(documents)
    if basis == "camp" and split.nunique() != labels.nunique():
        tables.append(compare_groups(measures, split, "camp × relay", shared=shared))
    stages = stage_labels(documents)
    if stages.nunique() == 2:
        tables.append(compare_groups(measures, stages, STAGE_COMPARISON, shared=shared))
    table = pd.concat([t for t in tables if len(t)] or tables[:1], ignore_index=True)
    return table.assign(q_value=stats.benjamini_hochberg(table["p_value"].to_numpy(dtype=float)))
