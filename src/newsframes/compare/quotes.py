"""Quotations: whose words each document carries, how it marks them and whom it credits.

One document at a time (no state shared between documents), in four steps:

1. quote spans from the quotation marks of each paragraph (straight and curly marks paired in
   order, so a closing mark that sits before a space, as in ``no, ”Stoltenberg``, still closes);
   a paragraph whose last quote is not closed continues into a next paragraph that opens with a
   quote mark (newswire convention);
2. reporting-verb cues (``data/reporting_verbs.txt``) outside the quotes, each with the subject
   phrase written before the verb (``Stoltenberg told``) or after it (``said Stoltenberg``);
3. each quote takes the cue right after its closing mark, else the last cue before it in its
   sentence, else "according to X", else the speaker of the quote before it in the paragraph
   or of the quote it continues;
4. subject phrases become canonical speakers through ``data/actors.csv`` (names, surnames and
   2021-2022 titles such as "the NATO chief"), ``data/agencies.csv``, or, for "he", "she" and
   anaphoric role nouns ("the diplomat"), the last person named before; anything else keeps its
   surface form ("a source in the alliance") with affiliation "unknown".

Cues not used by a quote become ``reported`` speech (X said that ...).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from ..resources import NameTable, actors, agency_names, alias_key, name_table, reporting_verbs
from ..text import Scanner, scanner, words
from .entities import Mention, fitting_actor, full_name_for, resolve_pronoun, text_mentions
from .speakers import (DATE_WORDS, FUNCTION_WORDS, Phrase, mask_abbreviations, name_before_comma, parse_subject,
                       split_apposition, starts_apposition)

QUOTE_COLUMNS = ["doc_id", "quote_id", "sent_id", "kind", "speaker", "speaker_surface", "speaker_kind", "affiliation",
                 "camp", "cue", "attribution", "via", "continues", "start", "end", "text"]

OPENING_MARKS, CLOSING_MARKS, NEUTRAL_MARKS = "“«", "”»", '"'
QUOTE_MARK_RE = re.compile(r'["“”«»]')
# Role nouns that news English uses to refer back to the person just named ("The diplomat added").
ANAPHORIC_NOUNS = {"diplomat", "minister", "spokeswoman", "spokesman", "spokesperson", "official",
                   "president", "politician", "analyst", "expert", "envoy", "ambassador", "leader",
                   "chief", "secretary general", "secretary-general", "deputy"}
ADVERBIAL_TAIL = re.compile(
    r"(?:\s+(?:has|have|had|also|earlier|later|again|further|then|once|repeatedly|previously|"
    r"publicly|already|reportedly|recently|separately|on\s+\w+|last\s+\w+|this\s+\w+|"
    r"\w+day))+\s*$", re.IGNORECASE)
SUBJECT_BOUNDARY = re.compile(r"[,;:\[\]\"“”«»—–]|\s-\s|\b(?:that|which|who|whom|because|if|whether)\b",
                              re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?][\"”»]?\s+")


# --- reference data ---------------------------------------------------------------------

@lru_cache(maxsize=1)
def actor_names() -> NameTable:
    return name_table(actors())


@lru_cache(maxsize=1)
def person_names() -> NameTable:
    return name_table(actors(), keep=lambda row: row["kind"] == "person")


@lru_cache(maxsize=1)
def verb_alternation() -> str:
    """Regex alternation of the reporting verbs, longest first ("pointed out" as two words)."""
    return "|".join(sorted((re.escape(v).replace(r"\ ", r"\s+") for v in reporting_verbs()), key=len, reverse=True))


@lru_cache(maxsize=1)
def verb_cue_re() -> re.Pattern:
    return re.compile(rf"\b(?:{verb_alternation()})\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def verb_cues() -> Scanner:
    """:func:`verb_cue_re` tried only where a reporting verb starts (the same matches)."""
    return scanner(verb_cue_re())


@lru_cache(maxsize=1)
def person_scanner() -> Scanner:
    """:func:`person_names` tried only where a name starts (the same matches)."""
    return scanner(person_names().anywhere)


# --- speakers ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Speaker:
    name: str
    surface: str
    affiliation: str
    camp: str
    method: str
    kind: str = ""


UNKNOWN = Speaker("", "", "unknown", "unknown", "none")


@dataclass
class DocContext:
    """What speaker resolution knows of one document: its masked text, date and named people."""

    masked: str
    published: str
    mentions: list[Mention]
    actor_mentions: list[tuple[int, str]]


def _known(row: dict, surface: str, method: str) -> Speaker:
    kind = "name" if row["kind"] == "person" else "organisation"
    return Speaker(row["name"], surface, row["affiliation"], row["camp"], method, kind)


def _agency(row: dict, surface: str) -> Speaker:
    return Speaker(row["name"], surface, f"news media ({row['country']})", "media", "agency", "organisation")


def _actor_row(surface: str, ctx: DocContext, exact: bool) -> dict | None:
    """The actor row an alias names (the whole phrase, or its end when not ``exact``), if it fits."""
    table = actor_names()
    match = table.at_end.search(surface)
    if match is None or (exact and alias_key(match[1]) != alias_key(surface)):
        return None
    row = table.lookup(match[1])
    return row if fitting_actor(row, match[1], ctx.published) else None


def _from_phrase(phrase: Phrase, ctx: DocContext) -> Speaker:
    """A parsed name or nominal as a speaker: an actor row that fits, a news agency, or itself."""
    if phrase.kind == "name":
        row = _actor_row(phrase.name, ctx, exact=True)
        if row is not None:
            return _known(row, phrase.surface, "alias")
    elif (row := _actor_row(phrase.surface, ctx, exact=False)) is not None:
        return _known(row, phrase.surface, "alias")
    if m := agency_names().at_end.search(phrase.surface):
        return _agency(agency_names().lookup(m[1]), phrase.surface)
    return Speaker(phrase.name, phrase.surface, phrase.apposition or "unknown", "unknown",
                   phrase.kind, phrase.kind)


RELATIVE_AFTER_NAME = re.compile(
    r"(?:^|[,;—–]\s*)(?P<name>[A-Z][^,;—–]{0,60}?)"  # the name: "Rep. Jane Roe (D-Ohio)"
    r"\s*,\s*(?:who|whose)\b[^,;]*,?\s*$")  # its relative clause up to the verb
"""A name whose relative clause sits between it and the verb ("Jane Roe, who chairs it, said"):
the subject phrase found after "who" is the clause's, the speaker is the name."""


def resolve_speaker(phrase: str, offset: int, ctx: DocContext, left: str = "",
                    apposition: str = "") -> Speaker | None:
    """The speaker of a subject phrase, or None when the phrase cannot be a speaker.

    ``left`` is the text before the phrase, for an apposition ("Name, editor of X, said");
    pronouns go to the most recent compatible person named before ``offset``, role nouns
    ("the diplomat") to the last actor-list person named before, or stay as written.
    """
    if relative := RELATIVE_AFTER_NAME.search(left):
        left, phrase, apposition = left[:relative.start("name")], relative["name"], ""
    parsed = parse_subject(phrase, apposition)
    if parsed is None or parsed.kind == "nominal":
        split = split_apposition(left)
        if split is None and (name := name_before_comma(left)) and (
                not phrase.strip() or starts_apposition(phrase)):
            split = (name, phrase, 0)
        named = parse_subject(split[0], split[1]) if split else None
        if named is not None and named.kind == "name":
            speaker = _from_phrase(named, ctx)
            return dataclasses.replace(speaker, method="appositive")
    if parsed is None:
        return None
    if parsed.kind == "pronoun":
        found = resolve_pronoun(parsed.gender, offset, ctx.mentions)
        if found is None:
            return None
        speaker = _from_phrase(Phrase(found.name, parsed.surface, "name"), ctx)
        return dataclasses.replace(speaker, method="pronoun")
    key = alias_key(parsed.surface)
    if parsed.kind == "nominal" and _is_anaphor(key) and not actor_names().at_end.search(parsed.surface):
        earlier = [name for at, name in ctx.actor_mentions if at < offset]
        if earlier:
            return _known(actor_names().rows[alias_key(earlier[-1])], parsed.surface, "anaphor")
    return _from_phrase(parsed, ctx)


def _is_anaphor(key: str) -> bool:
    """"the diplomat", "the Russian diplomat": a definite role noun of at most three words."""
    tokens = key.split()
    return tokens[:1] == ["the"] and len(tokens) <= 3 and (tokens[-1] in ANAPHORIC_NOUNS or key[4:] in ANAPHORIC_NOUNS)


def person_mentions(text: str, published: str = "") -> list[tuple[int, str]]:
    """Offsets of actor-list persons named in the text whose row fits the article (possessives
    such as "Putin's" excluded)."""
    found = []
    for m in person_scanner().finditer(text):
        if re.match(r"['’]s?\b", text[m.end():m.end() + 2]):
            continue
        row = person_names().lookup(m[0])
        if fitting_actor(row, m[0], published):
            found.append((m.start(), row["name"]))
    return found


def document_context(text: str, published: str) -> DocContext:
    masked = mask_abbreviations(text)
    actor_mentions = sorted(person_mentions(text, published))
    mentions = {m.start: m for m in text_mentions(masked)}
    for at, name in actor_mentions:
        mentions.setdefault(at, Mention(at, name, ""))
    return DocContext(masked, published, [mentions[k] for k in sorted(mentions)], actor_mentions)


# --- quote spans ------------------------------------------------------------------------

def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph of a cleaned text (paragraphs separated by blank lines)."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text)]


def paired_marks(paragraph: str) -> list[tuple[int, int | None]]:
    """(opening, closing) mark offsets in a paragraph; closing is None for a quote left open.

    Marks are paired in order: a curly or neutral mark opens when no quote is open and closes
    when one is, whatever spaces surround it; a stray closing mark is ignored.
    """
    pairs, open_at = [], None
    for m in QUOTE_MARK_RE.finditer(paragraph):
        mark = m[0]
        if open_at is None and mark not in CLOSING_MARKS:
            open_at = m.start()
        elif open_at is not None and mark not in OPENING_MARKS:
            pairs.append((open_at, m.start()))
            open_at = None
    if open_at is not None:
        pairs.append((open_at, None))
    return pairs


@dataclass
class QuoteSpan:
    open_mark: int
    close_mark: int | None
    start: int
    end: int
    para_start: int
    para_end: int
    continues_previous: bool = False


def quote_spans(text: str) -> list[QuoteSpan]:
    """Every quote of a text, with content offsets trimmed of spaces and a final comma."""
    spans: list[QuoteSpan] = []
    previous_open = False
    for para_start, para_end in paragraph_spans(text):
        paragraph = text[para_start:para_end]
        pairs = paired_marks(paragraph)
        starts_with_quote = bool(pairs) and paragraph[:pairs[0][0]].strip() == ""
        for i, (open_mark, close_mark) in enumerate(pairs):
            start = para_start + open_mark + 1
            end = para_start + (close_mark if close_mark is not None else len(paragraph))
            while start < end and text[start].isspace():
                start += 1
            while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
                end -= 1
            if end > start:
                spans.append(QuoteSpan(para_start + open_mark,
                                       None if close_mark is None else para_start + close_mark,
                                       start, end, para_start, para_end,
                                       continues_previous=(i == 0 and starts_with_quote and previous_open)))
        previous_open = bool(pairs) and pairs[-1][1] is None
    return spans


def quote_kind(text: str, span: QuoteSpan) -> str:
    """``direct`` when the quote is a whole utterance (opens its paragraph or sentence, or follows
    a colon, or a comma with a capital), otherwise ``partial`` (a fragment inside a sentence)."""
    before = text[span.para_start:span.open_mark].rstrip()
    if not before or before[-1] in ".!?:" + CLOSING_MARKS + NEUTRAL_MARKS:
        return "direct"
    if before[-1] == "," and text[span.start:span.start + 1].isupper():
        return "direct"
    return "partial"


# --- cues -------------------------------------------------------------------------------

@dataclass
class Cue:
    verb_start: int
    verb_end: int
    verb: str
    subject: str
    subject_start: int
    left: str
    cited: str = ""
    used: bool = False


CITING_TAIL = re.compile(r",\s*citing\s+(?P<cited>[^,;:]+?)\s*,\s*$", re.IGNORECASE)


def sentence_start_before(text: str, offset: int, floor: int) -> int:
    """Start of the sentence holding ``offset`` (after the last sentence end at or after ``floor``)."""
    start = floor
    for m in SENTENCE_END.finditer(text, floor, offset):
        start = m.end()
    return start


def subject_before(text: str, floor: int, verb_start: int) -> tuple[str, int, str, str]:
    """(subject phrase, its offset, text left of it, cited source) for a verb at ``verb_start``."""
    left = text[floor:verb_start]
    cited = ""
    if m := CITING_TAIL.search(left):
        cited, left = m["cited"], left[:m.start()]
    left = ADVERBIAL_TAIL.sub("", left)
    boundaries = [m.end() for m in SUBJECT_BOUNDARY.finditer(left)] + [m.end() for m in verb_cue_re().finditer(left)]
    cut = max(boundaries, default=0)
    phrase = left[cut:]
    offset = floor + cut + (len(phrase) - len(phrase.lstrip()))
    return phrase.strip(), offset, left[:cut], cited


def find_cues(masked: str, spans: list[QuoteSpan]) -> list[Cue]:
    """Reporting-verb cues outside quotes of a masked text, each with the subject phrase
    written before it."""
    inside = [(s.open_mark, s.end) for s in spans]
    cues = []
    for m in verb_cues().finditer(masked):
        if any(a <= m.start() < b for a, b in inside):
            continue
        para_start = masked.rfind("\n", 0, m.start()) + 1
        floor = max([para_start] + [s.close_mark + 1 for s in spans
                                    if s.close_mark is not None and para_start <= s.close_mark < m.start()])
        floor = sentence_start_before(masked, m.start(), floor)
        subject, subject_start, left, cited = subject_before(masked, floor, m.start())
        cues.append(Cue(m.start(), m.end(), m[0].lower(), subject, subject_start, left, cited))
    return cues


NO_STOP = r"[^,.;:!?\"“”«»\n]"
AFTER_QUOTE_VERB_FIRST = rf"^\s*,?\s*(?:(?:also|then)\s+)?(?P<verb>{{verbs}})\s+(?P<subject>{NO_STOP}{{1,80}})"
AFTER_QUOTE_SUBJECT_FIRST = (
    rf"^\s*,?\s*(?P<subject>{NO_STOP}{{1,80}}?)"  # the speaker: "Rep. Jane Roe (D-Ohio)"
    rf"(?:\s*[,—–]\s*(?P<appos>[^.;:!?\"“”«»\n]{{1,160}}?)\s*[,—–])?"  # ", a senior fellow at X,"
    r"\s+(?:{adv}\s+)*(?P<verb>{verbs})\b")  # the verb: "said", "told"
ADVERBS = r"(?:has|have|had|also|later|again|then|once|on\s+\w+|\w+day|\w+ly)"
CIRCUMSTANCE_AFTER_VERB = re.compile(
    r"\s*(?:(?:reporters|journalists|the (?:press|media)|a (?:news|press) conference|a briefing|him|her|them|us)\s+)?"
    r"(?:after|before|during|following|at|in|on|when|while|as|late|earlier|later|last|this|ahead of|upon)\b", re.IGNORECASE)
"""What follows a trailing attribution's verb when the words said came before it ("..., Grushko
told reporters after the meeting", "..., she said on Wednesday"): its addressee, then a time
or place, never the words said."""
ATTRIBUTION_ENDS = re.compile(
    r"\s*(?:(?:to|in|on|at|during|after|before|from|with)\b[^.!?;:\"“”]{0,60})?"  # to Roe, in a post
    r"(?:[.!?,;]|$)")


@lru_cache(maxsize=1)
def after_quote_res() -> tuple[re.Pattern, re.Pattern]:
    verbs = verb_alternation()
    return (re.compile(AFTER_QUOTE_VERB_FIRST.replace("{verbs}", verbs), re.IGNORECASE),
            re.compile(AFTER_QUOTE_SUBJECT_FIRST.replace("{verbs}", verbs).replace("{adv}", ADVERBS), re.IGNORECASE))


VERB_FIRST_SUBJECT = re.compile(r"[A-Z]|(?:the|an?)\b|(?:one|two|three|several|some|many|another|other)\s+[^\W\d_]")
"""How the subject of an inverted attribution starts ("…," said Lavrov / the minister / one European
diplomat / two officials), so that "…," said on Monday is not read as a subject."""


@dataclass(frozen=True)
class AfterCue:
    verb: str
    subject: str
    subject_start: int
    verb_start: int
    apposition: str = ""


def _apposition_after(text: str) -> str:
    """", a senior fellow at X." after an inverted attribution's subject, up to the sentence end."""
    m = re.match(r"\s*,\s*([^.;!?\"“”«»\n]{1,160})", text)
    return m[1] if m and starts_apposition(m[1]) else ""


def cue_after_quote(masked: str, span: QuoteSpan) -> AfterCue | None:
    """The attribution right after the closing mark ("…," he said; "…," said Rep. Jane Roe).

    A quote that ends its own sentence ("….” But X said …) takes a cue from what follows only
    when the next word is lower case or the attribution is all the next sentence says
    ("…?” Roe asked.).
    """
    if span.close_mark is None:
        return None
    inner_end = masked[span.start:span.close_mark].rstrip()
    after = masked[span.close_mark + 1:span.para_end]
    closed = inner_end[-1:] in ".!?" and not after.lstrip()[:1].islower()
    base = span.close_mark + 1
    verb_first, subject_first = after_quote_res()
    if not closed and (m := verb_first.match(after)) and VERB_FIRST_SUBJECT.match(m["subject"]):
        subject = re.split(r"\s+(?:on|at|to|after|during|as|who|adding|when|while|before)\s",
                           m["subject"].strip())[0]
        appos = _apposition_after(after[m.start("subject") + len(subject):])
        return AfterCue(m["verb"].lower(), subject, base + m.start("subject"), base + m.start("verb"), appos)
    m = subject_first.match(after)
    if m and m["appos"] and not starts_apposition(m["appos"]):
        m = None
    if m and (not closed or ATTRIBUTION_ENDS.match(after, m.end()) or CIRCUMSTANCE_AFTER_VERB.match(after, m.end())):
        return AfterCue(m["verb"].lower(), m["subject"].strip(), base + m.start("subject"),
                        base + m.start("verb"), m["appos"] or "")
    return None


ACCORDING_TO = re.compile(r"\baccording\s+to\s+(?P<subject>[^,.;:\"“”«»]+)", re.IGNORECASE)
IRREGULAR_PAST = ("said|told|wrote|spoke|went|took|gave|made|sent|kept|put|set|got|began|"
                  "brought|thought|felt|held|led|left|met|ran|saw|stood|struck|won|drew|threw|"
                  "shot|hit|did|would|will|could")
CLAUSE_SUBJECT = re.compile(
    r"(?P<np>(?:(?:The|the|A|a|An|an)\s+(?:[\w’'\-]+\s+){0,4}?[\w’'\-]+"  # the campaign's manager
    r"|[A-Z][\w’'\-\u2024]*(?:(?:\s+(?!(?:in|at|on|for|and|or|but|to|with|by|from)\b)"
    r"[\w’'\-\u2024]+){0,6}?\s+[A-Z][\w’'\-\u2024]*)??))"  # Kremlin spokesman Jane Roe
    r"(?:\s*\([^()]{1,40}\))?"  # a party and state: (D-Ohio)
    r"(?P<appos>\s*[,—–]\s*[^,;:\"“”«»]{1,160}?[,—–])?"  # , a senior fellow at X,
    r"(?:\s+(?:on|last|this|late|early)\s+\w+day)?"  # a day: on Tuesday
    r"\s+(?:(?:also|then|later|again|once|has|had|have|is|was|are|were|would|will|did|does|could|"
    r"not|never|finally|reportedly|\w+ly)\s+){0,3}"  # auxiliaries and adverbs: "has also", "is"
    r"(?P<verb>(?!(?:this|his|its|us|always|perhaps|news|thus|various)\b)"
    r"[a-z][a-z\-]+(?:ed|ing|(?<![su])s)|" + IRREGULAR_PAST + r")\b")  # "called", "is telling"
"""A clause opening with its subject and a verb ("Sen. Jane Roe called the bill", "The mayor
has described it"): the source of a quotation that its sentence gives no reporting cue."""
NAME_COLON = re.compile(r"\s*(?P<np>[A-Z][^:;,.!?\"“”«»\n]{0,80}?)\s*:\s*")
"""A sentence opening with a name and a colon before its quote ("Pollster Jane Roe: “…”")."""
NOT_SUBJECT_OPENERS = FUNCTION_WORDS | DATE_WORDS | {
    "outside", "under", "during", "despite", "amid", "among", "within", "without", "through",
    "inside", "near", "per", "via", "like", "unlike", "more", "most", "some", "many", "all",
    "every", "each", "such", "here", "there", "yes", "no"}
"""Capitalised words that open a clause without being its subject ("In December", "Outside")."""


def named_elsewhere(masked: str, word: str) -> bool:
    """Whether a capitalised word that opens a clause is written capitalised inside a sentence
    too (a name: "Roe"), not only at sentence starts (a common noun: "Containment")."""
    return bool(re.search(rf"(?<=[\w,] ){re.escape(word)}\b", masked))


SUBORDINATORS = {"when", "while", "after", "before", "as", "if", "although", "though", "because",
                 "since", "until", "unless", "whether", "once", "where"}


def _clause_starts(masked: str, floor: int, end: int) -> list[int]:
    return [floor] + [floor + m.end() for m in re.finditer(r"[,;—–]\s+", masked[floor:end])]


def clause_subject(masked: str, floor: int, end: int) -> tuple[str, int, str] | None:
    """(subject phrase, offset, apposition) of the first main clause between ``floor`` and
    ``end`` that opens with a subject and its verb; subordinate clauses ("When X arrived,")
    are skipped."""
    for start in _clause_starts(masked, floor, end):
        m = CLAUSE_SUBJECT.match(masked, start, end)
        first = m["np"].split()[0] if m else ""
        if m is None or first.lower() in SUBORDINATORS | NOT_SUBJECT_OPENERS or first.endswith("ing"):
            continue
        if len(m["np"].split()) == 1 and not named_elsewhere(masked, first):
            continue
        if m["appos"] and not starts_apposition(m["appos"].strip(" ,—–")):
            continue
        return m["np"], m.start("np"), (m["appos"] or "").strip(" ,—–")
    return None


# --- extraction -------------------------------------------------------------------------

def _speaker_fields(speaker: Speaker) -> dict:
    return {"speaker": speaker.name, "speaker_surface": speaker.surface, "speaker_kind": speaker.kind,
            "affiliation": speaker.affiliation, "camp": speaker.camp}


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


def attribute_quote(span: QuoteSpan, cues: list[Cue], ctx: DocContext) -> tuple[Speaker, str, str, str]:
    """(speaker, cue word, attribution method, via) for one quote, or UNKNOWN with method 'none'."""
    masked = ctx.masked
    if found := cue_after_quote(masked, span):
        for cue in cues:
            cue.used = cue.used or cue.verb_start == found.verb_start
        left = masked[span.para_start:found.subject_start]
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
    if m := NAME_COLON.fullmatch(masked, floor, span.open_mark):
        speaker = resolve_speaker(m["np"], floor + m.start("np"), ctx)
        if speaker is not None and speaker.kind == "name":
            return speaker, "", f"colon:{speaker.method}", ""
    return UNKNOWN, "", "none", ""


def introduced_by_previous_paragraph(span: QuoteSpan, cues: list[Cue], ctx: DocContext) -> tuple[Speaker, str] | None:
    """For a quote that opens its paragraph without a cue: the speaker the previous paragraph's
    last sentence introduces when it ends with a colon ("Roe added:"), by its cue or subject."""
    masked = ctx.masked
    previous = masked[:span.para_start].rstrip()
    if not previous.endswith(":"):
        return None
    para_start = previous.rfind("\n") + 1
    floor = sentence_start_before(masked, len(previous) - 1, para_start)
    for cue in reversed([c for c in cues if floor <= c.verb_start < len(previous)]):
        speaker, _ = _cue_speaker(cue, ctx)
        if speaker is not None:
            return speaker, cue.verb
    speaker = _subject_speaker(ctx, floor, len(previous))
    return (speaker, "") if speaker is not None else None


def previous_paragraph_start(text: str, para_start: int) -> int:
    """Start of the paragraph before the one starting at ``para_start`` (-1 when none)."""
    body = text[:para_start].rstrip()
    return body.rfind("\n") + 1 if body else -1


def paragraph_subject(ctx: DocContext, start: int, end: int) -> Speaker | None:
    """The named subject of a paragraph's last sentence, else of its first: the source of a
    quotation paragraph that follows without a cue ("Roe praised the plan. ¶ “…”")."""
    if start < 0:
        return None
    body_end = start + len(ctx.masked[start:end].rstrip())
    last = sentence_start_before(ctx.masked, body_end - 1, start)
    for floor in dict.fromkeys([last, start]):
        speaker = _subject_speaker(ctx, floor, body_end)
        if speaker is not None and speaker.kind in ("name", "organisation"):
            return speaker
    return None


def sentence_end_after(text: str, offset: int) -> int:
    """End of the sentence holding ``offset`` (its final punctuation, or the paragraph end)."""
    para_end = text.find("\n", offset)
    para_end = len(text) if para_end < 0 else para_end
    end_match = SENTENCE_END.search(text, offset, para_end)
    return end_match.start() + 1 if end_match else para_end


def _reported_content(text: str, cue: Cue) -> tuple[int, int]:
    """Offsets of the reported content: after the verb to the sentence end, or, for a trailing
    attribution ("…, Anadolu Agency stated on Sunday", "…, Grushko told reporters after the
    talks": :data:`CIRCUMSTANCE_AFTER_VERB`), from the sentence start to the subject."""
    sentence_end = sentence_end_after(text, cue.verb_end)
    after = text[cue.verb_end:sentence_end]
    trailing = cue.left.rstrip().endswith(",") and not re.search(r"\bthat\b", after) and (
        len(words(after)) <= 3 or re.match(r"\s*(?:" + ADVERBS + r"\s*)*,\s*citing\b", after, re.IGNORECASE)
        or CIRCUMSTANCE_AFTER_VERB.match(after))
    if trailing:
        start = sentence_start_before(text, cue.subject_start, text.rfind("\n", 0, cue.subject_start) + 1)
        return start, start + len(cue.left.rstrip().rstrip(",").rstrip())
    skip = re.match(r"(?:\s+[\w’'-]+){0,4}?\s+that\s+", after) or re.match(r"\s*,?\s*", after)
    return cue.verb_end + skip.end(), sentence_end


def _inherited(previous: dict, how: str) -> tuple[Speaker, str, str, str]:
    speaker = Speaker(previous["speaker"], previous["speaker_surface"], previous["affiliation"],
                      previous["camp"], how, previous["speaker_kind"])
    return speaker, previous["cue"], how, previous["via"]


def _quote_row(doc_id: str, n: int, span: QuoteSpan, text: str, sent_id, speaker: Speaker,
               verb: str, method: str, via: str, continues: str) -> dict:
    return {"doc_id": doc_id, "quote_id": f"{doc_id}:q{n:03d}", "sent_id": sent_id(span.start),
            "kind": quote_kind(text, span), **_speaker_fields(speaker), "cue": verb,
            "attribution": method, "via": via, "continues": continues, "start": span.start,
            "end": span.end, "text": text[span.start:span.end], "para_start": span.para_start}


def direct_rows(doc_id: str, text: str, spans: list[QuoteSpan], cues: list[Cue], ctx: DocContext,
                sent_id) -> list[dict]:
    """Rows of the quotes in marks, each attributed (see module docstring)."""
    rows: list[dict] = []
    for span in spans:
        speaker, verb, method, via = attribute_quote(span, cues, ctx)
        previous = rows[-1] if rows else None
        continues = previous["quote_id"] if previous is not None and span.continues_previous else ""
        opens = _opens_paragraph(text, span)
        if method == "none" and opens and (intro := introduced_by_previous_paragraph(span, cues, ctx)):
            speaker, verb = intro
            method = f"introduced:{speaker.method}"
        before = previous_paragraph_start(text, span.para_start)
        adjacent = previous is not None and previous["para_start"] in (span.para_start, before)
        if method == "none" and opens and not continues and not adjacent and (
                found := paragraph_subject(ctx, before, span.para_start)):
            speaker, verb, method = found, "", f"previous_paragraph_subject:{found.method}"
        if method == "none" and previous is not None and previous["speaker"] and (
                continues or previous["para_start"] == span.para_start or opens):
            how = "continuation" if continues else (
                "previous_quote" if previous["para_start"] == span.para_start else "previous_paragraph")
            speaker, verb, method, via = _inherited(previous, how)
        if method == "none" and (citing := _citing_after(text, span.close_mark or span.end, span.para_end)):
            speaker, method = _cited_speaker(citing, span.end, ctx), "citing"
        rows.append(_quote_row(doc_id, len(rows) + 1, span, text, sent_id, speaker, verb, method,
                               via, continues))
    return rows


def reported_rows(doc_id: str, text: str, spans: list[QuoteSpan], cues: list[Cue], ctx: DocContext,
                  sent_id) -> list[dict]:
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
        if not via and (cited := _citing_after(text, cue.verb_end, sentence_end_after(text, cue.verb_end))):
            speaker, via = _cited_speaker(cited, cue.verb_end, ctx), speaker.name
        start, end = _reported_content(text, cue)
        if len(words(text[start:end])) < 3 or any(a <= start < b for a, b in quoted):
            continue
        row = {"doc_id": doc_id, "quote_id": "", "sent_id": sent_id(cue.verb_start), "kind": "reported",
               **_speaker_fields(speaker), "cue": cue.verb, "attribution": f"reported:{speaker.method}",
               "via": via, "continues": "", "start": start, "end": end, "text": text[start:end],
               "para_start": 0, "cue_at": cue.verb_start}
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
            gender = "f" if row["speaker"].startswith(("Mrs.", "Ms.", "Miss")) else (
                "m" if row["speaker"].startswith("Mr.") else "")
            row["speaker"] = full_name_for(row["speaker"], row["start"], ctx.mentions, gender)
    described: dict[str, str] = {}
    for row in rows:
        if row["speaker_kind"] == "name" and row["affiliation"] != "unknown":
            described.setdefault(row["speaker"], row["affiliation"])
    for row in rows:
        if row["speaker_kind"] == "name" and row["camp"] == "unknown":
            row["affiliation"] = described.get(row["speaker"], "unknown")


def extract_quotes(doc_id: str, text: str, sentences: pd.DataFrame, published: str = "") -> pd.DataFrame:
    """Direct, partial and reported quotations of one document (see module docstring)."""
    return pd.DataFrame(quote_rows(doc_id, text, sentences, published), columns=QUOTE_COLUMNS)


def _opens_paragraph(text: str, span: QuoteSpan) -> bool:
    return text[span.para_start:span.open_mark].strip() == ""


def quotes_table(corpus) -> pd.DataFrame:
    """Quotations of every usable document of a corpus, sorted by document and position."""
    sentences = dict(tuple(corpus.sentences.groupby("doc_id", sort=False))) if len(corpus.sentences) else {}
    empty = corpus.sentences.iloc[:0]
    usable = corpus.usable.sort_values("doc_id")
    dates = usable["published"].fillna("").astype(str) if "published" in usable else [""] * len(usable)
    frames = [extract_quotes(d, corpus.texts[d], sentences.get(d, empty), p)
              for d, p in zip(usable["doc_id"], dates)]
    if not frames:
        return pd.DataFrame(columns=QUOTE_COLUMNS)
    return pd.concat(frames, ignore_index=True)
