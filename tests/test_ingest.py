"""Line roles, metadata and cleaned text, on invented articles in other sites' styles and on the seeds.

Fixture files in tests/fixtures/articles/ are annotated as `role|raw line`; the expected roles
were written by hand while writing the article, not copied from the cleaner's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsframes.ingest import ANALYSED_ROLES, build_corpus, classify_lines, provenance_cues, split_dateline

FIXTURES = Path(__file__).parent / "fixtures" / "articles"


def annotated(path: Path) -> tuple[list[str], list[str]]:
    rows = [line.split("|", 1) for line in path.read_text(encoding="utf-8").splitlines()]
    return [role for role, _ in rows], [text for _, text in rows]


def write_fixture_corpus(folder: Path) -> Path:
    for path in sorted(FIXTURES.glob("*.txt")):
        _, lines = annotated(path)
        (folder / path.name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.stem)
def test_fixture_roles_match_hand_annotation(path):
    expected, lines = annotated(path)
    got = [role for role, _ in classify_lines(lines)]
    mismatches = [(n, e, g, t) for n, (e, g, t) in enumerate(zip(expected, got, lines), 1) if e != g]
    assert mismatches == []


def test_there_are_at_least_ten_fixture_articles_in_different_styles():
    assert len(list(FIXTURES.glob("*.txt"))) >= 10


# Hand-checked expectations for the seeds: which lines are article text, and which are not.
SEED_EXPECTATIONS = {
    "000_d7119291a6bce81f": {"headline": [1], "dek": [2], "body": [3, 4, 5, 6, 7], "boilerplate": list(range(8, 17))},
    "001_e285df6c5e86815a": {"headline": [1], "caption": [3, 4], "byline": [5], "boilerplate": [6, 7, 8, 43, 45, 47, 49, 51],
                             "body": [10, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 33, 35, 37, 39, 41]},
    "002_99c853c8ee85d986": {"headline": [1], "body": [4, 6, 8, 10, 12, 14, 16, 18], "boilerplate": [24, 27, 29, 33, 35, 37, 39, 41]},
    "003_5e26564e4362b5de": {"boilerplate": list(range(1, 11)), "body": [12, 13, 14, 15, 16], "duplicate": [17, 18, 19, 20, 21]},
    "004_e538feec1e7792f6": {"body": list(range(1, 11)), "attribution": [11], "boilerplate": [13]},
}


@pytest.fixture(scope="module")
def seed_corpus(root):
    corpus, messages = build_corpus(root / "seeds")
    return corpus, messages


def test_seed_roles_match_hand_checked_expectations(seed_corpus):
    corpus, _ = seed_corpus
    for doc_id, expected in SEED_EXPECTATIONS.items():
        roles = corpus.lines[corpus.lines["doc_id"] == doc_id].set_index("line_no")["role"]
        for role, line_numbers in expected.items():
            assert [roles[n] for n in line_numbers] == [role] * len(line_numbers), (doc_id, role)


def test_every_raw_line_is_in_the_audit(seed_corpus, root):
    corpus, _ = seed_corpus
    for path in sorted((root / "seeds").glob("*.txt")):
        raw = path.read_text(encoding="utf-8").splitlines()
        audit = corpus.lines[corpus.lines["doc_id"] == path.stem]
        assert audit["line_no"].tolist() == list(range(1, len(raw) + 1))
        assert audit["text"].tolist() == raw


def test_seed_metadata_from_text_and_sheet(seed_corpus):
    corpus, messages = seed_corpus
    docs = corpus.documents.set_index("doc_id")
    assert messages == []
    assert docs.loc["000_d7119291a6bce81f", "published"] == "2022-01-12"
    assert docs.loc["003_5e26564e4362b5de", "published"] == "2021-12-26"  # "December 26" + "on Sunday" -> 2021
    assert docs.loc["004_e538feec1e7792f6", "published"] == "2022-01-07"  # "Friday, January 7"
    assert docs.loc["004_e538feec1e7792f6", "headline"] == ""  # no headline: never a noise line, never invented
    assert docs.loc["000_d7119291a6bce81f", "headline"].startswith("NATO, Russia to hold")
    assert set(docs["camp"]) == {"western", "russian"}
    assert "Xinhua" in docs.loc["002_99c853c8ee85d986", "upstream_evidence"]
    assert "Anadolu Agency" in docs.loc["003_5e26564e4362b5de", "upstream_evidence"]


def test_cleaned_text_has_no_noise_and_sentences_index_it(seed_corpus):
    corpus, _ = seed_corpus
    for doc_id, text in corpus.texts.items():
        assert "Follow us on" not in text and "Share this article" not in text and "Disclaimer" not in text
        assert "Joined" not in text.split() and "Copyright" not in text
        rows = corpus.sentences[corpus.sentences["doc_id"] == doc_id]
        for start, end, sentence in zip(rows["start"], rows["end"], rows["text"]):
            assert text[start:end] == sentence
    duplicated = corpus.texts["003_5e26564e4362b5de"]
    assert duplicated.count("Maria Zakharova confirmed") == 1


def test_fixture_corpus_metadata(tmp_path):
    corpus, messages = build_corpus(write_fixture_corpus(tmp_path))
    docs = corpus.documents.set_index("doc_id")
    assert docs.loc["wire_reuters_style", "upstream"] == "Reuters"  # reporters' names are not the upstream
    assert docs.loc["wire_xinhua_style", "upstream"] == "Xinhua"
    assert docs.loc["forum_repost_style", "upstream"] == "RIA Novosti"
    assert docs.loc["portal_ani_style", "upstream"] == "ANI"
    assert docs.loc["public_broadcaster_dw_style", "published"] == "2022-01-12"  # 12.01.2022 is day-first
    assert docs.loc["blog_wordpress_style", "published"] == "2022-01-13"
    assert docs.loc["state_daily_no_headline", "headline"] == ""
    # a dateline without a year gets the year of the corpus's dated articles, and says so
    assert docs.loc["wire_xinhua_style", "published"] == "2022-01-12"
    assert "corpus" in docs.loc["wire_xinhua_style", "published_source"]
    first = corpus.sentences[corpus.sentences["doc_id"] == "wire_xinhua_style"]["text"].tolist()
    assert first[1].startswith("Russia's talks with NATO")  # dateline "MOSCOW, Jan. 12 (Xinhua) --" removed


def test_analysed_roles_only_in_sentences(seed_corpus):
    corpus, _ = seed_corpus
    assert set(corpus.sentences["role"]) <= set(ANALYSED_ROLES)


@pytest.mark.parametrize("line, dateline", [
    ("WASHINGTON, March 3 (Reuters) - The", "WASHINGTON, March 3 (Reuters) -"),
    ("KYIV, Ukraine (AP) — Officials", "KYIV, Ukraine (AP) —"),
    ("Interfax, February 1. The ministry", "Interfax, February 1."),
    ("New Delhi [India], March 4 (ANI): The", "New Delhi [India], March 4 (ANI):"),
    ("MOSCOW, January 12. /TASS/. Russia said", "MOSCOW, January 12. /TASS/."),
    ("Sources said on Monday that", ""),
    ("In March, the talks resumed.", ""),
])
def test_datelines_are_split_generically(line, dateline):
    assert split_dateline(line)[0] == dateline


def test_header_roles_on_an_unseen_layout():
    lines = ["BREAKING", "Talks collapse as envoys leave Geneva early", "Envoys from both sides left without a joint statement, officials said",
             "By Staff Reporter", "Updated: 14 March 2023 09:10 IST", "", "GENEVA: Envoys left the talks early on Tuesday after a row over sanctions.",
             "The next round has not been scheduled.", "", "Advertisement", "", "Trending", "Ten foods to avoid", "Cricket scores today"]
    roles = [role for role, _ in classify_lines(lines)]
    assert roles == ["boilerplate", "headline", "dek", "byline", "dateline", "blank", "body", "body", "blank",
                     "boilerplate", "blank", "boilerplate", "boilerplate", "boilerplate"]


def test_first_cues_agree_with_trying_every_cue_in_order():
    from newsframes.ingest import first_cues, line_cues, normalise_line

    def every_cue(line):
        lower = line.lower() if line.isascii() else None
        return next((cue for cue in line_cues() if cue.search(line, lower)), None)

    paths = sorted(FIXTURES.glob("*.txt")) + sorted((Path(__file__).parents[1] / "seeds").glob("*.txt"))
    for path in paths:
        lines = [normalise_line(line) for line in path.read_text("utf-8").splitlines()]
        lines += ["SHARE THIS ARTICLE", "ſhare this article", "“Getty Images”", "\u212aeep reading"]
        searched = [bool(line) for line in lines]
        assert first_cues(lines, searched) == [every_cue(line) if line else None for line in lines]


def test_document_ids_are_stems_unless_two_files_share_one():
    from newsframes.ingest import doc_ids_for

    paths = [Path("in/a.txt"), Path("in/a.html"), Path("in/b.txt"), Path("in/c")]
    assert doc_ids_for(paths) == ["a.txt", "a.html", "b", "c"]


def test_menu_lines_are_furniture_but_titles_with_a_site_name_are_not():
    from newsframes.ingest import is_menu_line

    assert is_menu_line("News | Politics | Economy | Columns | Photo | Video")
    assert is_menu_line("EN · UA · RU")
    assert not is_menu_line("NATO talks end without a deal | World news")  # title | site
    assert not is_menu_line("Home | World | 12 January 2022")  # a date: a header stamp, not a menu
    assert not is_menu_line("Talks failed. | Moscow reacts. | Kyiv waits.")


def test_a_byline_with_a_weekday_date_is_a_date_line():
    from newsframes.ingest import _is_date_line

    assert _is_date_line("Roman Petrenko — Wednesday, 12 January 2022, 17:35")
    assert _is_date_line("Issued on: 12/01/2022 - 18:41 · Modified: 12/01/2022 - 20:02")
    assert not _is_date_line("Talks between Russia and NATO resumed on 12 January 2022")


PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Allies reject Moscow's demands - Example Tribune</title>
<meta property="article:published_time" content="2022-01-13T09:05:00+00:00">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<h1>Allies reject Moscow's demands</h1>
<p>LONDON (AP) &mdash; Western governments rejected Russia's demands on Thursday, a day after talks in Brussels ended without agreement.</p>
<p>"We will not go back to spheres of influence," a senior official told reporters after the meeting of ministers.</p>
<p>Copyright 2022 The Associated Press. All rights reserved.</p>
<footer><p>&copy; 2022 Example Tribune. All rights reserved.</p></footer></body></html>"""


def test_html_page_metadata_headline_and_rights_notice(tmp_path):
    (tmp_path / "tribune.html").write_text(PAGE, encoding="utf-8")
    corpus, _ = build_corpus(tmp_path)
    doc = corpus.documents.iloc[0]
    assert doc["published"] == "2022-01-13"  # from the <meta>, the text has no date
    assert doc["headline"] == "Allies reject Moscow's demands"  # the <h1>, not "<title> - Site"
    assert doc["outlet"] == "Example Tribune"  # the site's notice, not the wire's (AP is an agency)
    assert doc["upstream"] == "AP"
    assert "Example Tribune" in doc["outlet_evidence"]


def test_day_month_agency_dateline_is_split_from_the_lede():
    assert split_dateline("MOSCOW, 12 Jan - RIA Novosti. Russian diplomats said the talks were frank.") == (
        "MOSCOW, 12 Jan - RIA Novosti.", "Russian diplomats said the talks were frank.")
    assert split_dateline("Kyiv, 12 Words - Some Thing. Text here.")[0] == ""


@pytest.mark.parametrize("line, agency", [
    ("MOSCOW, 12 Jan - RIA Novosti. Diplomats said the talks were frank.", "RIA Novosti"),
    ("MOSCOW, January 12. /TASS/. Diplomats said the talks were frank.", "TASS"),
    ("Kyiv, 12 Words - Some Thing. Diplomats said the talks were frank.", None),  # no month, no dateline
    ("Kyiv, Words 12. /Thing/. Diplomats said the talks were frank.", None),
])
def test_datelines_credit_an_agency_only_with_a_real_date(line, agency):
    cues = provenance_cues([line], [("body", "test")])
    assert [name for name, _, _ in cues["upstream"]] == ([agency] if agency else [])
