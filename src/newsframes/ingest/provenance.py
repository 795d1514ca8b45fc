"""Provenance cues in one document's lines: bylines, datelines, credit lines, rights notices
and site names, each with the line it came from.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..fastregex import Prefilter, prefilter
from ..resources import agency_names, alias_key, is_agency, organisation_words
from ..text import word_set
from . import dates
from .lines import ANALYSED_ROLES, DATELINE_DAY_MONTH, DATELINE_MONTH_DAY, n_words
from .roles import EXPORT_PUBLICATION

# ----------------------------------------------------------------------------- provenance cues

AGENCY_NAME = r"[A-Z][\w-]+(?: [A-Z][\w-]+){0,2} (?:News )?Agency"  # "Anadolu Agency"
AGENCY_VERBS = r"(?:reported|stated|said|quoted|wrote|reports|says|writes)"
"""What an agency does when a text passes on its report ("Xinhua news agency reported")."""
DATELINE_PLACE = (
    r"^[A-Z][\w .'\[\]-]{1,50}?"  # the place: "RENO", "Mexico City"
    r"(?:,\s*[A-Z][A-Za-z.]{1,14})?"  # its state or country: ", Nev.", ", Mass."
)
# (kind, pattern): credit positions (bylines, datelines, "Source:" lines, "X contributed to this
# report") and relay phrases ("Xinhua news agency reported", "according to TASS").
PROVENANCE_PATTERNS = (
    (
        "byline",
        re.compile(r"^(?:by|written by|reported by)\s+(?P<name>[A-Z][\w.&' -]{1,50}?)\s*$", re.I),
    ),
    (
        "dateline agency",
        re.compile(
            DATELINE_PLACE
            + r"(?:,\s*"
            + DATELINE_MONTH_DAY
            + r")?"  # its date: ", Dec. 11"
            + r"\s*\((?P<name>[A-Z][A-Za-z&.]{1,12}(?: [A-Z][A-Za-z&.]+)?)\)"  # "(AP)"
            + r"\s*(?::|[-–—]{1,2})"
        ),
    ),  # then ":" or a dash
    (
        "slash agency dateline",
        re.compile(
            r"^[A-Z][\w .'-]{1,40}?,\s+"
            + DATELINE_MONTH_DAY
            + r"\.\s*/(?P<name>[A-Z][A-Za-z-]{1,12})/"
        ),
    ),  # "MOSCOW, January 12. /TASS/"
    (
        "agency after dateline",
        re.compile(
            r"^[A-Z][\w .'-]{1,40}?,\s+"
            + DATELINE_DAY_MONTH
            + r"\s*[-–—]\s*"  # a dash
            + r"(?P<name>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,2})\.\s"
        ),
    ),  # "RIA Novosti."
    (
        "agency dateline",
        re.compile(
            r"^(?P<name>[A-Z][A-Za-z]{1,12}(?: [A-Z][A-Za-z]{1,12})?),\s+"  # "TASS, "
            + DATELINE_MONTH_DAY
            + r"\.\s+(?=[A-Z])"
        ),
    ),  # "December 26. "
    (
        "news agency reported",
        re.compile(r"\b(?P<name>[A-Z][\w-]+(?: [A-Z][\w-]+)?) news agency " + AGENCY_VERBS),
    ),
    ("citing an agency", re.compile(r"\bciting\b[^.;]{0,60}?\b(?P<name>" + AGENCY_NAME + r")\b")),
    ("agency stated", re.compile(r"\b(?P<name>" + AGENCY_NAME + r") " + AGENCY_VERBS + r"\b")),
    (
        "according to an agency",
        re.compile(
            r"\baccording to (?:the )?"  # "according to the"
            r"(?P<name>[A-Z][\w-]+(?: [A-Z][\w-]+){0,2} (?:news )?agency)\b",
            re.I,
        ),
    ),  # "X Agency"
    (
        "source line",
        re.compile(
            r"^(?:source|sources|via|courtesy|with inputs? from)\s*[:\-–—]?\s*"  # "Source:"
            r"(?P<name>[^:]{1,60}?)\s*\.?$",
            re.I,
        ),
    ),  # "IZ"
    (
        "contributed line",
        re.compile(
            r"^(?:the )?(?P<name>[A-Z][\w&.' -]{1,40}?)"  # "The Associated Press"
            r" contributed to this (?:report|story|article)",
            re.I,
        ),
    ),  # "contributed to this report"
)
KNOWN_NAMES_ONLY = {
    "citing an agency",
    "agency stated",
    "according to an agency",
    "source line",
    "contributed line",
}
"""Kinds whose name counts only when data/agencies.csv knows it: "Source: NATO" under a chart,
"the International Atomic Energy Agency said" and "Reuters contributed to this report" have one
shape; only the last names a source of the text."""
SITE_NAME = re.compile(
    r"\b(?P<name>[A-Za-z][\w-]{2,40}"  # "daijiworld"
    r"\.(?:com|org|net|in|ru|co\.uk|co|news|info|tv|eu|pk))\b"
)  # ".com"
RIGHTS_OWNER = re.compile(
    r"(?:©|\([cC]\)|[Cc]opyright)\s*"  # "©"
    r"(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\s*)?"  # "2020-2022"
    r"(?:[Cc]opyright\s+)?"  # "Copyright"
    r"(?P<name>[A-Z][\w&'.]*(?: [A-Z0-9][\w&'.]*){0,3})\s*"  # "Example News"
    r"(?:[-–—|.,]\s*)?[Aa]ll [Rr]ights [Rr]eserved"
)  # ". All rights reserved"
WRITES_FOR = re.compile(
    r"\b(?:has written|writes|wrote) for "  # an author box: "has written for"
    r"(?P<name>[A-Z0-9][\w&' -]{1,40}?)[.,;]"
)  # "24 Hours World."


CREDITED_ROLES = (*ANALYSED_ROLES, "byline", "attribution", "dateline")
RELAY_KINDS = (
    "news agency reported",
    "citing an agency",
    "agency stated",
    "according to an agency",
)
"""Kinds naming an agency the text passes on; the other kinds credit the text's direct source."""
FINDING_COLUMNS = ["doc_id", "line_no", "relation", "kind", "name", "cited", "match"]


class Finding(NamedTuple):
    """One provenance cue of a line: ``relation`` is ``credit`` (the text's direct source),
    ``relays`` (an agency it passes on), ``cites`` (``name`` cites ``cited``) or ``reporter``."""

    relation: str
    kind: str
    name: str
    match: str
    line_no: int
    cited: str = ""


def known_names_pattern() -> str:
    """The alternation of every name and alias of data/agencies.csv."""
    pattern = agency_names().anywhere.pattern
    return pattern.removeprefix("(?<![\\w-])(?:").removesuffix(")(?![\\w-])")


@lru_cache(maxsize=1)
def citing_pattern() -> re.Pattern:
    """A known source citing another, as the subject of "citing": "Anadolu Agency stated on
    Sunday, citing a source", "The Example Post, citing officials, reported" (not a source
    named in a clause whose subject cites: "analysts praised the Example Post, citing ...")."""
    return re.compile(
        r"\b(?P<name>(?:" + known_names_pattern() + r")(?:\s+news\s+agency)?"  # a known source
        r"|[A-Z][\w-]+\s+news\s+agency)"  # or "X news agency"
        r"(?:\s+(?:\w+\s+){0,2}?" + AGENCY_VERBS + r"\b[^.,\n]{0,40}?)?"  # "stated on Sunday"
        r",\s*citing\s+(?P<cited>[^,.;\n]+)",  # ", citing officials"
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _provenance_patterns() -> tuple[tuple[str, re.Pattern, Prefilter], ...]:
    """``PROVENANCE_PATTERNS`` with the prefilter that lets most documents skip most of them."""
    return tuple((kind, pattern, prefilter(pattern)) for kind, pattern in PROVENANCE_PATTERNS)


@lru_cache(maxsize=1)
def _outlet_patterns() -> tuple[tuple[re.Pattern, str, Prefilter], ...]:
    """Site names, author boxes and rights notices ("© 2022 Example News. All rights reserved") in
    page furniture, each with its prefilter."""
    kinds = (
        (SITE_NAME, "site name in page furniture"),
        (WRITES_FOR, "author box"),
        (RIGHTS_OWNER, "rights notice"),
    )
    return tuple((pattern, kind, prefilter(pattern)) for pattern, kind in kinds)


def line_findings(line: str, line_no: int, patterns) -> list[Finding]:
    """The credits, relays, citations and reporters of one credited line (see :func:`findings`)."""
    found = []
    for kind, pattern in patterns:
        for m in pattern.finditer(line):
            name = m["name"].strip().rstrip(".")
            if kind == "agency dateline" and name.split()[0].lower() in dates.MONTHS:
                continue
            if kind in KNOWN_NAMES_ONLY and not is_known_source(name):
                continue
            if name and n_words(name) <= 5:
                relation = "relays" if kind in RELAY_KINDS else "credit"
                if kind == "byline" and (looks_like_person(name) or is_in_house(name)):
                    relation = "reporter"
                found.append(Finding(relation, kind, name, m[0].strip(), line_no))
    if "citing" in line.lower():
        found += [
            Finding("cites", "agency citing", m["name"], m[0].strip(), line_no, m["cited"].strip())
            for m in citing_pattern().finditer(line)
        ]
    return found


def findings(lines: list[str], roles: list[tuple[str, str]]) -> list[Finding]:
    """Where the text says it comes from, line by line (numbered from 1), read only in credited
    lines (:data:`CREDITED_ROLES`): bylines, agency datelines, "Source:" and "contributed to this
    report" lines name its direct source; "X news agency reported", "according to ... Agency"
    name an agency it relays; "X ..., citing Y" says whom a known source cites."""
    credited = "\n".join(line for line, (role, _) in zip(lines, roles) if role in CREDITED_ROLES)
    patterns = [
        (kind, pattern)
        for kind, pattern, gate in _provenance_patterns()
        if gate.may_match_a_line_of(credited)
    ]
    found = []
    for line_no, (line, (role, _)) in enumerate(zip(lines, roles), start=1):
        if role in CREDITED_ROLES and line:
            found += line_findings(line, line_no, patterns)
    return found


def provenance_cues(
    lines: list[str], roles: list[tuple[str, str]], found_credits: list[Finding] | None = None
) -> dict[str, list[tuple]]:
    """Text evidence of where an article comes from: (name, evidence, line_no) per kind, from
    the document's lines normalised (:func:`normalise_line`) and their roles.

    ``upstream`` cues name the agency or paper the text comes from or relays (the credits and
    relays of :func:`findings`), ``reporters`` the people of its bylines. ``outlet`` cues name
    the site the text was taken from (a site name in its own furniture, an author box, a rights
    notice). ``found_credits``: the :func:`findings` of these lines, if already read."""
    found: dict[str, list[tuple[str, str, int]]] = {"upstream": [], "outlet": [], "reporters": []}
    for cue in findings(lines, roles) if found_credits is None else found_credits:
        if cue.relation in ("credit", "relays", "reporter"):
            kind = "reporters" if cue.relation == "reporter" else "upstream"
            found[kind].append((cue.name, f"{cue.kind}: {cue.match}", cue.line_no))
    for line_no, (line, (role, reason)) in enumerate(zip(lines, roles), start=1):
        if reason == EXPORT_PUBLICATION and line:
            found["outlet"].append(
                (line, f"publication line of a database export: {line}", line_no)
            )
        elif role in ("boilerplate", "caption"):  # a footer's rights notice: a credit line
            for pattern, kind, gate in _outlet_patterns():
                if not gate.may_match(line):
                    continue
                for m in pattern.finditer(line):
                    name = m["name"].strip().rstrip(".")
                    if pattern is RIGHTS_OWNER and is_agency(name):
                        continue  # a wire story's own notice, reprinted with it: not the site's
                    context = line[max(0, m.start() - 40) : m.end() + 40]
                    found["outlet"].append((name, f"{kind}: …{context}…", line_no))
    return found


def is_known_source(name: str) -> bool:
    """Whether data/agencies.csv names ``name`` (an agency, broadcaster, paper or site)."""
    return alias_key(name) in agency_names().rows


# data/organisation_words.csv
ORGANISATION_WORDS = re.compile(r"\b(" + "|".join(organisation_words()) + r")\b", re.I)


def looks_like_person(name: str) -> bool:
    """A byline naming people ("Robin Emmott and Sabine Siebold", "LORNE COOK"), not an
    organisation."""
    tokens = name.replace(" and ", " ").split()
    capitalised = all(t[:1].isupper() for t in tokens)
    return len(tokens) >= 2 and not ORGANISATION_WORDS.search(name) and capitalised


IN_HOUSE_WORDS = word_set("""
    our the a and special senior staff writer writers report reports reporter reporters
    correspondent correspondents desk news web digital online editor editors editorial board
    newsroom team
""")
"""The words of a byline that credits the outlet's own staff and names no other source ("By
Staff Writer", "By News Desk", "By The Editorial Board", "By Our Correspondent")."""


def is_in_house(name: str) -> bool:
    """A byline of the outlet's own staff, naming no source (:data:`IN_HOUSE_WORDS` only): its
    text is the outlet's, not another's relayed ("Reuters Staff" names Reuters)."""
    return all(word in IN_HOUSE_WORDS for word in re.findall(r"[\w']+", name.lower()))


def unique_names(cues: list[tuple[str, str, int]]) -> list[str]:
    seen: dict[str, str] = {}
    for name, _, _ in cues:
        seen.setdefault(name.casefold(), name)
    return list(seen.values())
