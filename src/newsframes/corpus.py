"""The corpus that every analysis stage reads: documents, cleaned texts and sentences.

Ingestion builds it from raw files; chapters rebuild it from the pipeline's CSV tables;
tests build it from strings with :func:`corpus_from_texts`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from .text import sentence_spans, words

UNPRINTABLE = re.compile(
    r"[\x00-\x1f\x7f-\x9f]"  # control characters: a line break, a tab, an escape (\x1b)
    r"|[\u2028\u2029]"  # the line and paragraph separators, which split lines too
)
"""Characters of a file name that a one-line message cannot show as they are."""


def shown_name(path: Path) -> str:
    """The file's name as tables, sources.csv and messages write it: bytes of the name that
    are not UTF-8 (Python keeps them as surrogates, which no UTF-8 file can hold) as ``\\xe9``,
    and the :data:`UNPRINTABLE` characters escaped as Python writes them (``\\n``, ``\\x1b``),
    so that a message about the file stays one line."""
    name = path.name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return UNPRINTABLE.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), name)


def shown_path(path: Path) -> Path:
    """``path`` with its file name as :func:`shown_name` writes it, for messages."""
    return path.parent / shown_name(path)


class Status(StrEnum):
    """A document's ``status`` in ``documents.csv``: usable (ok, converted) or why it is not."""

    OK = "ok"
    CONVERTED = "converted"  # not UTF-8: decoded, the encoding in ``problem``
    EMPTY = "empty"
    BINARY = "binary"
    TOO_LARGE = "too_large"
    UNREADABLE = "unreadable"
    MULTIPLE_ARTICLES = "multiple_articles"
    NOT_ENGLISH = "not_english"
    DUPLICATE = "duplicate"
    ANALYSIS_FAILED = "analysis_failed"


USABLE_STATUSES = (Status.OK, Status.CONVERTED)
SENTENCE_COLUMNS = ["doc_id", "sent_id", "start", "end", "text", "role", "para", "line_no"]
PARAGRAPH_SEPARATOR = "\n\n"
UNKNOWN_VALUES = frozenset(
    {"", "unknown", "nan", "none"}
)  # cells of documents that say "not known"
UNATTRIBUTED = "(unattributed)"
UNNAMED = "(unnamed sources)"
VOICE_SHARES = (UNATTRIBUTED, UNNAMED)
"""Voices reported as a share of the quoted words and never ranked: quotes without a speaker
(unresolved pronouns included) and unnamed sources ("officials", "the report")."""
SEGMENT_GAP = " … "
"""Between the quoted segments of one attribution in a quote's ``text`` ("A," she said. "B."):
the words in between (the cue) are the writer's, not the speaker's."""


def segment_offsets(segments: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of a quote row's ``segments`` (``start-end``, space-separated)."""
    return [
        (int(start), int(end))
        for start, _, end in (part.partition("-") for part in str(segments).split())
    ]


@dataclass
class Corpus:
    """Tables of one corpus. ``texts`` maps doc_id to cleaned text (usable documents only);
    sentence offsets (``start``, ``end``) index into those texts."""

    documents: pd.DataFrame
    sentences: pd.DataFrame
    texts: dict[str, str]
    lines: pd.DataFrame = field(default_factory=pd.DataFrame)
    provenance: pd.DataFrame = field(default_factory=pd.DataFrame)
    """Where each text says it comes from, as ingestion read it (one row per credit, relay or
    citation: ``newsframes.ingest.provenance.FINDING_COLUMNS``)."""

    @property
    def usable(self) -> pd.DataFrame:
        """Documents that analysis stages should read."""
        return usable(self.documents)


def usable(documents: pd.DataFrame) -> pd.DataFrame:
    """The rows of a documents table that analysis stages read (status in ``USABLE_STATUSES``)."""
    return documents[documents["status"].isin(USABLE_STATUSES)]


def join_paragraphs(doc_id: str, paragraphs: list[tuple[str, str, int]]) -> tuple[str, list[tuple]]:
    """Join (role, text, line_no) paragraphs into one cleaned text and its sentence rows
    (tuples in ``SENTENCE_COLUMNS`` order, so a whole corpus becomes one frame at the end).

    Sentences are split per paragraph, so none crosses a paragraph boundary.
    """
    rows, parts, offset = [], [], 0
    for para_no, (role, text, line_no) in enumerate(paragraphs, start=1):
        if parts:
            offset += len(PARAGRAPH_SEPARATOR)
        for start, end in sentence_spans(text):
            rows.append(
                (
                    doc_id,
                    len(rows) + 1,
                    offset + start,
                    offset + end,
                    text[start:end],
                    role,
                    para_no,
                    line_no,
                )
            )
        parts.append(text)
        offset += len(text)
    return PARAGRAPH_SEPARATOR.join(parts), rows


def corpus_from_texts(texts: dict[str, str], meta: pd.DataFrame | None = None) -> Corpus:
    """A corpus from already clean texts (first paragraph = headline), for tests and examples.

    ``meta`` may give ``doc_id`` plus any document columns (outlet, camp, published, ...).
    """
    docs, sentence_rows, clean = [], [], {}
    for doc_id, raw in texts.items():
        paragraphs = [p.strip() for p in raw.split("\n\n") if p.strip()]
        roles = ["headline"] + ["body"] * (len(paragraphs) - 1)
        text, sents = join_paragraphs(
            doc_id, [(r, p, i + 1) for i, (r, p) in enumerate(zip(roles, paragraphs))]
        )
        sentence_rows.extend(sents)
        clean[doc_id] = text
        docs.append(
            {
                "doc_id": doc_id,
                "file": f"{doc_id}.txt",
                "status": Status.OK,
                "problem": "",
                "outlet": "unknown",
                "upstream": "unknown",
                "camp": "unknown",
                "published": "",
                "headline": paragraphs[0] if paragraphs else "",
                "n_sentences": len(sents),
                "n_tokens": len(words(text)),
            }
        )
    documents = pd.DataFrame(docs)
    if meta is not None and len(meta):
        extra = meta.set_index("doc_id")
        for column in extra.columns:
            documents[column] = (
                documents["doc_id"].map(extra[column]).fillna(documents.get(column, ""))
            )
    return Corpus(
        documents=documents,
        sentences=pd.DataFrame(sentence_rows, columns=SENTENCE_COLUMNS),
        texts=clean,
    )


def rows_of(frame: pd.DataFrame, *columns: str) -> zip:
    """The values of ``columns`` row by row, as Python values: each column is converted to a
    list once (iterating a pandas column boxes its values one by one, several times slower
    for the text columns of pandas 3)."""
    return zip(*(frame[column].tolist() for column in columns))


def records_of(frame: pd.DataFrame) -> list[dict]:
    """``frame.to_dict("records")`` read column by column, as :func:`rows_of` reads them
    (pandas boxes each value of a text column on its own); a nullable column's missing values
    are None there too."""
    columns = list(frame.columns)
    values = [_record_values(frame[column]) for column in columns]
    return [dict(zip(columns, row)) for row in zip(*values)]


def _record_values(column: pd.Series) -> list:
    values = column.tolist()
    if getattr(column.dtype, "na_value", None) is pd.NA:
        return [None if value is pd.NA else value for value in values]
    return values


DOCUMENT_SENTENCE_COLUMNS = ("start", "end", "sent_id", "text")  # the fields, in order


class DocumentSentences(NamedTuple):
    """One document's sentences as Python lists in text order: cutting a pandas frame out per
    document and reading its columns cost more than some of the analyses that use them."""

    starts: list[int]
    ends: list[int]
    ids: list[int]
    texts: list[str]

    @classmethod
    def of(cls, sentences: pd.DataFrame) -> DocumentSentences:
        """The sentences of one document's rows of a sentences table."""
        return cls(*(sentences[column].tolist() for column in DOCUMENT_SENTENCE_COLUMNS))


NO_SENTENCES = DocumentSentences([], [], [], [])


def sentences_by_document(sentences: pd.DataFrame) -> dict[str, DocumentSentences]:
    """Each document's :class:`DocumentSentences`, read from a sentences table in one pass (a
    document's rows in table order)."""
    if sentences.empty:
        return {}
    grouped: dict[str, list[tuple]] = {}
    for doc_id, *row in rows_of(sentences, "doc_id", *DOCUMENT_SENTENCE_COLUMNS):
        grouped.setdefault(doc_id, []).append(row)
    return {doc_id: DocumentSentences(*map(list, zip(*rows))) for doc_id, rows in grouped.items()}


def public(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables to write: without the intermediate ones (names starting with an underscore)."""
    return {name: frame for name, frame in tables.items() if not name.startswith("_")}


def corpus_of(tables: dict[str, pd.DataFrame]) -> Corpus:
    """The corpus that the cross-document tables read, from the ingestion tables."""
    texts = dict(rows_of(tables["texts"], "doc_id", "text"))
    return Corpus(
        documents=tables["documents"],
        sentences=tables["sentences"],
        texts=texts,
        lines=tables["lines"],
    )
