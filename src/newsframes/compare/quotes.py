"""Quotations: whose words each document carries, how it marks them and whom it credits.

One document at a time (no state shared between documents), in four steps:

1. quote spans from the quotation marks of each paragraph (``quote_spans``);
2. reporting-verb cues (the ``quote_cue`` rows of ``data/reporting_verbs.csv``) outside the
   quotes, each with its subject phrase, read on a copy of the text whose abbreviation periods
   are masked (``cues``);
3. each quote takes the attribution right after its closing mark, else the last cue before it
   in its sentence, else "according to X", else the subject of its sentence ("Roe called it
   “…”"); a quote opening its paragraph without any takes the speaker a colon introduced
   ("Roe added:"), the named subject of the paragraph before when that one holds no quote, or
   the speaker of the quote it continues or follows (``quote_sources``);
4. subject phrases become speakers (``attribution``): titles kept in the surface, appositions as
   affiliation, nominal sources ("the report") kept as written and marked ``nominal``, pronouns
   resolved to the last compatible person named or left empty; then one canonical name per
   person in the document ("Roe" and "Mrs. Roe" become "Jane Roe" when the text names her so).

Cues not used by a quote become ``reported`` speech (X said that ...), as does a second verb's
content after a quote that took it as its cue ("Roe called it “a disaster,” but said …"), and
so do the rest of a sentence that names its source "according to X" and the clause a reporting
participle opens after the main clause ("X defended it, saying ..."); a news agency's cue that
relays another cue ("X said …, Xinhua reported"), and an "according to X" whose content holds
one, is that row's ``via``, not a speaker; so is the source of an "according to" that ends an
attribution after a quote ("“…,” Roe said at a press conference, according to the Sun.").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

import pandas as pd

from ..corpus import NO_SENTENCES, SEGMENT_GAP, DocumentSentences, sentences_by_document
from ..resources import reporting_participles
from ..text import words
from .attribution import DocContext, Speaker, document_context
from .cues import (
    ACCORDING_TO,
    SENTENCE_END,
    SHORT_TAIL,
    Cue,
    content_start,
    cues_between,
    find_cues,
    reported_content,
    sentence_end_after,
    sentence_start_before,
    within_window,
)
from .entities import full_name_for, is_lone_surname
from .quote_sources import (
    according_speaker,
    attribute_quote,
    cited_speaker,
    citing_after,
    cue_speaker,
    introduced_by_previous_paragraph,
    is_second_verb,
    paragraph_subject,
    previous_paragraph_start,
    subject_speaker,
)
from .quote_spans import (
    NEUTRAL_MARKS,
    OPENING_MARKS,
    QuoteCover,
    QuoteSpan,
    is_title,
    opens_paragraph,
    quote_kind,
    quote_spans,
)

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
    "segments",
    "text",
]
JOINED_ATTRIBUTIONS = ("previous_quote", "continuation", "previous_paragraph")
"""A quote that takes its speaker from the quote before it in the same paragraph or in the
paragraph just before, or continues that quote into the next paragraph, is the same
attribution: ``"A," she said. "B."`` is one utterance interrupted by its cue, and so is
``"A," she said. ¶ "B."``, as attribution corpora annotate it (PARC, Pareti 2016; PolNeAR,
Newell, Margolin & Ruths 2018; on PolNeAR train, joining the paragraph after made 6 more
annotated quotes found and 4 more speakers right, precision unchanged), and counting it twice
would double a speaker's voice wherever a quote is interrupted."""


def _speaker_fields(speaker: Speaker) -> dict:
    return {
        "speaker": speaker.name,
        "speaker_surface": speaker.surface,
        "speaker_kind": speaker.kind,
        "affiliation": speaker.affiliation,
        "camp": speaker.camp,
    }


def _sentence_ids(sentences: DocumentSentences):
    """``sent_id(offset)``: the id of the last sentence starting at or before ``offset`` (the
    first sentence's before any; 0 without sentences), the starts in text order as ingestion
    makes them."""
    starts, ids = sentences.starts, sentences.ids

    def sent_id(offset: int) -> int:
        if not ids:
            return 0
        return int(ids[max(bisect_right(starts, offset) - 1, 0)])

    return sent_id


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
        "segments": f"{span.start}-{span.end}",
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
        before = previous_paragraph_start(ctx.masked, span.para_start)
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
            and (
                previous["speaker"]
                and (  # a quote opening its paragraph: the speaker of the paragraph before only
                    continues
                    or previous["para_start"] in (span.para_start, before if opens else -1)
                )
            )
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
            citing := citing_after(text, span.close_mark or span.end, span.para_end)
        ):
            speaker, method = cited_speaker(citing, span.end, ctx), "citing"
        if previous is not None and same_utterance(previous, span, text, speaker.name, method):
            speaker, verb, method, via = _inherited(previous, "previous_quote")
        elif (  # "… “leaders who …,” Roe said. ¶ “And that is why …”": one attribution
            method.startswith("previous_paragraph_subject")
            and previous is not None
            and previous["para_start"] == before
            and previous["speaker"] == speaker.name
        ):
            speaker, verb, method, via = _inherited(previous, "previous_paragraph")
        rows.append(
            _quote_row(
                doc_id, len(rows) + 1, span, text, sent_id, speaker, verb, method, via, continues
            )
        )
    return rows


CLAUSE_JOINED_BETWEEN = re.compile(r";|\b(?:while|whereas|but|although|though|yet)\b", re.I)
"""A second clause between two fragments ("Roe called it “a start” while Doe called it “an
end”"): its own subject may have said the second."""


def same_utterance(previous: dict, span: QuoteSpan, text: str, speaker: str, method: str) -> bool:
    """Whether a quote is the next piece of the previous row's utterance in the same sentence:
    after the cue that interrupts it ("“A,” Roe said, “B.”": the cue after the first piece,
    before the second), or a fragment beside a fragment of one clause with the same speaker
    found the same way ("Roe admitted “one or two instances” that had “slipped through”")."""
    if previous["para_start"] != span.para_start or previous["speaker"] != speaker:
        return False
    if SENTENCE_END.search(text, max(previous["end"] - 1, 0), span.open_mark):
        return False  # (from the previous quote's last character: "“… over.” Then …")
    interrupted = (
        previous["attribution"].startswith("after_quote")
        and method.startswith("before_quote")
        and not is_title(text[span.start : span.end].rstrip("."))  # "…," Roe said on "Face It."
    )
    fragments = (
        previous["kind"] == quote_kind(text, span) == "partial"
        and previous["attribution"] == method
        and not CLAUSE_JOINED_BETWEEN.search(text, previous["end"], span.open_mark)
    )
    return interrupted or fragments


def one_row_per_attribution(doc_id: str, rows: list[dict]) -> list[dict]:
    """Quote rows (:func:`direct_rows`, in text order) with each quote of
    :data:`JOINED_ATTRIBUTIONS` joined to the row before it: one row per attribution, whose
    ``start`` and ``end`` reach from its first quoted segment to its last, ``segments`` lists
    each segment's offsets (``start-end``, space-separated) and ``text`` joins their words with
    :data:`SEGMENT_GAP`; ``sent_id`` and ``kind`` are the first segment's. Quote ids are
    numbered again, and ``continues`` names the row a joined quote went into."""
    joined: list[dict] = []
    row_of: dict[str, dict] = {}
    for row in rows:
        if joined and row["attribution"] in JOINED_ATTRIBUTIONS:
            first = joined[-1]
            first["end"] = row["end"]
            first["segments"] += f" {row['segments']}"
            first["text"] += SEGMENT_GAP + row["text"]
        else:
            first = dict(row)
            joined.append(first)
        row_of[row["quote_id"]] = first
    for n, row in enumerate(joined, start=1):
        row["quote_id"] = f"{doc_id}:q{n:03d}"
    for row in joined:
        row["continues"] = row_of[row["continues"]]["quote_id"] if row["continues"] else ""
    return joined


def _reported_row(
    doc_id: str,
    text: str,
    segments: list[tuple[int, int]],
    speaker: Speaker,
    cue: str,
    at: int,
    sent_id,
    via: str = "",
) -> dict:
    """A row of reported speech whose content is ``segments`` (start, end) of ``text``, cued
    at ``at`` (kept as ``cue_at`` for the relays of :func:`reported_rows`)."""
    return {
        "doc_id": doc_id,
        "quote_id": "",
        "sent_id": sent_id(at),
        "kind": "reported",
        **_speaker_fields(speaker),
        "cue": cue,
        "attribution": f"reported:{speaker.method}",
        "via": via,
        "continues": "",
        "start": segments[0][0],
        "end": segments[-1][1],
        "segments": " ".join(f"{a}-{b}" for a, b in segments),
        "text": SEGMENT_GAP.join(text[a:b] for a, b in segments),
        "para_start": 0,
        "cue_at": at,
    }


def reported_rows(
    doc_id: str,
    text: str,
    spans: list[QuoteSpan],
    cues: list[Cue],
    ctx: DocContext,
    sent_id,
    according: list[dict] = (),
    participial: list[dict] = (),
) -> list[dict]:
    """Rows of reported speech: cues no quote used, with their content, the ``according`` rows
    (:func:`according_to_rows`) and the ``participial`` ones (:func:`participle_rows`) that no
    cue's content holds ("Roe said X, adding that Y"). A news agency's cue whose content holds
    another cue ("X said that …, Xinhua reported") relays it: the agency becomes that row's
    ``via``, never a speaker of its own; so does the source of "according to X" whose content
    holds a row ("According to the Post, Roe said that …")."""
    quoted = QuoteCover(spans)
    rows, relays = [], list(according)
    for cue in cues:
        if cue.used and not _content_of_its_own(cue, ctx.masked, spans):
            continue
        speaker, via = cue_speaker(cue, ctx)
        if speaker is None:
            continue
        if not via and (
            cited := citing_after(text, cue.verb_end, sentence_end_after(ctx.masked, cue.verb_end))
        ):
            speaker, via = cited_speaker(cited, cue.verb_end, ctx), speaker.name
        start, end = reported_content(ctx.masked, cue)
        end = before_another_voice(ctx.masked, cues, start, end)
        if (
            len(words(text[start : min(end, start + SHORT_TAIL)])) < 3  # not read to its end
            or quoted.covers(start)
            or (start >= cue.verb_end and not_words_said(cue.verb, text[cue.verb_end : end]))
        ):
            continue
        row = _reported_row(
            doc_id, text, [(start, end)], speaker, cue.verb, cue.verb_start, sent_id, via
        )
        (relays if speaker.method == "agency" else rows).append(row)
    held = QuoteCover([], [(row["start"], row["end"]) for row in rows + relays])
    rows += [  # "Roe said X, adding that Y": Y is in the row of "said"
        row for row in participial if not held.covers(row["cue_at"])
    ]
    rows.sort(key=lambda row: row["cue_at"])
    relays.sort(key=lambda row: row["cue_at"])
    rows += relayed(rows, relays)
    for row in rows:
        del row["cue_at"]
    return rows


ANOTHER_CLAUSE_BEFORE = re.compile(
    r"(?:"
    r"\s*[,;:—–]\s*(?:(?:and|but|while|whereas|to\s+which|at\s+which\s+point)\s+)?"  # ", while"
    r"|\s+(?:and|but|while|whereas)\s+"  # " and"
    r")$",
    re.IGNORECASE,
)
"""What opens a clause of its own right before its subject: punctuation and a joining word
(", while Doe said", ", to which Doe interjected", "; Doe said"), or the joining word alone."""


OWN_VOICE_PRONOUNS = {"he", "she", "they", "i", "we"}
"""Subjects of a clause that most often go on with the same speaker's words (", he said, …")."""


def before_another_voice(masked: str, cues: list[Cue], start: int, end: int) -> int:
    """The end of a reported content (``start``, ``end``), cut before a clause of its own whose
    reporting verb a quote took, with its own subject: "Roe suggested that …, while Doe said
    that the “stakes are too high”", "Roe said that …, to which Doe interjected: “…”". Those
    words are the other speaker's, and the quote is theirs. A clause the content's own words
    open ("that Doe said", "which Doe called") is part of what was reported, and so is one
    whose subject is a pronoun (", he said, from …": the same speaker, most often)."""
    for other in cues_between(cues, start, end):
        if (
            other.used
            and start < other.subject_start < other.verb_start
            and other.subject
            and other.subject.lower() not in OWN_VOICE_PRONOUNS
            and (joined := ANOTHER_CLAUSE_BEFORE.search(masked, start, other.subject_start))
        ):
            return joined.start()
    return end


def _any_within(offsets: list[int], start: int, end: int) -> bool:
    """Whether one of the sorted ``offsets`` lies in [start, end) (by binary search)."""
    k = bisect_left(offsets, start)
    return k < len(offsets) and offsets[k] < end


def relayed(rows: list[dict], relays: list[dict]) -> list[dict]:
    """Each of the ``relays`` (in cue order) becomes the ``via`` of the rows (``rows`` in cue
    order, then the relays returned so far) whose cue lies in its content and that have none;
    the relays that relay no row are returned, to stand as rows of their own. Rows are found by
    binary search on their cues' offsets."""
    at = [row["cue_at"] for row in rows]
    alone, alone_at = [], []
    for relay in relays:
        inner = [
            row
            for found, offsets in ((rows, at), (alone, alone_at))
            for row in found[
                bisect_left(offsets, relay["start"]) : bisect_left(offsets, relay["end"])
            ]
            if not row["via"]
        ]
        for row in inner:
            row["via"] = relay["speaker"]
        if not inner:
            alone.append(relay)
            alone_at.append(relay["cue_at"])
    return alone


def _content_of_its_own(cue: Cue, masked: str, spans: list[QuoteSpan]) -> bool:
    """Whether a cue that a quote before it took has words of its own to report: it is the
    second verb of its clause (:func:`~.quote_sources.is_second_verb`), its content follows
    it, and no quote lies between its verb and that content's end ("Roe called it
    “a disaster,” but said the party would not fight it": the quote is Roe's, and so is "the
    party would not fight it")."""
    if cue.inverted is not None or not is_second_verb(cue):
        return False
    start, end = reported_content(masked, cue)
    return start >= cue.verb_end and not any(
        span.open_mark < end and span.end > cue.verb_start for span in spans
    )


ACCORDING_LEAD = re.compile(r"[\s,—–()-]*")
"""What separates an "according to X" phrase from the content after it."""
SOURCE_END = re.compile(r"\s-+\s|[—–()]")
"""Where the source of an "according to" phrase ends before its comma: a dash or a
parenthesis ("…, according to the report - still believe …")."""
NOT_CONTENT_AFTER_SOURCE = re.compile(
    r"(?:who|whom|whose|which|where"  # a relative clause: "…, according to Roe, who led it"
    r"|an?|the|one"  # a description: "…, according to Roe, a pollster at the firm"
    r"|[a-z]+ing"  # a participle: "…, according to Roe, writing for the paper"
    r"|as|while|when|after|before|because|since|amid|despite|though|although"  # a circumstance
    r"|and|but|or"  # another clause: "…, according to Roe, and turnout fell"
    r")\b"
)
"""What may follow the source of an "according to" phrase that ends a clause, other than the
rest of that clause: what describes the source, a circumstance or another clause."""


def according_to_rows(
    doc_id: str, text: str, spans: list[QuoteSpan], ctx: DocContext, sent_id, direct: list[dict]
) -> list[dict]:
    """Rows of reported speech sourced by "according to X" (:data:`.cues.ACCORDING_TO`) in the
    narrative. The content is the rest of the sentence: the part after the phrase ("According
    to the poll, Roe leads"), and the part before it when a comma sets the phrase off or
    nothing follows it ("Roe leads, according to the poll."; "Roe, according to aides, will
    run": two segments), but not what follows the source of a phrase that ends a clause
    ("Roe leads, according to Doe, a pollster at the firm": :data:`NOT_CONTENT_AFTER_SOURCE`).
    No row where the phrase sits in a quote, where the content is a quote or holds one that
    the same phrase attributes (that quote's row credits the source), where the content is
    under three words, or where X names nobody (:func:`.quote_sources.according_speaker`)."""
    masked = ctx.masked
    if "ccording" not in masked and "CCORDING" not in masked:
        return []
    quoted = QuoteCover(spans)
    credited = sorted(row["start"] for row in direct if row["cue"] == "according to")
    rows = []
    for m in ACCORDING_TO.finditer(masked):
        if quoted.covers(m.start()):
            continue
        start, _ = content_start(masked, m.start(), m.start())
        end = within_window(masked, m.end(), sentence_end_after(masked, m.end()))
        before = masked[start : m.start()].rstrip()
        cut = SOURCE_END.search(masked, m.start("subject"), m.end())
        source_end = cut.start() if cut else m.end()
        after_start = ACCORDING_LEAD.match(masked, source_end, end).end()
        after = masked[after_start:end].rstrip()
        segments = []
        if words(before) and (before.endswith(",") or not words(after)):
            segments.append((start, start + len(before.rstrip(",—–- "))))
        described = len(words(before)) >= 3 and NOT_CONTENT_AFTER_SOURCE.match(after)
        if words(after) and not described:
            segments.append((after_start, after_start + len(after.rstrip())))
        if (
            not segments
            or sum(len(words(text[a:b])) for a, b in segments) < 3
            or any(quoted.covers(a) for a, _ in segments)
            or _any_within(credited, segments[0][0], segments[-1][1])
        ):
            continue
        speaker = according_speaker(
            masked[m.start("subject") : source_end], m.start("subject"), ctx
        )
        if speaker is None:
            continue
        rows.append(
            _reported_row(doc_id, text, segments, speaker, "according to", m.start(), sent_id)
        )
    return rows


@lru_cache(maxsize=1)
def participle_clause_re() -> re.Pattern:
    """A reporting participle opening a clause after a comma, and what introduces its content:
    "that" (after at most four words: ", telling reporters that"), or, after "saying" alone,
    anything but a word that makes it no content clause (", saying nothing", ", saying
    goodbye to …", ", saying so")."""
    others = "|".join(re.escape(v) for v in reporting_participles() if v != "saying")
    return re.compile(
        r",\s+(?:while\s+|and\s+)?(?P<verb>"
        r"(?:" + others + r")(?:\s+[\w’'-]+){0,4}?\s+that"  # ", adding that", ", telling X that"
        r"|saying(?:\s+that)?"  # ", saying the plan would pass"
        r"(?!\s+(?:nothing|something|anything|so|goodbye|hello|thanks|sorry|yes|no"
        r"|of|on|about|for|to|with|in|at|by|from|as|what|how|why|where|when|whether|if)\b)"
        r")\s+",
        re.IGNORECASE,
    )


def participle_rows(
    doc_id: str, text: str, spans: list[QuoteSpan], ctx: DocContext, sent_id, direct: list[dict]
) -> list[dict]:
    """Rows of reported speech opened by a reporting participle after the main clause ("Roe
    defended the plan, saying it would pass"; ", adding that …"; :func:`participle_clause_re`):
    the content runs to the sentence end, the speaker is the main clause's subject. None where
    the content opens with a quote or holds a quote of the same speaker (that row gives the
    voice), where it is under three words, or where the clause has no subject that names
    someone."""
    masked = ctx.masked
    if "ing" not in masked:
        return []
    quoted = QuoteCover(spans)
    rows = []
    for m in participle_clause_re().finditer(masked):
        if quoted.covers(m.start()):
            continue
        start = m.end()
        end = within_window(masked, start, sentence_end_after(masked, start))
        content = masked[start:end].rstrip()
        if len(words(content)) < 3 or quoted.covers(start):
            continue
        floor, _ = content_start(masked, m.start(), m.start())
        speaker = subject_speaker(ctx, floor, m.start())
        if speaker is None or any(
            start <= row["start"] < end and row["speaker"] == speaker.name for row in direct
        ):
            continue
        verb = m["verb"].split()[0].lower()
        segments = [(start, start + len(content))]
        rows.append(_reported_row(doc_id, text, segments, speaker, verb, m.start("verb"), sent_id))
    return rows


OBJECT_AFTER_VERB = re.compile(
    r"\s+(?:a|an|the|his|her|their|its|this|these|those|my|our|your)\s", re.IGNORECASE
)
"""A determiner right after the verb: its object ("tweeted a photograph", "wrote a letter"),
not words said."""
TAKES_AN_OBJECT = {"tweeted", "tweets", "posted", "wrote", "writes", "emailed", "texted", "added"}
"""Verbs of writing, posting and adding, whose object is a thing written, posted or added
("posted a photo", "wrote an op-ed", "added his own comment"); the object of a verb of saying
("announced a program", "echoed those comments") is its content, and stays reported speech."""
AUXILIARY_SENSE = re.compile(r"\s*,?\s+(?:to|by|with|first)\b", re.IGNORECASE)
"""After "continued" or "responded": another verb or a means follows ("continued to raise",
"responded by ripping", "responded, with ads"), not words said."""
GAPPED_CONTENT = re.compile(
    r"\s*(?:was|were|is|are|had|has|have|would|will|could|should|might|may|can|did|does)\b",
    re.IGNORECASE,
)
"""A verb right after the cue's verb: the cue sits in a relative clause whose subject is gapped
("an article that Roe said was written", "policies, which he said had harmed"), and what
follows is not all the words said."""


def not_words_said(verb: str, after_verb: str) -> bool:
    """Whether what follows a cue's verb is no reported speech: a gapped relative clause
    (:data:`GAPPED_CONTENT`), the object of a verb that takes one (:data:`OBJECT_AFTER_VERB`),
    another verb after an aspectual one (:data:`AUXILIARY_SENSE`), or anything after "went on"
    ("went on the record", "went on Twitter"; "…,” she went on. is a quote's cue)."""
    if GAPPED_CONTENT.match(after_verb) or verb == "went on":
        return True
    if verb in TAKES_AN_OBJECT:
        return bool(OBJECT_AFTER_VERB.match(after_verb))
    if verb in {"continued", "continues", "responded", "responds"}:
        return bool(AUXILIARY_SENSE.match(after_verb))
    return False


def is_bare_term(row: dict, masked: str, cues: list[Cue]) -> bool:
    """A single word in quotation marks that is no utterance of its own: in a sentence without
    a reporting verb ("the thriller “Bloodline,” and", "show, “Politicking.” Then"), or inside a
    clause ("said the U.S. “clearly” needed"); an utterance opens its sentence or follows a
    colon, a comma or its verb (“No!” she said. She said: “No.” She said “No.”)."""
    if len(words(row["text"])) != 1:
        return False
    start = sentence_start_before(masked, row["start"], row["para_start"])
    before = masked[start : row["start"]].rstrip(OPENING_MARKS + NEUTRAL_MARKS).rstrip()
    # the sentence goes on after a quote that opens it ("“No!” she said."), else it ends there
    end = sentence_end_after(masked, row["start"] if before else row["end"])
    in_sentence = cues_between(cues, start, end)
    utterance = (
        not before
        or before.endswith((":", ","))
        or any(start + len(before) == cue.verb_end for cue in in_sentence)
    )
    return not in_sentence or not utterance


def quote_rows(
    doc_id: str, text: str, sentences: DocumentSentences, published: str = ""
) -> list[dict]:
    """Direct, partial and reported quotations of one document (see module docstring), as rows
    in text order (``QUOTE_COLUMNS``); ``published`` (ISO date) decides which actor rows fit."""
    spans = quote_spans(text)
    ctx = document_context(text, published, [(s.open_mark, s.end) for s in spans])
    cues = find_cues(ctx.masked, spans)
    sent_id = _sentence_ids(sentences)
    rows = one_row_per_attribution(doc_id, direct_rows(doc_id, text, spans, cues, ctx, sent_id))
    for row in rows:  # attributed first: a quote's kind guides the attribution of the next
        # a title, a name or a term in marks is no whole utterance
        if row["kind"] == "direct" and (
            is_title(row["text"]) or is_bare_term(row, ctx.masked, cues)
        ):
            row["kind"] = "partial"
    according = according_to_rows(doc_id, text, spans, ctx, sent_id, rows)
    participial = participle_rows(doc_id, text, spans, ctx, sent_id, rows)
    rows += reported_rows(doc_id, text, spans, cues, ctx, sent_id, according, participial)
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
    full name the text gives it; every row of a person shares the first apposition given.
    The document's full names are gathered only when a row names a lone surname."""
    for row in rows:
        unknown_name = row["speaker_kind"] == "name" and row["camp"] == "unknown"
        if unknown_name and is_lone_surname(row["speaker"]):
            gender = (
                "f"
                if row["speaker"].startswith(("Mrs.", "Ms.", "Miss"))
                else ("m" if row["speaker"].startswith("Mr.") else "")
            )
            row["speaker"] = full_name_for(row["speaker"], row["start"], ctx.full_names, gender)
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
    """Direct, partial and reported quotations of one document (see module docstring); its
    rows of a sentences table in ``sentences``."""
    rows = quote_rows(doc_id, text, DocumentSentences.of(sentences), published)
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS)


def quotes_table(corpus) -> pd.DataFrame:
    """Quotations of every usable document of a corpus, sorted by document and position."""
    sentences = sentences_by_document(corpus.sentences)
    usable = corpus.usable.sort_values("doc_id")
    dates = (
        usable["published"].fillna("").astype(str) if "published" in usable else [""] * len(usable)
    )
    rows = [
        row
        for d, p in zip(usable["doc_id"], dates)
        for row in quote_rows(d, corpus.texts[d], sentences.get(d, NO_SENTENCES), p)
    ]
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS)
