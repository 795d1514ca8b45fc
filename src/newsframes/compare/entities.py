"""People and organisations named in one document, found from its text, not from a list.

* :func:`text_mentions`: name runs that the grammar shows to be a person (a title before them,
  a reporting verb, "who" or an apposition after them), with the
  gender that an honorific or the first pronoun of their sentence gives;
* :func:`resolve_pronoun`: "he"/"she" to the most recent compatible person, or nobody;
* :func:`canonical_names`: one name per person within the document ("Roe" and
  "Mrs. Roe" become "Jane Roe" when the text names her in full);
* :func:`fitting_actor`: a row of ``data/actors.csv`` only where it fits the article: its full
  name, or a shorter alias when the article's date lies in the row's ``valid_period``, so a
  story's actor list never renames a stranger of another time.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from operator import attrgetter
from typing import NamedTuple

from ..text import written_in_lower_case
from .cues import SUBJECT_WINDOW, named_elsewhere
from .speakers import (
    DETERMINERS,
    FUNCTION_WORDS,
    HONORIFIC_GENDER,
    MASK,
    MONTH_WORDS,
    NAME_PARTICLES,
    PRONOUN_GENDER,
    TIME_PREPOSITIONS,
    TITLE_WORDS,
    is_date_before_name,
    name_run_at_end,
    split_title,
    unmask,
    word_set,
)

NAME_RUN = re.compile(
    r"[A-Z](?<![\w’'\-].)"  # a capital not inside a word (read first: the engine skips to one)
    r"(?:[\w’'\-]*\u2024?[ \t]+[A-Z])*"  # titles and first names: "Sen. Jane", "Former Gov."
    r"[\w’'\-]*[\w]"  # the rest of the last name token
)
AGENT_AFTER = re.compile(
    r"\s*(?:,\s*(?!(?:that|which|and|but|or|where|when|as|so|if|in|on|at|for)\b)[a-z\d]"  # appos.
    r"|,?\s+who\b"  # a relative clause about a person
    r"|\s(?:also\s+|later\s+|has\s+|had\s+)?(?:says|said|told|tells|wrote|writes|asked|asks|added|"
    r"adds|argued|argues|explained|noted|insisted|warned|tweeted)\b)"
)  # a reporting verb
"""What follows a person's name: an apposition, a relative "who", or a reporting verb."""
SENTENCE_END = re.compile(r"[.!?][\"”’]?\s")
SENTENCE_OPENERS = (
    FUNCTION_WORDS
    | DETERMINERS
    | {
        "what",
        "why",
        "how",
        "who",
        "yes",
        "no",
        "then",
        "now",
        "but",
        "and",
        "so",
        "yet",
        "also",
        "still",
        "even",
        "there",
        "here",
        "if",
        "meanwhile",
        "however",
        "asked",
        "like",
        "only",
        "since",
        "although",
        "though",
        "unless",
        "until",
        "while",
        "whether",
        "where",
        "after",
    }
)
"""Capitalised words that open a sentence before a name ("And NATO", "What Russia")."""


@dataclass(frozen=True)
class Mention:
    start: int
    name: str
    gender: str
    subject: bool = False  # the named subject of its sentence


PRONOUN_OR_NAME = re.compile(r"\b(?:he|him|his|she|her|hers)\b|(?<![.!?]\s)\b[A-Z][a-z]+\b")


@lru_cache(maxsize=2048)  # asked twice per name run (every run, then the agents): a few documents
def gender_after(masked: str, end: int) -> str:
    """Gender of the first third-person pronoun in the rest of the sentence, if no other name
    comes before it; read within :data:`.cues.SUBJECT_WINDOW` characters (a run-on sentence is
    not read to its end for each name)."""
    window_end = min(len(masked), end + SUBJECT_WINDOW)
    stop = SENTENCE_END.search(masked, end, window_end)
    rest = masked[end : stop.start() if stop else window_end]
    m = PRONOUN_OR_NAME.search(rest)
    return PRONOUN_GENDER.get(m[0], "") if m else ""


def known_surnames(masked: str) -> set[str]:
    """Last names of the text's runs of two names or more ("Roe" of "Jane Roe")."""
    return surnames_of(text_mentions(masked, agents_only=False, surnames=set()))


def surnames_of(every_run: list[Mention]) -> set[str]:
    """Last names of the runs of two names or more among ``every_run`` (the mentions
    ``text_mentions(masked, agents_only=False)`` finds)."""
    return {m.name.split()[-1] for m in every_run if len(m.name.split()) >= 2}


class NameRun(NamedTuple):
    """A run of capitalised words ending in a name: where it ends, the name's words (titles
    dropped), whether a title word came before it and the gender its honorific gives (a named
    tuple: a text has thousands of runs, and a tuple is built faster than a frozen dataclass)."""

    end: int
    name: tuple[str, ...]
    titled: bool
    gender: str


@lru_cache(maxsize=1 << 16)
def parsed_run(run: str) -> tuple[tuple[str, ...], bool, str] | None:
    """(name, titled, gender) of a :data:`NAME_RUN` match (see :class:`NameRun`), or None for
    a run left with no name or whose last word is not a capitalised word of two letters or
    more; the same runs recur across a corpus, so each is parsed once. Words that open a
    sentence and a date before the name are dropped (:func:`.speakers.is_date_before_name`:
    "On Tuesday Clinton" names Clinton; :func:`name_runs` gives a month its word of time from
    the text: "in January Sanders")."""
    tokens, after_time_word = run.split(), False
    while tokens:
        word = tokens[0].lower()
        if word in SENTENCE_OPENERS:
            after_time_word = word in TIME_PREPOSITIONS
        elif len(tokens) > 1 and is_date_before_name(word, after_time_word):
            after_time_word = False
        else:
            break
        tokens = tokens[1:]
    titles, name = split_title(name_run_at_end(tokens))
    if not name or not name[-1][:1].isupper() or len(name[-1]) < 2:
        return None
    keys = [t.rstrip(MASK + ".").lower() for t in titles]
    gender = next((HONORIFIC_GENDER[k] for k in keys if k in HONORIFIC_GENDER), "")
    return tuple(name), any(k in TITLE_WORDS for k in keys), gender


def name_runs(masked: str) -> list[NameRun]:
    """Every :class:`NameRun` of a masked text, in text order (runs :func:`parsed_run` skips
    are left out), without a first word that only a sentence's start capitalised
    (:func:`without_sentence_capital`)."""
    runs, lower_case = [], cache(partial(written_in_lower_case, masked))  # once per word
    for m in NAME_RUN.finditer(masked):
        run = m[0]
        if (
            run[0] in MONTH_INITIALS  # most runs are ruled out by their first letter
            and run.partition(" ")[0].lower() in MONTH_WORDS
            and (before := TIME_WORD_BEFORE.search(masked, max(0, m.start() - 8), m.start()))
        ):
            run = before[0] + run  # "in January Sanders": the month is a time
        if (parsed := parsed_run(run)) is None:
            continue
        name, titled, gender = parsed
        if len(name) >= 2 and m[0].startswith(name[0]) and opens_sentence(masked, m.start()):
            name = without_sentence_capital(masked, name, lower_case)
        runs.append(NameRun(m.end(), name, titled, gender))
    return runs


def without_sentence_capital(
    masked: str, name: tuple[str, ...], lower_case: Callable[[str], bool]
) -> tuple[str, ...]:
    """A name run that opens its sentence without its first word when that word is one the
    text writes in lower case elsewhere (:func:`written_in_lower_case`) and never capitalises
    inside a sentence (:func:`.cues.named_elsewhere`): "Maybe Roe is …", "Billionaire Jane Roe
    praised …" name Roe and Jane Roe, not a person called Maybe Roe; "Rich Roe said …" keeps
    Rich where the text writes "Rich Roe" inside a sentence too, and a name particle stays
    ("De Roe", written "de Roe" inside a sentence). The rest must still end in a capitalised
    word of two letters or more (as :func:`parsed_run` asks). ``lower_case``: that test for
    this text, its answers kept once per word (:func:`name_runs`)."""
    first, rest = name[0], name[1:]
    if (
        first[1:].islower()
        and first.lower() not in NAME_PARTICLES
        and rest[-1][:1].isupper()
        and lower_case(first.lower())
        and not named_elsewhere(masked, first)
    ):
        return rest
    return name


TIME_WORD_BEFORE = re.compile(
    r"(?<![\w’'])(?i:" + "|".join(sorted(TIME_PREPOSITIONS)) + r")[ \t]+$"
)
"""One of :data:`.speakers.TIME_PREPOSITIONS` right before a word ("in " of "in January")."""
MONTH_INITIALS = frozenset(month[0].upper() for month in MONTH_WORDS)
SENTENCE_BEFORE = re.compile(r"(?:^|[\n.!?]|[.!?][\"”’)]|[\"“‘(])\s*$")
"""What may come before a sentence's first word: the text's or a line's start, a final stop
(and a closing mark), or an opening mark."""


def opens_sentence(masked: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence (:data:`SENTENCE_BEFORE`)."""
    return SENTENCE_BEFORE.search(masked, max(0, start - 8), start) is not None


def text_mentions(
    masked: str,
    agents_only: bool = True,
    surnames: set[str] | None = None,
    runs: list[NameRun] | None = None,
) -> list[Mention]:
    """Name runs of a masked text, in text order (titles dropped from the name): with
    ``agents_only``, those the grammar shows to be a person (a lone name too when it is the
    surname of a full name in the text, ``surnames``); else every run of two names or more
    (the full names a lone surname may stand for). ``runs``: the text's :func:`name_runs`,
    when already found."""
    surnames = known_surnames(masked) if surnames is None and agents_only else (surnames or set())
    found = []
    for run in name_runs(masked) if runs is None else runs:
        name = run.name
        named = len(name) >= 2 or name[0] in surnames
        agent = run.titled or (named and AGENT_AFTER.match(masked, run.end))
        if not agent and (agents_only or len(name) < 2):
            continue
        start = run.end - len(" ".join(name))
        gender = run.gender or gender_after(masked, run.end)
        found.append(Mention(start, unmask(" ".join(name)), gender))
    return found


def surname(name: str) -> str:
    return name.split()[-1].lower() if name else ""


def gender_by_surname(mentions: list[Mention]) -> dict[str, str]:
    """The gender each surname is given in the document ("" when none or both are given)."""
    seen: dict[str, set[str]] = {}
    for m in mentions:
        if m.gender:
            seen.setdefault(surname(m.name), set()).add(m.gender)
    return {key: next(iter(g)) for key, g in seen.items() if len(g) == 1}


ORGANISATION_HEADS = word_set("""
    society guard party committee council university college institute center centre foundation
    association department agency office news post times journal network campaign group union
    house senate congress court army administration company corporation bank fund league
    commission board bureau project coalition alliance beast review magazine
""")
"""Last words that make a name an organisation's ("Example Society"), never a "he" or "she"."""
PLACE_HEADS = word_set("""
    city county state states island islands valley river coast heights springs square avenue
    airport station stadium arena hotel building province region republic kingdom
""")  # not words that are also surnames: Hall, Church, Park, Bay, Tower, Street, Beach
PLACE_OPENERS = word_set("new north south east west")
"""First and last words that make a name a place's ("New England", "North Carolina", "Ho Chi
Minh City", "Madison Square"), never a "he" or "she"."""


def is_place_or_organisation(name: str) -> bool:
    """Whether a name is an organisation's or a place's by its first or last word."""
    tokens = name.lower().split()
    return (
        tokens[-1] in ORGANISATION_HEADS
        or tokens[-1] in PLACE_HEADS
        or (2 <= len(tokens) <= 3 and tokens[0] in PLACE_OPENERS)  # not "South Korean-born X Y"
    )


def resolve_pronoun(
    pronoun_gender: str, offset: int, mentions: list[Mention], genders: dict[str, str]
) -> Mention | None:
    """The most recent person named before ``offset`` whose known gender fits the pronoun
    (``mentions`` in text order; ``genders``: each surname's, :func:`gender_by_surname` of
    ``mentions``, computed once per document; names of organisations and places are skipped:
    :func:`is_place_or_organisation`). The mentions before ``offset`` are found by binary
    search, so a long document's pronouns do not each read all of them."""
    before = bisect_left(mentions, offset, key=attrgetter("start"))
    return next(
        (
            m
            for m in map(mentions.__getitem__, range(before - 1, -1, -1))
            if not is_place_or_organisation(m.name) and fits_gender(m, pronoun_gender, genders)
        ),
        None,
    )


def fits_gender(m: Mention, pronoun_gender: str, genders: dict[str, str]) -> bool:
    """Whether a person's gender (their mention's, else their surname's in ``genders``, else
    unknown) allows a pronoun of ``pronoun_gender``."""
    gender = m.gender or genders.get(surname(m.name), "")
    return not gender or gender == pronoun_gender


class FullNames(NamedTuple):
    """A document's full names (mentions of two tokens or more) by surname, in text order, and
    the gender each surname is given (:func:`gender_by_surname`): what :func:`full_name_for`
    asks for each of the document's rows, made once."""

    by_surname: dict[str, list[Mention]]
    genders: dict[str, str]

    @classmethod
    def of(cls, mentions: list[Mention]) -> FullNames:
        by_surname: dict[str, list[Mention]] = {}
        for m in mentions:
            if len(m.name.split()) >= 2:
                by_surname.setdefault(surname(m.name), []).append(m)
        return cls(by_surname, gender_by_surname(mentions))


def is_lone_surname(name: str) -> bool:
    """Whether a name is a surname alone or after an honorific ("Roe", "Mrs. Roe"), for which
    :func:`full_name_for` looks for a full name."""
    tokens = name.split()
    return len(tokens) < 2 or (
        len(tokens) == 2 and tokens[0].rstrip(".").lower() in HONORIFIC_GENDER
    )


def full_name_for(name: str, offset: int, full_names: FullNames, gender: str = "") -> str:
    """The document's full name for a lone surname ("Roe", "Mrs. Roe"), else the name.

    Candidates are full names (two tokens or more) with that surname whose gender fits; the
    most recent before ``offset`` wins, else the first after it.
    """
    if not is_lone_surname(name):
        return name
    key = surname(name)
    candidates = full_names.by_surname.get(key, [])
    if gender and candidates:
        known = full_names.genders.get(key, "")
        candidates = [m for m in candidates if (m.gender or known) in ("", gender)]
    before = [m for m in candidates if m.start <= offset]
    if before:
        return before[-1].name
    return candidates[0].name if candidates else name


def date_fits(valid_period: str, published: str) -> bool:
    """Whether an ISO date lies in a ``start/end`` period (either end may be empty; no date or
    no period: nothing contradicts)."""
    if not published or not valid_period:
        return True
    start, _, end = valid_period.partition("/")
    return (not start or start <= published[:10]) and (not end or published[:10] <= end)


def fitting_actor(row: dict, alias: str, published: str) -> bool:
    """Whether an actor row may name the speaker: its own full name anywhere, a shorter alias or a
    title only when the article's date lies in the row's period."""
    full = alias.lower() == row["name"].lower() and (
        row["kind"] != "person" or " " in alias.strip()
    )
    return full or date_fits(row.get("valid_period", ""), published)
