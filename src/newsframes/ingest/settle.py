"""The corpus: article files found, read, and settled across files (duplicate files, missing
years, the sources sheet), then assembled into a :class:`~newsframes.corpus.Corpus`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

import pandas as pd

from ..corpus import SENTENCE_COLUMNS, USABLE_STATUSES, Corpus, Status, shown_name, shown_path
from .document import DOCUMENT_COLUMNS, DocumentResult, choose_published, process_document
from .lines import LINE_COLUMNS, Role
from .provenance import FINDING_COLUMNS
from .reading import ARTICLE_SUFFIXES, DEFAULT_MAX_MB, ROUTINE_PAGE_NOTE
from .sources import SOURCES_FILE, apply_sheet, read_sources_sheet
from .webpage import ARTICLE_READ

# ----------------------------------------------------------------------------- the corpus


def discover(folder: Path) -> tuple[list[Path], list[str]]:
    """Article files in a folder (sorted), and messages about files that are not articles."""
    paths, messages = [], []
    for path in sorted(folder.iterdir()):
        if path.name == SOURCES_FILE:
            continue
        if path.name.startswith("."):  # a system's own files (.DS_Store, .git) pass unsaid
            if Path(path.name[1:]).suffix.lower() in ARTICLE_SUFFIXES:
                messages.append(
                    f"{shown_path(path)}: is hidden (its name starts with '.') and not read; "
                    "rename it without the dot to include it"
                )
            continue
        if path.is_dir():
            messages.append(
                f"{shown_path(path)}: is a folder; sub-folders are not read, "
                "move its articles up or run on it separately"
            )
        elif path.exists() and not path.is_file():
            messages.append(
                f"{shown_path(path)}: not a regular file (a device, pipe or socket) and never "
                "read; save the article as a file"
            )
        elif path.suffix.lower() in ARTICLE_SUFFIXES:
            paths.append(path)
        else:
            messages.append(
                f"{shown_path(path)}: not an article file ({path.suffix}); "
                "save articles as .txt to include it"
            )
    return paths, messages


def doc_ids_for(paths: list[Path]) -> list[str]:
    """File stems as document ids; the full name where two files share a stem or a stem is
    another file's name ("a.txt" of "a.txt.txt" beside "a.txt"): names in one folder differ,
    so every id does."""
    shown = [Path(shown_name(p)) for p in paths]
    stems, names = Counter(p.stem for p in shown), {p.name for p in shown}
    return [p.stem if stems[p.stem] == 1 and p.stem not in names else p.name for p in shown]


def article_jobs(folder: Path) -> tuple[list[tuple[Path, str]], list[str]]:
    """(path, doc_id) of every article file in ``folder`` in doc_id order -- the order of every
    table, whether files are read in one process or in partitions -- and messages about the
    files that are not articles."""
    paths, messages = discover(folder)
    return sorted(zip(paths, doc_ids_for(paths)), key=lambda job: job[1]), messages


def ingest_files(jobs: list[tuple[Path, str]], max_bytes: int) -> list[DocumentResult]:
    """:func:`process_document` for each (path, doc_id) job: one partition's per-file work."""
    return [process_document(path, doc_id, max_bytes) for path, doc_id in jobs]


def summary(result: DocumentResult) -> DocumentResult:
    """A result without its lines, text and sentences: all that :func:`settle_documents`
    reads, small enough to send from a worker to the driver."""
    return replace(result, lines=[], text="", sentences=[])


def settle_documents(
    folder: Path, results: list[DocumentResult], messages: list[str]
) -> tuple[list[dict], list[str]]:
    """Decisions that need the whole corpus, from per-file results (or their :func:`summary`):
    duplicate files, publication years from the other dated articles, and the analyst's
    sources sheet. Returns each file's final document row, in ``results`` order, and the
    messages (``messages`` first)."""
    sheet, sheet_messages = read_sources_sheet(folder, {r.row["file"] for r in results})
    messages = [*messages, *sheet_messages]
    kept_file = duplicate_files(results)
    explicit_years = sorted(
        {
            m.year
            for r in results
            for m, where in r.date_mentions
            if m.year and where != "dated event in the lede"
        }
    )
    rows, undated = [], []
    for result in results:
        row = dict(result.row)
        if row["doc_id"] in kept_file:
            row["status"] = Status.DUPLICATE
            row["problem"] = (
                f"same article text as {kept_file[row['doc_id']]}; kept that file, remove this one"
            )
        if row["status"] in USABLE_STATUSES:
            published, how, evidence = choose_published(result, explicit_years)
            row.update(published=published, published_source=how, published_evidence=evidence)
        row = apply_sheet(row, sheet.get(row["file"]))
        if row["status"] in USABLE_STATUSES and not row["published"]:
            undated.append(row)
            messages.append(undated_message(folder, row))
        if row["problem"] and row["problem"] != ROUTINE_PAGE_NOTE:
            messages.append(f"{folder / row['file']}: {row['problem']}")
        rows.append(row)
    if len(undated) > MAX_UNDATED_NAMED:
        named = {undated_message(folder, row) for row in undated}
        messages = [*(m for m in messages if m not in named), undated_summary(folder, undated)]
    if pages := sum(row["problem"] == ROUTINE_PAGE_NOTE for row in rows):
        messages.append(
            f"{folder}: {pages} HTML page{'s' if pages > 1 else ''}: each {ARTICLE_READ} "
            "(documents.csv says so per file)"
        )
    if not results:
        messages.append(f"{folder}: no article files found; put one .txt file per article in it")
    return rows, messages


MAX_UNDATED_NAMED = 10
"""Files without a publication date named one message each, at most: a folder of scraped
texts may hold thousands, whose lines would bury the files that could not be read. Past it one
message says how many, names the first few, and points to ``documents.csv`` (every file's
``published_source`` says why it has no date)."""


def undated_message(folder: Path, row: dict) -> str:
    """The message for one usable file without a publication date."""
    return (
        f"{folder / row['file']}: no publication date found ({row['published_source']}); "
        "add a 'published' column to sources.csv to set it"
    )


def undated_summary(folder: Path, undated: list[dict], named: int = 3) -> str:
    """One message for the usable files without a publication date: how many, the first
    ``named`` of them, and why (their one reason, or where each one's is written)."""
    reasons = sorted({row["published_source"] for row in undated})
    why = reasons[0] if len(reasons) == 1 else "documents.csv's published_source says why"
    files = ", ".join(row["file"] for row in undated[:named])
    more = len(undated) - named
    return (
        f"{folder}: {len(undated):,} files have no publication date ({why}): {files} and "
        f"{more:,} more, each with an empty 'published' in documents.csv; add a 'published' "
        "column to sources.csv to set them"
    )


def duplicate_files(results: list[DocumentResult]) -> dict[str, str]:
    """The same article under two names: doc_id of each later copy -> the first file's name
    (the one kept)."""
    first: dict[str, str] = {}
    later: dict[str, str] = {}
    for result in results:
        row = result.row
        if row["status"] not in USABLE_STATUSES or not result.content_key:
            continue
        if result.content_key in first:
            later[row["doc_id"]] = first[result.content_key]
        else:
            first[result.content_key] = row["file"]
    return later


def duplicate_file_lines(lines: list[tuple]) -> list[tuple]:
    """A duplicate file's line audit: every non-blank line marked as part of a duplicate file."""
    return [
        (
            d,
            n,
            Role.BLANK if role == Role.BLANK else Role.DUPLICATE,
            "duplicate_file" if role != Role.BLANK else reason,
            t,
        )
        for d, n, role, reason, t in lines
    ]


def assemble(results: list[DocumentResult], rows: list[dict]) -> Corpus:
    """The corpus from per-file results and their settled document rows: every file's line
    audit, and the text and sentences of the usable documents."""
    line_rows, sentence_rows, texts, credits = [], [], {}, []
    for result, row in zip(results, rows):
        line_rows.extend(
            duplicate_file_lines(result.lines)
            if row["status"] == Status.DUPLICATE
            else result.lines
        )
        if row["status"] in USABLE_STATUSES:
            sentence_rows.extend(result.sentences)
            texts[row["doc_id"]] = result.text
            credits.extend(result.provenance)
    return Corpus(
        documents=pd.DataFrame(rows, columns=DOCUMENT_COLUMNS),
        sentences=pd.DataFrame(sentence_rows, columns=SENTENCE_COLUMNS),
        texts=texts,
        lines=pd.DataFrame(line_rows, columns=LINE_COLUMNS),
        provenance=pd.DataFrame(credits, columns=FINDING_COLUMNS),
    )


def build_corpus(folder, max_mb: float = DEFAULT_MAX_MB) -> tuple[Corpus, list[str]]:
    """Ingest every article file in ``folder`` in this process. Returns the corpus and one
    message per problem. (:mod:`newsframes.pipeline` runs the same steps in partitions.)"""
    folder = Path(folder)
    jobs, messages = article_jobs(folder)
    results = ingest_files(jobs, int(max_mb * 1e6))
    rows, messages = settle_documents(folder, results, messages)
    return assemble(results, rows), messages
