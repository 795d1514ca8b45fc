"""The book's headline findings, as short sentences computed from the pipeline's tables.

The introduction and the conclusions insert these with myst-nb ``glue`` so that no finding is
typed by hand; each sentence carries its own uncertainty or evidence count. Every function
returns plain text and works for any corpus (any outlets, camps and frames).
"""

from __future__ import annotations

import math
import re

import pandas as pd

from ..corpus import VOICE_SHARES, usable
from .display import camp_name
from ..framing.groups import is_relay, label_keys
from ..framing.uncertainty import STAGE_COMPARISON
from ..framing.validation import ALL_SETS, MIN_PRECISION


def corpus_summary(documents: pd.DataFrame) -> str:
    """How many usable articles, in which camps."""
    docs = usable(documents)
    camps = docs["camp"].value_counts().sort_index()
    parts = ", ".join(f"{n} {camp}" for camp, n in camps.items())
    return f"{len(docs)} usable articles ({parts})"


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


def method_description(row: pd.Series) -> str:
    """How a row's p-value was computed: exact only when every label arrangement was
    enumerated, otherwise Monte Carlo with its number of draws and resolution."""
    p = format_p(row["p_value"], row["min_p"])
    floor = ", the smallest possible" if row["p_value"] <= row["min_p"] * (1 + 1e-9) else ""
    if bool(row["exact"]):
        return (f"exact permutation p = {p} ({row['alternative']}{floor}; "
                f"all {int(row['n_arrangements']):,} label arrangements enumerated)")
    return (f"Monte Carlo permutation p = {p} ({row['alternative']}{floor}; "
            f"{int(row['n_permutations']):,} random label arrangements, "
            f"resolution {format_p(row['min_p'], row['min_p'])})")


def _statistic_word(row: pd.Series) -> str:
    two_groups = str(row["statistic"]).startswith("difference")
    return "difference" if two_groups else "between-group variance"


def leave_one_out_range(row: pd.Series) -> str:
    """The statistic recomputed with each document left out in turn, as a range."""
    if pd.isna(row["loo_min"]):
        return "leaving out any document empties a group, so no leave-one-out check is possible"
    single = any(int(n) == 1 for n in GROUP_SIZE.findall(str(row["groups"])))
    left_out = "with any one document left out"
    if single:
        left_out += " (where every group keeps a document)"
    if row["loo_min"] == row["loo_max"]:
        return f"{left_out} it stays {row['loo_min']:+.3g}"
    return f"{left_out} it ranges from {row['loo_min']:+.3g} to {row['loo_max']:+.3g}"


def named_group_means(group_means: str) -> str:
    """'russian: 13.4 | western: 1.3' with each group named as in prose ('Russian: 13.4 | ...')."""
    pairs = (part.rpartition(": ") for part in group_means.split(" | "))
    return " | ".join(f"{camp_name(group)}: {value}" for group, _, value in pairs)


def describe_contrast(row: pd.Series, n_tests: int) -> str:
    """One comparison: the groups' mean document scores, the statistic, how its p-value was
    computed, its q-value among the run's ``n_tests`` tests and its leave-one-out range."""
    return (f"{row['finding']}: mean of document scores {named_group_means(row['group_means'])} "
            f"({_statistic_word(row)} {row['observed']:+.3g}; {method_description(row)}; "
            f"q = {format_q(row['q_value'])} after Benjamini–Hochberg adjustment over the "
            f"{n_tests} tests of this run; {leave_one_out_range(row)})")


def frame_contrasts(uncertainty: pd.DataFrame, n: int = 2) -> list[str]:
    """The ``n`` frames whose per-1,000-token rate differs most in size between the groups
    (chosen by size, not by evidence: each sentence carries its p- and q-value)."""
    rows = main_comparison(uncertainty)
    rows = rows[rows["finding"].str.startswith("frame")]
    if rows.empty:
        return ["no frame comparison could be made (fewer than two groups)"]
    top = (rows.assign(size=rows["observed"].abs())
           .sort_values(["size", "finding"], ascending=[False, True]).head(n))
    return [describe_contrast(row, len(uncertainty)) for _, row in top.iterrows()]


def sentiment_contrast(uncertainty: pd.DataFrame, validation: pd.DataFrame | None = None) -> str:
    """The sentence-level sentiment comparisons between the groups (authorial sentences and
    sentences with quoted speech apart, as the uncertainty table has them), or why there is
    none (``validation``: the validation table, which says whether VADER passed)."""
    rows = main_comparison(uncertainty)
    rows = rows[rows["finding"].str.contains("sentiment")]
    if len(rows):
        return "; ".join(describe_contrast(row, len(uncertainty)) for _, row in rows.iterrows())
    if validation is not None and len(validation):
        pooled = validation[validation["gold_set"] == ALL_SETS]
        vader = pooled[pooled["measure"] == "sentiment"]
        if len(vader) and not vader["reported"].all():
            precision = "; ".join(f"{label} {p:.2f}"
                                  for label, p in zip(vader["label"], vader["precision"]))
            return (f"not reported: VADER's polarity did not pass validation against the "
                    f"hand-coded sentences (precision {precision}; {MIN_PRECISION} needed)")
    return "no sentiment comparison could be made"


def supported_findings(uncertainty: pd.DataFrame, threshold: float = SUPPORT_Q) -> list[str]:
    """Every comparison of the run whose q-value is below ``threshold``, smallest q first."""
    rows = uncertainty[uncertainty["q_value"] < threshold] if len(uncertainty) else uncertainty
    rows = rows.sort_values(["q_value", "comparison", "finding"])
    return [f"{row['comparison']}: {describe_contrast(row, len(uncertainty))}"
            for _, row in rows.iterrows()]


def evidence_statement(uncertainty: pd.DataFrame, threshold: float = SUPPORT_Q) -> str:
    """Markdown: the supported differences as a numbered list, or a plain statement that none
    qualifies, naming the smallest q-value."""
    if uncertainty.empty:
        return ("No group comparison could be made (fewer than two groups with scores), "
                "so no difference is supported.")
    supported = supported_findings(uncertainty, threshold)
    if supported:
        return "\n".join(f"{i}. {text}." for i, text in enumerate(supported, start=1))
    best = uncertainty.sort_values(["q_value", "comparison", "finding"]).iloc[0]
    return (f"**No difference between the groups is supported.** None of the {len(uncertainty)} "
            f"tests of this run reaches q < {threshold:.2f} after Benjamini–Hochberg adjustment; "
            f"the smallest q-value is {format_q(best['q_value'])} ({best['finding']}, "
            f"{best['comparison']} comparison). The differences below describe these documents; "
            f"they are not evidence that the groups differ.")


def smallest_possible_p(uncertainty: pd.DataFrame) -> str:
    """The floor that the number of documents (exact tests) or of random draws (Monte Carlo)
    puts under the main comparison's p-values."""
    rows = main_comparison(uncertainty)
    if rows.empty:
        return "not defined: no permutation test was possible"
    row = rows.iloc[0]
    floor, arrangements = format_p(row["min_p"], row["min_p"]), f"{int(row['n_arrangements']):,}"
    if bool(row["exact"]):
        return f"{floor} (only {arrangements} arrangements of the group labels exist)"
    return (f"{floor} (the resolution of a Monte Carlo test of {int(row['n_permutations']):,} "
            f"random arrangements; the {arrangements} possible arrangements are too many to "
            f"enumerate)")


def multiple_testing(uncertainty: pd.DataFrame) -> str:
    """How many tests were run, how they were adjusted, and which way they look."""
    if uncertainty.empty:
        return "No test was run"
    comparisons = uncertainty["comparison"].nunique()
    alternatives = uncertainty["alternative"].value_counts().sort_index(ascending=False)
    sides = ", ".join(f"{n} {alternative}" for alternative, n in alternatives.items())
    if "one-sided" in alternatives:
        sides += ", a between-group variance counting only when large"
    return (f"{len(uncertainty)} tests were run ({uncertainty['finding'].nunique()} findings in "
            f"{comparisons} comparison{'s' if comparisons > 1 else ''}: {sides}); each q-value is "
            f"its p-value adjusted by Benjamini–Hochberg over all of them, and a difference is "
            f"called supported only below q = {SUPPORT_Q:.2f}")


def relay_count(documents: pd.DataFrame) -> int:
    """Usable documents whose known upstream names a source other than their outlet (an
    unknown upstream is not counted)."""
    docs = usable(documents)
    return sum(is_relay(o, u) for o, u in zip(docs["outlet"].fillna(""), docs["upstream"].fillna("")))


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
    return (f"The {len(docs)} documents ({len(camps)} camp{'s' if len(camps) > 1 else ''}, the "
            f"smallest with {camps.min()}; {span}) are what a collection happened to gather")


def strongest_reuse(reuse: pd.DataFrame) -> str:
    """The pair of documents where one contains most of the other's word 5-grams."""
    if reuse.empty:
        return "no two documents share a run of five words"
    best = reuse.assign(best=reuse[["containment_a_in_b", "containment_b_in_a"]].max(axis=1))
    row = best.sort_values(["best", "doc_a", "doc_b"], ascending=[False, True, True]).iloc[0]
    inner, outer = (row["doc_a"], row["doc_b"]) if row["containment_a_in_b"] >= row["containment_b_in_a"] else (row["doc_b"], row["doc_a"])
    return (f"the highest containment is {row['best']:.0%}: that share of {inner}'s five-word runs also occurs in "
            f"{outer} ({int(row['shared_shingles'])} shared runs, Jaccard {row['jaccard']:.2f})")


def reworded_quotes(alignment: pd.DataFrame) -> str:
    """How many utterances are carried by two documents in different words."""
    if alignment.empty:
        return "no utterance is quoted by more than one document"
    close = alignment[alignment["score"] >= 90]
    return (f"{len(alignment)} pairs of quotations in different documents match fuzzily, "
            f"{len(close)} of them closely (score ≥ 90) but not word for word" if len(close) else
            f"{len(alignment)} pairs of quotations in different documents match fuzzily")


def voices_by_camp(voices: pd.DataFrame, documents: pd.DataFrame) -> str:
    """In each document camp, which voice supplies the most quoted or reported words (the
    ``voice`` column, else the affiliation), with the share left unattributed or unnamed."""
    if voices.empty:
        return "no quotations were found"
    camp = usable(documents).set_index("doc_id")["camp"]
    key = "voice" if "voice" in voices else "affiliation"
    by_camp = voices.assign(doc_camp=voices["doc_id"].map(camp))
    words = by_camp.groupby(["doc_camp", key])["n_words"].sum()
    parts = []
    for doc_camp, group in words.groupby(level=0):
        share = (group / group.sum()).droplevel(0)
        shares = [s for s in VOICE_SHARES if s in share.index]
        ranked = share.drop(shares).sort_values(ascending=False)
        unranked = share.sum() - ranked.sum()
        rest = f"; {unranked:.0%} unattributed or from unnamed sources" if unranked else ""
        top = (f"{ranked.index[0]} ({ranked.iloc[0]:.0%} of {int(group.sum())} quoted words{rest})"
               if len(ranked) else f"no named voice ({int(group.sum())} quoted words{rest})")
        parts.append(f"in the {doc_camp} texts, {top}")
    return "; ".join(parts)


def relay_chains(edges: pd.DataFrame) -> str:
    """How many documents relay someone else's copy, and the longest chain found."""
    if edges.empty:
        return "no relay or citation of an agency was found"
    longest, longest_doc = [], ""
    for doc_id, group in edges.groupby("doc_id"):
        parent = dict(zip(group["child"], group["parent"]))
        for start in set(group["child"]) - set(group["parent"]):
            chain = [start]
            while chain[-1] in parent and len(chain) < 10:
                chain.append(parent[chain[-1]])
            if len(chain) > len(longest):
                longest, longest_doc = chain, doc_id
    return (f"{edges['doc_id'].nunique()} documents name where their copy comes from; the longest chain "
            f"({longest_doc}) is {' ← '.join(longest)}")


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
        return (f"no term reaches |z| = {KEYNESS_Z} (two-sided 5%, before any correction for the "
                f"{len(keyness):,} terms compared); the most distinctive are " + "; ".join(parts))
    return (f"{reaching:,} of {len(keyness):,} terms reach |z| = {KEYNESS_Z} (two-sided 5%, "
            f"before any correction for the number of terms); the most distinctive are "
            + "; ".join(parts))


# --- the design beside the camp comparison (#19): what each group is made of, and time --------


def design_overlap(design: pd.DataFrame) -> str:
    """How camps and stages overlap: per camp, how many documents are dated before, on and after
    the key date (and of unknown stage)."""
    if design.empty or not isinstance(design["key_date"].iloc[0], str) \
            or not design["key_date"].iloc[0]:
        return "without a key date, the documents cannot be placed before or after it"
    order = ["before", "on", "after", "unknown"]
    parts = []
    for camp, rows in design.groupby(design["camp"].fillna("unknown"), sort=True):
        counts = rows["stage"].value_counts()
        stages = ", ".join(f"{counts[s]} {s if s != 'unknown' else 'undated'}"
                           for s in order if s in counts)
        parts.append(f"{camp_name(camp)}: {stages}")
    key, how = design["key_date"].iloc[0], design["key_date_source"].iloc[0]
    return (f"Relative to the key date, {_day(pd.Timestamp(key))} ({how}), the documents are, "
            f"by camp: " + "; ".join(parts))


def stage_versus_camp(uncertainty: pd.DataFrame) -> str:
    """The finding that differs most between the stages (before / on or after the key date),
    next to the same finding compared by camp, each with its p- and q-value: when time splits
    the documents as camp does, a camp difference may be a difference of moment."""
    if uncertainty.empty or STAGE_COMPARISON not in set(uncertainty["comparison"]):
        return ("no comparison by stage was made (no key date, or every dated document on one "
                "side of it)")
    stage = uncertainty[uncertainty["comparison"] == STAGE_COMPARISON]
    row = stage.assign(size=stage["observed"].abs()).sort_values(
        ["size", "finding"], ascending=[False, True]).iloc[0]
    n_tests = len(uncertainty)
    text = f"by stage, {describe_contrast(row, n_tests)}"
    main = main_comparison(uncertainty)
    same = main[main["finding"] == row["finding"]]
    if len(same):
        text += f"; by {same['comparison'].iloc[0]}, {describe_contrast(same.iloc[0], n_tests)}"
    return text
