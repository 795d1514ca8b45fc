"""The study's design per document: sheet facts, what a date is, key date and stage."""

import pandas as pd
import pytest

from conftest import ROOT
from newsframes import pipeline
from newsframes.framing import design, stats
from newsframes.ingest import sources as ingest
from newsframes.report import design_prose
from pipeline_fixtures import returned_tables


def test_a_date_from_the_body_is_not_called_a_publication_date():
    assert (
        ingest.published_kind("2022-01-07", "dated event in the lede; year from the corpus")
        == ingest.REPORTED_EVENT_DATE
    )
    for source in (
        "dateline",
        "header date",
        "sources.csv",
        "page metadata: JSON-LD",
        "date line after the text",
    ):
        assert ingest.published_kind("2022-01-07", source) == ingest.PUBLICATION_DATE
    assert ingest.published_kind("", "no date found in the text") == ""
    assert (
        design.date_kind("2022-01-07", ingest.REPORTED_EVENT_DATE)
        == "date of a reported event; publication date unknown"
    )
    assert design.date_kind("", "") == "no date"


def test_sheet_design_values_are_checked_and_missing_ones_are_unknown():
    found, messages = ingest.design_entry(
        {
            "country": "Chile",
            "owner_type": "Public Broadcaster",
            "translation": "maybe",
            "key_date": "12 January",
        },
        "sheet: row 2",
    )
    assert found == {
        "country": "Chile",
        "owner_type": "public broadcaster",
        "translation": "unknown",
        "key_date": "",
    }
    assert len(messages) == 2 and all(m.startswith("sheet: row 2: ") for m in messages)
    empty, none = ingest.design_entry({}, "sheet: row 3")
    assert (
        empty
        == {"country": "unknown", "owner_type": "unknown", "translation": "unknown", "key_date": ""}
        and none == []
    )


def _facts(rows):
    return pd.DataFrame([{"doc_id": d, "kind": "date", "value": v} for d, v in rows])


def test_key_date_given_inferred_or_none():
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "key_date": ["", "2020-05-01", ""]})
    assert design.key_date(docs, None) == ("2020-05-01", design.GIVEN)
    facts = _facts(
        [
            ("a", "2020-05-02"),
            ("b", "2020-05-02"),
            ("c", "2020-05-03"),
            ("c", "2020-05-03"),
            ("c", "2020-05"),
        ]
    )
    conflicting = docs.assign(key_date=["2020-05-01", "2020-05-09", ""])
    day, how = design.key_date(conflicting, facts)
    assert day == "2020-05-02" and how.startswith("sources.csv gives 2 different key dates")
    assert "inferred" in how and how.endswith("2 of the 3 documents that name a day, of 3 in all")
    # a day named by one document only (however often) is no shared event
    day, how = design.key_date(docs.assign(key_date=""), _facts([("c", "2020-05-03")] * 3))
    assert day == "" and how.startswith("none")


def test_a_day_named_by_fewer_than_most_dated_documents_is_no_key_date():
    """A corpus of many stories has a most-named day too: two of five dated documents naming it
    (the others each another day) make no key date; three of five do."""
    docs = pd.DataFrame({"doc_id": list("abcdef"), "key_date": ""})
    days = ["2020-05-02", "2020-05-02", "2020-05-03", "2020-05-04", "2020-05-05"]
    day, how = design.key_date(docs, _facts(zip("abcde", days)))
    assert day == ""
    assert how == (
        "none: the day the most documents name, 2020-05-02, is named by 2 of the 5 documents "
        "that name a day, not by most of them as the central event of one story would be"
    )
    overlap = design_prose.design_overlap(design.design_table(docs, _facts(zip("abcde", days))))
    assert overlap.startswith("Without a key date (the day the most documents name, 2 May 2020,")
    days[2] = "2020-05-02"
    day, how = design.key_date(docs, _facts(zip("abcde", days)))
    assert day == "2020-05-02" and how.endswith("3 of the 5 documents that name a day, of 6 in all")


def test_stage_relative_to_the_key_date():
    assert [design.stage(p, "2022-01-12") for p in ("2022-01-11", "2022-01-12", "2022-02-01")] == [
        design.BEFORE,
        design.ON,
        design.AFTER,
    ]
    assert design.stage("", "2022-01-12") == design.stage("2022-01-11", "") == "unknown"


def test_stage_groups_leave_out_unknown_stages():
    table = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d"],
            "key_date": "2022-01-12",
            "stage": ["before", "on", "after", "unknown"],
        }
    )
    groups = design.stage_groups(table)
    assert groups.to_dict() == {
        "a": "before 2022-01-12",
        "b": "from 2022-01-12",
        "c": "from 2022-01-12",
    }


def test_relay_chain_names_each_source_with_what_the_agency_list_says():
    chain = design.relay_chain("Some Site", "Xinhua; Unlisted Wire")
    assert chain.startswith("Xinhua (China, state)") and chain.endswith("← Unlisted Wire")
    assert design.relay_chain("Some Site", "unknown") == ""
    assert design.relay_chain("Some Site", "Some Site") == ""


@pytest.fixture(scope="module")
def seed_tables(tmp_path_factory):
    return returned_tables(ROOT / "seeds", tmp_path_factory)


def test_design_table_of_the_seeds_follows_the_sheet_and_the_dates(seed_tables):
    documents, table = seed_tables["documents"], seed_tables["design"]
    assert list(table.columns) == design.DESIGN_COLUMNS
    assert sorted(table["doc_id"]) == sorted(documents["doc_id"])
    sheet = pd.read_csv(ROOT / "seeds" / "sources.csv", dtype=str, keep_default_na=False)
    merged = table.merge(documents[["doc_id", "file", "published_source"]], on="doc_id")
    merged = merged.merge(sheet, on="file", suffixes=("", "_sheet"))
    for column in ("country", "owner_type", "translation"):
        assert (merged[column] == merged[f"{column}_sheet"]).all(), column
    from_body = merged["published_source"].str.startswith(ingest.REPORTED_EVENT_SOURCES)
    assert (merged["date_kind"].str.startswith(ingest.REPORTED_EVENT_DATE) == from_body).all()
    assert set(table["key_date_source"]) == {design.GIVEN}
    expected = [design.stage(p, k) for p, k in zip(table["published"], table["key_date"])]
    assert table["stage"].tolist() == expected


def test_stage_is_a_second_comparison_with_q_values_over_every_test(seed_tables):
    uncertainty = seed_tables["uncertainty"]
    stage = uncertainty[uncertainty["comparison"] == "stage"]
    key = seed_tables["design"]["key_date"].iloc[0]
    assert len(stage) and stage["groups"].str.contains(f"before {key}").all()
    assert uncertainty["q_value"].notna().sum() == uncertainty["p_value"].notna().sum()
    assert uncertainty["q_value"].tolist() == pytest.approx(
        stats.benjamini_hochberg(uncertainty["p_value"].to_numpy(dtype=float)).tolist()
    )


def test_without_key_date_or_shared_event_there_is_no_stage_comparison(tmp_path):
    body = (
        "Officials met in the capital for talks on trade and ports this week. "
        "They said the talks would go on and that both sides wanted a deal soon."
    )
    for name, when in (("a.txt", "March 3, 2021"), ("b.txt", "June 9, 2021")):
        (tmp_path / name).write_text(f"Talks go on\n\n{when} - {body}\n\n{body}\n")
    (tmp_path / "sources.csv").write_text(
        "file,outlet,upstream,camp,evidence\na.txt,A,unknown,x,\nb.txt,B,unknown,y,\n"
    )
    tables = pipeline.run(tmp_path, tmp_path / "out")[1]
    assert len(tables["design"]) == 2 and set(tables["design"]["stage"]) == {"unknown"}
    assert set(tables["design"]["country"]) == {"unknown"}
    assert "stage" not in set(tables["uncertainty"]["comparison"])


def test_many_documents_are_shown_per_camp_and_few_one_by_one():
    table = pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(45)],
            "camp": ["a"] * 40 + ["b"] * 5,
            "country": ["X"] * 3 + ["unknown"] * 42,
            "owner_type": "unknown",
            "copy_status": "relay",
            "translation": "unknown",
            "date_kind": "publication date",
            "stage": ["before"] * 45,
        }
    )
    summary, columns = design.for_readers(table)
    assert columns is None and summary["documents"].tolist() == [40, 5]
    assert summary.loc[0, "country"] == "unknown 37, X 3"
    name, columns = design.for_readers(table.head(design.MAX_DOCUMENT_ROWS))
    assert name == "design" and "document" in columns


def test_a_bad_design_value_in_the_sheet_is_reported_and_read_as_unknown(tmp_path):
    from newsframes.ingest.settle import build_corpus

    body = (
        "Officials met in the capital for talks on trade and ports this week. "
        "They said the talks would go on and that both sides wanted a deal soon."
    )
    (tmp_path / "a.txt").write_text(f"Talks go on\n\nMarch 3, 2021 - {body}\n\n{body}\n")
    (tmp_path / "sources.csv").write_text(
        "file,outlet,upstream,camp,owner_type,translation,"
        "evidence\na.txt,A,unknown,x,government,no,\n"
    )
    corpus, messages = build_corpus(tmp_path)
    row = corpus.documents.iloc[0]
    assert (row["owner_type"], row["translation"], row["country"]) == ("unknown", "no", "unknown")
    assert any("owner_type 'government'" in m and "row 2" in m for m in messages)
