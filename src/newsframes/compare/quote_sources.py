"""Which source each quotation gets: the cue after or before it, "according to", the subject
of its sentence, a colon introduction, the named subject of the sentence or paragraph before
it, or "citing" (the rules of step 3 in ``quotes``).
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

from .attribution import UNKNOWN, DocContext, Speaker, resolve_speaker
from .cues import (
    ACCORDING_TO,
    NAME_COLON,
    NOT_SPACE,
    SIGN_OFF,
    SIGN_OFF_PARAGRAPH,
    SUBJECT_WINDOW,
    Cue,
    clause_subject,
    cue_after_quote,
    cues_between,
    in_clause_before,
    paragraph_end,
    paragraph_start,
    sentence_end_after,
    sentence_start_before,
    verb_alternation,
)
from .quote_spans import QuoteSpan, visible_end
from .speakers import (
    ADVERB_IN_LY,
    NOT_SPEAKERS,
    RELATIVES,
    SUBJECT_PRONOUNS,
    is_name_run,
    unmask,
)

COORDINATED_VERB = re.compile(
    rf"\s(?:and|but)(?:\s+(?:then|later|also|{ADVERB_IN_LY}))?$", re.IGNORECASE
)
"""A subject phrase ending with "and" before the cue: a second verb of one clause ("Roe stood
up and said …"), whose subject is the clause's."""


@lru_cache(maxsize=1)
def _reported_before() -> re.Pattern:
    return re.compile(rf"\b(?:{verb_alternation()}|that)\s*,?\s*$", re.IGNORECASE)


def cue_speaker(cue: Cue, ctx: DocContext) -> tuple[Speaker | None, str]:
    """Speaker of a cue, and who relayed it when the cue reads "X, citing Y, reported"; the
    subject of the clause when the cue is its second verb ("Roe stood up and said")."""
    speaker = resolve_speaker(cue.subject, cue.subject_start, ctx, cue.left)
    if speaker is None and cue.inverted is not None:  # "…, said pollster Jane Roe."
        subject, offset, apposition = cue.inverted
        speaker = resolve_speaker(subject, offset, ctx, apposition=apposition)
    if (
        speaker is None
        and is_second_verb(cue)
        and not _reported_before().search(cue.left)  # "Roe said X did Y and said": X is no speaker
    ):
        speaker = subject_speaker(ctx, cue.subject_start, cue.verb_start) or _coordinated_subject(
            cue, ctx
        )
    if cue.cited and speaker is not None:
        return cited_speaker(cue.cited, cue.subject_start, ctx), speaker.name
    return speaker, ""


RELATIVE_PRONOUN = re.compile(
    r"\b(?:" + "|".join(sorted(RELATIVES - {"that"})) + r")\b", re.IGNORECASE
)  # "that" also opens what was said ("agreed that …")


def is_second_verb(cue: Cue) -> bool:
    """Whether a cue is the second verb of its clause: its subject phrase ends with "and" or
    "but" ("Roe stood up and said"), or is that word alone, or empty after one (the phrase
    stopped at a comma or a quote: "Roe called it “a disaster,” but said")."""
    return bool(COORDINATED_VERB.search(f" {cue.subject or cue.left}"))


def _coordinated_subject(cue: Cue, ctx: DocContext) -> Speaker | None:
    """The speaker of a second verb whose subject phrase stopped at a comma or a quote before
    its "and"/"but" ("Roe called it “a disaster,” but said …"): the subject of the sentence's
    first main clause, unless a relative clause opens between it and the verb ("Roe told Doe,
    who answered the door and said …": the verb may be the relative clause's) or that subject
    is a possessive read as a subject of its own (``clause_subject`` reads "Roe's aides watched"
    as "Roe's" and a verb "aides")."""
    masked = ctx.masked
    start = sentence_start_before(masked, cue.verb_start, paragraph_start(masked, cue.verb_start))
    found = clause_subject(masked, start, cue.verb_start)
    if (
        found is None
        or found[0].endswith(("'s", "’s"))  # "Roe's aides watched it and said": no verb "aides"
        or RELATIVE_PRONOUN.search(masked, found[1], cue.verb_start)
    ):
        return None
    phrase, offset, apposition = found
    return resolve_speaker(phrase, offset, ctx, apposition=apposition)


def _as_written(phrase: str) -> Speaker:
    """A source phrase kept as written (abbreviations' periods unmasked), a nominal source
    ("three people briefed on the talks")."""
    phrase = unmask(phrase).strip()
    return Speaker(phrase, phrase, "unknown", "unknown", "nominal", "nominal")


def cited_speaker(phrase: str, offset: int, ctx: DocContext) -> Speaker:
    """The source named after "citing", resolved like any subject, marked as cited."""
    cited = resolve_speaker(phrase, offset, ctx) or _as_written(phrase)
    return dataclasses.replace(cited, method="citing")


def according_speaker(phrase: str, offset: int, ctx: DocContext) -> Speaker | None:
    """The source named after "according to": resolved like any subject, else kept as written,
    since the phrase is a source whatever its length or shape ("early results of exit polls
    conducted for the networks"); None for a pronoun no person named before resolves and for a
    word that names nobody (``data/non_speakers.csv``: "reports")."""
    speaker = resolve_speaker(phrase, offset, ctx)
    if speaker is not None:
        return speaker
    key = " ".join(phrase.lower().split())
    return None if key in SUBJECT_PRONOUNS or key in NOT_SPEAKERS else _as_written(phrase)


def citing_after(text: str, start: int, end: int) -> str:
    """The source named after "citing" between ``start`` and ``end`` (read at most
    :data:`.cues.SUBJECT_WINDOW` characters on: a run-on sentence is not read to its end)."""
    window = text[start : min(end, start + SUBJECT_WINDOW)]
    m = re.search(r"\bciting\s+(?P<cited>[^,.;:]+)", window, re.IGNORECASE)
    return m["cited"].strip() if m else ""


def subject_speaker(ctx: DocContext, floor: int, end: int) -> Speaker | None:
    """The speaker a clause subject between ``floor`` and ``end`` names (pronouns resolved)."""
    found = clause_subject(ctx.masked, floor, end)
    if found is None:
        return None
    phrase, offset, apposition = found
    return resolve_speaker(phrase, offset, ctx, apposition=apposition)


AFTER_VERB_CIRCUMSTANCE = (
    r"on\s+(?:\w+day\b|[A-Z])"  # a day or date: "on Tuesday", "on March 3"
    r"|(?:last|this|earlier|later|again|then)\b"  # a time: "last week", "later"
)
"""What may follow the verb of an attribution after a quote, other than a stop or a
preposition: a time."""
UNLISTED_VERB_AFTER_QUOTE = re.compile(
    r"\s*(?P<subject>(?:(?:an?|the)\s+[a-z]+\s+)?"  # a determiner and adjective: "an angry"
    r"[A-Z][\w’'\u2024-]*(?:\s+[A-Z][\w’'\u2024-]*){0,3})"  # a name: "Hannity", "Sen. Jane Roe"
    r"\s+(?P<verb>[a-z]{2,}ed|[a-z]{2,}(?<![su])s|shot\s+back)"  # a verb: "pressed", "notes"
    r"(?=\s*[.,;]|\s+(?:with|as|at|in|from|after|before|while|during|to|and)\b"  # then a stop,
    r"|\s+(?:" + AFTER_VERB_CIRCUMSTANCE + r"))"  # or a time
)
"""The name and verb right after a quote whose sentence goes on ("…,” Hannity pressed.",
"…,” Viguerie notes.", "…,” Roe fumed on Tuesday.", "…,” Roe barked and left."): news
attributes a quote there whatever the verb, so a verb missing from
``data/reporting_verbs.csv`` ("retaliated", "shot back") or left out of it as noun-like
("notes") still names the speaker, when the phrase is a person's name. Only quotes use it:
such a verb elsewhere is no cue for reported speech."""
UNLISTED_VERB_GROUP_AFTER_QUOTE = re.compile(
    r"\s*(?P<subject>(?:[Ss]ome|[Mm]any|[Ss]everal|[Oo]ther|[Tt]wo|[Tt]hree|[Dd]ozens\s+of|"
    r"[Hh]undreds\s+of)(?:\s+[a-z\-]+){1,2})"  # a group of people: "some protesters"
    r"\s+(?P<verb>[a-z]{2,}ed|[a-z]{2,}(?<![su])s)"  # a verb: "chanted"
    r"(?=\s*[.,;]|\s+(?:" + AFTER_VERB_CIRCUMSTANCE + r"))"  # then a stop or a time
)
"""The same for a group of people counted or quantified ("…!” some protesters chanted.",
"…,” two officials insisted on Monday.), with the verb ending the clause, so that "…,” many
needed to win" is no attribution; a description with "the" ("…,” the committee decided.")
needs a listed verb."""
UNLISTED_VERB_FIRST_AFTER_QUOTE = re.compile(
    r"\s*(?P<verb>[a-z]{2,}(?:ed|es))"  # a past or present verb: "beamed", "agrees"
    r"\s+(?P<subject>[A-Z][\w’'\u2024-]*(?:\s+[A-Z][\w’'\u2024-]*){1,3})"  # a full name
    r"(?=\s*[.,;]|\s+(?:of|from|who|as|with)\b)"  # then a stop: "beamed Jane Roe of Ohio"
)
"""The same with the verb first ("…!” beamed Jane Roe.; "…,” agrees Jane Roe), for a name of
two words or more."""
DOCUMENT_READS_AFTER_QUOTE = re.compile(
    r"\s*(?:(?P<subject>(?:the|an?|one|another|his|her|its|their)\s+[\w’'-]+(?:\s+[\w’'-]+){0,2}?)"
    r"\s+reads?"  # the text that holds the words: "…,” the statement read.
    r"|reads?\s+(?P<inverted>(?:the|an?|one|his|her|its|their)\s+[\w’'-]+(?:\s+[\w’'-]+){0,2}?))"
    r"(?=\s*[.,;]|\s+(?:on|in|last|this)\b)"  # "…,” read the email.
)
"""A document quoted by what it reads ("…,” the letter reads), whatever its description."""


def unlisted_verb_speaker(span: QuoteSpan, ctx: DocContext) -> tuple[Speaker, str] | None:
    """The speaker named beside a verb missing from the list right after a quote whose sentence
    continues: a person's name (:data:`UNLISTED_VERB_AFTER_QUOTE`,
    :data:`UNLISTED_VERB_FIRST_AFTER_QUOTE`) or the document that reads the words
    (:data:`DOCUMENT_READS_AFTER_QUOTE`), and the verb."""
    if (
        span.close_mark is None
        or ctx.masked[span.start : span.close_mark].rstrip()[-1:] not in ",?!"
    ):
        return None
    patterns = {
        UNLISTED_VERB_AFTER_QUOTE: "name",
        UNLISTED_VERB_FIRST_AFTER_QUOTE: "name",
        UNLISTED_VERB_GROUP_AFTER_QUOTE: "nominal",
    }
    for pattern, kind in patterns.items():
        if m := pattern.match(ctx.masked, span.close_mark + 1, span.para_end):
            speaker = resolve_speaker(m["subject"], m.start("subject"), ctx)
            if speaker is not None and speaker.kind == kind:
                return speaker, m["verb"]
    if m := DOCUMENT_READS_AFTER_QUOTE.match(ctx.masked, span.close_mark + 1, span.para_end):
        group = "subject" if m["subject"] else "inverted"
        speaker = resolve_speaker(m[group], m.start(group), ctx)
        if speaker is not None:
            return speaker, "read"
    return None


NAME_BEFORE_QUOTE = r"(?P<name>[A-Z][^,;:.!?\"“”«»\n]{0,60}?|[Tt]he\s[^,;:.!?\"“”«»\n]{1,60}?)"
"""A name or a definite description ("Jane Roe", "The Post's Dana Milbank")."""
INTRODUCING_BEFORE_QUOTE = tuple(
    re.compile(pattern + r"\s*[,:]?\s*$")
    for pattern in (
        # a naming verb in a relative clause: what Jane Roe called “…”
        r"\b(?:what|which|whom?|that)\s+"
        + NAME_BEFORE_QUOTE
        + rf"\s+(?:{ADVERB_IN_LY}\s+|on\s+\w+\s+)?"
        r"(?:has\s+|had\s+|once\s+|later\s+)?"
        r"(?:called|calls|dubbed|dubs|termed|terms|described\s+as|describes\s+as)"
        r"(?:\s+(?:it|them|him|her))?(?:\s+(?:an?|the))?",
        # as Jane Roe (, her title,) put it (in a memo): “…”
        r"\b[Aa]s\s+" + NAME_BEFORE_QUOTE + r"(?:\s*,\s*(?P<appos>[^,;“”\"]{1,80}),)?"
        r"\s+(?:put|puts)\s+it"
        r"(?:\s+(?:in|on|at|to|during|when|while|after)\b[^,;:“”\"]{1,80})?",  # in a memo …
        # a reporting verb before a name and a comma: But, said Jane Roe (, who …,) “…”
        r"(?:^|[,;:—–]\s*|\b[Bb]ut\s*,?\s*)(?:[Ss]aid|[Ss]ays|[Ee]xplained|[Aa]dded|[Nn]oted|[Ww]rote)"
        r"\s+(?P<name>(?:(?!(?:that|the|an?|it|he|she|they|this)\b)[a-z]+\s+)?"  # moderator
        r"[A-Z][\w’'\-\u2024]*(?:\s+(?:[a-z]+\s+)?[A-Z][\w’'\-\u2024]*){0,4})"
        r"(?:\s*,[^,;“”\"]{1,80})?\s*[,:]",
    )
)
"""A speaker named just before a quote by a naming verb in a relative clause ("what Jane Roe
called “…”"), by "as X put it", or by a reporting verb before its subject ("But, said Roe,
“…”"): read only when the quote's sentence has no cue of its own."""


def introduced_before_quote(span: QuoteSpan, ctx: DocContext, floor: int) -> Speaker | None:
    """The speaker :data:`INTRODUCING_BEFORE_QUOTE` names between ``floor`` (the sentence
    start) and the quote."""
    before = ctx.masked[floor : span.open_mark]  # a slice: "^" is the sentence start
    for pattern in INTRODUCING_BEFORE_QUOTE:
        if m := pattern.search(before):
            appos = m.groupdict().get("appos") or ""
            if is_name_run(appos.strip()) and not is_name_run(m["name"]):  # the chief, Jane Roe,
                return resolve_speaker(appos.strip(), floor + m.start("appos"), ctx, "", m["name"])
            return resolve_speaker(m["name"], floor + m.start("name"), ctx)
    return None


PASSIVE_AGENT_BEFORE_QUOTE = re.compile(
    r"\b(?:was|were|is|are|been|being)\s+(?:\w+ly\s+)?"  # a passive: "was repeatedly"
    r"(?:asked|told|questioned|pressed|challenged|reminded|warned|urged)\s+"  # a speech verb
    r"by\s+(?P<name>[^,;:.!?\"“”«»]{1,80}?)"  # its agent: "by moderator Jane Roe"
    r"(?=\s*(?:,|\bwhether\b|\bif\b|\bwhy\b|\bhow\b|\bwhat\b|\bthat\b|\babout\b|$))"
)
"""The agent of a passive speech verb before a quote ("Roe was asked by moderator Jane Doe
whether …", "Roe was told by aides that …"): the quote is the agent's words, not the subject's."""


NAMING_VERB = (
    r"(?:call|calls|called|dub|dubs|dubbed|term|terms|termed|labels|labeled|labelled"
    r"|describes?\s+as|described\s+as)"
)
NAMED_NAMER_BEFORE_QUOTE = re.compile(
    r"\b(?:[Ww]hat|which|whom?|that)\s+"  # a relative: "what", "the plan, which"
    r"(?P<name>(?:[A-Z][\w’'\-\u2024]*\s+){0,4}"  # capitalised words: "U.S. District"
    r"(?:[a-z]+\s+)?"  # a role: "historian", "judge"
    r"[A-Z][\w’'\-\u2024]*(?:\s+[A-Z][\w’'\-\u2024]*){0,3})\s+"  # the name: "Jane Roe"
    r"(?:has\s+|had\s+|once\s+|later\s+)?"  # "has called"
    rf"(?:{ADVERB_IN_LY}\s+|on\s+\w+\s+)?"  # "aptly called", "on Monday called"
    + NAMING_VERB
    + r"(?:\s+(?:it|them|him|her))?(?:\s+(?:an?|the))?"  # "called it a"
    r"\s*[,:]?\s*$"  # … and the quote: "which Doe called “a disaster”"
)
"""A naming relative with a capitalised subject just before a quote ("Roe said the plan, which
John Doe called “a disaster,” would pass"): Doe's words, though a cue of the sentence names Roe
first. A pronoun ("which he called") is left to the sentence's cue, whose speaker it most
often is."""


CROWD_VERB = r"(?:chanting|shouting|yelling|screaming|singing|crying\s+out)"
CHANTING_BEFORE_QUOTE = re.compile(
    r"(?:\b(?:when|where|while|as|after|before|until)\s+"  # a clause: "when protesters
    r"(?P<subject>(?:[\w’'\-]+\s+){0,4}?[\w’'\-]+)\s+"  # (its subject)
    r"(?:had\s+|have\s+|has\s+|were\s+|was\s+)?[a-z]+ed\b[^.;:!?“”\"]{0,120}?,\s*"  # gathered …,
    r"|\bwith\s+(?P<with>(?:[\w’'\-]+\s+){0,4}?[\w’'\-]+)\s+)"  # or "with marchers …
    + CROWD_VERB
    + r"\s*[,:]?\s*$"  # … chanting “…”
)
"""A crowd verb whose subject is the clause just before it ("…, when protesters interrupted her,
shouting “…”", "with marchers chanting “…”"): that subject, not the sentence's, is the
speaker."""


NAMER = (
    r"(?P<subject>[\w’'\-\u2024]+(?:\s+[\w’'\-\u2024]+){0,5}?)"  # who: "aide Jane Roe", "she"
    r"(?:\s*,\s*(?P<appos>[^;:\"“”«»]{1,120}?)\s*,)?"  # ", a former aide,"
    r"\s+(?:has\s+|had\s+|have\s+|once\s+|later\s+)?"  # "has", "once"
)
WHAT_X_CALLED = re.compile(
    r"\b[Ww]hat\s+" + NAMER + NAMING_VERB + r"\s*$"  # … the words named: "what Roe called “…”"
)
"""A relative naming the quoted words just after it ("led to what aide Jane Roe called “a new
era”", "in what Roe, a former aide, described as “…”"): its subject is the speaker."""
AS_X_PUT_IT = re.compile(r"\b[Aa]s\s+" + NAMER + r"(?:put|puts)\s+it\b")
""""As Roe put it," (or "As Jane Roe, a columnist, puts it:") in the quote's sentence: Roe's
words, whatever the sentence's subject ("As Roe puts it, the mayor wants “a fair deal.”")."""


def agent_before_quote(ctx: DocContext, floor: int, open_mark: int) -> tuple[Speaker, str] | None:
    """The speaker and method of a passive's agent (:data:`PASSIVE_AGENT_BEFORE_QUOTE`,
    ``passive_agent``), of a crowd verb's clause (:data:`CHANTING_BEFORE_QUOTE`,
    ``crowd_clause``) or of a named person's naming relative (:data:`NAMED_NAMER_BEFORE_QUOTE`,
    ``what_called``) in the quote's sentence before it."""
    speaker, method = None, ""
    if m := PASSIVE_AGENT_BEFORE_QUOTE.search(ctx.masked, floor, open_mark):
        speaker, method = resolve_speaker(m["name"], m.start("name"), ctx), "passive_agent"
    elif m := CHANTING_BEFORE_QUOTE.search(ctx.masked[floor:open_mark]):
        group = "subject" if m["subject"] else "with"
        speaker, method = resolve_speaker(m[group], floor + m.start(group), ctx), "crowd_clause"
    elif m := NAMED_NAMER_BEFORE_QUOTE.search(ctx.masked, floor, open_mark):
        speaker, method = resolve_speaker(m["name"], m.start("name"), ctx), "what_called"
        if speaker is not None and speaker.method == "pronoun":
            speaker = None  # "… which I called “…”": the sentence's cue decides
    return (speaker, method) if speaker is not None else None


def namer_before_quote(ctx: DocContext, floor: int, open_mark: int) -> tuple[Speaker, str] | None:
    """The speaker and method of a naming relative (:data:`WHAT_X_CALLED`, ``what_called``) or
    of "as X put it" (:data:`AS_X_PUT_IT`, ``as_put_it``) in the quote's sentence before it;
    a name in apposition to a description is the speaker ("As the chief, Jane Roe, put it")."""
    m = WHAT_X_CALLED.search(ctx.masked, floor, open_mark) or AS_X_PUT_IT.search(
        ctx.masked, floor, open_mark
    )
    if m is None:
        return None
    method = "what_called" if m.re is WHAT_X_CALLED else "as_put_it"
    subject, appos = m["subject"], m["appos"] or ""
    if appos and is_name_run(appos) and not is_name_run(subject):
        speaker = resolve_speaker(appos, m.start("appos"), ctx, apposition=subject)
    else:
        speaker = resolve_speaker(subject, m.start("subject"), ctx, apposition=appos)
    return (speaker, method) if speaker is not None else None


RELAY_AFTER_ATTRIBUTION = re.compile(
    r"[^.!?;:\"“”]{0,150}?"  # the rest of the attribution: "said at a press conference"
    r",\s*" + ACCORDING_TO.pattern  # ", according to the Las Vegas Sun"
)
"""An attribution after a quote that names who relayed it ("…,” Roe said at a press conference,
according to the Sun.")."""
NOT_THE_ATTRIBUTION = re.compile(r"\b(?:that|saying|adding|who|which|while|but)\b", re.IGNORECASE)
"""A word that opens a clause of its own after the attribution's verb ("…,” Roe said, adding
that turnout fell, according to the census": the census is the clause's source)."""


def relay_after_attribution(ctx: DocContext, verb_start: int) -> str:
    """Who relayed an attribution that follows a quote: the source of an "according to" that
    ends it, as :func:`according_speaker` names it ("" when none), the way "according to X"
    whose content holds a cue relays that cue's reported words."""
    masked = ctx.masked
    end = sentence_end_after(masked, verb_start)
    m = RELAY_AFTER_ATTRIBUTION.match(masked, verb_start, end)
    if m is None or NOT_THE_ATTRIBUTION.search(masked, verb_start, m.start("subject")):
        return ""
    source = according_speaker(m["subject"].strip(), m.start("subject"), ctx)
    if source is None:
        return ""
    # the sentence's own stop, read as an abbreviation's ("the Las Vegas Sun."): not the name's
    at_end = not masked[m.end("subject") : end].strip()
    return source.name[:-1] if at_end and source.name.endswith(".") else source.name


ACCORDING_TO_AFTER_QUOTE = re.compile(r"[\s,]*" + ACCORDING_TO.pattern, re.IGNORECASE)
"""The source given right after a quote's closing mark ("…,” according to the outlet.)."""


@lru_cache(maxsize=1)
def verb_first_at_end_re() -> re.Pattern:
    """A listed reporting verb before its subject, ending the sentence after a comma ("…” for
    Clinton, said Jane Roe, a former governor.)."""
    return re.compile(
        r",\s+(?P<verb>" + verb_alternation() + r")"
        r"\s+(?P<subject>(?:(?:the|an?)\s+)?(?:[a-z\-]+\s+){0,3}"  # a role: pollster
        r"[A-Z][\w’'\u2024-]*(?:\s+[A-Z][\w’'\u2024-]*){0,4}"  # a name: Jane Roe
        r"|the\s+[a-z\-]+(?:\s+[a-z\-]+){0,2})"  # or a description: the former minister
        r"(?:\s*,[^.;!?“”\"]{1,200})?[.!?]?\s*$"  # an apposition, to the sentence end
    )


def attribute_quote(
    span: QuoteSpan, cues: list[Cue], ctx: DocContext
) -> tuple[Speaker, str, str, str]:
    """(speaker, cue word, attribution method, via) for one quote, or UNKNOWN with method 'none'."""
    masked = ctx.masked
    if found := cue_after_quote(masked, span):
        for cue in cues_between(cues, found.verb_start, found.verb_start + 1):
            cue.used = True
        left = masked[
            max(span.para_start, found.subject_start - SUBJECT_WINDOW) : found.subject_start
        ]
        speaker = resolve_speaker(found.subject, found.subject_start, ctx, left, found.apposition)
        if speaker is not None:
            via = relay_after_attribution(ctx, found.verb_start)
            return speaker, found.verb, f"after_quote:{speaker.method}", via
    elif unlisted := unlisted_verb_speaker(span, ctx):
        return unlisted[0], unlisted[1], f"after_quote:{unlisted[0].method}", ""
    floor = sentence_start_before(masked, span.open_mark, span.para_start)
    floor = max(floor, span.open_mark - SUBJECT_WINDOW)  # a run-on sentence: its last part
    if found := agent_before_quote(ctx, floor, span.open_mark):
        return found[0], "", f"{found[1]}:{found[0].method}", ""
    before = cues_between(cues, floor, span.open_mark)
    for cue in reversed(before):
        if in_clause_before(cue, masked, span.open_mark):
            continue  # "When Doe suggested …, Roe fired back: “…”": Roe, not Doe
        speaker, via = cue_speaker(cue, ctx)
        if speaker is not None:
            cue.used = True
            return speaker, cue.verb, f"before_quote:{speaker.method}", via
    if m := list(ACCORDING_TO.finditer(masked, floor, span.open_mark)):
        speaker = resolve_speaker(m[-1]["subject"], m[-1].start("subject"), ctx)
        if speaker is not None:
            return speaker, "according to", f"according_to:{speaker.method}", ""
    if found := namer_before_quote(ctx, floor, span.open_mark):
        return found[0], "", f"{found[1]}:{found[0].method}", ""
    if (speaker := introduced_before_quote(span, ctx, floor)) is not None:
        return speaker, "", f"introduced_before:{speaker.method}", ""
    subject = subject_speaker(ctx, floor, span.open_mark)
    if subject is not None and subject.method != "nominal":  # a description yields to a cue
        return subject, "", f"sentence_subject:{subject.method}", ""
    end = sentence_end_after(masked, span.end - 1)  # the quote's own last mark may end it
    near_end = min(end, span.end + SUBJECT_WINDOW)  # a run-on sentence: its next part
    for cue in [
        c for c in cues_between(cues, span.end + 1, near_end) if c.left.rstrip().endswith(",")
    ]:
        speaker, via = cue_speaker(cue, ctx)
        if speaker is not None:  # "A “fragment” is accountable, Roe said."
            return speaker, cue.verb, f"sentence_end:{speaker.method}", via
    tail = max(span.end, end - SUBJECT_WINDOW)  # the attribution ends the sentence
    if found := verb_first_at_end_re().search(masked, tail, end):  # "…” for X, said Roe."
        speaker = resolve_speaker(found["subject"], found.start("subject"), ctx)
        if speaker is not None:
            return speaker, found["verb"].lower(), f"sentence_end:{speaker.method}", ""
    if span.close_mark is not None and (  # "…,” according to the outlet.
        m := ACCORDING_TO_AFTER_QUOTE.match(masked, span.close_mark + 1, end)
    ):
        speaker = resolve_speaker(m["subject"], m.start("subject"), ctx)
        if speaker is not None:
            return speaker, "according to", f"according_to:{speaker.method}", ""
    if subject is not None:  # "The rejection of the treaty was “the end”" and no cue after
        return subject, "", f"sentence_subject:{subject.method}", ""
    if span.close_mark is not None and (
        m := SIGN_OFF.match(masked, span.close_mark + 1, span.para_end)
    ):
        speaker = resolve_speaker(m["name"], m.start("name"), ctx)
        if speaker is not None and speaker.kind == "name":
            return speaker, "", f"sign_off:{speaker.method}", ""
    if m := NAME_COLON.fullmatch(masked, floor, span.open_mark):
        speaker = resolve_speaker(m["np"], floor + m.start("np"), ctx)
        if names_someone(speaker):
            return speaker, "", f"colon:{speaker.method}", ""
    if (speaker := signed_off_below(span, ctx)) is not None:
        return speaker, "", f"sign_off:{speaker.method}", ""
    return UNKNOWN, "", "none", ""


PARAGRAPH_REST = re.compile(r"\s*\.?\s*$")  # nothing but a period after a closing mark


def signed_off_below(span: QuoteSpan, ctx: DocContext) -> Speaker | None:
    """The person named by a sign-off paragraph (:data:`.cues.SIGN_OFF_PARAGRAPH`) right after
    the paragraph that ``span`` fills from its first character to its last (a final period
    aside)."""
    masked = ctx.masked
    if span.close_mark is None or NOT_SPACE.search(masked, span.para_start, span.open_mark):
        return None
    if not PARAGRAPH_REST.match(masked, span.close_mark + 1, span.para_end):
        return None
    below = NOT_SPACE.search(masked, span.para_end)
    m = below and SIGN_OFF_PARAGRAPH.match(
        masked, below.start(), paragraph_end(masked, below.start())
    )
    speaker = m and resolve_speaker(m["name"], m.start("name"), ctx)
    return speaker if speaker and speaker.kind == "name" else None


def introduced_by_previous_paragraph(
    span: QuoteSpan, cues: list[Cue], ctx: DocContext
) -> tuple[Speaker, str] | None:
    """For a quote that opens its paragraph without a cue: the speaker the previous paragraph's
    last sentence introduces when it ends with a colon ("Roe added:"), by its cue or subject."""
    masked = ctx.masked
    previous_end = visible_end(masked, 0, span.para_start)  # the previous paragraph's end
    if not previous_end or masked[previous_end - 1] != ":":
        return None
    para_start = paragraph_start(masked, previous_end)
    floor = sentence_start_before(masked, previous_end - 1, para_start)
    for cue in reversed(cues_between(cues, floor, previous_end)):
        speaker, _ = cue_speaker(cue, ctx)
        if speaker is not None:
            return speaker, cue.verb
    if m := list(ACCORDING_TO.finditer(masked, floor, previous_end)):
        speaker = resolve_speaker(m[-1]["subject"], m[-1].start("subject"), ctx)
        if speaker is not None:
            return speaker, "according to"
    speaker = subject_speaker(ctx, floor, previous_end)
    return (speaker, "") if speaker is not None else None


def previous_paragraph_start(text: str, para_start: int) -> int:
    """Start of the paragraph before the one starting at ``para_start`` (-1 when none)."""
    previous_end = visible_end(text, 0, para_start)
    return paragraph_start(text, previous_end) if previous_end else -1


PARAGRAPH_WINDOW = 4 * SUBJECT_WINDOW
"""How far before a quotation without a cue its paragraph is read for its speaker
(:func:`paragraph_subject`). News paragraphs take a few hundred characters (the longest of the
924 PolNeAR articles' 34,763 has 2,573); a page that runs thousands of quotations into one
paragraph is not read from its start for each (1,200 of them took 4.2 s, and the time grew
with the square of their number; now 0.75 s)."""


def paragraph_subject(ctx: DocContext, cues: list[Cue], start: int, end: int) -> Speaker | None:
    """The named speaker of the last sentence between ``start`` and ``end`` (its cue, else its
    clause subject), else of the first: the source of a quotation that follows without a cue
    ("Roe praised the plan. ¶ “…”", "…, Roe said. “…”"). Of a paragraph longer than
    :data:`PARAGRAPH_WINDOW`, its last part."""
    if start < 0:
        return None
    body_end = visible_end(ctx.masked, start, end)
    start = max(start, body_end - PARAGRAPH_WINDOW)
    last = sentence_start_before(ctx.masked, body_end - 1, start) if body_end > start else start
    for floor in dict.fromkeys([last, start]):
        for cue in reversed(cues_between(cues, floor, body_end)):  # from the last cue back
            if names_someone(speaker := cue_speaker(cue, ctx)[0]):
                return speaker
        if names_someone(speaker := subject_speaker(ctx, floor, body_end)):
            return speaker
    return None


def names_someone(speaker: Speaker | None) -> bool:
    """Whether a resolved speaker is a named person or organisation."""
    return speaker is not None and speaker.kind in ("name", "organisation")
