"""One document: a raw file -> audited lines, cleaned text, sentences and metadata with their
evidence. Each document is processed on its own, so documents can be processed in parallel.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..corpus import USABLE_STATUSES, Status, join_paragraphs, shown_name
from ..text import lowered_words
from . import dates, webpage
from .language import other_language
from .lines import ANALYSED_ROLES, DATE_PREFIX, Role, line_key, normalise_line, split_dateline
from .provenance import findings, provenance_cues, unique_names
from .quote_marks import main_quotes_double
from .reading import RawFile, read_file
from .roles import line_roles
from .unwrap import raw_line_roles, unwrap_lines

DOCUMENT_COLUMNS = [
    "doc_id",
    "file",
    "sha256",
    "status",
    "problem",
    "encoding",
    "outlet",
    "outlet_source",
    "outlet_evidence",
    "upstream",
    "upstream_source",
    "upstream_evidence",
    "camp",
    "camp_source",
    "country",
    "owner_type",
    "translation",
    "key_date",
    "published",
    "published_source",
    "published_evidence",
    "published_kind",
    Role.HEADLINE,
    "n_lines",
    "n_removed_lines",
    "n_sentences",
    "n_tokens",
]
# ----------------------------------------------------------------------------- one document

LATER_DATE_LINES = {
    "date_line_in_text": "date line in the text",
    "date_line_after_text": "date line after the text",
}
"""Date lines below the header (by the rule that found them), used for the date after the
header's and the lede's: the first in the text wins."""


@dataclass
class DocumentResult:
    """Everything ingestion learns from one file on its own."""

    row: dict
    lines: list[tuple]
    text: str = ""
    sentences: list[tuple] = field(default_factory=list)
    date_mentions: list = field(default_factory=list)
    context_years: list = field(default_factory=list)
    lead_weekdays: set = field(default_factory=set)
    content_key: str = ""
    provenance: list[tuple] = field(default_factory=list)


def process_document(path: Path, doc_id: str, max_bytes: int) -> DocumentResult:
    """Read, audit and clean one file. Independent of every other file."""
    try:
        raw = read_file(path, max_bytes)
    except OSError as err:
        reason = err.strerror or str(err)
        problem = (
            f"is a link to nothing ({reason}); point it at the article's file"
            if path.is_symlink() and not path.exists()
            else f"cannot be read ({reason}); check its permissions"
        )
        raw = RawFile(None, "", "unreadable", problem)
    row = {c: "" for c in DOCUMENT_COLUMNS}
    row.update(
        doc_id=doc_id,
        file=shown_name(path),
        sha256=raw.sha256,
        status=raw.status,
        problem=raw.problem,
        encoding=raw.encoding,
        n_lines=0,
        n_removed_lines=0,
        n_sentences=0,
        n_tokens=0,
    )
    if raw.text is None:
        return DocumentResult(row, [])
    raw_lines = raw.text.splitlines()
    if raw.status in USABLE_STATUSES:
        units = unwrap_lines([normalise_line(line) for line in raw_lines])
        lines = [unit.text for unit in units]
        roles = line_roles(lines)
        if raw.page and raw.page.article:
            roles = webpage.article_roles(lines, roles, raw.page.article, raw.page.text.h1)
        raw_roles = raw_line_roles(units, roles)
    else:
        units, lines, roles = [], [], []
        raw_roles = [
            (Role.BLANK, "blank_line")
            if not line.strip()
            else (Role.BOILERPLATE, f"file_{raw.status}")
            for line in raw_lines
        ]
    audit = [
        (doc_id, i, role, reason, line)
        for i, (line, (role, reason)) in enumerate(zip(raw_lines, raw_roles), start=1)
    ]
    row["n_lines"] = len(raw_lines)
    row["n_removed_lines"] = sum(
        1 for _, _, role, _, _ in audit if role not in ANALYSED_ROLES and role != Role.BLANK
    )
    result = DocumentResult(row, audit)
    if raw.status not in USABLE_STATUSES:
        return result
    n_articles = sum(1 for _, reason in roles if reason == "cue:export_marker")
    if n_articles > 1:
        row.update(
            status=Status.MULTIPLE_ARTICLES,
            problem=(
                f"file holds {n_articles} articles of a database export "
                "(each ends with 'End of Document' or a Factiva 'Document ...' line, or opens "
                "with LexisNexis' '1 of 25 DOCUMENTS'), so it is not analysed: split it into one "
                "file per article"
            ),
        )
        return result

    paragraphs, datelines, header_dates, later_dates = [], [], [], []
    for unit, clean, (role, reason) in zip(units, lines, roles):
        line_no = unit.first + 1
        if reason in LATER_DATE_LINES:
            later_dates.extend((m, LATER_DATE_LINES[reason]) for m in dates.find_dates(clean))
        elif role in (Role.DATELINE, Role.BYLINE, Role.CAPTION) or (
            role == Role.HEADLINE and DATE_PREFIX.match(clean)
        ):
            header_dates.extend(dates.find_dates(clean))
        if role not in ANALYSED_ROLES:
            continue
        clean = DATE_PREFIX.sub("", clean)
        if role == Role.BODY and not any(r == Role.BODY for r, _, _ in paragraphs):
            dateline, clean = split_dateline(clean)
            if dateline:
                datelines.append((dateline, clean))
        paragraphs.append((role, clean, line_no))
    cleaned = main_quotes_double([clean for _, clean, _ in paragraphs])
    paragraphs = [(role, clean, n) for (role, _, n), clean in zip(paragraphs, cleaned)]
    text, sentences = join_paragraphs(doc_id, paragraphs)
    headline = next((p for r, p, _ in paragraphs if r == Role.HEADLINE), "")
    tokens = lowered_words(text)
    row.update(headline=headline, n_sentences=len(sentences), n_tokens=len(tokens))
    if not sentences:
        row.update(
            status=Status.EMPTY,
            problem=(
                f"no article text: none of its {len(raw_lines)} line(s) reads as a headline or "
                "body text (see lines.csv), so it is not analysed; paste the article into it"
            ),
        )
        return result
    language = other_language(text, tokens)
    if language:
        row.update(
            status=Status.NOT_ENGLISH,
            problem=(
                f"text is not in English (py3langid: '{language[0]}', p={language[1]:.2f}); "
                "the lexicons, sentiment "
                "and sentence rules read English only, so it is not analysed: "
                "add an English translation instead"
            ),
        )

    credits = findings(lines, roles)
    cues = {
        kind: [(name, evidence, units[n - 1].first + 1) for name, evidence, n in found]
        for kind, found in provenance_cues(lines, roles, credits).items()
    }  # by raw line
    result.provenance = [
        (doc_id, units[f.line_no - 1].first + 1, f.relation, f.kind, f.name, f.cited, f.match)
        for f in credits
    ]
    if cues["upstream"]:
        row.update(
            upstream="; ".join(unique_names(cues["upstream"])),
            upstream_source="text",
            upstream_evidence=" | ".join(f"line {n}: {e}" for _, e, n in cues["upstream"]),
        )
    site, where = raw.page.text.site_name if raw.page else ("", "")
    if site:  # the page's own metadata names its site
        row.update(outlet=site, outlet_source="page metadata", outlet_evidence=f"{where}: {site}")
    elif cues["outlet"]:
        row.update(
            outlet=unique_names(cues["outlet"])[0],
            outlet_source="text",
            outlet_evidence=" | ".join(f"line {n}: {e}" for _, e, n in cues["outlet"]),
        )

    mentions = webpage.date_mentions(raw.page) if raw.page else []
    mentions += [(m, Role.DATELINE) for d, _ in datelines for m in dates.find_dates(d)]
    mentions += [(m, "header date") for m in header_dates]
    first_body = next((p for r, p, _ in paragraphs if r == Role.BODY), "")
    lead = datelines[0][1] if datelines else first_body  # the lede, not the headline
    mentions += [
        (m, "dated event in the lede")
        for m in dates.find_dates(first_body)
        if m.weekday is not None or m.year
    ]
    mentions += later_dates
    result.text, result.sentences = text, sentences
    result.date_mentions = mentions
    result.context_years = dates.years_mentioned(text)
    result.lead_weekdays = dates.weekday_names_in(lead.split(". ")[0] if lead else "")
    result.content_key = hashlib.sha256(line_key(text).encode()).hexdigest()
    return result


def choose_published(result: DocumentResult, corpus_years: list[int]) -> tuple[str, str, str]:
    """(ISO date, how it was found, evidence) for one document, or ("", note, "")."""
    if not result.date_mentions:
        return (
            "",
            "no date found in the text" if result.row["status"] in USABLE_STATUSES else "",
            "",
        )
    ranking = {
        webpage.PAGE_METADATA: -1,
        "header date": 0,
        Role.DATELINE: 1,
        "dated event in the lede": 2,
        **{kind: 3 for kind in LATER_DATE_LINES.values()},
        webpage.HTMLDATE: 4,
    }

    def rank(
        found,
    ):  # (mention, how it was found); "page metadata: <meta ...>" ranks by its first part
        return ranking[found[1].partition(": ")[0]], found[0].year is None

    mention, where = sorted(result.date_mentions, key=rank)[0]
    mention, order = _reading_of(mention, result)
    where = f"{where}; {order}" if order else where
    year, how = _year_for(mention, result)
    if year is None and corpus_years:
        year, corpus_how = dates.infer_year(mention, corpus_years, span=1)
        if year is not None:
            how = f"{how}; year from the other dated articles in this corpus ({corpus_how})"
    if year is None or mention.resolve(year) is None:
        return (
            "",
            f"{where} '{mention.surface}' found but the year is unknown ({how})",
            mention.surface,
        )
    note = where if mention.year else f"{where}; {how}"
    return mention.resolve(year).isoformat(), note, mention.surface


def _reading_of(mention, result: DocumentResult) -> tuple[dates.DateMention, str]:
    """An ambiguous numeric date (01/12/2022) in the order the same document supports: another
    date of the text written with the month in words, a slash date whose first number is over
    12, or the weekday named in the lead; else month first (US style), and the note says so."""
    if not mention.ambiguous:
        return mention, ""
    readings = {"month first": mention, "day first": mention.swapped()}
    for other in (m for m, _ in result.date_mentions if not m.ambiguous):
        for name, reading in readings.items():
            if (other.month, other.day) == (
                reading.month,
                reading.day,
            ) and other.surface != mention.surface:
                return reading, f"'{mention.surface}' read {name}, as the text's '{other.surface}'"
        first, second = (
            (int(n) for n in other.surface.split("/")[:2]) if "/" in other.surface else (0, 0)
        )
        if max(first, second) > 12:  # "13/01/2022" is day first, "01/13/2022" month first
            name = "day first" if first > 12 else "month first"
            return readings[
                name
            ], f"'{mention.surface}' read {name}, as the text's '{other.surface}'"
    fits = [
        name
        for name, reading in readings.items()
        if reading.resolve(reading.year).weekday() in result.lead_weekdays
    ]
    if len(fits) == 1:
        return readings[
            fits[0]
        ], f"'{mention.surface}' read {fits[0]}: its weekday is the one named in the lead"
    return mention, f"'{mention.surface}' read month first (US style); it may be day first"


def _year_for(mention, result: DocumentResult) -> tuple[int | None, str]:
    """Year of a dateline date: written, fixed by its weekday, or by a weekday named in the lead."""
    if (
        mention.year is None
        and mention.weekday is None
        and result.lead_weekdays
        and result.context_years
    ):
        candidates = sorted({y + d for y in result.context_years for d in (-1, 0, 1)})
        fits = [
            y
            for y in candidates
            if (day := mention.resolve(y)) and day.weekday() in result.lead_weekdays
        ]
        if len(fits) == 1:
            return (
                fits[0],
                f"weekday named in the lead sentence fits only {fits[0]} "
                f"among {candidates[0]}-{candidates[-1]}",
            )
    return dates.infer_year(mention, result.context_years)
