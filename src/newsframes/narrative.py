"""The book's written findings: sentences generated from the pipeline's tables, for any corpus.

Every sentence is built from the tables by generic rules -- which frame only one group uses and
the sentences behind it, which speakers only one group quotes and their own words, the quotation
whose wording changed most between two texts, the strongest text reuse, the longest relay
chain -- so that ``make book SEEDS=other/folder`` tells that corpus's story, never the seed
story's. Texts from the corpus are HTML-escaped and quoted whole: where the words are the
finding they are never cut. Each function returns HTML (chapters show it with a ``remove-input``
cell); links point to the section holding the evidence.
"""

from __future__ import annotations

import html
import re

import pandas as pd

from . import corpus, framing
from .display import camp_name, document_labels

ANONYMOUS = "unknown"  # the affiliation of speakers outside the actor list (officials, sources)
MAX_NAMED = 3  # speakers or sentences named in one sentence of prose
QUOTE_MARKS = "\"“”'‘’«»"


# --- small helpers ----------------------------------------------------------------------------


def _e(text) -> str:
    return html.escape(str(text))


DOUBLE_MARKS = "\"“”«»"
INNER_MARKS = str.maketrans({"“": "‘", "”": "’", "«": "‘", "»": "’", '"': "'"})


def _q(text) -> str:
    """Corpus words quoted whole in typographic double quotation marks, quotation marks inside
    them made single; a final full stop is left out, as the prose around it punctuates."""
    text = str(text).strip()
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1]
    if len(text) > 1 and text[0] in DOUBLE_MARKS and text[-1] in DOUBLE_MARKS:
        if sum(text.count(m) for m in DOUBLE_MARKS) == 2:
            text = text[1:-1]
    return f"“{_e(text.translate(INNER_MARKS))}”"


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


LABEL_PARTS = re.compile(
    r"^(?P<source>.+?), (?P<rest>.+?)"  # 'Euronews', 'Western, 12 Jan'
    r"(?: \((?P<number>\d+)\))?$"  # ' (2)': the second document with the same label
)
SMALL_NUMBERS = "no one two three four five six seven eight nine".split()


def _name(label: str) -> str:
    """A document label inside a sentence: 'Euronews, Western, 12 Jan' becomes 'Euronews
    (Western, 12 Jan)', 'An unnamed outlet, …' becomes 'an unnamed outlet (…)'."""
    label = label[:1].lower() + label[1:] if label.startswith(("An ", "A ")) else label
    parts = LABEL_PARTS.match(label)
    if not parts:
        return _e(label)
    number = f", text {parts['number']}" if parts["number"] else ""
    return _e(f"{parts['source']} ({parts['rest']}{number})")


def _number_word(n: int) -> str:
    """Numbers below ten in words ('no', 'one' … 'nine'), others in figures ('1,234')."""
    n = int(n)
    return SMALL_NUMBERS[n] if 0 <= n < len(SMALL_NUMBERS) else f"{n:,}"


def _count(n: int, noun: str, plural: str | None = None) -> str:
    """'five articles', 'one article', '22 articles'."""
    return f"{_number_word(n)} {noun if n == 1 else plural or noun + 's'}"


def _link(page: str, anchor: str, text: str) -> str:
    return f'<a href="{page}.html#{anchor}">{_e(text)}</a>'


def _series(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _percent(share: float) -> str:
    return f"{share:.0%}"


def _number(n) -> str:
    return f"{int(n):,}"


def _groups(tables: dict) -> pd.Series:
    """Each usable document's comparison group (its camp, else its outlet), capitalised."""
    labels, _ = framing.comparison_groups(corpus.usable(tables["documents"]))
    return labels.map(camp_name)


def _texts(group: str) -> str:
    return f"the {group} texts"


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def bullets(items: list[str], title: str = "Key takeaways") -> str:
    """A boxed list of takeaways (HTML)."""
    body = "".join(f"<li>{item}</li>" for item in items if item)
    return f'<div class="nf-takeaways"><p><strong>{_e(title)}</strong></p><ul>{body}</ul></div>'


def paragraphs(items: list[str]) -> str:
    return "".join(f"<p>{item}</p>" for item in items if item)


# --- the corpus --------------------------------------------------------------------------------


def corpus_sentence(tables: dict) -> str:
    """How many usable articles, in which groups, over which dates."""
    documents = corpus.usable(tables["documents"])
    if documents.empty:
        return (
            "No file of the folder could be analysed; the ingestion chapter says why, file by file."
        )
    groups = _groups(tables).value_counts().sort_index()
    parts = _series([f"{_number_word(n)} {_e(g)}" for g, n in groups.items()])
    dates = pd.to_datetime(documents["published"], errors="coerce", format="%Y-%m-%d").dropna()
    span = ""
    if len(dates):
        first, last = dates.min(), dates.max()
        span = (
            f", all published on {first.day} {first:%B %Y}"
            if first == last
            else f", published between {first.day} {first:%B %Y} and {last.day} {last:%B %Y}"
        )
    unread = len(tables["documents"]) - len(documents)
    tail = f"; {_count(unread, 'further file')} could not be read" if unread else ""
    return _sentence_case(
        f"{_count(len(documents), 'article')} could be analysed: {parts}{span}{tail} "
        f"({_link('01_ingestion', 'sec-corpus', 'the corpus')})."
    )


# --- voices -------------------------------------------------------------------------------------


def _voices(tables: dict) -> pd.DataFrame:
    voices = tables["voices"]
    return voices.assign(group=voices["doc_id"].map(_groups(tables))).dropna(subset=["group"])


def _affiliation(name: str) -> str:
    return "speakers outside the actor list" if name == ANONYMOUS else name


def is_named(speaker: str) -> bool:
    """A speaker named as a person or body ('Jens Stoltenberg', 'NATO'), not described ('the
    source', 'officials in the US administration'): its first letter is a capital."""
    return str(speaker)[:1].isupper()


def _group_noun(tables: dict) -> str:
    """What the groups are: 'camp' when documents carry camps, else 'outlet'."""
    _, basis = framing.comparison_groups(corpus.usable(tables["documents"]))
    return "camp" if basis == "camp" else "group"


def _every(n_groups: int, noun: str) -> str:
    return f"both {noun}s" if n_groups == 2 else f"every {noun}"


def affiliation_shares(tables: dict) -> str:
    """Whose words fill each group's quotations: the affiliation supplying most quoted or
    reported words, said once when it is the same in every group."""
    voices = _voices(tables)
    if voices.empty:
        return ""
    link = _link("02_source_comparison", "sec-voices", "whose words")
    if (voices["affiliation"] == ANONYMOUS).all():
        return (
            "None of the quoted speakers is in the actor list (data/actors.csv), so quoted words "
            f"cannot be grouped by affiliation; the speakers are named in the quotations ({link})."
        )
    words = voices.groupby(["group", "affiliation"])["n_words"].sum()
    leaders = {}
    for group, part in words.groupby(level=0):
        part = part.droplevel(0).sort_values(ascending=False, kind="stable")
        leaders[group] = (part.index[0], part.iloc[0] / part.sum(), part.sum())
    shares = [
        f"{_percent(share)} of the {_number(total)} quoted in {_texts(g)}"
        for g, (_, share, total) in leaders.items()
    ]
    names = {leader for leader, _, _ in leaders.values()}
    if len(names) == 1 and len(leaders) > 1:
        who = next(iter(names))
        subject = (
            "Speakers outside the actor list supply"
            if who == ANONYMOUS
            else f"{_e(who)} supplies"
        )
        return (
            f"{subject} the largest share of quoted words in "
            f"{_every(len(leaders), _group_noun(tables))}: {_series(shares)} ({link})."
        )
    parts = [
        f"{_e(_affiliation(who))} in {_texts(g)} ({_percent(share)} of {_number(total)} words)"
        for g, (who, share, total) in leaders.items()
    ]
    return f"The largest share of quoted words comes from {_series(parts)} ({link})."


def _own_words(tables: dict, speaker: str, doc_ids: set) -> tuple[str, str]:
    """A speaker's longest quotation in quotation marks (else reported speech) in ``doc_ids``
    -- for a partial quotation, the clause around it, so that the quoted words read in their
    sentence -- and its document's label."""
    quotes = tables["quotes"]
    mine = quotes[(quotes["speaker"] == speaker) & quotes["doc_id"].isin(doc_ids)]
    if mine.empty:
        return "", ""
    marked = mine[mine["kind"] != "reported"]
    chosen = marked if len(marked) else mine
    row = chosen.loc[chosen["text"].str.len().sort_values(ascending=False, kind="stable").index[0]]
    text = row["text"]
    if row["kind"] == "partial":
        sentences = tables["sentences"]
        around = sentences[
            (sentences["doc_id"] == row["doc_id"]) & (sentences["sent_id"] == row["sent_id"])
        ]
        if len(around):
            sentence = around["text"].iloc[0]
            start = int(row["start"] - around["start"].iloc[0])
            text = fragment(sentence, start, row["text"], before=2 * WORDS_BEFORE)
    return text, document_labels(tables["documents"])[row["doc_id"]]


def _most_quoted_in_own_words(voices: pd.DataFrame) -> str:
    """The speaker with the most quotations in quotation marks (direct or partial), if any."""
    marked = (
        voices.assign(marked=voices["n_direct"] + voices["n_partial"])
        .groupby("speaker")["marked"]
        .sum()
    )
    marked = marked[marked > 0].sort_values(ascending=False, kind="stable")
    return marked.index[0] if len(marked) else ""


def _speaker(speaker: str, affiliation: str, n_words: int, short: bool) -> str:
    """'Jens Stoltenberg (NATO, 42 words)', or the name alone when ``short``."""
    if short:
        return _e(speaker)
    body = "" if affiliation == ANONYMOUS else _e(affiliation) + ", "
    return f"{_e(speaker)} ({body}{_number(n_words)} words)"


SHORT_QUOTE_WORDS = 20  # a takeaway quotes a speaker only when the words fit in a line or two


def exclusive_voices(tables: dict, short: bool = False) -> list[str]:
    """Per group, the named speakers that only its texts quote, the one given most words
    quoted in its own words (``short``: names only, and the quotation only when it is short)."""
    voices = _voices(tables)
    named = voices[voices["speaker"].map(is_named)]
    if named["group"].nunique() < 2:
        return []
    groups_of = named.groupby("speaker")["group"].nunique()
    sentences = []
    for group, part in named.groupby("group"):
        only = part[part["speaker"].map(groups_of) == 1]
        if only.empty:
            continue
        words = (
            only.groupby(["speaker", "affiliation"])["n_words"]
            .sum()
            .sort_values(ascending=False, kind="stable")
        )
        names = [_speaker(s, a, n, short) for (s, a), n in words.head(MAX_NAMED).items()]
        more = len(words) - MAX_NAMED
        listed = _series(names + ([_count(more, "other")] if more > 0 else []))
        top = _most_quoted_in_own_words(only) or words.index[0][0]
        text, where = _own_words(tables, top, set(part["doc_id"]))
        quoted = f". {_name(where)} quotes {_e(top)}: {_q(text)}" if text else ""
        if short and len(text.split()) > SHORT_QUOTE_WORDS:
            n_words = only.loc[(only["speaker"] == top) & (only["doc_id"].map(
                document_labels(tables["documents"])) == where), "n_words"].sum()
            quoted = f"; {_name(where)} gives {_e(top)} {_count(int(n_words), 'word')}"
        link = _link("02_source_comparison", "sec-voices", "the quotations")
        sentences.append(
            _sentence_case(f"only {_texts(group)} give space to {listed}{quoted} ({link}).")
        )
    return sentences


def shared_voices(tables: dict) -> str:
    """The named speaker every group quotes most, with the share of each group's quoted words."""
    voices = _voices(tables)
    named = voices[voices["speaker"].map(is_named)]
    n_groups = named["group"].nunique()
    if n_groups < 2:
        return ""
    words = named.groupby(["speaker", "group"])["n_words"].sum().unstack()
    everywhere = words.dropna()
    noun = _group_noun(tables)
    if everywhere.empty:
        return f"No named speaker is quoted in {_every(n_groups, noun)}."
    speaker = everywhere.sum(axis=1).sort_values(ascending=False, kind="stable").index[0]
    totals = voices.groupby("group")["n_words"].sum()
    parts = [f"{_percent(everywhere.loc[speaker, g] / totals[g])} in {_texts(g)}" for g in words]
    others = len(everywhere) - 1
    also = f" ({_count(others, 'other named speaker')} too)" if others else ""
    first, *rest = parts
    return (
        f"{_e(speaker)} is the named speaker most quoted in {_every(n_groups, noun)}{also}: "
        f"{_series([first.replace(' in ', ' of the quoted words in ', 1), *rest])} "
        f"({_link('02_source_comparison', 'sec-voices', 'whose words')})."
    )


# --- wording ------------------------------------------------------------------------------------

REPLACEMENT = re.compile(
    r"\[-(?P<old>[^\]]*?)-\]\s*"  # words of the first rendering ...
    r"\{\+(?P<new>[^}]*?)\+\}"  # ... and the words the second has in their place
)


MAX_REPLACED_WORDS = 5  # a longer removal or addition is a trim or an insertion, not a rewording


def replacements(diff: str) -> list[tuple[str, str]]:
    """(old, new) word replacements of a word diff: a removal of at most ``MAX_REPLACED_WORDS``
    words directly followed by an addition of at most as many."""
    pairs = [(m.group("old"), m.group("new")) for m in REPLACEMENT.finditer(diff)]
    return [
        (old, new)
        for old, new in pairs
        if len(old.split()) <= MAX_REPLACED_WORDS
        and len(new.split()) <= MAX_REPLACED_WORDS
        and _letters(old) != _letters(new)
    ]


def _letters(words: str) -> str:
    """Words without case, spaces or punctuation: 'commander-in-chief' = 'Commander in chief'
    (a spelling variant is not a rewording)."""
    return re.sub(r"\W+", "", words.lower())


DIFF_WORDS = re.compile(
    r"\[-(?P<old>[^\]]*?)-\]\s*"  # words only in the first rendering
    r"|\{\+(?P<new>[^}]*?)\+\}"  # words only in the second
    r"|(?P<same>[^\s\[{]+)"  # a word both renderings share
)
CONTEXT_BEFORE, CONTEXT_AFTER = 2, 3  # shared words quoted around a reworded passage


def _diff_blocks(diff: str) -> list[tuple[str, list[str]]]:
    """A word diff as blocks (kind, words), kind 'old', 'new' or 'same' (one word each)."""
    return [(m.lastgroup, m.group(m.lastgroup).split()) for m in DIFF_WORDS.finditer(diff)]


def reworded_passage(diff: str) -> tuple[str, str]:
    """The passage where two renderings differ most, in each rendering's words: the run of
    replacements (see :func:`replacements`; replacements at most ``CONTEXT_AFTER`` shared words
    apart form one run) with the most replaced words, with up to ``CONTEXT_BEFORE`` and
    ``CONTEXT_AFTER`` shared words around it ('of course Russia does not have a veto' and 'of
    course do not get a veto')."""
    blocks = _diff_blocks(diff)
    swaps = [
        i
        for i in range(len(blocks) - 1)
        if blocks[i][0] == "old"
        and blocks[i + 1][0] == "new"
        and max(len(blocks[i][1]), len(blocks[i + 1][1])) <= MAX_REPLACED_WORDS
        and _letters(" ".join(blocks[i][1])) != _letters(" ".join(blocks[i + 1][1]))
    ]
    if not swaps:
        return "", ""
    runs = [[swaps[0]]]
    for i in swaps[1:]:
        between = blocks[runs[-1][-1] + 2 : i]
        if all(kind == "same" for kind, _ in between) and len(between) <= CONTEXT_AFTER:
            runs[-1].append(i)
        else:
            runs.append([i])
    best = max(runs, key=lambda run: sum(len(blocks[i][1]) for i in run))
    low, high = best[0], best[-1] + 2
    while low > 0 and best[0] - low < CONTEXT_BEFORE and blocks[low - 1][0] == "same":
        low -= 1
    while high < len(blocks) and high - best[-1] - 2 < CONTEXT_AFTER and blocks[high][0] == "same":
        high += 1
    piece = blocks[low:high]
    return (
        " ".join(w for kind, words in piece if kind != "new" for w in words),
        " ".join(w for kind, words in piece if kind != "old" for w in words),
    )


def as_written(words: str, text: str) -> str:
    """``words`` (a diff's normalised words) as they stand in ``text``, with its punctuation
    and capitals; the words themselves when they cannot be found."""
    pattern = r"\W+".join(re.escape(w) for w in words.split())
    found = re.search(pattern, str(text), flags=re.I) if pattern else None
    return found.group(0) if found else words


def largest_rewording(tables: dict) -> str:
    """The aligned pair of quotations whose renderings replace the most words: the passage
    that differs, as each text words it (the whole quotations are in the alignment table)."""
    alignment = tables["quote_alignment"]
    if alignment.empty:
        return ""
    changed = alignment["diff"].map(lambda d: sum(len(old.split()) for old, _ in replacements(d)))
    if changed.max() == 0:
        return ""
    row = alignment.loc[changed.sort_values(ascending=False, kind="stable").index[0]]
    labels = document_labels(tables["documents"])
    old, new = reworded_passage(row["diff"])
    speakers = [s for s in dict.fromkeys([row["speaker_a"], row["speaker_b"]]) if _known(s)]
    who = " and ".join(_e(s) for s in speakers) or "an unnamed speaker"
    words = "words" if len(speakers) < 2 else "words (attributed differently)"
    return (
        f"The same {words} of {who}, reworded: {_name(labels[row['doc_a']])} quotes "
        f"{_q(as_written(old, row['text_a']))}, {_name(labels[row['doc_b']])} "
        f"{_q(as_written(new, row['text_b']))} "
        f"({_link('02_source_comparison', 'sec-alignment', 'all reworded quotations')})."
    )


def _known(value) -> bool:
    return str(value).strip().lower() not in ("", "nan", "unknown", "none")


# --- reuse and provenance ------------------------------------------------------------------------


def strongest_reuse(tables: dict) -> str:
    """The pair of documents where one contains most of the other's five-word runs."""
    reuse = tables["reuse"]
    if reuse.empty:
        return "No two texts share a run of five words."
    labels = document_labels(tables["documents"])
    best = reuse.assign(best=reuse[["containment_a_in_b", "containment_b_in_a"]].max(axis=1))
    row = best.sort_values(["best", "doc_a", "doc_b"], ascending=[False, True, True]).iloc[0]
    a_in_b = row["containment_a_in_b"] >= row["containment_b_in_a"]
    inner, outer = (row["doc_a"], row["doc_b"]) if a_in_b else (row["doc_b"], row["doc_a"])
    return (
        f"The two texts sharing most wording are {_name(labels[inner])} and "
        f"{_name(labels[outer])}: {_percent(row['best'])} of the first one's five-word runs "
        f"recur in the second ({_count(int(row['shared_shingles']), 'shared run')}; "
        f"{_link('02_source_comparison', 'sec-reuse', 'the passages')})."
    )


def relay_chains(edges: pd.DataFrame) -> list[tuple[str, list[str]]]:
    """(document, chain) for each source node of each document's provenance edges: the chain
    of sources from the page read back to the first one named (at most ten steps)."""
    chains = []
    for doc, group in edges.groupby("document", sort=True):
        parent = dict(zip(group["child"], group["parent"]))
        for start in sorted(set(group["child"]) - set(group["parent"])):
            chain = [start]
            while chain[-1] in parent and len(chain) < 10:
                chain.append(parent[chain[-1]])
            chains.append((doc, chain))
    return chains


def longest_chain(tables: dict) -> str:
    """How many documents say where their copy comes from, and the longest chain, in words."""
    from .figures import provenance_edges

    edges = provenance_edges(tables)
    if edges.empty:
        return "No text names where its copy comes from."
    document, chain = max(relay_chains(edges), key=lambda item: len(item[1]))
    steps = chain[1:]  # the first node is the page read (its outlet or its label)
    n_docs = edges["document"].nunique()
    said = f"{_sentence_case(_count(n_docs, 'text'))} {'says' if n_docs == 1 else 'say'} where "
    said += f"{'its' if n_docs == 1 else 'their'} copy comes from"
    cites = "".join(f", which cites {_e(s)}" for s in steps[1:])
    return (
        f"{said}. The longest chain is in {_name(document)}: its copy comes from "
        f"{_e(steps[0])}{cites} "
        f"({_link('02_source_comparison', 'sec-provenance', 'the provenance chain')})."
    )


# --- framing ------------------------------------------------------------------------------------


def _frame_evidence(tables: dict) -> pd.DataFrame:
    names = dict(zip(framing.codebook()["frame"], framing.codebook()["label"]))
    evidence = tables["frame_evidence"]
    return evidence.assign(
        group=evidence["doc_id"].map(_groups(tables)), label=evidence["frame"].map(names)
    ).dropna(subset=["group"])


def exclusive_frames(tables: dict) -> list[str]:
    """Frames whose indicators occur in one group's texts only, most matches first, each with
    the decisive words of the sentences that carry it (the whole sentences are one click away,
    in the framing chapter's evidence table)."""
    evidence = _frame_evidence(tables)
    if evidence["group"].nunique() < 2 or _groups(tables).nunique() < 2:
        return []
    groups_of = evidence.groupby("label")["group"].nunique()
    only = evidence[evidence["label"].map(groups_of) == 1]
    labels = document_labels(tables["documents"])
    sentences = []
    ranked = only.groupby("label").size().sort_values(ascending=False, kind="stable")
    for frame in ranked.index[:2]:
        part = only[only["label"] == frame]
        group = part["group"].iloc[0]
        shown = part.drop_duplicates(["doc_id", "sent_id"]).head(MAX_NAMED)
        documents = list(dict.fromkeys(part["doc_id"]))
        where = (
            f"all in {_name(labels[documents[0]])}"
            if len(documents) == 1 and len(part) > 1
            else f"in {_series([_name(labels[d]) for d in documents[:MAX_NAMED]])}"
            + (f" and {len(documents) - MAX_NAMED} more" if len(documents) > MAX_NAMED else "")
        )
        quotes = _series(
            [_q(fragment(r.sentence, r.start, r.match)) for r in shown.itertuples()]
        )
        sentences.append(
            f"Only {_texts(group)} use the frame “{_e(frame)}”: "
            f"{_count(len(part), 'match', 'matches')}, {where}"
            f"{': ' if len(shown) == len(part) else '; among them '}{quotes} "
            f"({_link('03_framing', 'sec-frames', 'the sentences')})."
        )
    return sentences


ABOUT_AS_OFTEN = 1.25  # a rate less than this many times another is 'about as often'


def hedging(tables: dict) -> str:
    """Which group hedges most (pooled rate per 1,000 word tokens), and the hedges of its most
    hedging text."""
    rates = tables["evidentiality"]
    pooled = rates[(rates["level"] == "group") & (rates["kind"] == "hedge")]
    per_doc = rates[(rates["level"] == "doc") & (rates["kind"] == "hedge") & (rates["hits"] > 0)]
    if len(pooled) < 2 or per_doc.empty:
        return ""
    pooled = pooled.sort_values(["per_1k", "unit"], ascending=[False, True])
    top, rest = pooled.iloc[0], pooled.iloc[1:]
    link = _link("03_framing", "sec-evidentiality", "the hedged sentences")
    rate = lambda r: "none" if r.per_1k == 0 else f"{r.per_1k:.1f}"  # noqa: E731
    others = _series([f"{rate(r)} in {_texts(camp_name(r.unit))}" for r in rest.itertuples()])
    if top["per_1k"] < ABOUT_AS_OFTEN * rest["per_1k"].max():
        return (
            f"The {_group_noun(tables)}s hedge about as often: {top['per_1k']:.1f} hedges per "
            f"1,000 words in {_texts(camp_name(top['unit']))} against {others} ({link})."
        )
    doc = per_doc.sort_values(["per_1k", "unit"], ascending=[False, True]).iloc[0]
    evidence = tables["evidentiality_evidence"]
    hedged = evidence[(evidence["doc_id"] == doc["unit"]) & (evidence["kind"] == "hedge")]
    terms = _series([_q(t) for t in dict.fromkeys(hedged["match"].str.lower())])
    label = document_labels(tables["documents"])[doc["unit"]]
    return (
        f"{_sentence_case(_texts(camp_name(top['unit'])))} hedge more: {top['per_1k']:.1f} "
        f"hedges per 1,000 words against {others}; the most hedged text, {_name(label)}, "
        f"uses {terms} ({link})."
    )


def what_groups_did_differently(tables: dict) -> list[str]:
    """The generated findings on what sets the groups apart, most telling first."""
    return [
        *exclusive_frames(tables),
        hedging(tables),
        *exclusive_voices(tables),
        shared_voices(tables),
        largest_rewording(tables),
    ]


# --- each chapter's key takeaways ----------------------------------------------------------------


def removed_lines_sentence(tables: dict) -> str:
    """How much of the raw text was page furniture, and the rule that removed most of it."""
    from .ingest import ANALYSED_ROLES

    lines = tables["lines"]
    text_lines = lines[lines["role"] != "blank"]
    removed = text_lines[~text_lines["role"].isin(ANALYSED_ROLES)]
    if text_lines.empty:
        return ""
    if removed.empty:
        return f"All {_number(len(text_lines))} non-blank raw lines were read as article text."
    reasons = removed.groupby(["role", "reason"]).size().sort_values(ascending=False, kind="stable")
    (role, reason), n = reasons.index[0], reasons.iloc[0]
    return (
        f"{_number(len(removed))} of {_number(len(text_lines))} non-blank raw lines "
        f"({_percent(len(removed) / len(text_lines))}) were not article text; the rule used most "
        "often "
        f"set aside {_number(n)} line{'s' if n != 1 else ''} as {_e(role)} ({_e(reason)}; "
        f"{_link('01_ingestion', 'sec-audit', 'the audit')})."
    )


def most_cleaned_sentence(tables: dict) -> str:
    """The analysed document that lost the most lines to cleaning."""
    from .ingest import ANALYSED_ROLES
    from .report import most_cleaned

    doc_id = most_cleaned(tables)
    if doc_id is None:
        return ""
    lines = tables["lines"]
    mine = lines[(lines["doc_id"] == doc_id) & (lines["role"] != "blank")]
    removed = int((~mine["role"].isin(ANALYSED_ROLES)).sum())
    label = document_labels(tables["documents"])[doc_id]
    return (
        f"Cleaning mattered most for {_name(label)}: {_number(removed)} of its "
        f"{_number(len(mine))} non-blank "
        f"lines were set aside ({_link('01_ingestion', 'sec-before-after', 'before and after')})."
    )


def metadata_sentence(tables: dict) -> str:
    """Where outlets and dates came from, and how many texts relay another source's copy."""
    documents = corpus.usable(tables["documents"])
    if documents.empty:
        return ""
    named = (
        documents["outlet"]
        .map(lambda o: str(o).strip().lower() not in ("", "unknown", "nan"))
        .sum()
    )
    dated = documents["published"].map(lambda d: str(d)[:4].isdigit()).sum()
    relays = sum(framing.is_relay(o, u) for o, u in zip(documents["outlet"], documents["upstream"]))
    n = len(documents)
    return (
        f"{_number(named)} of {_number(n)} articles name their outlet and {_number(dated)} have a "
        "publication "
        f"date; {_number(relays)} relay copy from an agency or another outlet "
        f"({_link('01_ingestion', 'sec-metadata', 'where each came from')})."
    )


def ingestion_takeaways(tables: dict) -> list[str]:
    return [
        corpus_sentence(tables),
        removed_lines_sentence(tables),
        most_cleaned_sentence(tables),
        metadata_sentence(tables),
    ]


def comparison_takeaways(tables: dict) -> list[str]:
    return [
        affiliation_shares(tables),
        *exclusive_voices(tables),
        largest_rewording(tables),
        strongest_reuse(tables),
        longest_chain(tables),
    ]


def largest_frame_difference(tables: dict) -> str:
    """The frame whose rate differs most between the groups, in words, with how often chance
    alone gives a difference as large (its p-value) and its q-value."""
    from .findings import format_p, format_q, main_comparison

    rows = main_comparison(tables["uncertainty"])
    rows = rows[rows["finding"].str.startswith("frame")]
    if rows.empty:
        return ""
    row = rows.loc[rows["observed"].abs().sort_values(ascending=False, kind="stable").index[0]]
    frame = row["finding"].split(": ", 1)[1]
    means = [part.rpartition(": ") for part in str(row["group_means"]).split(" | ")]
    rates = _series([f"{float(v):.1f} in {_texts(camp_name(g))}" for g, _, v in means])
    p = format_p(row["p_value"], row["min_p"])
    share = f"{row['p_value']:.0%}" if row["p_value"] >= 0.01 else f"{row['p_value']:.2g}"
    return (
        f"The frame whose rate differs most is “{_e(frame)}”: {rates} per 1,000 words (mean of "
        f"the texts). Shuffling the {_group_noun(tables)} labels gives a difference at least this "
        f"large {share} of the time (p = {p}; q = {format_q(row['q_value'])} "
        f"over all {len(tables['uncertainty'])} tests; "
        f"{_link('03_framing', 'sec-uncertainty', 'how sure')})."
    )


def floor_sentence(tables: dict) -> str:
    """The smallest p-value the number of texts (or of random draws) allows."""
    from .findings import format_p, main_comparison

    rows = main_comparison(tables["uncertainty"])
    if rows.empty:
        return ""
    row = rows.iloc[0]
    floor = format_p(row["min_p"], row["min_p"])
    if bool(row["exact"]):
        return (
            f"With so few texts only {_number(row['n_arrangements'])} ways of splitting them into "
            f"the groups exist, so no test can give a p-value below {floor}."
        )
    return ""


def framing_takeaways(tables: dict) -> list[str]:
    return [
        *exclusive_frames(tables),
        hedging(tables),
        largest_frame_difference(tables),
        floor_sentence(tables),
    ]


# --- what the texts cannot show, and what they mean ---------------------------------------------


def limits(tables: dict) -> list[str]:
    """What these texts cannot show, computed from their number, dates, relays and the voice
    (authorial or quoted) of the frame matches."""
    from .findings import format_p, main_comparison

    documents = corpus.usable(tables["documents"])
    if documents.empty:
        return []
    groups = _groups(tables).value_counts()
    noun = _group_noun(tables)
    dates = pd.to_datetime(documents["published"], errors="coerce", format="%Y-%m-%d").dropna()
    days = (dates.max() - dates.min()).days + 1 if len(dates) else 0
    when = f" published within {_count(days, 'day')}" if days else ""
    smallest = groups.sort_values(kind="stable").index[0]
    items = [
        f"<strong>Not a pattern.</strong> {_sentence_case(_count(len(documents), 'text'))}{when}"
        f", {_number_word(groups.min())} of them {_e(smallest)} (the smallest {noun}), are what "
        f"a collection happened to hold, not a sample of any {noun}'s coverage."
    ]
    rows = main_comparison(tables["uncertainty"])
    if len(rows) and bool(rows["exact"].iloc[0]):
        floor = format_p(rows["min_p"].iloc[0], rows["min_p"].iloc[0])
        items.append(
            f"<strong>Not proof of a difference.</strong> With so few texts no test can give a "
            f"p-value below {floor}; the differences above are described, not established "
            f"({_link('03_framing', 'sec-uncertainty', 'how sure')})."
        )
    relays = sum(framing.is_relay(o, u) for o, u in zip(documents["outlet"], documents["upstream"]))
    if relays:
        items.append(
            f"<strong>Not independent choices.</strong> {_sentence_case(_number_word(relays))} of "
            f"the {_count(len(documents), 'text')} relay{'s' if relays == 1 else ''} an agency's or"
            " another outlet's copy, so their framing is partly their source's "
            f"({_link('02_source_comparison', 'sec-provenance', 'provenance')})."
        )
    evidence = tables["frame_evidence"]
    if len(evidence):
        quoted = int((evidence["voice"] == "quoted").sum())
        items.append(
            f"<strong>Not always the outlets' own view.</strong> {_number(quoted)} of the "
            f"{_number(len(evidence))} frame matches are in quoted or reported speech: words the "
            "texts chose to carry, not words they wrote "
            f"({_link('03_framing', 'sec-frames', 'the matches')})."
        )
    items.append(
        "<strong>Not intent or effect.</strong> Word counts show what a text says, not why it says "
        "it, nor what its readers took from it."
    )
    return items


def key_findings(tables: dict) -> list[str]:
    """Three to five takeaways for the introduction and the conclusions, most telling first:
    the corpus, what only one group did, who got space, the reworded words and how sure."""
    found = [
        corpus_sentence(tables),
        *exclusive_frames(tables)[:1],
        *exclusive_voices(tables, short=True)[:2],
        largest_rewording(tables) or strongest_reuse(tables),
        floor_sentence(tables) or largest_frame_difference(tables),
    ]
    return [f for f in found if f][:5]
