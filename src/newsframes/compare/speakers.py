"""Speaker phrases of English news attributions: whom the subject of a cue names.

A subject phrase as news English writes it ("Rep. Jane Roe (D-Ohio)", "Jane Roe, a senior
fellow at the institute,", "the report", "she") becomes a :class:`Phrase`: the name without its
titles ("Jane Roe"), the surface as written, what kind of speaker it is (``name``, ``nominal``
or ``pronoun``), the apposition that describes it, and the gender an honorific gives ("Mrs.").
Generic grammar only: capitalised name runs, English titles and determiners; no list of people.

Abbreviation periods ("Rep.", "Dr.", an initial "J.", "(D-Wis.)") would end a sentence for the
cue grammar, so cue finding reads :func:`mask_abbreviations`' copy of the text, of equal length.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..resources import news_abbreviations, non_speakers
from ..text import word_set

MASK = "\u2024"  # ONE DOT LEADER: stands for an abbreviation's period in the masked copy

# Capitalised words that stand before a name as its title or rank (lower case, no period).
TITLE_WORDS = word_set("""
    mr mrs ms miss dr prof professor sir dame lord lady rev reverend father rabbi pastor bishop
    rep representative sen senator gov governor pres president vice secretary speaker leader
    chairman chairwoman chair judge justice mayor sheriff attorney general lt col maj capt cmdr
    adm sgt gen colonel major captain admiral sergeant ambassador amb minister chancellor premier
    commissioner director chief deputy congressman congresswoman councilman councilwoman
    assemblyman assemblywoman delegate hon former candidate nominee reporter anchor host
    correspondent columnist analyst pollster strategist spokesman spokeswoman
    actor actress comedian author novelist historian economist activist filmmaker
""")
OFFICE_WORDS = word_set("""
    state house defense defence homeland security staff treasury commerce labor interior
    agriculture education transportation
""")
"""Words that close a title ("Secretary of State Jane Roe", "Chief of Staff John Doe") only when
they open a name run of two more names ("State Department" is a name)."""
HONORIFIC_GENDER = {
    "mr": "m",
    "sir": "m",
    "lord": "m",
    "father": "m",
    "congressman": "m",
    "councilman": "m",
    "assemblyman": "m",
    "spokesman": "m",
    "chairman": "m",
    "mrs": "f",
    "ms": "f",
    "miss": "f",
    "dame": "f",
    "lady": "f",
    "congresswoman": "f",
    "councilwoman": "f",
    "assemblywoman": "f",
    "spokeswoman": "f",
    "chairwoman": "f",
}
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
SUBJECT_PRONOUNS = {"he", "she", "him", "her"}  # "according to him"
PASSIVE_END = re.compile(r"\b(?:is|was|were|are|been|be|being)$", re.IGNORECASE)
NOT_SPEAKERS = non_speakers() | {"them", "us", "me"}  # data/non_speakers.csv, object pronouns
DETERMINERS = word_set("""
    the a an one two three four five several some many most few both all another other each
    his her their its our my no any these those this that such
""")
FUNCTION_WORDS = word_set("""
    by and or but to with for as than not of on at in from into about over after before when
    while if because so then is was were are be been has have had will would can could may might
    do does did despite although though unless until since whether
""")
DAY_WORDS = word_set("monday tuesday wednesday thursday friday saturday sunday")
MONTH_WORDS = word_set("""
    january february march april may june july august september october november december
""")
DATE_WORDS = DAY_WORDS | MONTH_WORDS | word_set("today yesterday tomorrow")
GIVEN_NAME_MONTHS = word_set("april may june august")
"""Months that are also given names ("April Ryan", "June Carter"): never read as a date
before a name."""
TIME_PREPOSITIONS = word_set("in on since until by during from through last next this")
"""Words after which a month names a time ("In January Sanders told …")."""


def is_date_before_name(word: str, after_time_word: bool) -> bool:
    """Whether a capitalised ``word`` (lower-cased) that another name word follows is a date,
    not a first name: a weekday ("On Tuesday Clinton said"), or a month after one of
    :data:`TIME_PREPOSITIONS` ("In January Sanders told"; not a month that is also a given
    name, :data:`GIVEN_NAME_MONTHS`)."""
    return word in DAY_WORDS or (
        after_time_word and word in MONTH_WORDS and word not in GIVEN_NAME_MONTHS
    )


DAYS = "|".join(sorted(DAY_WORDS))
MONTHS = "|".join(sorted(MONTH_WORDS))
TIME_WORDS = rf"(?:\d{{4}}|{DAYS}|{MONTHS})"  # a year, a day or a month
LEADING_CONNECTIVES = re.compile(
    r"^(?:(?:but|and|so|meanwhile|furthermore|however|also|earlier|later|then|now|still|"
    r"moreover|thereafter|as|while|when|after|although|though|instead|yet|in addition|of course|"
    r"indeed|finally|similarly|likewise|even|where|whereas"
    r"|(?:in|on|during|since|by)\s+"
    + TIME_WORDS  # "In 2010", "On Monday", "On May 3",
    + r"(?:\s+\d{1,2}|\s+(?:morning|afternoon|evening|night))?"  # "On Monday night"
    r"|(?:last|this|next)\s+(?:week|month|year|night|" + TIME_WORDS + r")"  # "Last week"
    r")\b[\s,]*)+",
    re.IGNORECASE,
)
NOUNS_IN_LY = "(?:family|ally|assembly|rally|supply|monopoly|anomaly|bully|reply|homily)"
"""Nouns that end a subject in -ly like an adverb ("the family said", "a close ally said")."""
ADVERB_IN_LY = rf"(?-i:(?!{NOUNS_IN_LY}\b)[a-z]+ly)"
"""A word in -ly after a subject, read as an adverb ("Roe forcefully said"): in lower case, so
not a name ("Megyn Kelly said"), and not one of :data:`NOUNS_IN_LY` ("the family said")."""
TRAILING_ADVERBS = re.compile(
    r"(?:\s+(?:has|have|had|also|earlier|later|again|further|then|once|repeatedly|previously|"
    r"publicly|already|reportedly|recently|separately|simply|only|just|even|himself|herself|"
    r"never|often|soon|still|always|ever|first|initially|privately|quickly|now|since|"
    r"(?:has|have|had)\s+(?:long|twice)|"  # "The group has long"
    r"on\s+\w+|last\s+\w+|this\s+\w+"
    rf"|{DAYS}|today|yesterday"  # a day: "Roe Tuesday said"
    rf"|in\s+(?:{MONTHS})"  # a month after "in": "teachers in July said" (alone, a name too)
    rf"|{ADVERB_IN_LY}"  # an adverb: not a name ("Megyn Kelly", "Mrs. Schlafly") nor a noun
    r"))+\s*$",
    re.IGNORECASE,
)
PARENTHETICAL = re.compile(r"\s*\([^()]*\)")
NAME_TOKEN = re.compile(
    r"(?:[A-Z][\w'’\-]*\w"  # a capitalised word: Roe, O'Neill, Ocasio-Cortez
    rf"|(?:[A-Z]{MASK})+"  # initials: J. or J.K. (masked)
    r"|[A-Z]"  # a one-letter word
    rf"|[A-Z][a-z]{{0,4}}{MASK}"  # a masked title: Rep. Sen. Gov. Dr.
    r"|(?:II|III|IV|Jr|Sr)\b)$"
)
NAME_PARTICLES = {
    "de",
    "da",
    "van",
    "von",
    "der",
    "la",
    "le",
    "bin",
    "al",
    "del",
    "di",
    "du",
    "for",
}
"""Lower-case words inside a name: a person's ("Ursula von der Leyen") or an organisation's
("Club for Growth", "Center for American Progress")."""
POSTMODIFIER = re.compile(r"\s(?:of|for|from|in|at|within|close to|familiar with|inside|among)\s")
MAX_SUBJECT_WORDS = 9
RELATIVES = {"that", "who", "whom", "whose", "which"}
NUMBER_WORDS = word_set("""
    one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred thousand million hundreds thousands millions dozen dozens half third quarter
    majority majorities plurality most many several
""")
"""Words that count people ("Twenty-four percent", "Two in three", "Half of voters"): a
quantity, never a name, even capitalised."""
NOMINAL_WORD = re.compile(r"[^\W\d_](?:[\w.\-]*[\w.])?(?:['’]s?)?$")
"""A word of a short nominal subject: "officials", "U.S.", "Sanders’", "state-run"; not a
contraction ("he’d") or a broken word ("value-")."""


INITIALS_RUN = re.compile(
    r"[A-Z](?<!\w.)\.(?:[A-Z]\.)+"
)  # G.K., D.C.: a capital starting a word (read before its lookbehind: the engine skips to one)


def mask_abbreviations(text: str) -> str:
    """The text with each abbreviation's period replaced by :data:`MASK` (same length).

    Masked: runs of initials ("G.K.", "D.C."), listed abbreviations (``data/abbreviations.txt``:
    titles, months), one capital letter's period (an initial), and every period inside
    parentheses ("(D-Wis.)").
    """
    known = news_abbreviations()
    masked = INITIALS_RUN.sub(lambda m: m[0].replace(".", MASK), text)
    pieces, last = [], 0
    for m in short_words_before_periods(masked):
        word = m[1]
        if word.lower() in known or (len(word) == 1 and word.isupper()):
            pieces += [masked[last : m.start()], word, MASK]
            last = m.end()
    masked = "".join([*pieces, masked[last:]])
    return re.sub(r"\([^()\n]{0,40}\)", lambda m: m[0].replace(".", MASK), masked)


SHORT_WORD_BEFORE_PERIOD = re.compile(r"([A-Za-z](?:\.?[A-Za-z]){0,4})\.")
RUN_MARKS = f"._{MASK}"  # with letters and digits, what a run of word characters and periods holds
REST_OF_RUN = re.compile(rf"[\w.{MASK}]*")


def short_words_before_periods(text: str) -> Iterator[re.Match]:
    r"""The matches of ``(?<![\w.MASK])([A-Za-z](?:\.?[A-Za-z]){0,4})\.`` in ``text`` (a word of
    at most five letters, periods between them allowed, and its period), found from the
    periods of the text rather than tried at every character: a match is made of word
    characters and periods (:data:`REST_OF_RUN`) and nothing of that kind stands before it, so
    it starts where its run of them starts, and a run holds at most one. Each run is read
    once backwards from its first period and skipped after it."""
    at = text.find(".")
    while at >= 0:
        start = at
        while start and (text[start - 1].isalnum() or text[start - 1] in RUN_MARKS):
            start -= 1
        if m := SHORT_WORD_BEFORE_PERIOD.match(text, start):
            yield m
        at = text.find(".", REST_OF_RUN.match(text, at).end())


def unmask(text: str) -> str:
    return text.replace(MASK, ".")


@dataclass(frozen=True)
class Phrase:
    name: str
    surface: str
    kind: str
    apposition: str = ""
    gender: str = ""


DATELINE_BEFORE = re.compile(
    r"^[A-Z][A-Z.\u2024' -]*[A-Z.\u2024]"  # the place in capitals: "WASHINGTON", "ST. LOUIS"
    r"(?:,[^―—–]{1,40}?)?"  # its state or date: ", D.C.", ", Jan. 12"
    r"(?:\s*[―—–]+|\s+-+)\s+"  # a dash, or a hyphen between spaces ("NATO-Russia" is a name)
)
"""A dateline ahead of the subject that opens an article ("PHILADELPHIA ― Roe's campaign")."""


def clean_phrase(phrase: str) -> str:
    """A subject phrase without a dateline, leading connectives, parentheticals and trailing
    adverbs."""
    phrase = DATELINE_BEFORE.sub("", " ".join(phrase.split()))
    phrase = LEADING_CONNECTIVES.sub("", phrase).strip(" ,")
    phrase = PARENTHETICAL.sub("", phrase)
    return TRAILING_ADVERBS.sub("", phrase).strip(" ,")


def _is_name_token(token: str) -> bool:
    return bool(NAME_TOKEN.match(token)) and not token.endswith(("’s", "'s", "s’", "s'"))


def _bare(token: str) -> str:
    return token.rstrip(MASK + ".").lower()


def name_run_at_end(tokens: list[str]) -> list[str]:
    """The run of name tokens that ends ``tokens`` ("John Doe" of "candidate John Doe")."""
    i = len(tokens)
    while i > 0 and (
        _is_name_token(tokens[i - 1])
        or (
            tokens[i - 1] in NAME_PARTICLES
            and i < len(tokens)
            and i > 1
            and _is_name_token(tokens[i - 2])
        )
    ):
        i -= 1
    return tokens[i:]


@lru_cache(maxsize=1 << 16)
def is_title(token: str) -> bool:
    """ "Sen.", "Governor", "Secretary-General": a title word, or a hyphenated compound of them."""
    return all(part in TITLE_WORDS for part in _bare(token).split("-"))


def starts_with_determiner(phrase: str) -> bool:
    words = clean_phrase(phrase).lower().split()
    return bool(words) and words[0] in DETERMINERS


def split_title(run: list[str]) -> tuple[list[str], list[str]]:
    """(titles, name) of a name run: everything up to the last title word is title."""
    last_title = max(
        (
            i
            for i, t in enumerate(run)
            if is_title(t) or (i == 0 and len(run) >= 3 and _bare(t) in OFFICE_WORDS)
        ),
        default=-1,
    )
    return run[: last_title + 1], run[last_title + 1 :]


def _nominal(surface: str) -> Phrase:
    name = re.sub(r"^(The|A|An)\b", lambda m: m[0].lower(), surface)
    return Phrase(name, surface, "nominal")


@lru_cache(maxsize=1 << 16)
def parse_subject(phrase: str, apposition: str = "") -> Phrase | None:
    """The speaker a subject phrase names, or None when it cannot be one ("forcefully"); the
    same phrases recur across a corpus, so each is parsed once (a :class:`Phrase` is frozen)."""
    cleaned = clean_phrase(phrase)
    surface = unmask(cleaned)
    key = surface.lower()
    if not surface or not re.search(r"[^\W\d_]", surface):
        return None
    if key in SUBJECT_PRONOUNS:
        return Phrase(key, surface, "pronoun", gender=PRONOUN_GENDER[key])
    if key in NOT_SPEAKERS or PASSIVE_END.search(surface) or PARTY_TAG.fullmatch(surface):
        return None
    if key.rsplit(" ", 1)[-1] in {"and", "but", "or"}:
        return None  # a clause joined to the next verb's: "the deal was dead and"
    if is_quantity(surface.split()):
        return _nominal(surface)
    if _bare(key) in NUMBER_WORDS:
        return None  # "Many", "Two" alone
    tokens = _head(cleaned).split()
    run = name_run_at_end(tokens)
    while len(run) > 1 and is_date_before_name(run[0].lower(), False):
        run = run[1:]  # "Tuesday Clinton" of "Tuesday Clinton said": Clinton
    titles, name = split_title(run)
    if run and not name:  # titles only: "the President", "White House", but not "Rep"
        return _nominal(surface) if len(tokens) > 1 else None
    if name == [tokens[0]] and _bare(name[0]) in NUMBER_WORDS | DETERMINERS:
        name = []  # "Many" of "Many of the claims since …": a count, not a name; "Some", "All"
    if name and any(t[:1].isupper() and len(t.rstrip(MASK)) > 1 for t in name):
        gender = next(
            (HONORIFIC_GENDER[_bare(t)] for t in titles if _bare(t) in HONORIFIC_GENDER), ""
        )
        return Phrase(_shown_name(titles, name), surface, "name", _apposition(apposition), gender)
    words = key.split()
    if len(words) > MAX_SUBJECT_WORDS or (len(words) == 1 and words[0] in DETERMINERS):
        return None
    if _is_described_group(tokens, words):
        return _nominal(surface)
    if words[0] in DETERMINERS or words[0].isdigit() or re.search(r"\w['’]s\b", key):
        return _nominal(surface)
    if (
        not run
        and len(words) <= 4
        and not set(words) & FUNCTION_WORDS
        and not words[-1].endswith("ly")
        and all(NOMINAL_WORD.match(w) for w in words)
    ):
        return _nominal(surface)
    return _coordinated(cleaned)


QUANTITY_WORDS = {"more", "less", "most", "much", "fewer", "enough"}
"""Words that count, not name, what a postmodifier follows ("more of the same")."""
CLAUSE_OPENERS = {"i", "you", "he", "she", "it", "we", "they"} | RELATIVES
"""Words that open a clause inside a subject phrase ("… her thinking say she", "… who")."""


def _is_described_group(head: list[str], words: list[str]) -> bool:
    """Whether a subject is one common noun in lower case and what it is of, for or at
    ("supporters of Jane Roe", "officials at the ministry"): ``head`` is its part before the
    postmodifier (:func:`_head`), ``words`` all of it, lower-cased. Not a participle or a
    quantity ("compared to", "more for"), nor a phrase that runs into a clause ("people
    familiar with her thinking say she", "… percent who")."""
    return (
        len(head) == 1
        and len(words) > 1
        and head[0].islower()
        and head[0] not in FUNCTION_WORDS | DETERMINERS | NUMBER_WORDS | QUANTITY_WORDS
        and not head[0].endswith(("ed", "ing"))
        and not re.fullmatch(ADVERB_IN_LY, head[0])
        and NOMINAL_WORD.match(head[0]) is not None
        and not set(words[1:]) & CLAUSE_OPENERS
    )


def _coordinated(phrase: str) -> Phrase | None:
    """Two sources joined by "and", each a speaker on its own, as one nominal source ("White
    House and Pentagon spokesmen", "attorneys and legal experts"); None otherwise. ``phrase``
    is cleaned, abbreviations still masked."""
    parts = phrase.split(" and ")
    if len(parts) != 2:
        return None
    for part in parts:
        parsed = parse_subject(part)
        if parsed is None or parsed.kind == "pronoun":
            return None
        if parsed.kind == "name" and not is_name_run(part):
            return None  # a clause, not a name: "Roe freed seven Iranian and …"
    return _nominal(unmask(phrase))


def is_quantity(words: list[str]) -> bool:
    """Whether a subject's ``words`` count people: a number word then a lower-case word or a
    number, with no function word but "of" and "in" ("Two in three", "Sixty-six percent",
    "Many prominent Republicans"; not "Majority Leader", "One such politician was")."""
    return (
        len(words) > 1
        and all(part in NUMBER_WORDS for part in _bare(words[0]).split("-"))
        and (words[1].islower() or words[1].isdigit())
        and not {w.lower() for w in words} & ((FUNCTION_WORDS - {"of", "in"}) | RELATIVES)
    )


ROLE_AND_NAME = re.compile(
    r"(?:[A-Z][\w’'\-]*\s+)+"  # the rest of an organisation's name: "Ohio", "America"
    r"(?P<role>(?:[a-z][\w’'\-]*\s+){1,3})"  # a role: "professor", "political scientist"
    r"[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*)+"  # a full name: "Paul Beck"
)
"""What follows "of" in a name's premodifier ("University of Ohio professor Paul Beck",
"Bank of America analyst Jane Roe"): the organisation, the role, then the name."""


LOWER_ROLE_AND_NAME = re.compile(
    r"(?P<role>"
    r"[A-Z]?[a-z][\w’'\-]*\s+"  # its first word, capitalised where it opens the sentence
    r"(?:[a-z][\w’'\-]*\s+)*"  # the rest in lower case, "of" included: "master of ceremonies"
    r")"
    r"[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*)+"  # a full name: "Jane Roe"
)
"""A role written before a full name as its title ("master of ceremonies Jane Roe", "chief of
staff John Doe"); see :func:`is_role_and_name`."""


def is_role_and_name(phrase: str) -> bool:
    """Whether ``phrase`` is a role in lower case then a full name (:data:`LOWER_ROLE_AND_NAME`):
    a role that ends in a word of its own, not "supporters of Jane Roe", and whose first word,
    when capitalised at a sentence's start, is a title ("Former secretary of state Jane Roe"),
    not "Supporters of Jane Roe"."""
    m = LOWER_ROLE_AND_NAME.fullmatch(phrase)
    if not m or starts_with_determiner(phrase):
        return False
    role = m["role"].split()
    first = role[0]
    return role[-1] not in FUNCTION_WORDS and (first.islower() or first.lower() in TITLE_WORDS)


def _head(phrase: str) -> str:
    """The phrase before its first postmodifier ("Jane Roe" of "Jane Roe of Ohio", "a
    spokeswoman" of "a spokeswoman for Jane Roe"), unless that part is only a title
    ("Secretary" of "Secretary of State Jane Roe"), the postmodifier ends in a role and a name
    (:data:`ROLE_AND_NAME`) or it is a name's "for" ("Club for Growth")."""
    for m in POSTMODIFIER.finditer(phrase):
        run = name_run_at_end(phrase[: m.start()].split())
        role = ROLE_AND_NAME.fullmatch(phrase, m.end()) if run else None
        if role and not set(role["role"].split()) & (FUNCTION_WORDS | DETERMINERS):
            return phrase
        if not run and is_role_and_name(phrase):
            return phrase  # "master of ceremonies Jane Roe", not "the son of Senator John Doe"
        if m[0].strip() == "for" and run:
            continue  # "for" inside a name: "Club for Growth"; "a lawyer for Roe" is a lawyer
        if not run or split_title(run)[1]:
            return phrase[: m.start()]
    return phrase


def _shown_name(titles: list[str], name: list[str]) -> str:
    """The name without its titles, except an honorific before a lone surname ("Mrs. Roe")."""
    if len(name) == 1 and titles and _bare(titles[-1]) in HONORIFIC_GENDER:
        return unmask(f"{titles[-1]} {name[0]}")
    return unmask(" ".join(name))


def _apposition(text: str) -> str:
    """The description an apposition gives ("a senior fellow at X"), none for a clause, an
    adverbial or a participle ("who chaired it", "in a statement", "speaking to reporters",
    "visibly angry", "during a rally"): a speaker's affiliation, not what the speaker did."""
    words = text.split()
    if not words or words[0].lower() in NOT_APPOSITION_OPENERS or opens_participle(words[0]):
        return ""
    return unmask(" ".join(words).strip(" ,—–"))


NOT_APPOSITION_OPENERS = (FUNCTION_WORDS - DETERMINERS) | {"who", "whose", "which", "where", "when"}
"""Words that open a clause or an adverbial after a name's comma, not a description of it."""
TITLE_PARTICIPLES = word_set("""
    acting managing ranking outgoing incoming founding sitting presiding governing reigning
    visiting consulting contributing commanding coordinating supervising
""")
"""Words in -ing that open a title ("acting director", "ranking member"), not a participle."""
NOUNS_IN_LY = word_set("ally family assembly daily weekly monthly quarterly")
"""Words in -ly that open a description ("ally of the governor"), not an adverb."""


def opens_participle(word: str) -> bool:
    """A lower-case word in -ing or -ly that opens a participle or an adverbial ("speaking",
    "during", "bluntly"), not a title's ("acting") or a noun ("ally")."""
    return (
        word.isalpha()
        and word.islower()
        and (
            (word.endswith("ing") and word not in TITLE_PARTICIPLES)
            or (word.endswith("ly") and word not in NOUNS_IN_LY)
        )
    )


POSSESSIVE_START = re.compile(r"(?:[A-Z][\w\-]*\s+){0,3}[A-Z][\w\-]*(?:['’]s|s['’])\s")
PARTY_TAG = re.compile(r"[A-Z]-[A-Z][a-z]*[.\u2024]?(?:[A-Z][a-z]*[.\u2024]?)?\s*$")
"""A party and state after a name's comma: "R-Ky.", "D-N.Y." (read as its description)."""
PARTY_OF = re.compile(r"(?:Democrat|Republican|Independent|Libertarian)\s+(?:of|from)\s+[A-Z]")
"""A party member "of" a state after a name's comma: "Democrat of Tennessee" (a description)."""


def starts_apposition(text: str) -> bool:
    """Whether text after a name's comma describes it: lower case or a number ("a senior fellow",
    "57"), a possessive ("New Jersey's governor", "Roe' adviser"), a title ("Senator from
    Ohio") or a party tag ("R-Ky.", "Democrat of Tennessee")."""
    first = text.lstrip()[:1]
    if not first:
        return False
    return (
        first.islower()
        or first.isdigit()
        or bool(PARTY_TAG.match(text.strip()) or PARTY_OF.match(text.strip()))
        or bool(POSSESSIVE_START.match(text.lstrip()))
        or is_title(text.split()[0])
    )


def is_name_run(text: str) -> bool:
    """Whether ``text`` is only a name, titles included ("Jane Roe", "Sen. Jane Roe")."""
    tokens = PARENTHETICAL.sub("", text).split()
    return (
        bool(tokens)
        and len(name_run_at_end(tokens)) == len(tokens)
        and bool(split_title(tokens)[1])
    )


def name_before_comma(left: str) -> str:
    """The name that ends ``left`` before its final comma ("Jane Roe," of "In Ohio, Jane Roe,")."""
    body = left.rstrip()
    if not body.endswith(","):
        return ""
    head = PARENTHETICAL.sub("", re.split(r"[,;—–]", body[:-1])[-1]).split()
    run = name_run_at_end(head)
    if not run or len(run) < len(head) or head[0].lower() in FUNCTION_WORDS:
        return ""  # not a name, or a place after a preposition: "In Virginia,"
    return " ".join(head)


APPOSITION_MARK = re.compile(r"\s*[,—–]\s*")  # what sets an apposition off: a comma or a dash


def split_apposition(left: str) -> tuple[str, str, int] | None:
    """For text ending with "Name, apposition," (or dashes): (name part, apposition, offset of
    the name part in ``left``), taking the earliest comma after which an apposition starts."""
    body = left.rstrip()
    if not body or body[-1] not in ",—–":
        return None
    body = body[:-1]
    dateline = DATELINE_BEFORE.match(body)  # "WASHINGTON — Sen. Jane Roe, …": no name
    for m in APPOSITION_MARK.finditer(body, dateline.end() if dateline else 0):
        head, rest = body[: m.start()], body[m.end() :]
        cut = max(head.rfind(","), head.rfind("—"), head.rfind("–"), head.rfind(";")) + 1
        unspaced = head[cut:].lstrip()
        if opener := LEADING_CONNECTIVES.match(unspaced):  # "As Jane Roe, a professor, noted,"
            cut += len(head) - cut - len(unspaced) + opener.end()
        head_words = PARENTHETICAL.sub("", head[cut:]).split()  # "Rep. Jane Roe (D-Ohio),"
        if (
            not head_words
            or not name_run_at_end(head_words)
            or not rest
            or set(w.lower() for w in head_words) & (FUNCTION_WORDS - {"of"})
        ):
            continue
        if ends_in_name(rest) and not split_title(head_words)[0]:
            continue  # "In Berea, OH, after winning Ohio, Gov. John Kasich (R-OH),": Kasich
        if starts_apposition(rest):
            offset = cut + (len(head[cut:]) - len(head[cut:].lstrip()))
            return head[cut:].strip(), rest, offset
    return None


def ends_in_name(rest: str) -> bool:
    """Whether what follows a name's comma ends with a titled name (after a comma of its own,
    or alone): "after winning Ohio, Gov. John Kasich", "Gov. John Kasich". When the name
    before the comma has no title of its own, that titled person, just before the verb, is
    the subject, and the earlier name a place ("Berea, OH, after …"); a titled one keeps its
    apposition ("Rep. Lois Frankel — like Reid, a supporter of …, Rep. Patrick Murphy —").
    A name with no title there is a place of the apposition ("a voter from Columbia, South
    Carolina") or an outlet ("the editor of the paper, L'Osservatore Romano")."""
    last = rest.rsplit(",", 1)[-1].strip()
    return is_name_run(last) and bool(split_title(PARENTHETICAL.sub("", last).split())[0])
