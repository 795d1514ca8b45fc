"""Reporting cues of a masked text (``speakers.mask_abbreviations``): reporting verbs with
the subject phrase written before them (``Roe told``), the attribution written right
after a quote (``…," said Rep. Jane Roe``), and the subject of a clause that gives no cue
(``Roe called the bill "a disgrace"``).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter

from ..fastregex import Scanner, scanner
from ..resources import plural_reporting_verbs, reporting_verbs
from ..text import cut_before_space, words, written_after_a_word
from .quote_spans import QuoteCover, QuoteSpan
from .speakers import (
    ADVERB_IN_LY,
    DATE_WORDS,
    DETERMINERS,
    FUNCTION_WORDS,
    RELATIVES,
    is_name_run,
    starts_apposition,
)

ADVERBIAL_TAIL = re.compile(
    r"(?:\s+(?:has|have|had|also|earlier|later|again|further|then|once|repeatedly|previously|"
    r"publicly|already|reportedly|recently|separately|on\s+\w+|last\s+\w+|this\s+\w+|"
    r"\w+day))+\s*$",
    re.IGNORECASE,
)
SUBJECT_BOUNDARY = re.compile(
    r"[,;:\[\]\"“”«»—–]|\s-\s"  # punctuation
    r"|\b(?:that|which|who|whom|because|if|whether)\b"  # a clause opens: "… that Roe said"
    r"|\b(?:but|yet|while|whereas|although|though|unless|when|where)\b",  # joins
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"[.!?][\"”»]?\s+")


@lru_cache(maxsize=1)
def verb_alternation() -> str:
    """Regex alternation of the reporting verbs, longest first ("pointed out" as two words)."""
    return "|".join(
        sorted(
            (re.escape(v).replace(r"\ ", r"\s+") for v in reporting_verbs()), key=len, reverse=True
        )
    )


@lru_cache(maxsize=1)
def verb_cue_re() -> re.Pattern:
    return re.compile(rf"\b(?:{verb_alternation()})\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def verb_cues() -> Scanner:
    """:func:`verb_cue_re` tried only where a reporting verb starts (the same matches)."""
    return scanner(verb_cue_re())


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
    inverted: tuple[str, int, str] | None = None
    """For "…, said pollster Jane Roe, a professor.": the subject written after the verb, its
    offset and its apposition (:func:`inverted_at_end`), read when ``subject`` names no one."""


CITING_TAIL = re.compile(r",\s*citing\s+(?P<cited>[^,;:]+?)\s*,\s*$", re.IGNORECASE)


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of each paragraph (ends at :data:`SENTENCE_END`)."""
    bounds = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        for m in SENTENCE_END.finditer(text, para.start(), para.end()):
            bounds.append((start, m.start() + 1))
            start = m.end()
        if start < para.end():
            bounds.append((start, para.end()))
    return bounds


def cues_between(cues: list[Cue], start: int, end: int) -> list[Cue]:
    """The cues whose verb starts at ``start`` or after and before ``end``, in order (``cues``
    sorted by their verbs' offsets, as :func:`find_cues` gives them: found by binary search)."""
    verb_start = attrgetter("verb_start")
    return cues[bisect_left(cues, start, key=verb_start) : bisect_left(cues, end, key=verb_start)]


def sentence_start_before(text: str, offset: int, floor: int) -> int:
    """Start of the sentence holding ``offset`` (after the last sentence end at or after
    ``floor``, as ``SENTENCE_END.finditer(text, floor, offset)`` finds them): looked up in
    the text's :class:`SentenceEnds`, so that a paragraph of thousands of sentences is not
    read from its start for each offset asked."""
    return sentence_ends(text).start_before(offset, floor)


@lru_cache(maxsize=2)
def sentence_ends(text: str) -> SentenceEnds:
    """The :class:`SentenceEnds` of the text being read (a document's masked text)."""
    return SentenceEnds(text)


def paragraph_start(text: str, offset: int) -> int:
    """Start of the paragraph (line) holding ``offset``: ``text.rfind("\\n", 0, offset) + 1``,
    found by binary search in the text's line breaks (:func:`line_breaks`)."""
    breaks = line_breaks(text)
    before = bisect_left(breaks, offset)
    return breaks[before - 1] + 1 if before else 0


def paragraph_end(text: str, offset: int) -> int:
    """End of the paragraph holding ``offset`` (its line break, else the text's end):
    ``text.find("\\n", offset)``, by binary search."""
    breaks = line_breaks(text)
    after = bisect_left(breaks, offset)
    return breaks[after] if after < len(breaks) else len(text)


@lru_cache(maxsize=2)
def line_breaks(text: str) -> list[int]:
    """Where the text being read has its line breaks, in order (found once: a text of one long
    paragraph is not read to its end, or back to its start, for each offset asked)."""
    return [m.start() for m in re.finditer("\n", text)]


class SentenceEnds:
    """A text's :data:`SENTENCE_END` matches, found once. A match starts at its stop mark and
    goes on with an optional closing mark and white space, so the matches are the same read
    from any floor, or up to any offset that leaves them their first white-space character
    (cut there, a match ends at the offset)."""

    def __init__(self, text: str):
        matches = [(m.start(), m.end()) for m in SENTENCE_END.finditer(text)]
        self.starts = [start for start, _ in matches]
        self.ends = [end for _, end in matches]
        # the shortest end each match can have: the stop mark, its closing mark, one space
        self.shortest = [start + (3 if text[start + 1] in '"”»' else 2) for start, _ in matches]

    def end_after(self, offset: int, limit: int) -> int:
        """After the first match at or after ``offset`` that ends by ``limit`` (its stop mark
        included), else ``limit``: no match can start inside another (it would start with a
        closing mark or a space), and later matches end later."""
        first = bisect_left(self.starts, offset)
        if first < len(self.starts) and self.shortest[first] <= limit:
            return self.starts[first] + 1
        return limit

    def start_before(self, offset: int, floor: int) -> int:
        """:func:`sentence_start_before` of the text at ``offset`` from ``floor``."""
        last = bisect_right(self.shortest, offset) - 1
        if last < 0 or self.starts[last] < floor:
            return floor
        return min(self.ends[last], offset)


SUBJECT_WINDOW = 1000
"""How far before a reporting verb its subject, apposition and the clause before them are read:
a sentence of hundreds of reporting verbs (a run-on transcript) is not read from its start for
each. News subjects with their appositions take a few hundred characters."""


def subject_before(text: str, floor: int, verb_start: int) -> tuple[str, int, str, str]:
    """(subject phrase, its offset, text left of it, cited source) for a verb at ``verb_start``,
    read from ``floor`` (at most :data:`SUBJECT_WINDOW` characters before the verb)."""
    floor = max(floor, verb_start - SUBJECT_WINDOW)
    left = text[floor:verb_start]
    cited = ""
    if m := CITING_TAIL.search(left):
        cited, left = m["cited"], left[: m.start()]
    left = ADVERBIAL_TAIL.sub("", left)
    boundaries = [m.end() for m in SUBJECT_BOUNDARY.finditer(left)] + [
        m.end() for m in verb_cues().finditer(left)
    ]
    cut = max(boundaries, default=0)
    phrase = left[cut:]
    offset = floor + cut + (len(phrase) - len(phrase.lstrip()))
    return phrase.strip(), offset, left[:cut], cited


PASSIVE_BEFORE = re.compile(r"\b(?:was|were|is|are|be|been|being)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
"""A passive auxiliary right before a reporting verb ("was charged", "has been asked"): its
subject did not say anything."""
ADDED_TO = re.compile(r"\s+to\b(?!\s+(?:reporters|journalists|the\s+press)\b)", re.IGNORECASE)
""""added to her lead": "added" that increases, not a speech act (but "added to reporters")."""


NOUN_BEFORE = re.compile(
    r"\b(?:the|an?|his|her|their|its|our|my|your|these|those|of)\s+$", re.IGNORECASE
)
"""An article, a possessive or "of" right before a reporting verb makes it a noun or an
adjective ("the tweets", "a blizzard of tweets", "an estimated loss"); never a quantifier,
which may be the subject ("Two in three said", "Some said")."""


def not_a_speech_act(masked: str, verb_start: int, verb_end: int) -> bool:
    """Whether a reporting verb is used in another sense there: passive (:data:`PASSIVE_BEFORE`),
    a noun or adjective after an article (:data:`NOUN_BEFORE`) or "added to" (:data:`ADDED_TO`)."""
    floor = max(0, verb_start - 30)
    return bool(
        PASSIVE_BEFORE.search(masked, floor, verb_start)
        or NOUN_BEFORE.search(masked, floor, verb_start)
        or (masked[verb_start:verb_end].lower() == "added" and ADDED_TO.match(masked, verb_end))
    )


@lru_cache(maxsize=1)
def with_base_forms() -> str:
    """:func:`verb_alternation` and the base forms of :func:`.resources.plural_reporting_verbs`
    ("say", "warn"), longest first."""
    return "|".join([verb_alternation(), *sorted(plural_reporting_verbs(), key=len, reverse=True)])


@lru_cache(maxsize=1)
def cue_candidates() -> Scanner:
    """The reporting verbs and their base forms as words, found in one pass."""
    return scanner(re.compile(rf"\b(?:{with_base_forms()})\b", re.IGNORECASE))


WORD_BEFORE_VERB = re.compile(
    r"(?P<word>[A-Za-z][\w’'-]*)"  # the subject's last word: "officials", "Democrats"
    r"(?:\s+(?:also|still|now|often|sometimes|privately|publicly|repeatedly|"
    + ADVERB_IN_LY
    + r"))?"  # an adverb
    r"\s+$"
)
IRREGULAR_PLURALS = {"people", "police", "men", "women", "children"}
NOT_PLURAL = {"does", "goes", "yes", "thus", "plus", "perhaps", "always", "news", "sometimes"}


CLAUSE_AFTER_VERB = re.compile(r"(?:\s+[\w’'-]+){0,3}?\s+that\b")
"""A "that" clause after a verb and at most three words ("warn that", "tell reporters that"):
what the base forms other than "say" need to report speech ("Officials warn of a crisis" and
"Both sides insist on their demands" report none)."""


def plural_subject_before(masked: str, verb_start: int) -> bool:
    """Whether a plural noun ends the words right before a base-form verb ("officials say",
    "Democrats privately warn"): a present-tense cue, unlike "will say", "to say", "his say"
    or "the boss say"."""
    m = WORD_BEFORE_VERB.search(masked, max(0, verb_start - 40), verb_start)
    if m is None:
        return False
    word = m["word"].lower()
    return word in IRREGULAR_PLURALS or (
        word.endswith("s")
        and not word.endswith(("ss", "us", "is", "as", "’s", "'s"))
        and word not in NOT_PLURAL
    )


def is_plural_present(masked: str, m: re.Match) -> bool:
    """Whether a base form is a present-tense cue: in lower case ("Survivors Explain Why" is a
    headline), after a plural subject, and "say" or followed by a "that" clause."""
    return (
        m[0].islower()
        and plural_subject_before(masked, m.start())
        and (m[0] == "say" or bool(CLAUSE_AFTER_VERB.match(masked, m.end())))
    )


def find_cues(masked: str, spans: list[QuoteSpan]) -> list[Cue]:
    """Reporting-verb cues outside quotes of a masked text, each with the subject phrase
    written before it; a base form ("say", "warn … that") is one after a plural subject only."""
    inside = QuoteCover(spans)
    cues = []
    bases = set(plural_reporting_verbs())
    for m in cue_candidates().finditer(masked):
        if m[0].lower() in bases and not is_plural_present(masked, m):
            continue
        if inside.covers(m.start()) or not_a_speech_act(masked, m.start(), m.end()):
            continue
        para_start = paragraph_start(masked, m.start())
        floor = max(para_start, inside.after_last_close(m.start()))
        floor = sentence_start_before(masked, m.start(), floor)
        subject, subject_start, left, cited = subject_before(masked, floor, m.start())
        inverted = (
            inverted_at_end(masked, m) if not subject and left.rstrip().endswith(",") else None
        )
        verb = m[0].lower()
        cues.append(
            Cue(m.start(), m.end(), verb, subject, subject_start, left, cited, inverted=inverted)
        )
    return cues


def inverted_subject(phrase: str) -> str:
    """The subject of an inverted attribution without the circumstance after it ("Roe" of
    "Roe on Monday", "the minister" of "the minister after the talks")."""
    return re.split(
        r"\s+(?:on|at|to|after|during|as|who|adding|when|while|before|for)\s", phrase.strip()
    )[0]


def inverted_at_end(masked: str, verb: re.Match) -> tuple[str, int, str] | None:
    """(subject, its offset, apposition) of a reporting verb written before its subject after
    a comma and no quote, where the attribution ends its sentence ("The plan is sound, said
    pollster Jane Roe, a professor.") or sits inside it between commas ("The problem, says
    Jane Roe, is that …"), else None."""
    if verb[0].lower() in ADDRESSING:
        return None  # "…, Roe told the New Yorker.": the addressee
    end = sentence_end_after(masked, verb.end())
    m = INVERTED_AT_END.match(masked, verb.end(), end) or INVERTED_INSIDE.match(
        masked, verb.end(), end
    )
    if (
        m is None
        or not VERB_FIRST_SUBJECT.match(m["subject"])
        or CIRCUMSTANCE_AFTER_VERB.match(m["subject"])  # "…, Roe said in a statement."
        or m["subject"].split()[0].lower() in DATE_WORDS  # "…, Roe said Tuesday."
    ):
        return None
    subject = inverted_subject(m["subject"])
    words_of = subject.lower().split()
    if verb[0].lower() in SAYING:  # "pollster Jane Roe", not "out Roe’s praise of Doe"
        named = subject.split()[-1][:1].isupper() and not POSSESSIVE.search(subject)
        described = (  # "the report", all the attribution says
            subject == m["subject"].strip() and words_of[0] in DETERMINERS and len(words_of) <= 4
        )
    else:  # "…, wrote Jane Roe.", "…, reported the Daily Example."; not "wrote an op-ed"
        named, described = bool(ONLY_NAMES.fullmatch(subject)), False
    if (
        not (named or described)
        or len(words_of) > MAX_INVERTED_WORDS
        or set(words_of) & (FUNCTION_WORDS | RELATIVES) - {"of"}  # "…, said that it would."
    ):
        return None
    if m["appos"] and not starts_apposition(m["appos"]):
        return None
    return subject, m.start("subject"), m["appos"] or ""


NO_STOP = r"[^,.;:!?\"“”«»\n]"
AFTER_QUOTE_VERB_FIRST = (
    rf"\s*,?\s*(?:(?:also|then)\s+)?(?P<verb>{{verbs}})\s+(?P<subject>{NO_STOP}{{1,80}})"
)
AFTER_QUOTE_SUBJECT_FIRST = (
    rf"\s*,?\s*(?P<subject>{NO_STOP}{{1,80}}?)"  # the speaker: "Rep. Jane Roe (D-Ohio)"
    rf"(?:\s*[,—–]\s*(?P<appos>[^.;:!?\"“”«»\n]{{1,160}}?)\s*[,—–])?"  # ", a senior fellow at X,"
    r"\s+(?:{adv}\s+)*(?P<verb>{verbs})\b"
)  # the verb: "said", "told"
ADVERBS = r"(?:has|have|had|also|later|again|then|once|on\s+\w+|\w+day|" + ADVERB_IN_LY + ")"
CIRCUMSTANCE_AFTER_VERB = re.compile(
    r"\s*(?:(?:reporters|journalists|the (?:press|media)|a (?:news|press) conference|a briefing|"
    r"him|her|them|us)\s+)?"  # the addressee
    r"(?:after|before|during|following|at|in|on|when|while|as|late|earlier|later|last|this|"
    r"ahead of|upon)\b",  # a time or place
    re.IGNORECASE,
)
"""What follows a trailing attribution's verb when the words said came before it ("..., Roe
told reporters after the meeting", "..., she said on Wednesday"): its addressee, then a time
or place, never the words said."""
ATTRIBUTION_ENDS = re.compile(
    r"\s*(?:(?:to|in|on|at|during|after|before|from|with)\b[^.!?;:\"“”]{0,60})?"  # to Roe
    r"(?:[.!?,;]|$)"
)


ADDRESSING = {"asked", "asks", "told", "tells", "urged", "warned"}
ADDRESSEE_ENDS = re.compile(
    r"(?:\s+[\w’'\-]+){1,4}"  # the addressee: "Britain’s ITV television station"
    r"(?:"
    r"(?:\s+(?:in|on|at|during|after|before|from|with)\b[^.!?;:\"“”]{0,60})?"  # "in an interview"
    r"\s*[.!?]"  # and the sentence ends
    r"|\s+(?:in|on|at|during|after|before|following|when|while|upon)\b"  # or a long occasion
    r")"
)
"""After a quote closed by its own mark, "Roe asked Republican voters." is still its attribution,
and so is "Roe told Britain’s ITV in an interview aired on Monday when asked how …": the
addressee, then the time, place or occasion, however long."""


@lru_cache(maxsize=1)
def after_quote_res() -> tuple[re.Pattern, re.Pattern]:
    """The verb-first and subject-first attributions after a quote; the subject-first one also
    with a base form ("…,” officials say.), kept only after a plural subject."""
    verbs = verb_alternation()
    return (
        re.compile(AFTER_QUOTE_VERB_FIRST.replace("{verbs}", verbs), re.IGNORECASE),
        re.compile(
            AFTER_QUOTE_SUBJECT_FIRST.replace("{verbs}", with_base_forms()).replace(
                "{adv}", ADVERBS
            ),
            re.IGNORECASE,
        ),
    )


INVERTED_AT_END = re.compile(
    rf"\s+(?P<subject>{NO_STOP}{{1,80}}?)"  # the speaker: "pollster Jane Roe"
    r"(?:\s*,\s*(?P<appos>[^,;!?\"“”«»\n]{1,160}?))?"  # ", a professor at the school"
    r"\s*[.!?]?\s*$"  # then the sentence ends
)
"""An inverted attribution that ends its sentence: the speaker, perhaps described."""
INVERTED_INSIDE = re.compile(
    rf"\s+(?P<subject>{NO_STOP}{{1,80}}?)"  # the speaker: "Jane Roe"
    r"(?:\s*,\s*(?P<appos>[^,;!?\"“”«»\n]{1,160}?))?"  # ", a historian at the library"
    r"\s*,\s+(?=[a-z])"  # then a comma, and the sentence goes on: "…, is that"
)
"""An inverted attribution between commas inside its sentence ("The paradox, says Jane Roe, a
historian, is that …"): the speaker, perhaps described."""
SAYING = {"said", "says", "added", "adds"}
"""Verbs of saying, whose inverted subject may be a role or a description ("…, said pollster
Jane Roe.", "…, said the report."); any other verb is followed by its object unless a name
follows (:data:`ONLY_NAMES`): "…, recounted the incident", "…, wrote an op-ed urging Congress"."""
ONLY_NAMES = re.compile(r"(?:the\s+)?[A-Z][\w’'\u2024.-]*(?:\s+(?:of\s+)?[A-Z][\w’'\u2024.-]*)*")
POSSESSIVE = re.compile(r"\w['’]s?\b")
MAX_INVERTED_WORDS = 7
"""The most words of an inverted attribution's subject ("Ohio State University professor Paul
Beck"): more is a clause said, not a speaker."""
VERB_FIRST_SUBJECT = re.compile(
    r"[A-Z]"  # a name: said Jane Roe
    r"|(?:the|an?)\b"  # a description: said the minister
    r"|(?:one|two|three|several|some|many|another|other)\s+[^\W\d_]"  # said one official
    r"|(?:[a-z0-9][\w/\-]*\s+){1,4}[A-Z]"
)  # a role before a name: said pollster Jane Roe, said 9/11 widow Jane Roe
"""How the subject of an inverted attribution starts ("…," said Lavrov / the minister / one European
diplomat / two officials), so that "…," said on Monday is not read as a subject."""


@dataclass(frozen=True)
class AfterCue:
    verb: str
    subject: str
    subject_start: int
    verb_start: int
    apposition: str = ""


APPOSITION_AFTER = re.compile(r"\s*,\s*([^.;!?\"“”«»\n]{1,160})")
NAME_AFTER = re.compile(r"\s*,\s*([^,.;:!?\"“”«»\n]{1,60}?)\s*(?:,|[.!?]?\s*$)")
NOT_SPACE = re.compile(r"\S")


def _apposition_after(masked: str, start: int, end: int) -> str:
    """ ", a senior fellow at X." after an inverted attribution's subject (at ``start``), to the
    sentence end."""
    m = APPOSITION_AFTER.match(masked, start, end)
    return m[1] if m and starts_apposition(m[1]) else ""


STOP_AFTER_QUOTE = re.compile(r"[.;:!?\"“”«»]")
"""What a subject-first attribution after a quote never crosses: its subject, apposition,
adverbs and verb hold none of these marks (abbreviations' periods are masked)."""


def verb_before_stop(masked: str, base: int, end: int) -> bool:
    """Whether a reporting verb or base form (:func:`cue_candidates`) is written between
    ``base`` and the first of :data:`STOP_AFTER_QUOTE` after it (or ``end``): a subject-first
    attribution's verb is, so without one it is not tried (after the closing quote marks of
    the PolNeAR texts four tries in five fail, and took 0.20 of its 0.21 CPU s: a failure reads
    every subject of up to 80 characters; 0.23 -> 0.14 s with this test first)."""
    stop = STOP_AFTER_QUOTE.search(masked, base, end)
    window = masked[base : stop.start() if stop else end]
    return next(iter(cue_candidates().finditer(window)), None) is not None


def cue_after_quote(masked: str, span: QuoteSpan) -> AfterCue | None:
    """The attribution right after the closing mark ("…," he said; "…," said Rep. Jane Roe).

    A quote that ends its own sentence ("….” But X said …) takes a cue from what follows only
    when the next word is lower case or the attribution is all the next sentence says
    ("…?” Roe asked.).

    The patterns are matched from the closing mark to the paragraph's end in the text itself
    (``pos`` and ``endpos``: ``$`` is the paragraph's end), never on a copy of the rest of the
    paragraph, so a paragraph of thousands of quotes is not copied once for each.
    """
    if span.close_mark is None:
        return None
    base, end = span.close_mark + 1, span.para_end
    inner_end = masked[span.start : span.close_mark].rstrip()
    first = NOT_SPACE.search(masked, base, end)
    closed = inner_end[-1:] in ".!?" and not (first and first[0].islower())
    verb_first, subject_first = after_quote_res()
    m = None if closed else verb_first.match(masked, base, end)
    if m and VERB_FIRST_SUBJECT.match(m["subject"]):
        subject = inverted_subject(m["subject"])
        rest = m.start("subject") + len(subject)
        named = NAME_AFTER.match(masked, rest, end)
        if named and is_name_run(named[1]) and not is_name_run(subject):  # said her aide, Jane Roe
            return AfterCue(m["verb"].lower(), named[1], named.start(1), m.start("verb"), subject)
        appos = _apposition_after(masked, rest, end)
        return AfterCue(m["verb"].lower(), subject, m.start("subject"), m.start("verb"), appos)
    m = subject_first.match(masked, base, end) if verb_before_stop(masked, base, end) else None
    if m and m["verb"].lower() in plural_reporting_verbs():
        m = m if plural_subject_before(masked, m.start("verb")) else None
    if m and m["appos"] and not starts_apposition(m["appos"]):
        if is_name_run(m["appos"]):  # "her spokesman, Jane Roe, said": the name is the speaker
            return AfterCue(
                m["verb"].lower(),
                m["appos"].strip(),
                m.start("appos"),
                m.start("verb"),
                m["subject"].strip(),
            )
        m = None
    ends = m and (
        ATTRIBUTION_ENDS.match(masked, m.end(), end)
        or CIRCUMSTANCE_AFTER_VERB.match(masked, m.end(), end)
        or (m["verb"].lower() in ADDRESSING and ADDRESSEE_ENDS.match(masked, m.end(), end))
    )
    if m and (not closed or ends):
        return AfterCue(
            m["verb"].lower(),
            m["subject"].strip(),
            m.start("subject"),
            m.start("verb"),
            m["appos"] or "",
        )
    return None


ACCORDING_TO = re.compile(r"\baccording\s+to\s+(?P<subject>[^,.;:\"“”«»]+)", re.IGNORECASE)
IRREGULAR_PAST = (
    "said|told|wrote|spoke|went|took|gave|made|sent|kept|put|set|got|began|"
    "brought|thought|felt|held|led|left|met|ran|saw|stood|struck|won|drew|threw|"
    "shot|hit|did|would|will|could|"
    "sought|fought|bought|caught|taught|spent|lost|built|heard|knew|grew|wore|swore|rose|"
    "chose|broke|drove|flew|fell|found|paid|sold|came|became|meant|sat|withdrew|upheld"
)
AFTER_AUXILIARY = (
    r"(?:(?<=\bdid\s)|(?<=\bdoes\s)|(?<=\bdo\s)|(?<=\bnot\s)|(?<=\bnever\s)|(?<=n[’']t\s))"
)
"""Right after "did", "do(es)", "not", "never" or a contraction in n't, where a verb is in its
base form ("Roe didn’t seem", "Roe did not answer"; not after a modal: "Sandy Hook will" would
make a place a person): each word's look-behind is of fixed width."""
NOT_IN_A_DESCRIPTION = r"(?:before|after|since|until|when|while|because|if|that|who|which)\b"
"""Words that end a subject's description or name ("Two years before the public learned",
"the idea that", "Hours before Mr. Roe"): a clause or circumstance follows, not the head."""
CLAUSE_SUBJECT = re.compile(
    r"(?:(?:\d+-year-old|former|acting|outgoing|incoming)\s+)?"  # 76-year-old, former Jane Roe
    r"(?P<np>(?:(?:[Tt]he|[Aa]n?|[Aa]nother|[Oo]ne|[Tt]wo|[Tt]hree|[Ss]everal|[Ss]ome|[Mm]any|"
    r"[Oo]ther|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)"
    r"(?:\s+(?!" + NOT_IN_A_DESCRIPTION + r")[\w’'\-]+){1,5}?"  # the manager
    r"|[A-Z][\w’'\-\u2024]*(?:(?:\s+(?!(?:in|at|on|for|and|or|but|to|with|by|from|"
    + NOT_IN_A_DESCRIPTION
    + r")\b)[\w’'\-\u2024]+){0,6}?\s+[A-Z][\w’'\-\u2024]*)??"  # Kremlin spokesman Jane Roe
    r"|[A-Z][\w\-\u2024]*(?:\s+[A-Z][\w\-\u2024]*){0,2}"  # or a possessive name ...
    r"(?:['’]s|(?<=s)['’])\s+[a-z][a-z\-]+))"  # ... and a noun: Roe’s campaign
    r"(?:\s+(?:who|that|which)\s+[^,;:\"“”«»]{1,80}?)?"  # a relative clause: who ran in 2012
    r"(?:\s*\([^()]{1,40}\))?"  # a party and state: (D-Ohio)
    r"(?P<appos>\s*[,—–]\s*[^;:\"“”«»]{1,160}?[,—–])?"  # , a senior fellow at X, since 2010,
    r"(?:\s+(?:on|last|this|late|early)\s+\w+day)?"  # a day: on Tuesday
    r"\s+(?:(?:also|then|later|again|once|has|had|have|is|was|are|were|would|will|did|does|could|"
    r"may|might|must|can|should|\w+n[’']t|not|never|finally|reportedly|"
    + ADVERB_IN_LY
    + r")\s+){0,3}"  # "may"
    r"(?P<verb>(?!(?:this|his|its|us|always|perhaps|news|thus|various"
    r"|minutes|hours|days|weeks|months|years|decades)\b)"  # "A few days later, Roe …"
    r"[a-z][a-z\-]+(?:ed|ing|(?<![su])s)|"
    + IRREGULAR_PAST
    + "|"
    + AFTER_AUXILIARY
    + r"[a-z][a-z\-]+)\b"
)  # "called", "is telling"
"""A clause opening with its subject and a verb ("Sen. Jane Roe called the bill", "The mayor
has described it"): the source of a quotation that its sentence gives no reporting cue."""
SIGN_OFF = re.compile(r"\s*[―—–]+\s*(?P<name>[A-Z][^.;:!?\"“”«»\n]{1,80}?)\s*[.,]?\s*$")
"""A quote signed off with a dash and a name that ends its paragraph ("“…” ― Jane Roe")."""
SIGN_OFF_PARAGRAPH = re.compile(
    r"\s*[-―—–]+\s*"  # a dash, or a hyphen in plain text: "- Jane Roe."
    r"(?P<name>[A-Z][^,.;:!?\"“”«»\n]{1,80}?)"  # the name
    r"\s*(?:,[^\n]{1,120}?)?"  # where or when: ", Ohio.", ", tweeting after the speech."
    r"\s*\.?\s*$"  # nothing else before the paragraph's end
)
"""A paragraph that only signs off the quotation filling the paragraph before it ("“…”", then
"- Jane Roe."), as lists of quotes and fact checks print their sources."""
NAME_COLON = re.compile(
    r"(?:[^\n]*?\s[-—–]\s*)?"  # after a headline and a dash: "POLLS WERE EARLY - Jane Roe:"
    r"\s*(?:(?:[Mm]ore\s+)?[Ff]rom\s+)?"  # "From", "More from"
    r"(?P<np>(?!(?:More\s+)?[Ff]rom\b)[A-Z]"  # a name ...
    r"(?:(?!\s[-—–]\s)[^:;,.!?\"“”«»\n]){0,80}?)\s*:\s*"  # ... and a colon
)
"""A sentence that is only a name and a colon before its quote ("Pollster Jane Roe: “…”"),
maybe after a headline and a dash ("POLLS WERE EARLY - Jane Roe: “…”") or "From"."""
NOT_SUBJECT_OPENERS = (
    FUNCTION_WORDS
    | DATE_WORDS
    | {
        "outside",
        "under",
        "during",
        "despite",
        "amid",
        "among",
        "within",
        "without",
        "through",
        "inside",
        "near",
        "per",
        "via",
        "like",
        "unlike",
        "more",
        "most",
        "some",
        "many",
        "all",
        "every",
        "each",
        "such",
        "here",
        "there",
        "yes",
        "no",
    }
)
"""Capitalised words that open a clause without being its subject ("In December", "Outside")."""


def named_elsewhere(masked: str, word: str) -> bool:
    """Whether a capitalised word that opens a clause is written capitalised inside a sentence
    too (a name: "Roe"), not only at sentence starts (a common noun: "Containment"): asked
    again for each clause a document opens with that word, so answered once per document
    (:class:`WordsAfterAWord`)."""
    return words_after_a_word(masked).written(word)


NAME_CHARACTERS = re.compile(r"[\w’'\-\u2024]+")  # a clause subject's words (CLAUSE_SUBJECT)
RUN_AFTER_A_WORD = re.compile(r"(?<=[\w,] )[\w’'\-\u2024]+")
"""A run of :data:`NAME_CHARACTERS` after a word character or a comma and a space. A word of
those characters is written after a word (``written_after_a_word``) at the start of such a
run, and ends at a word boundary, exactly when it is the run up to one of the run's word
boundaries (the character after the run is none of them, so no word character)."""
WORD_BOUNDARY = re.compile(r"\b")


class WordsAfterAWord:
    """Which words a text writes after a word or a comma (``written_after_a_word``), each
    answered once. A word is searched for in the text, which is quick for the few words a news
    article asks; once ``searches`` words have been asked (a text of thousands of paragraphs,
    whose every search reads megabytes), the rest are looked up among every
    :data:`RUN_AFTER_A_WORD` up to each of its word boundaries, found in one pass."""

    def __init__(self, masked: str, searches: int = 32):
        self.masked, self.searches, self.answers = masked, searches, {}
        self.index: frozenset[str] | None = None

    def written(self, word: str) -> bool:
        if word not in self.answers:
            indexed = len(self.answers) >= self.searches and NAME_CHARACTERS.fullmatch(word)
            if indexed and self.index is None:
                self.index = self.runs_to_boundaries()
            self.answers[word] = (
                word in self.index if indexed else written_after_a_word(self.masked, word)
            )
        return self.answers[word]

    def runs_to_boundaries(self) -> frozenset[str]:
        """Each :data:`RUN_AFTER_A_WORD` of the text up to each of its word boundaries."""
        found = set()
        for run in set(RUN_AFTER_A_WORD.findall(self.masked)):
            if run.isalnum():  # letters and digits: one boundary, at its end
                found.add(run)
            else:
                found.update(run[: m.start()] for m in WORD_BOUNDARY.finditer(run) if m.start())
        return frozenset(found)


@lru_cache(maxsize=2)  # the document being read: no more texts kept
def words_after_a_word(masked: str) -> WordsAfterAWord:
    return WordsAfterAWord(masked)


SUBORDINATORS = {
    "when",
    "while",
    "after",
    "before",
    "as",
    "if",
    "although",
    "though",
    "because",
    "since",
    "until",
    "unless",
    "whether",
    "once",
    "where",
}

NOT_MAIN_CLAUSE_OPENERS = frozenset(SUBORDINATORS | NOT_SUBJECT_OPENERS)
"""First words of a clause that does not open with its subject (a subordinate clause's, or
one of :data:`NOT_SUBJECT_OPENERS`), as one set (every sentence's clauses ask it)."""


CLAUSE_BREAK = re.compile(r"[,;:—–][\"”’]?\s+")
CLAUSE_CONNECTIVE = re.compile(
    r"(?:(?:[Aa]nd|[Bb]ut|[Ss]o|[Yy]et|[Tt]hen|[Nn]ow|[Ss]till|[Aa]lso|[Mm]eanwhile|[Hh]owever"
    r"|[Mm]oreover|[Ii]ndeed|[Ff]inally|[Ii]nstead|[Ee]ven|[Ii]n addition|[Oo]f course)"
    r"\b,?\s+)+"
)
"""Words that join a main clause to what came before ("But Roe refused …", "And then Roe
went …"): skipped before its subject (never subordinators: "When X arrived," is no main
clause)."""


def _clause_starts(masked: str, floor: int, end: int) -> Iterator[int]:
    """Where each clause between ``floor`` and ``end`` starts, its connective skipped, found as
    they are asked for (the first clause with a subject ends the search)."""
    starts = itertools.chain([floor], (m.end() for m in CLAUSE_BREAK.finditer(masked, floor, end)))
    return (m.end() if (m := CLAUSE_CONNECTIVE.match(masked, at, end)) else at for at in starts)


def clause_subject(masked: str, floor: int, end: int) -> tuple[str, int, str] | None:
    """(subject phrase, offset, apposition) of the first main clause between ``floor`` and
    ``end`` that opens with a subject and its verb; subordinate clauses ("When X arrived,")
    are skipped."""
    for start in _clause_starts(masked, floor, end):
        m = CLAUSE_SUBJECT.match(masked, start, end)
        first = m["np"].split()[0] if m else ""
        if (
            m and m["appos"] and is_name_run(m["appos"].strip(" ,—–"))
        ):  # "Another critic, Jane Roe,"
            return m["appos"].strip(" ,—–"), m.start("appos"), m["np"]
        if m is None or first.lower() in NOT_MAIN_CLAUSE_OPENERS or first.endswith("ing"):
            continue
        if len(m["np"].split()) == 1 and not named_elsewhere(masked, first):
            continue
        if m["appos"] and not starts_apposition(m["appos"].strip(" ,—–")):
            continue
        return m["np"], m.start("np"), (m["appos"] or "").strip(" ,—–")
    return None


def sentence_end_after(text: str, offset: int) -> int:
    """End of the sentence holding ``offset`` (its final punctuation, or the paragraph end):
    where ``SENTENCE_END.search(text, offset, paragraph end)`` finds one, looked up in the
    text's :class:`SentenceEnds`."""
    return sentence_ends(text).end_after(offset, paragraph_end(text, offset))


FRONTED_ADVERBIAL = re.compile(
    r"\s*(?:in|on|at|for|from|with|by|under|since|during|after|before|amid|despite|across|"
    r"throughout|among|inside|outside|near"  # a place or time: "In the free-trade zone,"
    r"|asked|pressed|speaking|writing|appearing|responding|campaigning|talking|interviewed"
    r")\s+[^,;:.!?]{1,50},\s*$",  # a circumstance of the speaker: "Asked about the deal,"
    re.IGNORECASE,
)
"""A short prepositional or participial phrase and a comma before the subject ("In the zone,
traders say business is poor.", "Asked about it, Roe said nothing."): a place, time or
circumstance, not the words said."""


FRONTED_CLAUSE_OPENERS = frozenset(
    {"when", "while", "after", "before", "although", "though", "because", "since", "once"}
)
"""Words that open a subordinate clause before the main one ("When Doe suggested …, Roe
said"); not "as", whose clause may give the quote's source ("As Roe said, “…”")."""
CLAUSE_ENDS_BEFORE_QUOTE = re.compile(r",\s*[^\W\d_]")
MAIN_CLAUSE_AFTER = re.compile(r",\s*(?=[A-Z“\"])")  # ", Roe fired back": the main clause


def in_clause_before(cue: Cue, masked: str, open_mark: int) -> bool:
    """Whether a cue lies in a subordinate clause that a comma closes before the main clause
    holding the quote ("When Doe suggested that …, Roe fired back: “…”")."""
    return in_fronted_clause(cue) and bool(
        CLAUSE_ENDS_BEFORE_QUOTE.search(masked, cue.verb_end, open_mark)
    )


def in_fronted_clause(cue: Cue) -> bool:
    """Whether a cue's clause opens with a subordinator ("When Doe suggested …")."""
    opener = cue.left.split()[-1:]
    return bool(opener) and opener[0].lower() in FRONTED_CLAUSE_OPENERS


def in_relative_clause(cue: Cue) -> bool:
    """Whether a cue is the verb of a relative clause set off by commas ("Jane Roe, who asked
    not to be named, said …"), which the next comma closes."""
    return not cue.subject and bool(RELATIVE_BEFORE_VERB.search(cue.left))


RELATIVE_BEFORE_VERB = re.compile(r",\s*(?:who|which)\s*$", re.IGNORECASE)


SHORT_TAIL = 200  # more than the three words a clause is counted up to (reported speech)


def within_window(masked: str, start: int, end: int) -> int:
    """``end``, or, for content from ``start`` longer than :data:`SUBJECT_WINDOW` characters (a
    run-on sentence), the window's end cut before a space: 1,500 cues in one 111 KB sentence
    made an 83 MB quotes table."""
    return end if end - start <= SUBJECT_WINDOW else cut_before_space(masked, start, SUBJECT_WINDOW)


def reported_content(masked: str, cue: Cue) -> tuple[int, int]:
    """Offsets of the reported content: after the verb to the sentence end (in a clause before
    the main one, to the main clause: "When Doe suggested that …, Roe fired back"), or, for a
    trailing attribution ("…, Anadolu Agency stated on Sunday", "…, Roe told reporters after
    the talks": :data:`CIRCUMSTANCE_AFTER_VERB`), from the sentence start to the subject. Read
    in the masked text, where "Mr." ends no sentence. A run-on sentence (a transcript without
    stops) gives at most :data:`SUBJECT_WINDOW` characters on the cue's side, cut at a space
    (:func:`within_window`)."""
    sentence_end = sentence_end_after(masked, cue.verb_end)
    near_end = min(sentence_end, cue.verb_end + SUBJECT_WINDOW)  # a run-on sentence: its next part
    if in_fronted_clause(cue) and (
        main := MAIN_CLAUSE_AFTER.search(masked, cue.verb_end, near_end)
    ):
        sentence_end = near_end = main.start()  # "When Doe suggested that …, Roe fired back"
    elif in_relative_clause(cue) and (close := masked.find(",", cue.verb_end, near_end)) >= 0:
        sentence_end = near_end = close  # "Roe, who said the plan would fail, left early"
    after = masked[cue.verb_end : near_end]  # what follows the verb is read from its start
    if cue.inverted is not None:  # "…, said Roe, a professor.": all before the comma
        start, floor = content_start(masked, cue.verb_start, cue.verb_start)
        return start, masked.rfind(",", floor, cue.verb_start)
    trailing = (
        cue.left.rstrip().endswith(",")
        and not re.search(r"\bthat\b", after)
        and not FRONTED_ADVERBIAL.match(cue.left)
        and (
            len(words(after[:SHORT_TAIL].split(";")[0])) <= 3  # "…, analysts say; in 2012, …"
            or re.match(r"\s*(?:" + ADVERBS + r"\s*)*,\s*citing\b", after, re.IGNORECASE)
            or CIRCUMSTANCE_AFTER_VERB.match(after)
        )
    )
    if trailing:  # cue.left starts at the same floor (subject_before)
        start, floor = content_start(masked, cue.subject_start, cue.verb_start)
        return start, floor + len(cue.left.rstrip().rstrip(",").rstrip())
    skip = re.match(r"(?:\s+[\w’'-]+){0,4}?\s+that\s+", after) or re.match(r"\s*,?\s*", after)
    start = cue.verb_end + skip.end()
    if colon := COLON_BEFORE_QUOTE.search(masked, start, sentence_end):
        sentence_end = colon.start()  # "…, it said, would have on women: “…,” the union wrote"
    return start, within_window(masked, start, sentence_end)


COLON_BEFORE_QUOTE = re.compile(r":\s*[“\"]")
"""A colon that opens a quotation: the reported words end there, and the quotation is a row of
its own, with its own speaker ("… would have on women: “Parallel …,” the union wrote.")."""


CUT_WORD_REST = re.compile(r"[\w’'\-]*\s*")  # the rest of a word a window's floor cuts
SPACES = re.compile(r"\s*")


def content_start(masked: str, offset: int, verb_start: int) -> tuple[int, int]:
    """(start, floor) of reported content before its verb: the floor is the start of the
    sentence holding ``offset``, but at most :data:`SUBJECT_WINDOW` characters before the verb
    (as :func:`subject_before` reads the subject from); the content starts there, or at the
    next whole word when the window cuts one."""
    sentence_start = sentence_start_before(masked, offset, paragraph_start(masked, offset))
    floor = verb_start - SUBJECT_WINDOW
    if sentence_start >= floor:
        return sentence_start, sentence_start
    cut = masked[floor - 1].isalnum() and masked[floor].isalnum()
    return (CUT_WORD_REST if cut else SPACES).match(masked, floor).end(), floor
