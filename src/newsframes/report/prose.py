"""Small helpers of the written findings: HTML escaping and quoting, links to the evidence,
lists in prose, numbers and shares, group names, speakers.
"""

from __future__ import annotations

import html
import re

import pandas as pd

from .. import corpus
from ..framing.groups import comparison_groups
from .display import camp_name

ANONYMOUS = "unknown"  # the affiliation of speakers outside the actor list (officials, sources)
MAX_NAMED = 3  # speakers or sentences named in one sentence of prose
QUOTE_MARKS = "\"“”'‘’«»"


def html_escaped(text) -> str:
    return html.escape(str(text))


DOUBLE_MARKS = '"“”«»'
INNER_MARKS = str.maketrans({"“": "‘", "”": "’", "«": "‘", "»": "’", '"': "'"})


OPENING_MARK = re.compile(
    r"[“‘«]"  # a typographic opening mark
    r"|(?:^|(?<=\s))[\"']"  # a straight mark at the start of a word
)
CLOSING_MARKS = re.compile(r"(?<=[.,!?])[\"'’”»]+$")  # closing marks after final punctuation


def quoted_html(text) -> str:
    """Corpus words quoted whole in typographic double quotation marks, quotation marks inside
    them made single; a final full stop is left out, as the prose around it punctuates."""
    text = str(text).strip()
    if not OPENING_MARK.search(text):
        text = CLOSING_MARKS.sub("", text)  # a quotation's end, its opening left outside
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1]
    if (
        len(text) > 1
        and text[0] in DOUBLE_MARKS
        and text[-1] in DOUBLE_MARKS
        and sum(text.count(m) for m in DOUBLE_MARKS) == 2
    ):
        text = text[1:-1]
    return f"“{html_escaped(text.translate(INNER_MARKS))}”"


CLAUSE_END = re.compile(r"[,;:()\[\]—–]|\.\s|\.$")  # what ends a clause inside a sentence
WORDS_BEFORE, WORDS_AFTER = 5, 10  # the words quoted around a match, within its clause


def fragment(
    sentence: str, start: int, match: str, before: int = WORDS_BEFORE, after: int = WORDS_AFTER
) -> str:
    """The decisive words of ``sentence`` around ``match`` (at ``start``): its clause, at most
    ``before`` words before and ``after`` after the match, exactly as written."""
    sentence = str(sentence)
    if sentence[start : start + len(match)] != match:
        start = max(sentence.find(match), 0)
    end = start + len(match)
    ends = list(CLAUSE_END.finditer(sentence[:start]))
    clause_start = ends[-1].end() if ends else 0
    left = list(re.finditer(r"\S+", sentence[clause_start:start]))[-before:] if before else []
    stop = CLAUSE_END.search(sentence, end)
    right = list(re.finditer(r"\S+", sentence[end : stop.start() if stop else len(sentence)]))
    right = right[:after]
    low = clause_start + left[0].start() if left else start
    high = end + right[-1].end() if right else end
    return sentence[low:high].strip()


SENTENCE_BREAK = re.compile(
    r"(?<![A-Z])(?<![A-Z][a-z])"  # not after an initial or a title ('J.', 'Mr.', 'Dr.')
    r"[.!?]"  # a full stop, question or exclamation mark ...
    r"[\"'”’»]*\s+"  # ... perhaps closing a quotation, then space ...
    r"[\"'“‘«]*[A-Z]"  # ... and a capital, perhaps opening a quotation: a new sentence
)


def crosses_sentence(text: str) -> bool:
    """Whether ``text`` runs from one sentence into the next ("it is.' We must")."""
    return bool(SENTENCE_BREAK.search(str(text)))


LABEL_PARTS = re.compile(
    r"^(?P<source>.+?), (?P<rest>.+?)"  # 'Example News', 'West, 14 Mar'
    r"(?: \((?P<number>\d+)\))?$"  # ' (2)': the second document with the same label
)
SMALL_NUMBERS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def group_name(label: str) -> str:
    """A document label inside a sentence: 'Example News, West, 14 Mar' becomes 'Example
    News (West, 14 Mar)', 'An unnamed outlet, …' becomes 'an unnamed outlet (…)'."""
    label = label[:1].lower() + label[1:] if label.startswith(("An ", "A ")) else label
    parts = LABEL_PARTS.match(label)
    if not parts:
        return html_escaped(label)
    number = f", text {parts['number']}" if parts["number"] else ""
    return html_escaped(f"{parts['source']} ({parts['rest']}{number})")


def number_word(n: int) -> str:
    """Numbers below ten in words ('no', 'one' … 'nine'), others in figures ('1,234')."""
    n = int(n)
    return SMALL_NUMBERS[n] if 0 <= n < len(SMALL_NUMBERS) else f"{n:,}"


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """'five articles', 'one article', '22 articles'."""
    return f"{number_word(n)} {noun if n == 1 else plural or noun + 's'}"


def page_link(page: str, anchor: str, text: str) -> str:
    return f'<a href="{page}.html#{anchor}">{html_escaped(text)}</a>'


def in_series(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def as_percent(share: float) -> str:
    return f"{share:.0%}"


def as_number(n) -> str:
    return f"{int(n):,}"


def group_labels(tables: dict) -> pd.Series:
    """Each usable document's comparison group (its camp, else its outlet), capitalised."""
    labels, _ = comparison_groups(corpus.usable(tables["documents"]))
    return labels.map(camp_name)


def texts_word(group: str) -> str:
    return f"the {group} texts"


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def voice_table(tables: dict) -> pd.DataFrame:
    voices = tables["voices"]
    return voices.assign(group=voices["doc_id"].map(group_labels(tables))).dropna(subset=["group"])


def affiliation_of(name: str) -> str:
    return "speakers outside the actor list" if name == ANONYMOUS else name


def is_named(speaker: str) -> bool:
    """A speaker named as a person or body ('Jane Roe', 'NATO'), not described ('the
    source', 'officials in the US administration'): its first letter is a capital."""
    return str(speaker)[:1].isupper()


def group_noun(tables: dict) -> str:
    """What the groups are: 'camp' when documents carry camps, else 'outlet'."""
    _, basis = comparison_groups(corpus.usable(tables["documents"]))
    return "camp" if basis == "camp" else "group"


def all_groups(n_groups: int, noun: str) -> str:
    return f"both {noun}s" if n_groups == 2 else f"every {noun}"


def is_known(value) -> bool:
    return str(value).strip().lower() not in ("", "nan", "unknown", "none")
