"""Quotations: whose words each document carries, how it marks them and whom it credits.

One document at a time (no state shared between documents), in four steps:

1. quote spans from the quotation marks of each paragraph (straight and curly marks paired in
   order, so a closing mark that sits before a space, as in ``no, ”Stoltenberg``, still closes);
   a paragraph whose last quote is not closed continues into a next paragraph that opens with a
   quote mark (newswire convention);
2. reporting-verb cues (``data/reporting_verbs.csv``) outside the quotes, each with the subject
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

from ..resources import (
    NameTable,
    actors,
    agency_names,
    alias_key,
    anaphoric_titles,
    name_table,
    non_speakers,
    reporting_verbs,
)
from ..fastregex import Scanner, scanner
from ..text import words

QUOTE_COLUMNS = ["doc_id", "quote_id", "sent_id", "kind", "speaker", "speaker_surface", "affiliation",
                 "camp", "cue", "attribution", "via", "continues", "start", "end", "text"]

OPENING_MARKS, CLOSING_MARKS, NEUTRAL_MARKS = "“«", "”»", '"'
QUOTE_MARK_RE = re.compile(r'["“”«»]')
PRONOUNS = {"he", "she", "him", "her"}
# Role nouns that news English uses to refer back to the person just named ("The diplomat added").
ANAPHORIC_NOUNS = anaphoric_titles()  # data/titles.csv
NON_SPEAKERS = non_speakers()  # data/non_speakers.csv
LEADING_CONNECTIVES = re.compile(
    r"^(?:(?:but|and|so|meanwhile|furthermore|however|also|earlier|later|then|now|still|moreover|"
    r"thereafter|as|while|when|after|although|instead|yet|in addition)\b[\s,]*)+", re.IGNORECASE)
ADVERBIAL_TAIL = re.compile(
    r"(?:\s+(?:has|have|had|also|earlier|later|again|further|then|once|repeatedly|previously|"
    r"publicly|already|reportedly|recently|separately|on\s+\w+|last\s+\w+|this\s+\w+|"
    r"\w+day))+\s*$", re.IGNORECASE)
SUBJECT_BOUNDARY = re.compile(r"[,;:()\[\]\"“”«»—–]|\s-\s|\b(?:that|which|who|whom|because|if|whether)\b",
                              re.IGNORECASE)
HEAD_POSTMODIFIER = re.compile(r"\s(?:in|at|from|within|close to|familiar with|inside|among)\s", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?][\"”»]?\s+")
MAX_SUBJECT_WORDS = 9
PASSIVE_END = re.compile(r"\b(?:is|was|were|are|been|be|being)$", re.IGNORECASE)


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


UNKNOWN = Speaker("", "", "unknown", "unknown", "none")


def _known(row: dict, surface: str, method: str) -> Speaker:
    return Speaker(row["name"], surface, row["affiliation"], row["camp"], method)


def _agency(row: dict, surface: str) -> Speaker:
    return Speaker(row["name"], surface, f"news media ({row['country']})", "media", "agency")


def clean_subject(phrase: str) -> str:
    """A subject phrase without leading connectives ("But", "As") and articles' capital."""
    phrase = LEADING_CONNECTIVES.sub("", " ".join(phrase.split())).strip(" ,")
    return phrase


def _unknown(surface: str) -> Speaker:
    name = re.sub(r"^(The|A|An)\b", lambda m: m[0].lower(), surface)
    return Speaker(name, surface, "unknown", "unknown", "surface")


def resolve_speaker(phrase: str, offset: int, mentions: list[tuple[int, str]], left: str = "") -> Speaker | None:
    """The canonical speaker of a subject phrase, or None when the phrase cannot be a speaker.

    ``mentions`` are (offset, canonical person) in text order, for pronouns and role nouns;
    ``left`` is the text before the phrase, for an appositive ("Name, editor of X, said").
    """
    surface = clean_subject(phrase)
    if not surface:
        return None
    key = alias_key(surface)
    if key in PRONOUNS or (_is_anaphor(key) and not actor_names().at_end.search(surface)):
        earlier = [name for at, name in mentions if at < offset]
        method = "pronoun" if key in PRONOUNS else "anaphor"
        if earlier:
            return _known(actor_names().rows[alias_key(earlier[-1])], surface, method)
        return None if key in PRONOUNS else _unknown(surface)
    if key in NON_SPEAKERS or PASSIVE_END.search(surface) or not re.search(r"[^\W\d_]", surface):
        return None
    if left.rstrip().endswith(",") and (named := person_names().at_end.search(left.rstrip(" ,"))) \
            and not actor_names().at_end.search(surface):
        name = named[1]
        return _known(person_names().lookup(name), name, "appositive")
    if len(surface.split()) > MAX_SUBJECT_WORDS:
        return None
    head = HEAD_POSTMODIFIER.split(surface, maxsplit=1)[0]
    if m := actor_names().at_end.search(head):
        return _known(actor_names().lookup(m[1]), surface, "alias")
    if m := agency_names().at_end.search(head):
        return _agency(agency_names().lookup(m[1]), surface)
    return _unknown(surface)


def _is_anaphor(key: str) -> bool:
    """"the diplomat", "the Russian diplomat": a definite role noun of at most three words."""
    tokens = key.split()
    return tokens[:1] == ["the"] and len(tokens) <= 3 and (tokens[-1] in ANAPHORIC_NOUNS or key[4:] in ANAPHORIC_NOUNS)


def person_mentions(text: str) -> list[tuple[int, str]]:
    """Offsets of known persons named in the text (possessives such as "Putin's" excluded)."""
    found = []
    for m in person_scanner().finditer(text):
        if re.match(r"['’]s?\b", text[m.end():m.end() + 2]):
            continue
        found.append((m.start(), person_names().lookup(m[0])["name"]))
    return found


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


def find_cues(text: str, spans: list[QuoteSpan]) -> list[Cue]:
    """Reporting-verb cues outside quotes, each with the subject phrase written before it."""
    inside = [(s.open_mark, s.end) for s in spans]
    cues = []
    for m in verb_cues().finditer(text):
        if any(a <= m.start() < b for a, b in inside):
            continue
        para_start = text.rfind("\n", 0, m.start()) + 1
        floor = max([para_start] + [s.close_mark + 1 for s in spans
                                    if s.close_mark is not None and para_start <= s.close_mark < m.start()])
        floor = sentence_start_before(text, m.start(), floor)
        subject, subject_start, left, cited = subject_before(text, floor, m.start())
        cues.append(Cue(m.start(), m.end(), m[0].lower(), subject, subject_start, left, cited))
    return cues


AFTER_QUOTE_SUBJECT_FIRST = r"^\s*,?\s*(?P<subject>[^,.;:!?\"“”«»\n]{1,80}?)\s+(?:{adv}\s+)*(?P<verb>{verbs})\b"
AFTER_QUOTE_VERB_FIRST = r"^\s*,?\s*(?P<verb>{verbs})\s+(?P<subject>[^,.;:!?\"“”«»\n]{1,80})"
ADVERBS = r"(?:has|have|had|also|later|again|then|on\s+\w+|\w+day)"
CIRCUMSTANCE_AFTER_VERB = re.compile(
    r"\s*(?:(?:reporters|journalists|the (?:press|media)|a (?:news|press) conference|a briefing|him|her|them|us)\s+)?"
    r"(?:after|before|during|following|at|in|on|when|while|as|late|earlier|later|last|this|ahead of|upon)\b", re.IGNORECASE)
"""What follows a trailing attribution's verb when the words said came before it ("..., Grushko
told reporters after the meeting", "..., she said on Wednesday"): its addressee, then a time
or place, never the words said."""


@lru_cache(maxsize=1)
def after_quote_res() -> tuple[re.Pattern, re.Pattern]:
    verbs = verb_alternation()
    return (re.compile(AFTER_QUOTE_VERB_FIRST.replace("{verbs}", verbs), re.IGNORECASE),
            re.compile(AFTER_QUOTE_SUBJECT_FIRST.replace("{verbs}", verbs).replace("{adv}", ADVERBS), re.IGNORECASE))


VERB_FIRST_SUBJECT = re.compile(r"[A-Z]|(?:the|an?)\b|(?:one|two|three|several|some|many|another|other)\s+[^\W\d_]")
"""How the subject of an inverted attribution starts ("…," said Lavrov / the minister / one European
diplomat / two officials), so that "…," said on Monday is not read as a subject."""


def cue_after_quote(text: str, span: QuoteSpan) -> tuple[str, str, int, int] | None:
    """(verb, subject, subject offset, verb offset) right after the closing mark ("…," he said).

    A quote that ends its own sentence ("….” But X said …) takes no cue from what follows
    unless the next word is lower case.
    """
    if span.close_mark is None:
        return None
    inner_end = text[span.start:span.close_mark].rstrip()
    after = text[span.close_mark + 1:span.para_end]
    if inner_end[-1:] in ".!?" and not after.lstrip()[:1].islower():
        return None
    base = span.close_mark + 1
    verb_first, subject_first = after_quote_res()
    if (m := verb_first.match(after)) and VERB_FIRST_SUBJECT.match(m["subject"]):
        subject = re.split(r"\s+(?:on|at|to|after|during|as|who|adding)\s", m["subject"].strip())[0]
        return m["verb"].lower(), subject, base + m.start("subject"), base + m.start("verb")
    if m := subject_first.match(after):
        return m["verb"].lower(), m["subject"].strip(), base + m.start("subject"), base + m.start("verb")
    return None


ACCORDING_TO = re.compile(r"\baccording\s+to\s+(?P<subject>[^,.;:\"“”«»]+)", re.IGNORECASE)


# --- extraction -------------------------------------------------------------------------

def _speaker_fields(speaker: Speaker) -> dict:
    return {"speaker": speaker.name, "speaker_surface": speaker.surface,
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


def _cue_speaker(cue: Cue, mentions) -> tuple[Speaker | None, str]:
    """Speaker of a cue, and who relayed it when the cue reads "X, citing Y, reported"."""
    speaker = resolve_speaker(cue.subject, cue.subject_start, mentions, cue.left)
    if cue.cited and speaker is not None:
        return _cited_speaker(cue.cited, cue.subject_start, mentions), speaker.name
    return speaker, ""


def _cited_speaker(phrase: str, offset: int, mentions) -> Speaker:
    """The source named after "citing", resolved like any subject, marked as cited."""
    cited = resolve_speaker(phrase, offset, mentions) or _unknown(phrase.strip())
    return dataclasses.replace(cited, method="citing")


def _citing_after(text: str, start: int, end: int) -> str:
    m = re.search(r"\bciting\s+(?P<cited>[^,.;:]+)", text[start:end], re.IGNORECASE)
    return m["cited"].strip() if m else ""


def attribute_quote(text: str, span: QuoteSpan, cues: list[Cue], mentions) -> tuple[Speaker, str, str, str]:
    """(speaker, cue word, attribution method, via) for one quote, or UNKNOWN with method 'none'."""
    if found := cue_after_quote(text, span):
        verb, subject, offset, verb_offset = found
        for cue in cues:
            cue.used = cue.used or cue.verb_start == verb_offset
        speaker = resolve_speaker(subject, offset, mentions)
        if speaker is not None:
            return speaker, verb, f"after_quote:{speaker.method}", ""
    floor = sentence_start_before(text, span.open_mark, span.para_start)
    before = [c for c in cues if floor <= c.verb_start < span.open_mark]
    for cue in reversed(before):
        speaker, via = _cue_speaker(cue, mentions)
        if speaker is not None:
            cue.used = True
            return speaker, cue.verb, f"before_quote:{speaker.method}", via
    if m := list(ACCORDING_TO.finditer(text, floor, span.open_mark)):
        speaker = resolve_speaker(m[-1]["subject"], m[-1].start("subject"), mentions)
        if speaker is not None:
            return speaker, "according to", f"according_to:{speaker.method}", ""
    named = [name for at, name in mentions if floor <= at < span.open_mark]
    if named:
        row = actor_names().rows[alias_key(named[0])]
        return _known(row, named[0], "sentence_mention"), "", "sentence_mention", ""
    return UNKNOWN, "", "none", ""


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


def quote_rows(doc_id: str, text: str, sentences: pd.DataFrame) -> list[dict]:
    """Direct, partial and reported quotations of one document (see module docstring), as rows
    in text order (``QUOTE_COLUMNS``)."""
    spans = quote_spans(text)
    cues = find_cues(text, spans)
    mentions = sorted(person_mentions(text))
    sent_id = _sentence_ids(sentences)
    rows: list[dict] = []
    for span in spans:
        speaker, verb, method, via = attribute_quote(text, span, cues, mentions)
        previous = rows[-1] if rows else None
        continues = ""
        if previous is not None and span.continues_previous:
            continues = previous["quote_id"]
        if method == "none" and previous is not None and previous["speaker"] and (
                continues or previous["para_start"] == span.para_start or _opens_paragraph(text, span)):
            how = "continuation" if continues else (
                "previous_quote" if previous["para_start"] == span.para_start else "previous_paragraph")
            speaker = Speaker(previous["speaker"], previous["speaker_surface"], previous["affiliation"],
                              previous["camp"], how)
            verb, method, via = previous["cue"], how, previous["via"]
        if method == "none" and (citing := _citing_after(text, span.close_mark or span.end, span.para_end)):
            speaker, method = _cited_speaker(citing, span.end, mentions), "citing"
        rows.append({"doc_id": doc_id, "quote_id": f"{doc_id}:q{len(rows) + 1:03d}",
                     "sent_id": sent_id(span.start), "kind": quote_kind(text, span),
                     **_speaker_fields(speaker), "cue": verb, "attribution": method, "via": via,
                     "continues": continues, "start": span.start, "end": span.end,
                     "text": text[span.start:span.end], "para_start": span.para_start})
    quoted = [(s.open_mark, s.end) for s in spans]
    for cue in cues:
        if cue.used:
            continue
        speaker, via = _cue_speaker(cue, mentions)
        if speaker is None:
            continue
        if not via and (cited := _citing_after(text, cue.verb_end, sentence_end_after(text, cue.verb_end))):
            speaker, via = _cited_speaker(cited, cue.verb_end, mentions), speaker.name
        start, end = _reported_content(text, cue)
        if len(words(text[start:end])) < 3 or any(a <= start < b for a, b in quoted):
            continue
        rows.append({"doc_id": doc_id, "quote_id": "", "sent_id": sent_id(cue.verb_start), "kind": "reported",
                     **_speaker_fields(speaker), "cue": cue.verb, "attribution": f"reported:{speaker.method}",
                     "via": via, "continues": "", "start": start, "end": end, "text": text[start:end],
                     "para_start": 0})
    rows.sort(key=lambda row: (row["start"], row["end"]))
    n_reported = 0
    for row in rows:
        del row["para_start"]
        if row["kind"] == "reported":
            n_reported += 1
            row["quote_id"] = f"{doc_id}:r{n_reported:03d}"
    return rows


def extract_quotes(doc_id: str, text: str, sentences: pd.DataFrame) -> pd.DataFrame:
    """Direct, partial and reported quotations of one document (see module docstring)."""
    return pd.DataFrame(quote_rows(doc_id, text, sentences), columns=QUOTE_COLUMNS)


def _opens_paragraph(text: str, span: QuoteSpan) -> bool:
    return text[span.para_start:span.open_mark].strip() == ""


def quotes_table(corpus) -> pd.DataFrame:
    """Quotations of every usable document of a corpus, sorted by document and position."""
    sentences = dict(tuple(corpus.sentences.groupby("doc_id", sort=False))) if len(corpus.sentences) else {}
    empty = corpus.sentences.iloc[:0]
    frames = [extract_quotes(d, corpus.texts[d], sentences.get(d, empty)) for d in sorted(corpus.usable["doc_id"])]
    if not frames:
        return pd.DataFrame(columns=QUOTE_COLUMNS)
    return pd.concat(frames, ignore_index=True)
