"""Speakers: the subject phrase of a cue as the person or organisation it names.

A phrase is parsed by ``speakers.parse_subject``; a name becomes an actor of ``data/actors.csv``
only where the row fits the article (``entities.fitting_actor``), a news agency of
``data/agencies.csv``, or itself; "he" and "she" go to the most recent compatible person the
text names (``entities.resolve_pronoun``), anaphoric role nouns ("the diplomat") to the last
actor-list person named; anything else keeps its surface ("a source in the alliance").
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from operator import attrgetter

from ..fastregex import Scanner, scanner
from ..resources import (
    NameTable,
    actors,
    agency_names,
    alias_key,
    anaphoric_titles,
    group_nouns,
    name_table,
)
from ..text import words
from .cues import (
    clause_subject,
    named_elsewhere,
    paragraph_start,
    sentence_bounds,
    sentence_start_before,
)
from .entities import (
    FullNames,
    Mention,
    fits_gender,
    fitting_actor,
    gender_after,
    gender_by_surname,
    known_surnames,
    name_runs,
    resolve_pronoun,
    surnames_of,
    text_mentions,
)
from .quote_spans import QuoteCover, visible_end
from .speakers import (
    POSTMODIFIER,
    Phrase,
    mask_abbreviations,
    name_before_comma,
    parse_subject,
    split_apposition,
    starts_apposition,
    starts_with_determiner,
    word_set,
)

# Role nouns that news English uses to refer back to the person just named ("The diplomat added").
ANAPHORIC_NOUNS = anaphoric_titles()  # data/titles.csv


@lru_cache(maxsize=1)
def actor_names() -> NameTable:
    return name_table(actors())


@lru_cache(maxsize=1)
def person_names() -> NameTable:
    return name_table(actors(), keep=lambda row: row["kind"] == "person")


@lru_cache(maxsize=1)
def person_scanner() -> Scanner:
    """:func:`person_names` tried only where a name starts (the same matches)."""
    return scanner(person_names().anywhere)


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
    """What speaker resolution knows of one document: its masked text, date and named people.
    The people a pronoun may refer to (:attr:`mentions`) are found when a pronoun first asks:
    a document whose quotes name their speakers never needs them."""

    text: str = field(repr=False)
    masked: str
    published: str
    quoted: Sequence[tuple[int, int]] = ()  # spans whose names no pronoun refers to

    @cached_property
    def runs(self) -> list:
        """The name runs of the masked text."""
        return name_runs(self.masked)

    @cached_property
    def names(self) -> list[Mention]:
        """Every run of two names or more, for lone surnames."""
        return text_mentions(self.masked, agents_only=False, surnames=set(), runs=self.runs)

    @cached_property
    def actor_mentions(self) -> list[tuple[int, str]]:
        """Actor-list persons named in the text whose row fits the article, in text order
        (found when a pronoun or a role noun first asks)."""
        return sorted(person_mentions(self.text, self.published))

    @cached_property
    def mentions(self) -> list[Mention]:
        """People named in the narrative (outside :attr:`quoted`), in text order: each name
        run, each named sentence subject and each actor-list person."""
        surnames = surnames_of(self.names)
        found = text_mentions(self.masked, surnames=surnames, runs=self.runs)
        found += subject_mentions(self.masked, surnames)
        quoted = QuoteCover([], self.quoted)
        mentions = {m.start: m for m in found if not quoted.covers(m.start)}
        for at, name in self.actor_mentions:
            mentions.setdefault(at, Mention(at, name, ""))
        return [mentions[k] for k in sorted(mentions)]

    @cached_property
    def lower_case_words(self) -> frozenset[str]:
        """The words the text writes in lower case (found when a capitalised word asks)."""
        return frozenset(w for w in set(words(self.masked)) if w[:1].islower())

    @cached_property
    def full_names(self) -> FullNames:
        """The full names of :attr:`names` by surname, for lone surnames (``full_name_for``)."""
        return FullNames.of(self.names)

    @cached_property
    def surname_genders(self) -> dict[str, str]:
        """The gender each surname of :attr:`mentions` is given (``entities.gender_by_surname``)."""
        return gender_by_surname(self.mentions)


def _known(row: dict, surface: str, method: str) -> Speaker:
    kind = "name" if row["kind"] == "person" else "organisation"
    return Speaker(row["name"], surface, row["affiliation"], row["camp"], method, kind)


def _agency(row: dict, surface: str) -> Speaker:
    return Speaker(
        row["name"], surface, f"news media ({row['country']})", "media", "agency", "organisation"
    )


def _actor_row(surface: str, ctx: DocContext, exact: bool) -> dict | None:
    """The actor row an alias names (the whole phrase, or its end when not ``exact``), if it
    fits the article."""
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
    return Speaker(
        phrase.name,
        phrase.surface,
        phrase.apposition or "unknown",
        "unknown",
        phrase.kind,
        phrase.kind,
    )


PRONOUN_ENDING = re.compile(r"\s(he|she)$")
"""A subject pronoun ending a longer subject phrase: the subject of a clause with no relative
word ("the impact he said the plan would have", "Recently she said"), or a phrase read too far
back ("Many of the assertions since he said"); the pronoun, not the phrase, is the speaker."""


RELATIVE_AFTER_NAME = re.compile(
    r"(?:^|[,;—–]\s*)(?:[A-Z][^,;—–]*?\s)??"  # a clause before it: "Talks were led by"
    r"(?P<name>[A-Z][^,;—–]{0,60}?)"  # the name: "Rep. Jane Roe (D-Ohio)"
    r"\s*,\s*(?:who|whose)\b[^,;]*,?\s*$"
)  # its relative clause up to the verb
"""A name whose relative clause sits between it and the verb ("Jane Roe, who chairs it, said"):
the subject phrase found after "who" is the clause's, the speaker is the name."""


def relative_floor(left: str) -> int:
    """Where a :data:`RELATIVE_AFTER_NAME` match in ``left`` can start at the earliest: after
    the fourth comma or semicolon from the end, since a match holds at most three (one before
    the name's clause, one before "who", one after the relative clause) and reaches the end. A
    paragraph of thousands of sentences is then not searched from its start for each verb."""
    floor = len(left)
    for _ in range(4):
        floor = max(left.rfind(",", 0, floor), left.rfind(";", 0, floor))
        if floor < 0:
            return 0
    return floor + 1


def resolve_speaker(
    phrase: str, offset: int, ctx: DocContext, left: str = "", apposition: str = ""
) -> Speaker | None:
    """The speaker of a subject phrase, or None when the phrase cannot be a speaker.

    ``left`` is the text before the phrase, for an apposition ("Name, editor of X, said");
    pronouns go to the most recent compatible person named before ``offset``, role nouns
    ("the diplomat") to the last actor-list person named before, or stay as written.
    """
    if relative := RELATIVE_AFTER_NAME.search(left, relative_floor(left)):
        left, phrase, apposition = left[: relative.start("name")], relative["name"], ""
    parsed = parse_subject(phrase, apposition)
    if parsed is not None and parsed.kind == "nominal" and (end := PRONOUN_ENDING.search(phrase)):
        phrase, offset = end[1], offset + end.start(1)  # "the impact he said": "he" said it
        parsed = parse_subject(phrase)
    described = (  # "officials", or "Jane Roe, the director" (the apposition's comma left out)
        parsed is not None
        and parsed.kind == "nominal"
        and (not starts_with_determiner(phrase) or _role_after_full_name(phrase, left))
    )
    if parsed is None or described:
        split = split_apposition(left)
        if (
            split is None
            and (name := name_before_comma(left))
            and (not phrase.strip() or starts_apposition(phrase))
        ):
            split = (name, phrase, 0)
        named = parse_subject(split[0], split[1]) if split else None
        if named is not None and named.kind == "name":
            speaker = _from_phrase(named, ctx)
            return dataclasses.replace(speaker, method="appositive")
        if parsed is None and not phrase.strip() and (found := source_set_off(left)):
            head, apposition, at = found  # "Two officials, speaking on condition of anonymity,"
            parsed, offset = (
                parse_subject(head, apposition),
                visible_end(ctx.masked, 0, offset) - len(left) + at,  # the verb's spaces left out
            )
    if parsed is None:
        return None
    if is_unknown_word(parsed, offset, ctx):  # "Aides said": a common noun opening a sentence
        parsed = dataclasses.replace(parsed, name=parsed.surface, kind="nominal")
    if parsed.kind == "pronoun":
        found = pronoun_antecedent(parsed.gender, offset, ctx)
        if found is None:
            return None
        speaker = _from_phrase(Phrase(found.name, parsed.surface, "name"), ctx)
        return dataclasses.replace(speaker, method="pronoun")
    key = alias_key(parsed.surface)
    if (
        parsed.kind == "nominal"
        and _is_anaphor(key)
        and not actor_names().at_end.search(parsed.surface)
    ):
        earlier = [name for at, name in ctx.actor_mentions if at < offset]
        if earlier:
            return _known(actor_names().rows[alias_key(earlier[-1])], parsed.surface, "anaphor")
    return _from_phrase(parsed, ctx)


SOURCE_SET_OFF = re.compile(
    r"\s*(?P<head>[^,;:—–]{1,80}?)"  # the source: "Two officials at the ministry"
    r"\s*,\s*(?P<appos>[^,;:—–]{1,160}?)\s*,\s*"  # ", speaking on condition of anonymity,"
)


CLAUSE_WORDS = word_set("""
    is was were are be been has have had will would can could may might do does did
    but or so because if when while although though unless until since whether than then that
    which
""")
"""Words of a clause, not of a source and its description: "The program is hardly formal, but
it has attracted a loyal following, said Ms. Gil" holds no source before the verb."""
RELATIVE_OPENERS = {"who", "whose"}


def source_set_off(left: str) -> tuple[str, str, int] | None:
    """(source, what sets it off, the source's offset in ``left``) when ``left``, all the
    subject window before a verb, is a source and one description between commas ("Two
    officials at the ministry, speaking on condition of anonymity,"; "Officials, who asked
    not to be named,"; "He, visibly moved,"), neither of them a clause (:data:`CLAUSE_WORDS`;
    the description may be a relative clause). A name there is
    :func:`.speakers.split_apposition`'s."""
    m = SOURCE_SET_OFF.fullmatch(left)
    if m is None or not starts_apposition(m["appos"]):
        return None
    head, appos = set(m["head"].lower().split()), m["appos"].lower().split()
    relative = appos[0] in RELATIVE_OPENERS
    if head & CLAUSE_WORDS or appos[0] == "and" or (not relative and set(appos) & CLAUSE_WORDS):
        return None
    return m["head"], m["appos"], m.start("head")


def is_unknown_word(parsed: Phrase, offset: int, ctx: DocContext) -> bool:
    """Whether a name of one word, alone or before what it is of, for or at, opening its
    sentence at ``offset`` ("Aides said", "Supporters of Jane Roe said"), is one only by the
    capital every sentence takes: a noun for a group of sources (``data/group_nouns.csv``) or
    one the document writes in lower case elsewhere ("the aides"), and never capitalised
    inside a sentence, where a name keeps its capital (:func:`.cues.named_elsewhere`)."""
    masked, word = ctx.masked, parsed.name
    return (
        parsed.kind == "name"
        and parsed.surface.startswith(word)
        and (word == parsed.surface or POSTMODIFIER.match(parsed.surface, len(word)))
        and " " not in word
        and word[1:].islower()
        and sentence_start_before(masked, offset, paragraph_start(masked, offset)) == offset
        and not named_elsewhere(masked, word)  # answered per word, before every lower-case word
        and (word.lower() in group_nouns() or word.lower() in ctx.lower_case_words)
    )


def _role_after_full_name(phrase: str, left: str) -> bool:
    """Whether a subject phrase is a role ("the director", "a lawyer") after a full name and
    its comma that are all of ``left`` ("Jane Roe,"; not "In Ohio, Jane Roe,", "At a rally in
    Manchester, New Hampshire," or "Mrs. Roe, these people said,")."""
    name = name_before_comma(left)
    return (
        phrase.split()[0].lower() in ("the", "a", "an")
        and len(name.split()) > 1
        and " ".join(left.split()) == f"{name},"
    )


def pronoun_antecedent(gender: str, offset: int, ctx: DocContext) -> Mention | None:
    """The person a pronoun before ``offset`` refers to: the most recent compatible person
    (:func:`.entities.resolve_pronoun`), unless the named subject of that person's sentence is
    compatible too ("Roe said her talks with Doe went well. She …": Roe, not Doe)."""
    found = resolve_pronoun(gender, offset, ctx.mentions, ctx.surname_genders)
    if found is None or found.subject:
        return found
    start = sentence_start_before(ctx.masked, found.start, paragraph_start(ctx.masked, found.start))
    first, last = (
        bisect_left(ctx.mentions, at, key=attrgetter("start")) for at in (start, found.start)
    )
    subject = next((m for m in ctx.mentions[first:last] if m.subject), None)
    if subject is not None and fits_gender(subject, gender, ctx.surname_genders):
        return subject
    return found


def _is_anaphor(key: str) -> bool:
    """ "the diplomat", "the Russian diplomat": a definite role noun of at most three words."""
    tokens = key.split()
    return (
        tokens[:1] == ["the"]
        and len(tokens) <= 3
        and (tokens[-1] in ANAPHORIC_NOUNS or key[4:] in ANAPHORIC_NOUNS)
    )


def person_mentions(text: str, published: str = "") -> list[tuple[int, str]]:
    """Offsets of actor-list persons named in the text whose row fits the article (possessives
    such as "Putin's" excluded)."""
    found = []
    for m in person_scanner().finditer(text):
        if re.match(r"['’]s?\b", text[m.end() : m.end() + 2]):
            continue
        row = person_names().lookup(m[0])
        if fitting_actor(row, m[0], published):
            found.append((m.start(), row["name"]))
    return found


def subject_mentions(masked: str, surnames: set[str] | None = None) -> list[Mention]:
    """The named subject of each sentence ("Roe vowed …"): the antecedent news English most
    often means by the next sentence's "he" or "she" (gender from the rest of its sentence).
    A person's name only: two names or more, an honorific, or the surname of a full name in
    the text ("Russia" or "The US and Russia" is no antecedent of "he"; ``surnames``, found
    here when not given)."""
    found = []
    surnames = known_surnames(masked) if surnames is None else surnames
    for start, end in sentence_bounds(masked):
        subject = clause_subject(masked, start, end)
        if subject is None or " and " in subject[0]:
            continue
        parsed = parse_subject(subject[0])
        person = (
            parsed is not None
            and parsed.kind == "name"
            and (len(parsed.name.split()) >= 2 or parsed.gender or parsed.name in surnames)
        )
        if person:
            offset = subject[1] + subject[0].rfind(parsed.name.split()[-1])
            gender = parsed.gender or gender_after(masked, subject[1] + len(subject[0]))
            found.append(Mention(offset, parsed.name, gender, subject=True))
    return found


def document_context(text: str, published: str, quoted: list[tuple[int, int]] = ()) -> DocContext:
    """What speaker resolution needs of one document; people named inside the ``quoted``
    spans (start, end) are not mentions a pronoun of the narrative can refer to."""
    return DocContext(text, mask_abbreviations(text), published, quoted)
