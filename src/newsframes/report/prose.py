"""Small helpers of the written findings: HTML escaping and quoting, links to the evidence,
lists in prose, numbers and shares, group names, speakers.
"""

from __future__ import annotations

import html

import pandas as pd

from .. import corpus
from ..framing.groups import comparison_groups
from .display import camp_name

ANONYMOUS = "unknown"  # the affiliation of speakers outside the actor list (officials, sources)
MAX_NAMED = 3  # speakers or sentences named in one sentence of prose
QUOTE_MARKS = "\"“”'‘’«»"


# --- small helpers ----------------------------------------------------------------------------


def html_escaped(text) -> str:
    return html.escape(str(text))


def quoted_html(text) -> str:
    """Quoted corpus words, whole, with typographic quotation marks (a sentence's final full
    stop left out, as the prose around it punctuates)."""
    text = str(text).strip()
    if text[:1] in QUOTE_MARKS:  # a sentence that is itself a quotation keeps its own marks
        return html_escaped(text)
    return f"“{html_escaped(text[:-1] if text.endswith('.') and not text.endswith('..') else text)}”"


def group_name(label: str) -> str:
    """A document label inside a sentence: 'An unnamed outlet, …' becomes 'an unnamed …'."""
    return html_escaped(label[:1].lower() + label[1:] if label.startswith(("An ", "A ")) else label)


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
    """A speaker named as a person or body ('Jens Stoltenberg', 'NATO'), not described ('the
    source', 'officials in the US administration'): its first letter is a capital."""
    return str(speaker)[:1].isupper()
