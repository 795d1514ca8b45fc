"""Every vocabulary of ``data/`` is one cited file whose rows carry an example, and each example
is read as its row says: it matches its own pattern (and, where two rows could be confused, no
other row's), and the stage that uses the list reads it that way."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from newsframes.compare.attribution import _is_anaphor
from newsframes.compare.quotes import extract_quotes
from newsframes.framing.index import compile_cue
from newsframes.ingest import dates
from newsframes.ingest.provenance import ORGANISATION_WORDS, looks_like_person
from newsframes.resources import (
    alias_key,
    data_csv,
    hedge_terms,
    plural_reporting_verbs,
    reporting_verb_forms,
)

VOCABULARIES = {
    "calendar.csv": "name",
    "reporting_verbs.csv": "verb",
    "hedges.csv": "term",
    "titles.csv": "title",
    "non_speakers.csv": "word",
    "group_nouns.csv": "word",
    "organisation_words.csv": "pattern",
}


def as_word(name: str) -> re.Pattern:
    """``name`` as a whole word, any case."""
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", re.IGNORECASE)


def quotes_of(text: str) -> pd.DataFrame:
    sentence = pd.DataFrame(
        {
            "doc_id": ["x"],
            "sent_id": [1],
            "start": [0],
            "end": [len(text)],
            "text": [text],
            "role": ["body"],
        }
    )
    return extract_quotes("x", text, sentence)


@pytest.mark.parametrize("name, key", VOCABULARIES.items())
def test_every_row_has_its_key_an_example_and_a_source(name, key):
    table = data_csv(name)
    assert len(table) > 0 and not table[key].duplicated().any()
    assert (table["example"].str.strip() != "").all() and (table["source"].str.strip() != "").all()


def test_each_calendar_example_names_its_row_and_no_other_of_its_kind():
    table = data_csv("calendar.csv")
    for row in table.itertuples():
        assert as_word(row.name).search(row.example), row.name
        others = table[(table["kind"] == row.kind) & (table["number"] != row.number)]
        assert not [o for o in others["name"] if as_word(o).search(row.example)], row.name


def test_each_month_example_is_read_as_a_date_in_that_month():
    table = data_csv("calendar.csv")
    for row in table[table["kind"] == "month"].itertuples():
        months = {mention.month for mention in dates.find_dates(row.example)}
        assert months == {int(row.number)}, row.name


def test_each_quote_cue_example_is_attributed_through_that_verb():
    forms = reporting_verb_forms()
    assert set(forms["quote_cue"]) == {"yes", "no"}
    for row in forms[forms["quote_cue"] == "yes"].itertuples():
        found = quotes_of(row.example)
        assert [cue.lower() for cue in found["cue"]] == [row.verb], row.verb


def test_no_base_form_example_reports_speech():
    """The base forms that report speech after a plural subject ("officials say") have
    examples where they do not: after a modal, or with an object and no clause."""
    forms = reporting_verb_forms().set_index("verb")
    for verb in plural_reporting_verbs():
        assert quotes_of(forms.loc[verb, "example"]).empty, verb


def test_each_evidentiality_term_example_matches_its_pattern_and_no_other():
    """Hedges, attribution markers and reporting verbs, the verbs' patterns built from the
    forms of reporting_verbs.csv."""
    table = hedge_terms()
    assert (table["pattern"].fillna("") != "").all()
    cues = {row.term: compile_cue(row.pattern) for row in table.itertuples()}
    for row in table.itertuples():
        assert [term for term, cue in cues.items() if cue.search(row.example)] == [row.term]


def test_each_counted_reporting_verb_form_is_found_in_its_example_under_its_term_only():
    forms = reporting_verb_forms()
    counted = forms[forms["evidentiality"] != ""]
    terms = hedge_terms()
    verb_terms = set(terms.loc[terms["kind"] == "reporting_verb", "term"])
    assert set(counted["evidentiality"]) == verb_terms
    cues = {row.term: compile_cue(row.pattern) for row in terms.itertuples()}
    for row in counted.itertuples():
        found = {
            term: [m[0].lower() for m in cue.finditer(row.example)] for term, cue in cues.items()
        }
        assert {term: hits for term, hits in found.items() if hits} == {
            row.evidentiality: [row.verb]
        }, row.verb


def test_each_title_example_refers_back_with_the_title():
    for row in data_csv("titles.csv").itertuples():
        assert as_word(f"the {row.title}").search(row.example), row.title
        assert _is_anaphor(alias_key(f"the {row.title}")), row.title


def test_no_non_speaker_is_taken_for_a_speaker():
    for row in data_csv("non_speakers.csv").itertuples():
        assert as_word(row.word).search(row.example), row.word
        speakers = {str(s).lower() for s in quotes_of(row.example)["speaker"]}
        assert row.word not in speakers, row.word


def test_each_group_noun_opening_its_example_is_a_nominal_source_not_a_name():
    """Capitalised by its sentence only, in a document that never writes it in lower case."""
    for row in data_csv("group_nouns.csv").itertuples():
        assert row.example.lower().startswith(row.word + " "), row.word
        found = quotes_of(row.example)
        assert list(zip(found["speaker"].str.lower(), found["speaker_kind"])) == [
            (row.word, "nominal")
        ], row.word


def test_each_organisation_word_marks_its_example_alone_and_it_is_no_person():
    table = data_csv("organisation_words.csv")
    words = {row.pattern: re.compile(rf"\b(?:{row.pattern})\b", re.I) for row in table.itertuples()}
    for row in table.itertuples():
        assert [p for p, word in words.items() if word.search(row.example)] == [row.pattern]
        assert ORGANISATION_WORDS.search(row.example) and not looks_like_person(row.example)
