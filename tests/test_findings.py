"""Headline findings are computed from tables, for any corpus; checked on small hand-made tables."""

import pandas as pd

from newsframes import findings


def test_strongest_reuse_names_the_contained_document():
    reuse = pd.DataFrame({"doc_a": ["long", "x"], "doc_b": ["wire", "y"], "shared_shingles": [40, 3],
                          "containment_a_in_b": [0.2, 0.05], "containment_b_in_a": [0.9, 0.01], "jaccard": [0.18, 0.01]})
    text = findings.strongest_reuse(reuse)
    assert text.startswith("the highest containment is 90%") and "wire's five-word runs also occurs in long" in text


def test_frame_contrasts_orders_by_size_and_reports_the_p_floor():
    unc = pd.DataFrame({
        "comparison": ["camp", "camp", "camp", "three"], "finding": ["frame per 1k: A", "frame per 1k: B", "hedge per 1k", "frame per 1k: A"],
        "group_means": ["e: 1 | w: 3", "e: 9 | w: 1", "e: 0 | w: 0", "x"], "observed": [-2.0, 8.0, 0.0, 99.0],
        "p_exact": [0.4, 0.1, 1.0, 0.0], "n_arrangements": [10, 10, 10, 30], "min_p": [0.1, 0.1, 0.1, 0.03],
        "loo_sign_stable": [False, True, True, True]})
    first, second = findings.frame_contrasts(unc)
    assert first.startswith("frame per 1k: B") and "p = 0.10 over 10" in first and "holds" in first
    assert second.startswith("frame per 1k: A") and "does not hold" in second
    assert findings.smallest_possible_p(unc).startswith("0.10 (10 possible")


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
