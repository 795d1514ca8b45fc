"""The book's headline findings, as short sentences computed from the pipeline's tables.

The introduction and the conclusions insert these with myst-nb ``glue`` so that no finding is
typed by hand; each sentence carries its own uncertainty or evidence count. Every function
returns plain text and works for any corpus (any outlets, camps and frames).
"""

from __future__ import annotations

import pandas as pd

from .corpus import usable


def corpus_summary(documents: pd.DataFrame) -> str:
    """How many usable articles, in which camps."""
    docs = usable(documents)
    camps = docs["camp"].value_counts().sort_index()
    parts = ", ".join(f"{n} {camp}" for camp, n in camps.items())
    return f"{len(docs)} usable articles ({parts})"


def main_comparison(uncertainty: pd.DataFrame) -> pd.DataFrame:
    """Rows of the main (first) comparison, the one with the fewest groups."""
    if uncertainty.empty:
        return uncertainty
    main = uncertainty["comparison"].iloc[0]
    return uncertainty[uncertainty["comparison"] == main]


def describe_contrast(row: pd.Series) -> str:
    """One comparison with its exact p-value, the smallest p its design allows, and its stability."""
    stable = "holds" if bool(row["loo_sign_stable"]) else "does not hold"
    return (f"{row['finding']}: {row['group_means']} (difference {row['observed']:+.2f}; exact permutation "
            f"p = {row['p_exact']:.2f} over {int(row['n_arrangements'])} label arrangements, the smallest possible "
            f"being {row['min_p']:.2f}; its sign {stable} when any one document is left out)")


def frame_contrasts(uncertainty: pd.DataFrame, n: int = 2) -> list[str]:
    """The ``n`` frames whose per-1,000-token rate differs most between the groups."""
    rows = main_comparison(uncertainty)
    rows = rows[rows["finding"].str.startswith("frame")]
    if rows.empty:
        return ["no frame comparison could be made (fewer than two groups)"]
    top = rows.assign(size=rows["observed"].abs()).sort_values(["size", "finding"], ascending=[False, True]).head(n)
    return [describe_contrast(row) for _, row in top.iterrows()]


def sentiment_contrast(uncertainty: pd.DataFrame) -> str:
    """The sentence-level sentiment comparison between the groups."""
    rows = main_comparison(uncertainty)
    rows = rows[rows["finding"].str.contains("sentiment")]
    return describe_contrast(rows.iloc[0]) if len(rows) else "no sentiment comparison could be made"


def smallest_possible_p(uncertainty: pd.DataFrame) -> str:
    """The floor that the number of documents puts under any document-level p-value."""
    rows = main_comparison(uncertainty)
    if rows.empty:
        return "no permutation test was possible"
    row = rows.iloc[0]
    return f"{row['min_p']:.2f} ({int(row['n_arrangements'])} possible arrangements of the group labels)"


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
    """In each document camp, whose affiliation supplies the most quoted or reported words."""
    if voices.empty:
        return "no quotations were found"
    camp = usable(documents).set_index("doc_id")["camp"]
    words = voices.assign(doc_camp=voices["doc_id"].map(camp)).groupby(["doc_camp", "affiliation"])["n_words"].sum()
    parts = []
    for doc_camp, group in words.groupby(level=0):
        share = group / group.sum()
        top = share.droplevel(0).sort_values(ascending=False)
        parts.append(f"in the {doc_camp} texts, {top.index[0]} ({top.iloc[0]:.0%} of {int(group.sum())} quoted words)")
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


def distinctive_terms(keyness: pd.DataFrame, n: int = 3) -> str:
    """The most distinctive terms of each group (log-odds z with informative prior)."""
    if keyness.empty:
        return "no term passes the minimum frequency"
    parts = []
    for group, rows in keyness.groupby("group"):
        top = rows.sort_values(["log_odds_z", "term"], ascending=[False, True]).head(n)
        parts.append(f"{group}: " + ", ".join(f"'{t}' (z = {z:.1f})" for t, z in zip(top["term"], top["log_odds_z"])))
    return "; ".join(parts)
