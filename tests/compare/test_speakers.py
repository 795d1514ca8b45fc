"""Speaker grammar of English news attributions (#18), one invented sentence per rule, and the
measured accuracy on real news (PolNeAR, ``../shared``; skipped when absent)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from newsframes.compare.quotes import quotes_table
from newsframes.compare.speakers import (
    MASK,
    clean_phrase,
    mask_abbreviations,
    parse_subject,
    short_words_before_periods,
)
from newsframes.compare.voices import corpus_names, voice_of, voices
from newsframes.corpus import UNATTRIBUTED, UNNAMED, corpus_from_texts
from newsframes.evaluation import COLUMNS, accuracy_path, record
from newsframes.report.voices_prose import measured_accuracy
from newsframes.resources import data_csv, reporting_verbs
from timing import assert_linear

SHARED = ROOT.parent / "shared"


def _quotes(body: str, published: str = "") -> pd.DataFrame:
    corpus = corpus_from_texts(
        {"d": "Headline\n\n" + body}, pd.DataFrame([{"doc_id": "d", "published": published}])
    )
    return quotes_table(corpus)


def _speaker_of(body: str, words: str, published: str = "") -> pd.Series:
    table = _quotes(body, published)
    rows = table[table["text"].str.contains(words, regex=False)]
    assert len(rows), f"no quote holds {words!r}"
    return rows.iloc[0]


# --- titles, honorifics, appositions --------------------------------------------------------


def test_title_stays_with_the_name_and_postmodifier_is_dropped():
    row = _speaker_of("“We will hold hearings,” said Rep. Jane Roe of Ohio.", "hearings")
    assert (row["speaker"], row["speaker_kind"]) == ("Jane Roe", "name")
    assert row["speaker_surface"].startswith("Rep. Jane Roe")


def test_title_before_a_party_tag():
    row = _speaker_of("“The bill is dead,” Sen. John Doe (R-Utah) said Friday.", "bill is dead")
    assert row["speaker"] == "John Doe"


@pytest.mark.parametrize(
    "phrase, name",
    [
        ("University of Example professor Jane Roe", "Jane Roe"),
        ("Bank of Example senior analyst John Doe", "John Doe"),
        ("Jane Roe of the University of Example", "Jane Roe"),
        ("Secretary of State Jane Roe", "Jane Roe"),
        ("Comedian Jane Roe", "Jane Roe"),  # an occupation written as a title
        ("Actress Jane Roe", "Jane Roe"),
    ],
)
def test_an_organisation_and_a_role_before_a_name_are_its_premodifier(phrase, name):
    """ "University of Example professor Jane Roe" names her, not the university: an "of" ending
    in a role and a full name is inside the premodifier, not a postmodifier."""
    assert parse_subject(phrase).name == name


@pytest.mark.parametrize(
    "body, words, speaker",
    [
        (  # a spokeswoman speaks for Roe: the words are hers, as written
            "“We will not comment,” a spokeswoman for Jane Roe said.",
            "comment",
            "a spokeswoman for Jane Roe",
        ),
        ("“We will not comment,” the Club for Growth said.", "comment", "Club for Growth"),
        (  # a dateline is no name before an apposition
            "WASHINGTON — Sen. Jane Roe (D-Ohio) on Wednesday downplayed the attack — something "
            "that has shaken the party all week — and said it was “a wise choice.”",
            "wise choice",
            "Jane Roe",
        ),
        (  # a verb missing from the list, then "and"
            "“Go back to your seat,” Jane Roe barked and a guard escorted the reporter out.",
            "your seat",
            "Jane Roe",
        ),
        (  # a name, its comma and a role whose closing comma was left out
            "Jane Roe, the communications director for the party said in a statement. “There "
            "are no ballots to recount.”",
            "ballots",
            "Jane Roe",
        ),
        (
            "Mrs. Roe, these people said, would be open to other measures.",
            "measures",
            "these people",
        ),
    ],
)
def test_roles_for_someone_datelines_and_appositions(body, words, speaker):
    assert _speaker_of(body, words)["speaker"] == speaker


@pytest.mark.parametrize(
    "body, words, speaker",
    [
        (
            "“Thanks for welcoming them,” said master of ceremonies Jane Roe, an engineer.",
            "welcoming them",
            "Jane Roe",
        ),
        (
            "“We made it,” said former secretary of state Jane Roe, who praised the plan.",
            "made it",
            "Jane Roe",
        ),
        (  # the son speaks, not his father
            "“Thanks for welcoming these refugees,” said the son of former president John Doe.",
            "refugees",
            "the son of former president John Doe",
        ),
        (  # a title opening the sentence, capitalised there
            "Former secretary of state Jane Roe: “We learned that from the department.”",
            "learned",
            "Jane Roe",
        ),
        (  # the supporters speak, not the one they support
            "“We want her to stay in the race,” supporters of Jane Roe said.",
            "stay in",
            "supporters of Jane Roe",
        ),
        (
            "“We want her to stay in the race,” people familiar with her thinking said.",
            "stay in",
            "people familiar with her thinking",
        ),
        (  # a noun in -ly is no adverb
            "“We want her to stay in the race,” a lawyer for the family said.",
            "stay in",
            "a lawyer for the family",
        ),
        (
            "Weighing in on the talks, former Ohio Gov. Jane Roe agreed, calling the plan "
            "“one of the best we have got.”",
            "best we have",
            "Jane Roe",
        ),
        (
            "Roe’s campaign called the report a “rush to judgment,” because it was early.",
            "rush",
            "Roe’s campaign",
        ),
        (
            "Jane Roe’s response was: “Is the shop open on Sunday?”",
            "shop open",
            "Jane Roe’s response",
        ),
    ],
)
def test_a_lower_case_role_before_a_name_and_a_possessive_subject(body, words, speaker):
    """A role written in lower case before a full name is its title ("master of ceremonies",
    "former secretary of state"), unless a determiner makes it the subject ("the son of …") or
    it ends in "of" ("supporters of"); a possessive and a noun ("Roe’s
    campaign") is a clause's subject."""
    assert _speaker_of(body, words)["speaker"] == speaker


@pytest.mark.parametrize(
    "body, speaker",
    [
        (
            "When John Doe suggested that the city would sue, Jane Roe fired back: “If they sue "
            "us in a court here, they are going to lose.”",
            "Jane Roe",
        ),
        (
            "After John Doe said, “If they sue us here, they are going to lose,” he left.",
            "John Doe",
        ),
        ("As John Doe said, “If they sue us here, they are going to lose.”", "John Doe"),
    ],
)
def test_a_cue_in_a_clause_before_the_main_one_is_not_the_quotes(body, speaker):
    """A reporting verb in a subordinate clause that a comma closes before the main clause
    ("When Doe suggested …, Roe fired back: “…”") is not the quote's cue; a quote inside that
    clause, or after "As Doe said,", is."""
    assert _speaker_of(body, "they are going to lose")["speaker"] == speaker


def test_a_quote_ending_its_sentence_takes_no_cue_from_the_next():
    """ "“…. He is a circus act.” Of Doe, Roe said more.": the quote's own final mark ends its
    sentence, so the next sentence's cue is not read as the attribution at its end."""
    body = "“He is funny,” John Doe said. Then: “He is a circus act.” Of Doe, Jane Roe said more."
    assert _speaker_of(body, "circus act")["speaker"] == "John Doe"


def test_secretary_of_state_is_a_title():
    row = _speaker_of("Secretary of State Jane Roe said on Monday: “Talks go on.”", "Talks go on")
    assert row["speaker"] == "Jane Roe"


def test_apposition_after_an_inverted_cue_is_the_affiliation():
    row = _speaker_of(
        "“Costs will rise,” said Jane Roe, a senior fellow at the Example Institute.", "Costs"
    )
    assert row["speaker"] == "Jane Roe"
    assert row["affiliation"] == "a senior fellow at the Example Institute"


def test_apposition_between_name_and_verb():
    row = _speaker_of(
        "Jane Roe, a senior fellow at the Example Institute, said: “Costs will rise.”", "Costs"
    )
    assert (row["speaker"], row["affiliation"]) == (
        "Jane Roe",
        "a senior fellow at the Example Institute",
    )


def test_apposition_after_the_quote_before_the_verb():
    row = _speaker_of(
        "“Costs will rise,” John Doe, the mayor of a small town, told reporters.", "Costs"
    )
    assert (row["speaker"], row["affiliation"]) == ("John Doe", "the mayor of a small town")


def test_name_after_a_described_role():
    row = _speaker_of(
        "In a statement, her senior adviser, John Doe, said: “We disagree.”", "disagree"
    )
    assert row["speaker"] == "John Doe"


def test_relative_clause_between_name_and_verb():
    row = _speaker_of("Jane Roe, who chairs the panel, said: “We will vote.”", "We will vote")
    assert row["speaker"] == "Jane Roe"


def test_honorific_surname_takes_the_full_name_of_the_document():
    body = "Mary Doe opened the meeting.\n\n“It is over,” Mrs. Doe said.\n\n“We lost,” Doe added."
    table = _quotes(body)
    assert set(table.loc[table["kind"] == "direct", "speaker"]) == {"Mary Doe"}


@pytest.mark.parametrize(
    "opening, speaker",
    [
        ("Maybe Roe is right about the plan, and maybe she is not.", "Roe"),
        ("Billionaire Jane Roe praised the plan. The billionaire owns two teams.", "Jane Roe"),
        ("Rich Roe spoke about the plan. The rich will pay more, said Rich Roe.", "Rich Roe"),
        ("De Roe spoke to voters on Monday. Voters like de Roe and his plan.", "De Roe"),
    ],
)
def test_a_word_capitalised_only_as_a_sentence_opener_is_no_part_of_a_name(opening, speaker):
    """A name run that opens its sentence takes the sentence's capital on its first word:
    "Maybe Roe" and "Billionaire Jane Roe" are Roe and Jane Roe where the text writes "maybe"
    and "billionaire" in lower case and never capitalises them inside a sentence, so a lone
    "Roe" is not given the full name "Maybe Roe". "Rich Roe" keeps Rich where the text writes
    "Rich Roe" inside a sentence too; a name particle ("de Roe" inside a sentence) stays."""
    body = f"{opening}\n\n“We will win this state,” Roe said at the rally on Monday.\n\n"
    assert _speaker_of(body, "win this state")["speaker"] == speaker


def test_sentence_openers_are_read_in_time_linear_in_the_text():
    """Whether a sentence's first word is written in lower case elsewhere is asked once per
    word of a text, and a word found only inside others is read by one scan: thousands of
    sentences opening "Ing Roe said", "ing" inside every other word, took 136 s for 8,000."""
    from newsframes.compare.entities import name_runs

    sentence = "Ing Roe said the thing was going well and being done. "
    runs = assert_linear(lambda n: name_runs(mask_abbreviations(sentence * n)), 2_000)
    assert runs[0].name == ("Ing", "Roe")


@pytest.mark.parametrize(
    "text, name",
    [
        ("On Tuesday Roe said it would pass.", ("Roe",)),  # a weekday is never a first name
        ("Tuesday Jane Roe said it would pass.", ("Jane", "Roe")),
        ("The talks in January Roe said would pass.", ("Roe",)),  # a month after "in"
        ("Since November Jane Roe has said so.", ("Jane", "Roe")),
        ("The letter within January Roe wrote said so.", ("January", "Roe")),  # not "in"
        ("In April Roe said it would pass.", ("April", "Roe")),  # a given name too: kept
        ("Gov. Jan Roe said it would pass.", ("Jan", "Roe")),  # an abbreviation: a name
        ("January Roe said it would pass.", ("January", "Roe")),  # no time word before it
    ],
)
def test_a_date_before_a_name_is_not_part_of_it(text, name):
    """News English often writes no comma after a date that opens a sentence ("On Tuesday
    Clinton said …"): the weekday, or a month after a word of time, is not the name's first
    word; a month that is also a given name, or without a word of time before it, stays."""
    from newsframes.compare.entities import name_runs

    assert [run.name for run in name_runs(mask_abbreviations(text))][-1] == name


def test_a_speaker_after_a_date_without_a_comma_is_named_in_full():
    body = (
        "Jane Roe spoke in Iowa. On Tuesday Roe said the vote would pass.\n\n"
        "“We will win,” Roe said Tuesday."
    )
    assert _speaker_of(body, "vote would pass")["speaker"] == "Jane Roe"
    assert _speaker_of(body, "We will win")["speaker"] == "Jane Roe"
    assert parse_subject("Tuesday Roe").name == "Roe"


# --- nominal speakers and non-speakers -------------------------------------------------------


def test_nominal_speaker_kept_as_written_and_marked():
    row = _speaker_of("“The numbers do not add up,” the report said.", "numbers")
    assert (row["speaker"], row["speaker_kind"]) == ("the report", "nominal")


@pytest.mark.parametrize(
    "phrase",
    [
        "forcefully",
        "sponsored by the channel and",
        "Rep",
        "It",
        "Many",
        "he’d",
        "value-",
        "R-Ariz.",
        "the deal was dead and",
        "Despite what he",
    ],
)
def test_adverbs_fragments_and_bare_titles_are_no_speakers(phrase):
    """Nor a lone quantifier, a contraction, a broken word, a party tag, a clause joined to
    the verb's ("the deal was dead and") or a subordinate clause ("Despite what he")."""
    assert parse_subject(phrase) is None


@pytest.mark.parametrize(
    "phrase, cleaned",
    [
        ("PHILADELPHIA ― Jane Roe’s campaign", "Jane Roe’s campaign"),
        ("WASHINGTON, D.C. - Jane Roe", "Jane Roe"),
        ("NATO-Russia Council", "NATO-Russia Council"),  # a hyphen inside a name stays
        ("The Legion has twice", "The Legion"),
        ("Her advisers have long", "Her advisers"),
        ("Huey Long", "Huey Long"),
        # an adverb is in lower case, a day or a month after "in" is a time; a name is neither
        ("Jane Roe forcefully", "Jane Roe"),
        ("Jane Roe on Tuesday", "Jane Roe"),
        ("Jane Roe Tuesday", "Jane Roe"),
        ("a judge in October", "a judge"),
        ("Megyn Kelly", "Megyn Kelly"),
        ("the family", "the family"),  # a noun in -ly
        ("a close ally", "a close ally"),
        ("Mrs. Schlafly", "Mrs. Schlafly"),
        ("Doc Holliday", "Doc Holliday"),
        ("Jane March", "Jane March"),
        # a time before the subject, with or without its comma
        ("In 2010 she", "she"),
        ("On Monday night he", "he"),
        ("Last week the governor", "the governor"),
        ("She has since", "She"),
        ("May Jones", "May Jones"),
    ],
)
def test_a_dateline_and_a_perfect_adverb_are_cut_from_a_subject(phrase, cleaned):
    assert clean_phrase(phrase) == cleaned


def test_a_count_before_of_is_no_name():
    parsed = parse_subject("Many of the claims made since he")
    assert parsed is None or parsed.kind != "name"


@pytest.mark.parametrize(
    "sentence, speaker",
    [
        ("Two in three said they are less likely to vote now.", "Two in three"),
        ("Twenty-four percent said they were more likely to vote for her.", "Twenty-four percent"),
        ("Many prominent Republicans said they will not attend it.", "Many prominent Republicans"),
        ("U.S. officials said they do not believe he was helped.", "U.S. officials"),
        ("Jones’ aides say their campaign has no desire to engage.", "Jones’ aides"),
        ("Majority Leader Jane Roe said the vote would be held.", "Jane Roe"),
        ("Jane Roe spoke. Though she never said his name, she meant him.", "Jane Roe"),
    ],
)
def test_quantities_abbreviations_and_plural_possessives_in_subjects(sentence, speaker):
    """A counted group ("Two in three", "Sixty-six percent"), a subject with an abbreviation
    ("U.S. officials") or a plural possessive ("Jones’ aides") names the speaker of reported
    speech; a number word opening a title stays a title ("Majority Leader")."""
    quotes = _quotes(sentence)
    assert quotes.loc[quotes["kind"] == "reported", "speaker"].tolist()[-1:] == [speaker]


def test_abbreviation_periods_are_masked_at_equal_length():
    text = "Rep. J. Doe (D-Wis.) spoke in the U.S. today. Then he left."
    masked = mask_abbreviations(text)
    assert len(masked) == len(text)
    assert masked.count(MASK) == 5 and masked.endswith("today. Then he left.")


SHORT_WORD_PERIOD_RE = re.compile(r"(?<![\w.\u2024])([A-Za-z](?:\.?[A-Za-z]){0,4})\.")


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.text(alphabet="aBz.\u2024_1é -(", max_size=30))
def test_short_words_before_periods_are_what_the_regex_finds_at_every_character(text):
    """Found from the periods (each run of word characters and periods read once): the
    matches of the regex with its lookbehind, tried at every character."""
    found = [m.span() for m in short_words_before_periods(text)]
    assert found == [m.span() for m in SHORT_WORD_PERIOD_RE.finditer(text)]


# --- cues ------------------------------------------------------------------------------------

ADDED_VERBS = reporting_verbs()[reporting_verbs().index("continued") :]


@pytest.mark.parametrize("verb", ADDED_VERBS)
def test_each_added_reporting_verb_attributes_a_trailing_quote(verb):
    row = _speaker_of(f"“We will win the vote,” Jane Roe {verb}.", "win the vote")
    assert row["speaker"] == "Jane Roe", verb


def test_question_closed_by_its_mark_takes_the_short_attribution_after_it():
    row = _speaker_of("“Any questions?” Jane Roe asked.", "Any questions")
    assert row["speaker"] == "Jane Roe"


def test_colon_introduction_in_the_paragraph_before():
    row = _speaker_of("Jane Roe continued:\n\n“Nobody here wants another delay.”", "another delay")
    assert row["speaker"] == "Jane Roe"


def test_subject_of_the_sentence_without_a_reporting_verb():
    row = _speaker_of("Sen. Jane Roe called the plan “a costly mistake.”", "costly mistake")
    assert row["speaker"] == "Jane Roe"


def test_quote_paragraph_after_a_paragraph_naming_its_subject():
    body = "Jane Roe praised the new budget for its clarity.\n\n“It finally adds up.”"
    assert _speaker_of(body, "finally adds up")["speaker"] == "Jane Roe"


def test_sentence_opening_with_a_preposition_is_not_a_subject():
    row = _speaker_of("In December the council called it “a fair deal.”", "fair deal")
    assert row["speaker"] != "December"


# --- pronouns ---------------------------------------------------------------------------------


def test_pronoun_goes_to_the_last_person_of_its_gender():
    body = (
        "Jane Roe said she would run again. John Doe said he would not.\n\n“We will win,” she said."
    )
    assert _speaker_of(body, "We will win")["speaker"] == "Jane Roe"


@pytest.mark.parametrize(
    "body, speaker",
    [
        (  # the subject of the sentence, not the person named after it
            "Mr. Roe said his talks with Mr. Doe went well. “We agreed on a lot,” he said.",
            "Mr. Roe",
        ),
        (
            "Speaking in Ohio, Jane Roe went after John Doe.\n\n“He is a total stiff,” she said.",
            "Jane Roe",
        ),
    ],
)
def test_pronoun_prefers_the_subject_of_the_sentence_naming_its_antecedent(body, speaker):
    assert _speaker_of(body, "a lot" if "a lot" in body else "stiff")["speaker"] == speaker


@pytest.mark.parametrize("place", ["North Carolina", "New England", "Lake City", "United States"])
def test_a_place_is_no_antecedent_of_a_pronoun(place):
    body = f"Jane Roe spoke at the rally. {place} voted last week. “We will win,” she said."
    assert _speaker_of(body, "We will win")["speaker"] == "Jane Roe"


def test_pronoun_without_a_person_before_it_stays_unresolved():
    row = _speaker_of("“We will win,” she said.", "We will win")
    assert row["speaker"] == ""


# --- the actor list only where it fits --------------------------------------------------------


def test_actor_list_never_renames_a_stranger_with_the_same_surname():
    row = _speaker_of("“We acted quickly,” said Kevin Sullivan.", "acted quickly", "2016-05-01")
    assert (row["speaker"], row["camp"]) == ("Kevin Sullivan", "unknown")


def test_actor_surname_outside_its_period_is_not_the_actor():
    row = _speaker_of("“We acted quickly,” Sullivan said.", "acted quickly", "2016-05-01")
    assert row["camp"] == "unknown"
    inside = _speaker_of("“We acted quickly,” Sullivan said.", "acted quickly", "2022-01-10")
    assert inside["camp"] != "unknown"


def test_relaying_agency_is_the_channel_not_a_speaker():
    table = _quotes(
        "Jane Roe said on Friday that the talks would resume next week, Reuters reported."
    )
    assert "Reuters" not in set(table["speaker"])
    row = table[table["speaker"] == "Jane Roe"].iloc[0]
    assert row["via"] == "Reuters"


# --- voices ------------------------------------------------------------------------------------


def test_voice_of_ranks_names_and_keeps_shares_apart():
    assert voice_of("Jens Stoltenberg", "name", "NATO", "west") == "NATO"
    assert voice_of("Jane Roe", "name", "a senior fellow", "unknown") == "Jane Roe"
    assert voice_of("officials", "nominal", "unknown", "unknown") == UNNAMED
    assert voice_of(UNATTRIBUTED, "", "unknown", "unknown") == UNATTRIBUTED


def test_corpus_names_join_surnames_to_the_dominant_full_name():
    mapping = corpus_names(
        {"Jane Roe": 30, "John Roe": 2, "Roe": 5, "Mr. Doe": 1, "Ann Doe": 3, "Bob Doe": 3}
    )
    assert mapping["Roe"] == "Jane Roe"
    assert mapping["Mr. Doe"] == "Mr. Doe"  # two Does quoted alike: left as written


def test_corpus_names_join_a_name_written_with_and_without_its_middle_initial():
    """The book said "only the Mainstream texts give space to Donald J. Trump" of a corpus whose
    Right texts quote "Donald Trump" most: one person, written two ways (PolNeAR: 25 such
    pairs, "James B. Comey", "Paul D. Ryan" …). Two different initials are two people."""
    mapping = corpus_names(
        {
            "Donald Trump": 300,
            "Donald J. Trump": 40,
            "Trump": 50,
            "Loretta E. Lynch": 3,
            "Loretta Lynch": 2,
            "John A. Smith": 2,
            "John B. Smith": 2,
            "John Smith": 1,
        }
    )
    assert mapping["Donald J. Trump"] == mapping["Trump"] == "Donald Trump"
    assert mapping["Loretta Lynch"] == "Loretta E. Lynch"  # the form quoted more
    assert [mapping[n] for n in ("John A. Smith", "John B. Smith", "John Smith")] == [
        "John A. Smith",
        "John B. Smith",
        "John Smith",
    ]


@pytest.mark.parametrize(
    "text, speaker",
    [
        # a common noun opening its sentence, written in lower case elsewhere: no name
        (
            "The police closed the road. Police said the march had been peaceful all day.",
            ("Police", "nominal"),
        ),
        # and before what it is of: the group speaks, not the one it is of
        (
            "Her supporters waited. Supporters of Jane Roe said the march had been peaceful.",
            ("Supporters of Jane Roe", "nominal"),
        ),
        # a word never written in lower case keeps its capital as a name
        ("Roe spoke at the rally. Roe said the march had been peaceful all day.", ("Roe", "name")),
        # capitalised inside a sentence too: a name, even where "the roe" appears
        (
            "They ate the roe. Senator Roe met them. Roe said the march had been peaceful.",
            ("Roe", "name"),
        ),
    ],
)
def test_a_capital_that_only_opens_a_sentence_makes_no_name(text, speaker):
    text = "H\n\n" + text
    found = quotes_table(corpus_from_texts({"d": text}))
    reported = found[found["kind"] == "reported"]
    assert list(zip(reported["speaker"], reported["speaker_kind"])) == [speaker]


@pytest.mark.parametrize(
    "text, speakers",
    [
        (
            "Two officials at the ministry, speaking on condition of anonymity, said the talks "
            "had failed.",
            [("Two officials at the ministry", "nominal")],
        ),
        (
            "Officials at the ministry, a division of the government, said the talks had failed.",
            [("Officials at the ministry", "nominal")],
        ),
        # a clause before the commas, not a source: the speaker follows the verb
        (
            "The program is hardly formal, but it has a loyal following, said Jane Roe.",
            [("Jane Roe", "name")],
        ),
        (
            "Jane Doe and her son, John and his wife had been traveling together, wrote Jane "
            "Roe on Facebook.",
            [("Jane Roe", "name")],
        ),
    ],
)
def test_a_source_set_off_by_a_description_before_its_verb(text, speakers):
    found = quotes_table(corpus_from_texts({"d": "H\n\n" + text}))
    assert list(zip(found["speaker"], found["speaker_kind"])) == speakers


@pytest.mark.parametrize(
    "phrase, source",
    [
        ("attorneys and legal experts", "attorneys and legal experts"),
        ("White House and Pentagon spokesmen", "White House and Pentagon spokesmen"),
        (f"Mr{MASK} Xi and other leaders", "Mr. Xi and other leaders"),
        # not two sources: a clause, a pronoun, a clause joined to the next verb's
        (f"Mr{MASK} Roe freed seven Iranian and Iranian-American men", None),
        ("officials and he", None),
        ("the deal was dead and", None),
    ],
)
def test_two_sources_joined_by_and_are_one_nominal_source(phrase, source):
    parsed = parse_subject(phrase)
    assert (parsed and (parsed.name, parsed.kind)) == (source and (source, "nominal"))


@pytest.mark.parametrize("determiner", ["Some", "All", "Both", "Another"])
def test_a_determiner_alone_is_no_speaker(determiner):
    assert parse_subject(determiner) is None


def test_voices_table_counts_a_person_once_across_documents():
    corpus = corpus_from_texts(
        {
            "a": "H\n\n“We will win the vote,” said Jane Roe.",
            "b": "H\n\n“The vote is close,” Roe said.",
        }
    )
    table = voices(quotes_table(corpus))
    assert set(table["speaker"]) == {"Jane Roe"}


# --- measured on real news ----------------------------------------------------------------------


def test_accuracy_file_keeps_one_row_per_split(tmp_path):
    path = tmp_path / "accuracy.csv"
    record({"split": "dev", "speaker_acc": 0.5}, path)
    record({"split": "train", "speaker_acc": 0.6}, path)
    record({"split": "dev", "speaker_acc": 0.7}, path)
    table = pd.read_csv(path)
    assert list(table.columns) == COLUMNS
    assert table[["split", "speaker_acc"]].values.tolist() == [["dev", 0.7], ["train", 0.6]]


def test_book_reads_a_measured_dev_row():
    table = data_csv("quote_accuracy.csv")
    assert accuracy_path().name == "quote_accuracy.csv"
    dev = table[table["split"] == "dev"].iloc[0]
    assert 0 < float(dev["speaker_acc"]) <= 1 and dev["commit"] and dev["measured"]


def test_the_measured_accuracy_says_how_much_reported_speech_is_found():
    row = {"split": "dev", "measured": "2026-01-01", "commit": "abc1234", "source": "gold"}
    row |= {"direct_gold": 500, "recall": 0.99, "precision": 0.97, "speaker_scored": 300}
    row |= {"speaker_acc": 0.9, "reported_gold": 1392, "reported_recall": 0.355}
    said = measured_accuracy(pd.DataFrame([row]))
    assert "Of the 1,392 attributions without quotation marks" in said
    assert "the pipeline's rows cover 36%: reported speech is undercounted." in said
    every = measured_accuracy(pd.DataFrame([{**row, "reported_recall": 1.0}]))
    assert every.endswith("rows cover 100%.")
    older = measured_accuracy(pd.DataFrame([{**row, "reported_gold": float("nan")}]))
    assert "attributions without quotation marks" not in older and older == said[: len(older)]


DEV_SPEAKER_FLOOR = 0.90
"""Right speaker on PolNeAR dev as reached by #18 (0.916, 327 of 357 scored) less a margin of
0.016 (six quotations): the pipeline is deterministic, so an unchanged dev gives the same
figure; one scored quotation is 0.28 points, so the margin lets a deliberate, generic
trade-off move a few quotations without failing, while a rule that breaks a class of
attributions (usually ten or more) fails. The floor is also the issue's target (0.90)."""


@pytest.mark.slow
def test_dev_speaker_accuracy_does_not_drop(polnear_dev_run):
    gold = SHARED / "corpora" / "polnear" / "dev.gold.json"
    scorer = SHARED / "tools" / "score_quotes.py"
    if not (gold.exists() and scorer.exists()):
        pytest.skip("../shared/corpora/polnear is absent")
    scored = subprocess.run(
        [
            sys.executable,
            str(scorer),
            str(gold),
            str(polnear_dev_run / "quotes.csv"),
            str(polnear_dev_run / "documents.csv"),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    figures = json.loads(scored.stdout.strip().splitlines()[-1])
    assert figures["speaker_acc"] >= DEV_SPEAKER_FLOOR, figures
    assert figures["recall"] >= 0.94 and figures["precision"] >= 0.97, figures


# --- later rules (#18 step 1e) ------------------------------------------------------------------


@pytest.mark.parametrize("role", ["pollster", "9/11 widow", "76-year-old retiree"])
def test_inverted_cue_with_a_role_before_the_name(role):
    row = _speaker_of(f"“Nobody wants a rerun,” said {role} Jane Roe.", "rerun")
    assert row["speaker"] == "Jane Roe"


@pytest.mark.parametrize(
    "sentence, speaker, affiliation",
    [
        (
            "The problem, says Jane Roe, a historian at the library, is that she was “the most "
            "powerful of them all.”",
            "Jane Roe",
            "a historian at the library",
        ),
        (
            "The problem, said the minister, is that it was “the most powerful of them all.”",
            "the minister",
            "unknown",
        ),
        # "said to be" is no attribution, and names no speaker in its sentence
        (
            "The minister, said to be close to John Doe, called it “the most powerful of all.”",
            "the minister",
            "unknown",
        ),
    ],
)
def test_inverted_cue_between_commas_inside_the_sentence(sentence, speaker, affiliation):
    row = _speaker_of(sentence, "powerful")
    assert (row["speaker"], row["affiliation"]) == (speaker, affiliation)


@pytest.mark.parametrize(
    "sentence, speaker",
    [
        ("Senator Jane Roe: “Online panels differ on the vote.”", "Jane Roe"),
        ("POLLS WERE NOT WRONG, JUST EARLY - Jane Roe: “Online panels differ.”", "Jane Roe"),
        (
            "Signs were there all along -More from Pew Research: “Online panels differ.”",
            "Pew Research",
        ),
        ("Web panels differ - More from the report: “Online panels differ a lot.”", ""),
    ],
)
def test_a_name_and_a_colon_before_a_quote_after_a_headline_and_a_dash(sentence, speaker):
    """A digest item: a headline, a dash, the source and a colon (or "From", "More from")."""
    assert _speaker_of(sentence, "Online panels")["speaker"] == speaker


@pytest.mark.parametrize(
    "sentence",
    [
        "Jane Roe may have said it best when she blogged: “The old guard is gone for good.”",
        "Jane Roe hasn’t answered the letter, calling it “the old guard at work.”",
        "Jane Roe didn’t seem impressed, telling reporters, “The old guard is gone for good.”",
        "Jane Roe did not answer the letter, calling it “the old guard at work.”",
        "Jane Roe sought to calm the crowd, saying it was “the old guard at work.”",
        "Jane Roe fought back, calling the letter “the old guard at work.”",
    ],
)
def test_a_modal_or_negation_before_the_verb_still_gives_the_clause_subject(sentence):
    """The clause's verb may follow "did", "not" or a contraction in its base form ("didn’t
    seem"), or be an irregular past ("sought", "fought")."""
    row = _speaker_of(sentence, "old guard")
    assert (row["speaker"], row["attribution"]) == ("Jane Roe", "sentence_subject:name")


@pytest.mark.parametrize(
    "sentence, speaker",
    [
        (
            "But a few days later, Jane Roe reversed herself, telling a radio host the rules are "
            "“set in stone.”",
            "Jane Roe",
        ),  # "days" is no verb
        ("A Texas voter who backed Roe in 2012 called the plan “set in stone.”", "a Texas voter"),
        (
            "Two years before the public learned of it, the board called the plan “set in stone.”",
            "the board",
        ),
        ("Hours before Sen. Jane Roe spoke, the plan was “set in stone.”", "the plan"),
        ("It is strange that Jane Roe thinks the plan is “set in stone.”", ""),
    ],
)
def test_a_clause_or_circumstance_never_ends_a_subject(sentence, speaker):
    """A relative clause after the subject ("A voter who …") is skipped to its verb; a time
    phrase ("A few days later,", "Two years before …,") is no subject, the clause after it has
    one; "It is strange that Roe thinks" names no one."""
    assert _speaker_of(sentence, "set in stone")["speaker"] == speaker


@pytest.mark.parametrize(
    "sentence, speaker",
    [
        ("The plan led to what aide Jane Roe called “a new era” in the party.", "Jane Roe"),
        (
            "It ended in what John Doe, a former treasurer, called “hand-to-hand combat.”",
            "John Doe",
        ),
        (
            "As Jane Roe puts it, the mayor is making the council “an offer it cannot refuse.”",
            "Jane Roe",
        ),
        (
            "As the chief executive, Jane Roe, put it in a memo, “Imagine a bigger world.”",
            "Jane Roe",
        ),
        ("John Doe said the cuts were what Jane Roe called “a new era” for the city.", "Jane Roe"),
        ("John Doe said the plan, which Jane Roe called “a disaster,” would pass.", "Jane Roe"),
        (
            "John Doe said the plan, which Jane Roe has described as “a disaster,” will pass.",
            "Jane Roe",
        ),
        ("John Doe said the cuts were what he called “a new era” for the city.", "John Doe"),
        ("John Doe said the plan, which Congress called “a disaster,” would pass.", "Congress"),
    ],
)
def test_what_x_called_and_as_x_put_it_name_the_speaker(sentence, speaker):
    """A naming relative ("what Roe called “…”") or "as Roe put it" gives the speaker, over the
    sentence's subject; a reporting verb before the quote comes first unless the relative
    names someone ("Doe said the plan, which Roe called “…”": Roe's words), not by a pronoun,
    which most often is the reporting verb's subject."""
    quoted = _quotes(sentence, "").query("kind != 'reported'")  # the words in marks
    assert quoted["speaker"].tolist() == [speaker]


def test_clause_after_a_colon_names_the_source():
    row = _speaker_of(
        "Few sounded sure: Former Gov. Jane Roe called it “the least bad option.”", "least bad"
    )
    assert row["speaker"] == "Jane Roe"


def test_party_of_a_state_is_an_apposition():
    body = "“That was a good speech,” Representative Jane Roe, Democrat of Ohio, told him."
    row = _speaker_of(body, "good speech")
    assert (row["speaker"], row["affiliation"]) == ("Jane Roe", "Democrat of Ohio")


@pytest.mark.parametrize(
    "body",
    [
        "“Why are you still here?” Jane Roe asked the council members.",
        "John Doe left. “Why are you here?” Jane Roe told the city’s TV station in an interview.",
        # the occasion is long, its own sentence marks inside ("U.S.")
        "John Doe left. “Why are you here?” Jane Roe told the city’s TV station in an interview "
        "aired on Monday when asked how the plan would fare if it passed the U.S. Senate.",
    ],
)
def test_closed_question_then_speaker_asking_someone(body):
    assert _speaker_of(body, "are you")["speaker"] == "Jane Roe"


def test_closed_quote_then_a_sentence_telling_someone_something_else():
    """A quote closed by its own mark is not given to the next sentence's subject when that
    sentence goes on to report what was told ("told X that …"), its own words."""
    body = "John Doe left. “Why are you here?” Jane Roe told the council that the vote was over."
    assert _speaker_of(body, "are you")["speaker"] != "Jane Roe"


def test_age_before_the_name_and_apposition_with_commas():
    body = (
        "76-year-old Jane Roe, founder of a small institute, a member since 1990, endorsed him, "
        "saying he “has shown his commitment.”"
    )
    assert _speaker_of(body, "commitment")["speaker"] == "Jane Roe"


def test_party_tag_before_the_comma_of_a_trailing_verb_phrase():
    body = (
        "Sen. Jane Roe (D-Ohio), said after lunch that she liked it, and called it “a good start.”"
    )
    assert _speaker_of(body, "good start")["speaker"] == "Jane Roe"


def test_according_to_in_a_colon_introduction():
    body = "According to Jane Roe, writing for a weekly:\n\n“The numbers were never checked.”"
    assert _speaker_of(body, "never checked")["speaker"] == "Jane Roe"


def test_quote_signed_off_with_a_dash_and_a_name():
    body = (
        "“We were never asked what we wanted.” ― Jane Roe\n\n“Nobody listened to us.” — John Doe."
    )
    table = _quotes(body)
    assert table.loc[table["kind"] == "direct", "speaker"].tolist() == ["Jane Roe", "John Doe"]


def test_quote_signed_off_in_the_paragraph_below():
    body = (
        "We review the claims made on Tuesday.\n\n"
        '"Almost all new income is going to the top 1 percent."\n\n'
        "- Jane Roe.\n\n"
        '"We never raised the sales tax."\n\n'
        "\u2014 Sen. John Doe, Ohio.\n\n"
        'The figures say otherwise. "We will check again."\n\n'
        "- Mary Poe.\n\n"
        '"Nobody asked us."\n\n'
        "- a reader"
    )
    table = _quotes(body).set_index("text")["speaker"]
    assert table["Almost all new income is going to the top 1 percent."] == "Jane Roe"
    assert table["We never raised the sales tax."] == "John Doe"
    assert table["We will check again."] != "Mary Poe"  # the paragraph holds more than it
    assert table["Nobody asked us."] != "a reader"  # no name


def test_initials_run_stays_inside_the_name():
    row = _speaker_of(
        "“This is a sad day,” said Rep. J.K. Roe (D-N.C.), head of a caucus.", "sad day"
    )
    assert row["speaker"] == "J.K. Roe"


def test_quote_after_a_sentence_whose_cue_names_the_speaker():
    body = "The plan may wait until spring, Jane Roe said. “The other factor is money.”"
    assert _speaker_of(body, "other factor")["speaker"] == "Jane Roe"


def test_pronoun_skips_an_organisation_named_just_before():
    body = (
        "Jane Roe, the mayor, spoke first. The Example Society, a civic group, issued a "
        "statement.\n\n"
        "“We will keep going,” she said."
    )
    assert _speaker_of(body, "keep going")["speaker"] == "Jane Roe"


def test_office_word_is_a_title_only_before_a_full_name():
    assert parse_subject("the State Department").name == "State Department"
    assert parse_subject("Secretary of State Jane Roe").name == "Jane Roe"


def test_described_subject_next_to_the_verb_is_not_replaced_by_an_earlier_name():
    body = "At the meeting in Springfield, Ohio, the local organizer replied: “We are not done.”"
    assert _speaker_of(body, "not done")["speaker"] == "the local organizer"


def test_name_in_apposition_to_a_described_subject_after_the_quote():
    row = _speaker_of(
        "“Positions will soften,” the senator’s chief of staff, John Doe, told reporters.", "soften"
    )
    assert row["speaker"] == "John Doe"


def test_relative_clause_after_an_inverted_cue_is_no_affiliation():
    row = _speaker_of(
        "“We start today,” said Jane Roe, who led the group for a decade.", "start today"
    )
    assert (row["speaker"], row["affiliation"]) == ("Jane Roe", "unknown")


def test_inverted_cue_subject_ends_before_for():
    row = _speaker_of(
        "“The effect is small,” wrote Jane Roe for a polling firm.", "effect is small"
    )
    assert row["speaker"] == "Jane Roe"


def test_clause_subject_named_in_apposition():
    row = _speaker_of(
        "Another critic, John Doe, likened the rules to “burning the house.”", "burning"
    )
    assert row["speaker"] == "John Doe"


def test_clause_after_a_quoted_title_and_comma():
    body = (
        "On “Morning Talk,” Sen. Jane Roe (Vt.), who ran last year, praised the plan. “It is good.”"
    )
    assert _speaker_of(body, "It is good")["speaker"] == "Jane Roe"


def test_trailing_cue_later_in_the_sentence_of_a_partial_quote():
    row = _speaker_of("A clerk who “steals a few dollars” is punished, Jane Roe said.", "steals")
    assert row["speaker"] == "Jane Roe"


def test_paragraph_after_partial_quotes_takes_its_subject():
    body = (
        "Though she called it “outrageous,” Jane Roe kept her comments short.\n\n"
        "“Any bank that fails should be broken up.”"
    )
    assert _speaker_of(body, "broken up")["speaker"] == "Jane Roe"


def test_plural_possessive_apposition_and_party_tag():
    row = _speaker_of("John Doe, the Does' media adviser, said it was “mischief.”", "mischief")
    assert row["speaker"] == "John Doe"
    body = "Senate Leader Jane Roe, R-Ky., delivered a blunt message: “It is time to stop.”"
    assert _speaker_of(body, "time to stop")["speaker"] == "Jane Roe"


def test_pronoun_refers_to_the_subject_of_the_sentence_before_not_a_name_in_a_quote():
    body = (
        "Jane Roe vowed to fight on in the state.\n\n"
        "“John Doe never called me,” she said.\n\n"
        "“We will win anyway,” she said."
    )
    table = _quotes(body)
    assert set(table.loc[table["kind"] == "direct", "speaker"]) == {"Jane Roe"}


def test_country_subject_is_no_antecedent():
    body = (
        "Jane Roe, the envoy, arrived early. Russia will also hold talks.\n\n"
        "“We are ready,” she said."
    )
    assert _speaker_of(body, "We are ready")["speaker"] == "Jane Roe"


def test_inverted_cue_with_a_described_subject_then_the_name():
    row = _speaker_of("“We found no intent,” said the bureau's director, Jane B. Roe.", "no intent")
    assert (row["speaker"], row["affiliation"]) == ("Jane B. Roe", "the bureau's director")


@pytest.mark.parametrize("opener", ["As", "But as", "When"])
def test_a_name_and_apposition_after_a_clause_opener_name_the_speaker(opener):
    """ "As Jane Roe, an expert on Syria, noted, “…”": the opener is no part of the name."""
    row = _speaker_of(
        f"{opener} Jane Roe, an expert on Syria, noted, “Everyone is waiting.”", "waiting"
    )
    assert (row["speaker"], row["attribution"]) == ("Jane Roe", "before_quote:appositive")


@pytest.mark.parametrize(
    "sentence",
    [
        "Tom Doe was asked by host Jane Roe, who backs him, “Are you tired of the debates?”",
        "Tom Doe was asked by moderator Jane Roe whether his plan would risk “a new program.”",
        "Tom Doe was told by Jane Roe that the plan was “a disaster for the state.”",
    ],
)
def test_the_agent_of_a_passive_speech_verb_is_the_speaker(sentence):
    """ "X was asked by Y …": the quote is Y's words, not the sentence subject's."""
    row = _speaker_of(sentence, sentence.split("“")[1][:8])
    assert (row["speaker"], row["attribution"]) == ("Jane Roe", "passive_agent:name")


@pytest.mark.parametrize(
    "sentence, speaker",
    [
        (
            "It came during her speech, when some students interrupted her, shouting “You lose!”",
            "some students",
        ),
        (
            "Orlando was on their minds, with many marchers chanting “We are Orlando” all day.",
            "many marchers",
        ),
        ("The crowd grew, with Jane Roe reportedly yelling: “Get him out of here!”", "Jane Roe"),
    ],
)
def test_a_crowd_verb_takes_the_subject_of_the_clause_before_it(sentence, speaker):
    """ "…, when X interrupted her, shouting “…”": X, not the sentence's subject."""
    row = _speaker_of(sentence, sentence.split("“")[1][:6])
    assert (row["speaker"], row["attribution"].split(":")[0]) == (speaker, "crowd_clause")


@pytest.mark.parametrize(
    ("body", "reported"),
    [
        (
            "Jane Roe said that experts had found the plan strong, to which John Doe "
            "interjected: “It’s just not true.”",
            "experts had found the plan strong",
        ),
        (
            "Jane Roe suggested that nobody could win the race, while John Doe said that the "
            "“stakes are too high” for him.",
            "nobody could win the race",
        ),
        (
            "Jane Roe said the plan would pass, and the senator added: “We will vote in May.”",
            "the plan would pass",
        ),
    ],
)
def test_reported_words_stop_before_another_speakers_clause(body, reported):
    """A clause with its own subject and a reporting verb a quote took is that speaker's: the
    reported words before it end there, and do not hold the other speaker's quote."""
    table = _quotes(body)
    rows = table[table["kind"] == "reported"]
    assert rows[["speaker", "text"]].values.tolist() == [["Jane Roe", reported]]


def test_reported_words_end_at_a_colon_that_opens_a_quotation():
    """The colon opens an utterance of its own, whose speaker the quote's cue names: the
    reported words did hold the union's quote (PolNeAR: a reported row took its text)."""
    body = (
        "Jane Roe spoke on Monday. The statement also referenced the impact it said the plan "
        "would have on women: “Parallel to our progress, the plan opened the door,” the union "
        "wrote."
    )
    table = _quotes(body)
    reported = table[table["kind"] == "reported"]
    assert reported["text"].tolist() == ["the plan would have on women"]
    direct = table[table["kind"] == "direct"]
    assert direct[["speaker", "text"]].values.tolist() == [
        ["the union", "Parallel to our progress, the plan opened the door"]
    ]


@pytest.mark.parametrize(
    "body",
    [
        "Jane Roe spoke on Monday. The memo showed the impact she said the plan would have.",
        "Jane Roe spoke on Monday. Later that evening she said the plan would pass.",
    ],
)
def test_a_pronoun_ending_a_longer_subject_is_the_speaker(body):
    """ "the impact she said …": no relative word before the pronoun, which is the subject of
    "said"; the phrase read back to the sentence start is none (PolNeAR: "Recently she",
    "the political divides he", "something she" were speakers)."""
    reported = _quotes(body).query("kind == 'reported'")
    assert reported["speaker"].tolist() == ["Jane Roe"]


def test_reported_words_keep_a_parenthetical_attribution_of_the_same_speaker():
    body = (
        "Jane Roe said the plan was sound, she said, because “nobody has a better one” and the "
        "vote was near."
    )
    rows = _quotes(body)
    reported = rows[rows["kind"] == "reported"]["text"].tolist()
    assert any("vote was near" in text for text in reported), rows


@pytest.mark.parametrize(
    ("body", "via"),
    [
        (
            "“We will win,” Jane Roe said at a press conference, according to the Example Sun.",
            "Example Sun",
        ),
        (
            "“We will win,” said Jane Roe, a professor, according to the Example Post.",
            "Example Post",
        ),
        # the source of a clause of its own, not of the attribution
        ("“We will win,” Jane Roe said, adding that turnout fell, according to the census.", ""),
        ("“We will win,” Jane Roe said on Monday.", ""),
    ],
)
def test_according_to_ending_an_attribution_after_a_quote_is_its_relay(body, via):
    row = _speaker_of(body, "We will win")
    assert (row["speaker"], row["via"]) == ("Jane Roe", via)


@pytest.mark.parametrize(
    "sentence, affiliation",
    [
        ("Jane Roe, speaking to reporters on Monday, said: “It will pass.”", "unknown"),
        ("“It will pass,” said Jane Roe, speaking of the plan.", "unknown"),
        ("Jane Roe, visibly angry, said: “It will pass.”", "unknown"),
        ("Jane Roe, during a rally in Ohio, said: “It will pass.”", "unknown"),
        (
            "Jane Roe, acting director of the agency, said: “It will pass.”",
            "acting director of the agency",
        ),
        ("Jane Roe, ally of the governor, said: “It will pass.”", "ally of the governor"),
        (
            "Jane Roe, a senior fellow at the institute, said: “It will pass.”",
            "a senior fellow at the institute",
        ),
    ],
)
def test_a_participle_or_an_adverbial_after_the_name_is_no_affiliation(sentence, affiliation):
    """What the speaker was doing ("speaking to reporters", "visibly angry") is not who the
    speaker is: PolNeAR gave 49 such affiliations to 179 quotes ("bluntly", "referring to
    Trump"); a title in -ing ("acting director") and a noun in -ly ("ally") stay."""
    row = _speaker_of(sentence, "It will pass")
    assert (row["speaker"], row["affiliation"]) == ("Jane Roe", affiliation)


@pytest.mark.parametrize(
    "sentence, speaker",
    [
        (
            "On Tuesday in Berea, OH, after winning Ohio, Gov. John Kasich (R-OH), said, "
            "“We are ready to go.”",
            "John Kasich",
        ),
        (
            "After the vote in Dayton, Ohio, Gov. John Kasich said: “We are ready to go.”",
            "John Kasich",
        ),
        (
            "Rep. Lois Frankel — like Reid, a supporter of his opponent, Rep. Patrick Murphy — "
            "said: “We are ready to go.”",
            "Lois Frankel",
        ),
        (
            "Dean Johnson, a voter from Columbia, South Carolina, said: “We are ready to go.”",
            "Dean Johnson",
        ),
    ],
)
def test_a_titled_name_before_the_verb_is_the_subject_not_a_place_before_it(sentence, speaker):
    """ "Berea, OH, after winning Ohio, Gov. John Kasich (R-OH), said": the book listed "OH" as
    a speaker given 1,349 words. A titled name ending what follows an untitled one's comma is
    the subject; a titled speaker keeps an apposition that names someone else, and a place
    ends an apposition as it did."""
    assert _speaker_of(sentence, "ready to go")["speaker"] == speaker
