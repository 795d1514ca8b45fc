"""Every reference file of ``data/``, read one way: a word list (one entry a line, lines
starting with # cite it), a CSV (every cell a string, empty cells empty) or YAML. Each file
cites its source; each loader is cached, so a file is read once per process.

Stages import their vocabularies from here, never from another stage: ingestion's agency check
and source comparison's credit lines read the same agency list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import pandas as pd
import yaml


def data_text(name: str) -> str:
    """The text of the data file ``data/<name>``."""
    return files("newsframes").joinpath(f"data/{name}").read_text("utf-8")


def data_csv(name: str) -> pd.DataFrame:
    """The CSV data file ``data/<name>``, every cell a string (empty cells stay empty)."""
    with files("newsframes").joinpath(f"data/{name}").open(encoding="utf-8") as handle:
        return pd.read_csv(handle, keep_default_na=False, dtype=str)


def word_list(name: str) -> tuple[str, ...]:
    """The words of the data file ``data/<name>`` in file order (one per line; lines starting
    with # cite the list)."""
    lines = data_text(name).splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


# --- word lists -------------------------------------------------------------------------


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """scikit-learn's English stop-word list, from ``data/stopwords.txt``."""
    return frozenset(word_list("stopwords.txt"))


@lru_cache(maxsize=1)
def news_abbreviations() -> frozenset[str]:
    """Lower-case abbreviations (without final period) that do not end a sentence."""
    return frozenset(word_list("abbreviations.txt"))


@lru_cache(maxsize=1)
def reporting_verb_forms() -> pd.DataFrame:
    """The one list of reporting verbs, ``data/reporting_verbs.csv``: one row per form (lower
    case) with ``quote_cue`` (yes: the quote finder attributes quotations through it) and
    ``evidentiality`` (the reporting-verb term of ``data/hedges.csv`` it counts under in the
    evidentiality measure, or empty), an example and a source."""
    return data_csv("reporting_verbs.csv")


@lru_cache(maxsize=1)
def reporting_verbs() -> tuple[str, ...]:
    """The quote cues of :func:`reporting_verb_forms` in file order (each row with an example
    quotation the quote finder attributes through that verb)."""
    forms = reporting_verb_forms()
    return tuple(forms.loc[forms["quote_cue"] == "yes", "verb"])


@lru_cache(maxsize=1)
def reporting_participles() -> tuple[str, ...]:
    """The present participles of :func:`reporting_verb_forms` ("saying", "adding"), in file
    order: no quote cue of their own, they open a clause whose subject is the main clause's
    ("Roe defended the plan, saying it would pass")."""
    forms = reporting_verb_forms()["verb"]
    return tuple(forms[forms.str.endswith("ing")])


@lru_cache(maxsize=1)
def plural_reporting_verbs() -> tuple[str, ...]:
    """Base forms of :func:`reporting_verb_forms` whose third-person form is a quote cue
    ("say" of "says", "warn" of "warns"): cues only after a plural subject ("officials say"),
    never after a modal or "to" ("will say", ``compare.cues.plural_subject_before``)."""
    cues = set(reporting_verbs())
    return tuple(
        verb
        for verb in reporting_verb_forms()["verb"]
        if verb not in cues and (f"{verb}s" in cues or f"{verb}es" in cues)
    )


# --- dates ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def calendar_names() -> pd.DataFrame:
    """Month and weekday names and abbreviations (``data/calendar.csv``): name (lower case),
    kind (month or weekday), number (month 1-12, weekday 0 = Monday), example, source."""
    table = data_csv("calendar.csv")
    return table.assign(number=table["number"].astype(int))


# --- ingestion --------------------------------------------------------------------------


@lru_cache(maxsize=1)
def line_cue_rows() -> tuple[dict, ...]:
    """The line cues of ``data/line_cues.csv``: kind, role, pattern, source (one dict a row)."""
    return tuple(data_csv("line_cues.csv").to_dict("records"))


@lru_cache(maxsize=1)
def organisation_words() -> tuple[str, ...]:
    """Regex words that mark a byline as an organisation (``data/organisation_words.csv``)."""
    return tuple(data_csv("organisation_words.csv")["pattern"])


# --- speakers ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def anaphoric_titles() -> frozenset[str]:
    """Role nouns that refer back to the person just named ("the diplomat"), lower case
    (``data/titles.csv``)."""
    return frozenset(data_csv("titles.csv")["title"])


@lru_cache(maxsize=1)
def group_nouns() -> frozenset[str]:
    """Plural nouns for groups of unnamed sources ("officials", "critics"), lower case
    (``data/group_nouns.csv``)."""
    return frozenset(data_csv("group_nouns.csv")["word"])


@lru_cache(maxsize=1)
def non_speakers() -> frozenset[str]:
    """Words that stand where a speaker would but name nobody ("they", "the report"), lower
    case (``data/non_speakers.csv``)."""
    return frozenset(data_csv("non_speakers.csv")["word"])


# --- actors and agencies ----------------------------------------------------------------


@lru_cache(maxsize=1)
def actors() -> pd.DataFrame:
    """The actor list ``data/actors.csv``: canonical name, aliases, role, affiliation, camp,
    source."""
    return data_csv("actors.csv")


@lru_cache(maxsize=1)
def agencies() -> pd.DataFrame:
    """Known news agencies and outlets ``data/agencies.csv``: name, aliases, kind, country,
    ownership."""
    return data_csv("agencies.csv")


def alias_key(text: str) -> str:
    """Comparison key for names: lower case, hyphens and runs of spaces as one space, ’ as '."""
    return re.sub(r"[\s\-]+", " ", text.replace("’", "'").lower()).strip()


def _alias_pattern(alias: str) -> str:
    parts = [re.escape(p).replace("'", "['’]") for p in re.split(r"[\s\-]+", alias.strip())]
    return r"[\s\-]+".join(parts)


@dataclass(frozen=True)
class NameTable:
    """Aliases of one reference table compiled into regexes, with the canonical row per alias."""

    anywhere: re.Pattern
    at_end: re.Pattern
    rows: dict[str, dict]

    def lookup(self, surface: str) -> dict:
        return self.rows[alias_key(surface)]


def name_table(table: pd.DataFrame, keep=lambda row: True) -> NameTable:
    """The :class:`NameTable` of a table with ``name`` and ``aliases`` (``|``-separated) columns."""
    rows = {}
    for row in table.to_dict("records"):
        if not keep(row):
            continue
        for alias in [row["name"], *filter(None, row["aliases"].split("|"))]:
            rows.setdefault(alias_key(alias), row)
    ordered = sorted({_alias_pattern(a) for a in [*rows]}, key=len, reverse=True)
    alternation = "|".join(ordered)
    return NameTable(
        anywhere=re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE),
        at_end=re.compile(rf"(?<![\w-])({alternation})\W*$", re.IGNORECASE),
        rows=rows,
    )


@lru_cache(maxsize=1)
def agency_names() -> NameTable:
    """The names and aliases of ``data/agencies.csv``."""
    return name_table(agencies())


def is_agency(name: str) -> bool:
    """Whether ``name`` is a news agency of ``data/agencies.csv`` (by name or alias)."""
    return agency_names().rows.get(alias_key(name), {}).get("kind") == "agency"


# --- framing ----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def codebook() -> pd.DataFrame:
    """The frames of ``data/codebook.yaml``: frame, label, family, definition, indicators
    (one regex, alternatives joined by ``|``), examples and source."""
    rows = yaml.safe_load(data_text("codebook.yaml"))["frames"]
    return pd.DataFrame(
        [
            {
                **row,
                "indicators": "|".join(f"(?:{p})" for p in row["indicators"]),
                "examples": " / ".join(row["examples"]),
            }
            for row in rows
        ]
    )


@lru_cache(maxsize=1)
def entman_cues() -> pd.DataFrame:
    """Cue patterns and weights for Entman's four framing functions."""
    cues = data_csv("entman_cues.csv")
    return cues.assign(weight=cues["weight"].astype(float))


@lru_cache(maxsize=1)
def hedge_terms() -> pd.DataFrame:
    """The evidentiality terms of ``data/hedges.csv``: hedges, attribution markers and reporting
    verbs (kind, term, pattern, example, note, source). A reporting verb's row there names its
    term only; its pattern is the forms of :func:`reporting_verb_forms` counted under that term,
    so reporting verbs are listed once, for the quote finder and this measure alike."""
    terms = data_csv("hedges.csv")
    forms = reporting_verb_forms()
    counted = forms[forms["evidentiality"] != ""]
    patterns = counted.groupby("evidentiality", sort=False)["verb"].agg(
        lambda verbs: "|".join(map(re.escape, verbs))
    )
    is_verb = terms["kind"] == "reporting_verb"
    terms.loc[is_verb, "pattern"] = terms.loc[is_verb, "term"].map(patterns)
    return terms


@lru_cache(maxsize=1)
def naming_variants() -> pd.DataFrame:
    """Naming families and their variants (family, variant, pattern, note, source)."""
    return data_csv("naming.csv")


@lru_cache(maxsize=1)
def target_patterns() -> pd.DataFrame:
    """Who a sentence names: target, pattern, note, source."""
    return data_csv("targets.csv")
