"""Provenance cues on made-up lines: credit positions name a text's source; an organisation only
mentioned in the text (an agency that said something, the source of a chart) never does."""

import pytest

from newsframes.ingest.provenance import findings, provenance_cues
from newsframes.ingest.roles import line_roles


def upstream_of(lines: list[str]) -> list[str]:
    found = provenance_cues(lines, line_roles(lines))["upstream"]
    return [name for name, _, _ in found]


LEDE = "Officials met on Tuesday to discuss the harbour plan, a spokeswoman said."


@pytest.mark.parametrize(
    "dateline, agency",
    [
        ("PORTVILLE, Ore. (AP) — ", "AP"),  # a state after the place
        ("LAKETON, Minn., Oct. 3 (UPI) — ", "UPI"),  # a state and a date
        ("Rivertown (AFP) – ", "AFP"),
        ("Oct 2 (Reuters) - ", "Reuters"),
    ],
)
def test_an_agency_dateline_credits_the_agency(dateline, agency):
    assert upstream_of(["Harbour plan agreed", "", dateline + LEDE]) == [agency]


@pytest.mark.parametrize(
    "line",
    [
        "Source: Northern Alliance of Ports.",  # the source of a chart's figures
        "Source Example Daily/Hillcrest University.",  # a poll's sponsors
        "The Maritime Safety Agency said on Monday that the harbour was closed.",
        "The harbour will reopen, according to the Regional Port Agency.",
        "Ferries resumed, citing the Coastal Weather Agency, a spokesman said.",
    ],
)
def test_an_organisation_mentioned_is_no_upstream(line):
    assert upstream_of(["Harbour plan agreed", "", LEDE, "", line]) == []


@pytest.mark.parametrize(
    "line, agency",
    [
        ("Source: Reuters", "Reuters"),  # a known agency in a credit line
        ("The Associated Press contributed to this report.", "Associated Press"),
        ("Reuters contributed to this report.", "Reuters"),
        ("Ferries resumed, Anadolu Agency reported on Monday.", "Anadolu Agency"),
        (
            "The harbour reopened, Kestral news agency reported.",
            "Kestral",
        ),  # says it is a news agency
    ],
)
def test_a_known_agency_in_a_credit_or_relay_is_an_upstream(line, agency):
    assert upstream_of(["Harbour plan agreed", "", LEDE, "", line]) == [agency]


@pytest.mark.parametrize(
    "byline, upstream",
    [
        ("By Staff Writer", []),  # the outlet's own staff: no other source
        ("By News Desk", []),
        ("By The Editorial Board", []),
        ("By Our Correspondent", []),
        ("By Reuters Staff", ["Reuters Staff"]),  # another's staff: its copy
        ("By Sky News", ["Sky News"]),
    ],
)
def test_a_byline_of_the_outlets_own_staff_names_no_upstream(byline, upstream):
    """An in-house byline is no relay: the design table called the text another's copy."""
    lines = ["Harbour plan agreed", "", byline, "", LEDE]
    assert upstream_of(lines) == upstream
    reporters = [name for name, _, _ in provenance_cues(lines, line_roles(lines))["reporters"]]
    assert reporters == ([byline[3:]] if not upstream else [])


@pytest.mark.parametrize(
    "line, cited",
    [
        (
            "Ferries resumed, Anadolu Agency said on Sunday, citing a port official.",
            "a port official",
        ),
        (
            "The Washington Post, citing two port officials, reported the closure.",
            "two port officials",
        ),
        ("Critics, including The Washington Post, from the start, citing costs, opposed it.", None),
        ("The mayor banned outlets such as Reuters from the port, citing security concerns.", None),
    ],
)
def test_a_known_source_cites_only_as_the_subject_of_citing(line, cited):
    lines = ["Harbour plan agreed", "", LEDE, "", line]
    found = [f.cited for f in findings(lines, line_roles(lines)) if f.relation == "cites"]
    assert found == ([cited] if cited else [])
