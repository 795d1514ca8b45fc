"""Quotations: whose words each document carries, how it marks them and whom it credits.

One document at a time (no state shared between documents), in four steps:

1. quote spans from the quotation marks of each paragraph (``quote_spans``);
2. reporting-verb cues (``data/reporting_verbs.txt``) outside the quotes, each with its subject
   phrase, read on a copy of the text whose abbreviation periods are masked (``cues``);
3. each quote takes the attribution right after its closing mark, else the last cue before it
   in its sentence, else "according to X", else the subject of its sentence ("Roe called it
   “…”"); a quote opening its paragraph without any takes the speaker a colon introduced
   ("Roe added:"), the named subject of the paragraph before when that one holds no quote, or
   the speaker of the quote it continues or follows;
4. subject phrases become speakers (``attribution``): titles kept in the surface, appositions as
   affiliation, nominal sources ("the report") kept as written and marked ``nominal``, pronouns
   resolved to the last compatible person named or left empty; then one canonical name per
   person in the document ("Roe" and "Mrs. Roe" become "Jane Roe" when the text names her so).

Cues not used by a quote become ``reported`` speech (X said that ...); a news agency's cue that
relays another cue ("X said …, Xinhua reported") is that row's ``via``, not a speaker.
"""

from __future__ import annotations

import dataclasses
import re

import pandas as pd

from ..text import words
from .attribution import UNKNOWN, DocContext, Speaker, document_context, resolve_speaker
from .cues import (
    ACCORDING_TO,
    NAME_COLON,
    SIGN_OFF,
    Cue,
    clause_subject,
    cue_after_quote,
    find_cues,
    reported_content,
    sentence_end_after,
    sentence_start_before,
)
from .entities import full_name_for
from .quote_spans import QuoteSpan, opens_paragraph, quote_kind, quote_spans

QUOTE_COLUMNS = [
    "doc_id",
    "quote_id",
    "sent_id",
    "kind",
    "speaker",
    "speaker_surface",
    "speaker_kind",
    "affiliation",
    "camp",
    "cue",
    "attribution",
    "via",
    "continues",
    "start",
    "end",
    "text",
]


def _speaker_fields(speaker: Speaker) -> dict:
    return {
        "speaker": speaker.name,
        "speaker_surface": speaker.surface,
        "speaker_kind": speaker.kind,
        "affiliation": speaker.affiliation,
        "camp": speaker.camp,
    }


def _sentence_ids(sentences: pd.DataFrame):
    starts = sentences["start"].tolist()
    ids = sentences["sent_id"].tolist()

    def sent_id(offset: int) -> int:
        best = ids[0] if ids else 0
        for start, sid in zip(starts, ids):
            if start <= offset:
                best = sid
        return int(best)

    return sent_id


def _cue_speaker(cue: Cue, ctx: DocContext) -> tuple[Speaker | None, str]:
    """Speaker of a cue, and who relayed it when the cue reads "X, citing Y, reported"."""
    speaker = resolve_speaker(cue.subject, cue.subject_start, ctx, cue.left)
    if cue.cited and speaker is not None:
        return _cited_speaker(cue.cited, cue.subject_start, ctx), speaker.name
    return speaker, ""


def _cited_speaker(phrase: str, offset: int, ctx: DocContext) -> Speaker:
    """The source named after "citing", resolved like any subject, marked as cited."""
    cited = resolve_speaker(phrase, offset, ctx)
    if cited is None:
        cited = Speaker(phrase.strip(), phrase.strip(), "unknown", "unknown", "nominal", "nominal")
    return dataclasses.replace(cited, method="citing")


def _citing_after(text: str, start: int, end: int) -> str:
    m = re.search(r"\bciting\s+(?P<cited>[^,.;:]+)", text[start:end], re.IGNORECASE)
    return m["cited"].strip() if m else ""


def _subject_speaker(ctx: DocContext, floor: int, end: int) -> Speaker | None:
    """The speaker a clause subject between ``floor`` and ``end`` names (pronouns resolved)."""
    found = clause_subject(ctx.masked, floor, end)
    if found is None:
        return None
    phrase, offset, apposition = found
    return resolve_speaker(phrase, offset, ctx, apposition=apposition)


def attribute_quote(
    span: QuoteSpan, cues: list[Cue], ctx: DocContext
) -> tuple[Speaker, str, str, str]:
    """(speaker, cue word, attribution method, via) for one quote, or UNKNOWN with method 'none'."""
    masked = ctx.masked
    if found := cue_after_quote(masked, span):
        for cue in cues:
            cue.used = cue.used or cue.verb_start == found.verb_start
        left = masked[span.para_start : found.subject_start]
        speaker = resolve_speaker(found.subject, found.subject_start, ctx, left, found.apposition)
        if speaker is not None:
            return speaker, found.verb, f"after_quote:{speaker.method}", ""
    floor = sentence_start_before(masked, span.open_mark, span.para_start)
    before = [c for c in cues if floor <= c.verb_start < span.open_mark]
    for cue in reversed(before):
        speaker, via = _cue_speaker(cue, ctx)
        if speaker is not None:
            cue.used = True
            return speaker, cue.verb, f"before_quote:{speaker.method}", via
    if m := list(ACCORDING_TO.finditer(masked, floor, span.open_mark)):
        speaker = resolve_speaker(m[-1]["subject"], m[-1].start("subject"), ctx)
        if speaker is not None:
            return speaker, "according to", f"according_to:{speaker.method}", ""
    if (speaker := _subject_speaker(ctx, floor, span.open_mark)) is not None:
        return speaker, "", f"sentence_subject:{speaker.method}", ""
    end = sentence_end_after(masked, span.end)
    for cue in [c for c in cues if span.end < c.verb_start < end and c.left.rstrip().endswith(",")]:
        speaker, via = _cue_speaker(cue, ctx)
        if speaker is not None:  # "A “fragment” is accountable, Roe said."
            return speaker, cue.verb, f"sentence_end:{speaker.method}", via
    if span.close_mark is not None and (
        m := SIGN_OFF.match(masked, span.close_mark + 1, span.para_end)
    ):
        speaker = resolve_speaker(m["name"], m.start("name"), ctx)
        if speaker is not None and speaker.kind == "name":
            return speaker, "", f"sign_off:{speaker.method}", ""
    if m := NAME_COLON.fullmatch(masked, floor, span.open_mark):
        speaker = resolve_speaker(m["np"], floor + m.start("np"), ctx)
        if speaker is not None and speaker.kind == "name":
            return speaker, "", f"colon:{speaker.method}", ""
    return UNKNOWN, "", "none", ""


def introduced_by_previous_paragraph(
    span: QuoteSpan, cues: list[Cue], ctx: DocContext
) -> tuple[Speaker, str] | None:
    """For a quote that opens its paragraph without a cue: the speaker the previous paragraph's
    last sentence introduces when it ends with a colon ("Roe added:"), by its cue or subject."""
    masked = ctx.masked
    previous = masked[: span.para_start].rstrip()
    if not previous.endswith(":"):
        return None
    para_start = previous.rfind("\n") + 1
    floor = sentence_start_before(masked, len(previous) - 1, para_start)
    for cue in reversed([c for c in cues if floor <= c.verb_start < len(previous)]):
        speaker, _ = _cue_speaker(cue, ctx)
        if speaker is not None:
            return speaker, cue.verb
    if m := list(ACCORDING_TO.finditer(masked, floor, len(previous))):
        speaker = resolve_speaker(m[-1]["subject"], m[-1].start("subject"), ctx)
        if speaker is not None:
            return speaker, "according to"
    speaker = _subject_speaker(ctx, floor, len(previous))
    return (speaker, "") if speaker is not None else None


def previous_paragraph_start(text: str, para_start: int) -> int:
    """Start of the paragraph before the one starting at ``para_start`` (-1 when none)."""
    body = text[:para_start].rstrip()
    return body.rfind("\n") + 1 if body else -1


def paragraph_subject(ctx: DocContext, cues: list[Cue], start: int, end: int) -> Speaker | None:
    """The named speaker of the last sentence between ``start`` and ``end`` (its cue, else its
    clause subject), else of the first: the source of a quotation that follows without a cue
    ("Roe praised the plan. ¶ “…”", "…, Roe said. “…”")."""
    if start < 0:
        return None
    body_end = start + len(ctx.masked[start:end].rstrip())
    last = sentence_start_before(ctx.masked, body_end - 1, start) if body_end > start else start
    for floor in dict.fromkeys([last, start]):
        found = [_cue_speaker(c, ctx)[0] for c in cues if floor <= c.verb_start < body_end]
        for speaker in [*reversed(found), _subject_speaker(ctx, floor, body_end)]:
            if speaker is not None and speaker.kind in ("name", "organisation"):
                return speaker
    return None


def _inherited(previous: dict, how: str) -> tuple[Speaker, str, str, str]:
    speaker = Speaker(
        previous["speaker"],
        previous["speaker_surface"],
        previous["affiliation"],
        previous["camp"],
        how,
        previous["speaker_kind"],
    )
    return speaker, previous["cue"], how, previous["via"]


def _quote_row(
    doc_id: str,
    n: int,
    span: QuoteSpan,
    text: str,
    sent_id,
    speaker: Speaker,
    verb: str,
    method: str,
    via: str,
    continues: str,
) -> dict:
    return {
        "doc_id": doc_id,
        "quote_id": f"{doc_id}:q{n:03d}",
        "sent_id": sent_id(span.start),
        "kind": quote_kind(text, span),
        **_speaker_fields(speaker),
        "cue": verb,
        "attribution": method,
        "via": via,
        "continues": continues,
        "start": span.start,
        "end": span.end,
        "text": text[span.start : span.end],
        "para_start": span.para_start,
    }


def direct_rows(
    doc_id: str, text: str, spans: list[QuoteSpan], cues: list[Cue], ctx: DocContext, sent_id
) -> list[dict]:
    """Rows of the quotes in marks, each attributed (see module docstring)."""
    rows: list[dict] = []
    for span in spans:
        speaker, verb, method, via = attribute_quote(span, cues, ctx)
        previous = rows[-1] if rows else None
        continues = previous["quote_id"] if previous is not None and span.continues_previous else ""
        opens = opens_paragraph(text, span)
        if (
            method == "none"
            and opens
            and (intro := introduced_by_previous_paragraph(span, cues, ctx))
        ):
            speaker, verb = intro
            method = f"introduced:{speaker.method}"
        before = previous_paragraph_start(text, span.para_start)
        adjacent = (
            previous is not None
            and previous["para_start"] in (span.para_start, before)
            and bool(previous["speaker"])
            and previous["kind"] == "direct"
        )
        if (
            method == "none"
            and opens
            and not continues
            and not adjacent
            and (found := paragraph_subject(ctx, cues, before, span.para_start))
        ):
            speaker, verb, method = found, "", f"previous_paragraph_subject:{found.method}"
        speaking = (
            previous
            and previous["para_start"] == span.para_start
            and previous["speaker"]
            and previous["kind"] == "direct"
        )
        if (
            method == "none"
            and not opens
            and not speaking
            and (
                found := paragraph_subject(
                    ctx,
                    cues,
                    span.para_start,
                    sentence_start_before(ctx.masked, span.open_mark, span.para_start),
                )
            )
        ):
            speaker, verb, method = found, "", f"previous_sentence_subject:{found.method}"
        if (
            method == "none"
            and previous is not None
            and previous["speaker"]
            and (continues or previous["para_start"] == span.para_start or opens)
        ):
            how = (
                "continuation"
                if continues
                else (
                    "previous_quote"
                    if previous["para_start"] == span.para_start
                    else "previous_paragraph"
                )
            )
            speaker, verb, method, via = _inherited(previous, how)
        if method == "none" and (
            citing := _citing_after(text, span.close_mark or span.end, span.para_end)
        ):
            speaker, method = _cited_speaker(citing, span.end, ctx), "citing"
        rows.append(
            _quote_row(
                doc_id, len(rows) + 1, span, text, sent_id, speaker, verb, method, via, continues
            )
        )
    return rows


def reported_rows(
    doc_id: str, text: str, spans: list[QuoteSpan], cues: list[Cue], ctx: DocContext, sent_id
) -> list[dict]:
    """Rows of reported speech: cues no quote used, with their content. A news agency's cue
    whose content holds another cue ("X said that …, Xinhua reported") relays it: the agency
    becomes that row's ``via``, never a speaker of its own."""
    quoted = [(s.open_mark, s.end) for s in spans]
    rows, relays = [], []
    for cue in cues:
        if cue.used:
            continue
        speaker, via = _cue_speaker(cue, ctx)
        if speaker is None:
            continue
        if not via and (
            cited := _citing_after(text, cue.verb_end, sentence_end_after(text, cue.verb_end))
        ):
            speaker, via = _cited_speaker(cited, cue.verb_end, ctx), speaker.name
        start, end = reported_content(text, cue)
        if len(words(text[start:end])) < 3 or any(a <= start < b for a, b in quoted):
            continue
        row = {
            "doc_id": doc_id,
            "quote_id": "",
            "sent_id": sent_id(cue.verb_start),
            "kind": "reported",
            **_speaker_fields(speaker),
            "cue": cue.verb,
            "attribution": f"reported:{speaker.method}",
            "via": via,
            "continues": "",
            "start": start,
            "end": end,
            "text": text[start:end],
            "para_start": 0,
            "cue_at": cue.verb_start,
        }
        (relays if speaker.method == "agency" else rows).append(row)
    for relay in relays:
        inner = [r for r in rows if relay["start"] <= r["cue_at"] < relay["end"] and not r["via"]]
        for row in inner:
            row["via"] = relay["speaker"]
        if not inner:
            rows.append(relay)
    for row in rows:
        del row["cue_at"]
    return rows


def quote_rows(doc_id: str, text: str, sentences: pd.DataFrame, published: str = "") -> list[dict]:
    """Direct, partial and reported quotations of one document (see module docstring), as rows
    in text order (``QUOTE_COLUMNS``); ``published`` (ISO date) decides which actor rows fit."""
    ctx = document_context(text, published)
    spans = quote_spans(text)
    cues = find_cues(ctx.masked, spans)
    sent_id = _sentence_ids(sentences)
    rows = direct_rows(doc_id, text, spans, cues, ctx, sent_id)
    rows += reported_rows(doc_id, text, spans, cues, ctx, sent_id)
    rows.sort(key=lambda row: (row["start"], row["end"]))
    canonicalise(rows, ctx)
    n_reported = 0
    for row in rows:
        del row["para_start"]
        if row["kind"] == "reported":
            n_reported += 1
            row["quote_id"] = f"{doc_id}:r{n_reported:03d}"
    return rows


def canonicalise(rows: list[dict], ctx: DocContext) -> None:
    """One name per person in the document: a lone surname ("Roe", "Mrs. Roe") becomes the
    full name the text gives it; every row of a person shares the first apposition given."""
    for row in rows:
        if row["speaker_kind"] == "name" and row["camp"] == "unknown":
            gender = (
                "f"
                if row["speaker"].startswith(("Mrs.", "Ms.", "Miss"))
                else ("m" if row["speaker"].startswith("Mr.") else "")
            )
            row["speaker"] = full_name_for(row["speaker"], row["start"], ctx.names, gender)
    described: dict[str, str] = {}
    for row in rows:
        if row["speaker_kind"] == "name" and row["affiliation"] != "unknown":
            described.setdefault(row["speaker"], row["affiliation"])
    for row in rows:
        if row["speaker_kind"] == "name" and row["camp"] == "unknown":
            row["affiliation"] = described.get(row["speaker"], "unknown")


def extract_quotes(
    doc_id: str, text: str, sentences: pd.DataFrame, published: str = ""
) -> pd.DataFrame:
    """Direct, partial and reported quotations of one document (see module docstring)."""
    return pd.DataFrame(quote_rows(doc_id, text, sentences, published), columns=QUOTE_COLUMNS)


def quotes_table(corpus) -> pd.DataFrame:
    """Quotations of every usable document of a corpus, sorted by document and position."""
    sentences = (
        dict(tuple(corpus.sentences.groupby("doc_id", sort=False))) if len(corpus.sentences) else {}
    )
    empty = corpus.sentences.iloc[:0]
    usable = corpus.usable.sort_values("doc_id")
    dates = (
        usable["published"].fillna("").astype(str) if "published" in usable else [""] * len(usable)
    )
    frames = [
        extract_quotes(d, corpus.texts[d], sentences.get(d, empty), p)
        for d, p in zip(usable["doc_id"], dates)
    ]
    if not frames:
        return pd.DataFrame(columns=QUOTE_COLUMNS)
    return pd.concat(frames, ignore_index=True)
