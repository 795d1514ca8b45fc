"""Provenance cues in one document's lines: bylines, datelines, credit lines, rights notices
and site names, each with the line it came from.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..fastregex import Prefilter, prefilter
from ..resources import is_agency, organisation_words
from . import dates
from .lines import ANALYSED_ROLES, DATELINE_DAY_MONTH, DATELINE_MONTH_DAY, n_words

# ----------------------------------------------------------------------------- provenance cues

PROVENANCE_PATTERNS = (
    ("byline", re.compile(r"^(?:by|written by|reported by)\s+(?P<name>[A-Z][\w.&' -]{1,50}?)\s*$", re.I)),
    ("dateline agency", re.compile(r"^[A-Z][\w .'\[\]-]{1,50}?(?:,\s*" + DATELINE_MONTH_DAY + r")?\s*\((?P<name>[A-Z][A-Za-z&.]{1,12}(?: [A-Z][A-Za-z&.]+)?)\)\s*(?::|[-–—]{1,2})")),
    ("slash agency dateline", re.compile(r"^[A-Z][\w .'-]{1,40}?,\s+" + DATELINE_MONTH_DAY + r"\.\s*/(?P<name>[A-Z][A-Za-z-]{1,12})/")),
    ("agency after dateline", re.compile(r"^[A-Z][\w .'-]{1,40}?,\s+" + DATELINE_DAY_MONTH + r"\s*[-–—]\s*(?P<name>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,2})\.\s")),
    ("agency dateline", re.compile(r"^(?P<name>[A-Z][A-Za-z]{1,12}(?: [A-Z][A-Za-z]{1,12})?),\s+" + DATELINE_MONTH_DAY + r"\.\s+(?=[A-Z])")),
    ("news agency reported", re.compile(r"\b(?P<name>[A-Z][\w-]+(?: [A-Z][\w-]+)?) news agency (?:reported|said|quoted|stated)")),
    ("citing an agency", re.compile(r"\bciting\b[^.;]{0,60}?\b(?P<name>[A-Z][\w-]+(?: [A-Z][\w-]+){0,2} (?:News )?Agency)\b")),
    ("agency stated", re.compile(r"\b(?P<name>[A-Z][\w-]+(?: [A-Z][\w-]+){0,2} (?:News )?Agency) (?:stated|reported|said|quoted|wrote)\b")),
    ("according to an agency", re.compile(r"\baccording to (?:the )?(?P<name>[A-Z][\w-]+(?: [A-Z][\w-]+){0,2} (?:news )?agency)\b", re.I)),
    ("source line", re.compile(r"^(?:source|sources|via|courtesy|with inputs? from)\s*[:\-–—]?\s*(?P<name>[^:]{1,60}?)\s*\.?$", re.I)),
)
SITE_NAME = re.compile(r"\b(?P<name>[A-Za-z][\w-]{2,40}\.(?:com|org|net|in|ru|co\.uk|co|news|info|tv|eu|pk))\b")
RIGHTS_OWNER = re.compile(r"(?:©|\([cC]\)|[Cc]opyright)\s*(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\s*)?(?:[Cc]opyright\s+)?"
                          r"(?P<name>[A-Z][\w&'.]*(?: [A-Z0-9][\w&'.]*){0,3})\s*(?:[-–—|.,]\s*)?[Aa]ll [Rr]ights [Rr]eserved")
WRITES_FOR = re.compile(r"\b(?:has written|writes|wrote) for (?P<name>[A-Z0-9][\w&' -]{1,40}?)[.,;]")


CREDITED_ROLES = (*ANALYSED_ROLES, "byline", "attribution", "dateline")


@lru_cache(maxsize=1)
def _provenance_patterns() -> tuple[tuple[str, re.Pattern, Prefilter], ...]:
    """``PROVENANCE_PATTERNS`` with the prefilter that lets most documents skip most of them."""
    return tuple((kind, pattern, prefilter(pattern)) for kind, pattern in PROVENANCE_PATTERNS)


@lru_cache(maxsize=1)
def _outlet_patterns() -> tuple[tuple[re.Pattern, str, Prefilter], ...]:
    """Site names, author boxes and rights notices ("© 2022 Example News. All rights reserved") in
    page furniture, each with its prefilter."""
    return tuple((pattern, kind, prefilter(pattern))
                 for pattern, kind in ((SITE_NAME, "site name in page furniture"), (WRITES_FOR, "author box"),
                                       (RIGHTS_OWNER, "rights notice")))


def provenance_cues(lines: list[str], roles: list[tuple[str, str]]) -> dict[str, list[tuple[str, str, int]]]:
    """Text evidence of where an article comes from: (name, evidence, line_no) per kind, from
    the document's lines normalised (:func:`normalise_line`) and their roles.

    ``upstream`` cues name the agency or paper the text comes from or cites (bylines, agency
    datelines, "X news agency reported", "citing ... Agency", "Source: X"). ``outlet`` cues name
    the site the text was taken from (a site name in its own furniture, an author box, a rights
    notice)."""
    found: dict[str, list[tuple[str, str, int]]] = {"upstream": [], "outlet": [], "reporters": []}
    credited = "\n".join(line for line, (role, _) in zip(lines, roles) if role in CREDITED_ROLES)
    patterns = [(kind, pattern) for kind, pattern, gate in _provenance_patterns() if gate.may_match_a_line_of(credited)]
    for line_no, (line, (role, _)) in enumerate(zip(lines, roles), start=1):
        if role in ("blank", "duplicate") or not line:
            continue
        if role in CREDITED_ROLES:
            for kind, pattern in patterns:
                for m in pattern.finditer(line):
                    name = m["name"].strip().rstrip(".")
                    if kind == "agency dateline" and name.split()[0].lower() in dates.MONTHS:
                        continue
                    if name and n_words(name) <= 5:
                        is_person = kind == "byline" and looks_like_person(name)
                        found["reporters" if is_person else "upstream"].append((name, f"{kind}: {m[0].strip()}", line_no))
        if role in ("boilerplate", "caption"):  # a footer's rights notice is read as a credit line
            for pattern, kind, gate in _outlet_patterns():
                if not gate.may_match(line):
                    continue
                for m in pattern.finditer(line):
                    name = m["name"].strip().rstrip(".")
                    if pattern is RIGHTS_OWNER and is_agency(name):
                        continue  # a wire story's own notice, reprinted with it: not the site's
                    context = line[max(0, m.start() - 40): m.end() + 40]
                    found["outlet"].append((name, f"{kind}: …{context}…", line_no))
    return found


ORGANISATION_WORDS = re.compile(r"\b(" + "|".join(organisation_words()) + r")\b", re.I)  # data/organisation_words.csv


def looks_like_person(name: str) -> bool:
    """A byline naming people ("Robin Emmott and Sabine Siebold", "LORNE COOK"), not an organisation."""
    tokens = name.replace(" and ", " ").split()
    return len(tokens) >= 2 and not ORGANISATION_WORDS.search(name) and all(t[:1].isupper() for t in tokens)


def unique_names(cues: list[tuple[str, str, int]]) -> list[str]:
    seen: dict[str, str] = {}
    for name, _, _ in cues:
        seen.setdefault(name.casefold(), name)
    return list(seen.values())
