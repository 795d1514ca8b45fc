"""newsframes.fastregex gives the matches of plain ``re``: pattern by pattern on the seeds'
lines and texts, and table by table for a whole pipeline run with ``NEWSFRAMES_PLAIN_RE=1``."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from newsframes import fastregex
from newsframes.compare import attribution, cues, facts
from newsframes.framing.index import compile_cue
from newsframes.ingest import dates, provenance
from newsframes.ingest.cues import line_cues
from newsframes.resources import codebook, entman_cues, hedge_terms, naming_variants

SEEDS = ROOT / "seeds"


def seed_texts() -> list[str]:
    return [path.read_text("utf-8") for path in sorted(SEEDS.glob("*.txt"))]


def seed_lines() -> list[str]:
    return [line for text in seed_texts() for line in text.splitlines() if line.strip()]


def project_patterns() -> list:
    """Every compiled pattern the pipeline runs through a prefilter or a scanner."""
    found = [cue.pattern for cue in line_cues()]
    found += [pattern for _, pattern, _ in provenance._provenance_patterns()]
    found += [pattern for pattern, _, _ in provenance._outlet_patterns()]
    found += [cues.verb_cue_re(), attribution.person_names().anywhere]
    return found + list(dates.DATE_PATTERNS)


def lexicon_cues() -> list[re.Pattern]:
    """The framing lexicons' cues as the sentence index compiles them."""
    patterns = [
        *codebook()["indicators"],
        *entman_cues()["pattern"],
        *hedge_terms()["pattern"],
        *naming_variants()["pattern"],
    ]
    return [compile_cue(pattern) for pattern in patterns]


def spans(matches) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


def test_the_project_has_patterns_to_check():
    assert len(project_patterns()) > 20 and len(lexicon_cues()) > 20 and len(seed_lines()) > 50
    assert sum(fastregex.beginnings(cue) is not None for cue in lexicon_cues()) > 20


@pytest.mark.parametrize("plain", [False, True])
def test_prefilters_never_reject_a_line_the_pattern_matches(plain):
    filters = [(pattern, fastregex.prefilter(pattern, plain)) for pattern in project_patterns()]
    rejected = [
        (pattern.pattern, line)
        for pattern, gate in filters
        for line in seed_lines()
        if pattern.search(line) and not gate.may_match(line)
    ]
    assert rejected == []


def test_prefilters_reject_most_lines_but_plain_ones_none():
    lines, patterns = seed_lines(), project_patterns()
    fast_gates = [fastregex.prefilter(p, False) for p in patterns]
    plain_gates = [fastregex.prefilter(p, True) for p in patterns]
    fast = sum(gate.may_match(line) for gate in fast_gates for line in lines)
    plain = sum(gate.may_match(line) for gate in plain_gates for line in lines)
    assert plain == len(lines) * len(patterns) and fast < plain / 2


@pytest.mark.parametrize("plain", [False, True])
def test_scanners_find_the_matches_of_finditer(plain):
    for pattern in project_patterns():
        scan = fastregex.scanner(pattern, plain)
        # compare scans masked copies (abbreviation periods as a one dot leader): plain too
        masked = [attribution.mask_abbreviations(text) for text in seed_texts()]
        assert plain or all(fastregex.is_plain(text) for text in masked)
        for text in seed_texts() + masked:
            assert spans(scan.finditer(text)) == spans(pattern.finditer(text)), pattern.pattern


def beyond_ascii(text: str) -> list[str]:
    """``text`` with words beyond ASCII around its own (accents, capitals, Greek, Cyrillic)
    and copies of it with one letter in each of its words spelt as a character that folds onto
    it ("ſaid", "İnsisted"): what scanners and prefilters must treat as the regex does."""
    extra = text.replace(". ", ". Éloïse Müller, ΑΘΗΝΑ, Москва: ")
    folded = re.sub(r"\bs", "\u017f", text)
    folded = re.sub(r"\bi", "\u0131", folded)
    folded = re.sub(r"\bI", "\u0130", folded)
    return [extra, folded, re.sub(r"\bk", "\u212a", extra)]


def test_scanners_and_prefilters_beyond_ascii_find_what_the_regex_finds():
    texts = [t for text in seed_texts() for t in beyond_ascii(text)]
    texts += [attribution.mask_abbreviations(t) for t in texts]
    assert not all(map(fastregex.lowers_in_place, texts))
    assert any(fastregex.lowers_in_place(t) and not fastregex.is_plain(t) for t in texts)
    lines = [line for text in texts for line in text.splitlines() if line.strip()]
    for pattern in project_patterns():
        scan, gate = fastregex.scanner(pattern, False), fastregex.prefilter(pattern, False)
        for text in texts:
            assert spans(scan.finditer(text)) == spans(pattern.finditer(text)), pattern.pattern
        missed = [line for line in lines if pattern.search(line) and not gate.may_match(line)]
        assert missed == [], pattern.pattern
        joined = "\n".join(line for line in lines if pattern.search(line))
        assert not joined or gate.may_match_a_line_of(joined), pattern.pattern


def test_a_scanner_skips_a_text_beyond_ascii_that_lowers_in_place():
    """The speed the change is for: such a text is tried only where a start occurs (a
    scanner whose starts stand for a class, like the numbers', still scans it in full)."""
    scan = fastregex.scanner(re.compile(r"\b(?:said|told)\b", re.IGNORECASE), False)
    tried = []

    class Pattern:
        def __init__(self, pattern):
            self.pattern = pattern

        def __getattr__(self, name):
            return getattr(self.pattern, name)

        def match(self, text, at):
            tried.append(at)
            return self.pattern.match(text, at)

    text = "Zoë Müller SAID so; Ελλάδα told nobody, 3 or ٣ said it."
    spy = fastregex.Scanner(Pattern(scan.pattern), scan.starts, scan.keys, scan.ignorecase)
    assert spans(spy.finditer(text)) == spans(scan.pattern.finditer(text))
    assert sorted(tried) == [m.start() for m in re.finditer("said|told", text.lower())]
    numbers = facts.number_scanner()
    assert numbers.plain_only and not fastregex.is_plain(text)
    tried.clear()
    spy = fastregex.Scanner(
        Pattern(numbers.pattern), numbers.starts, numbers.keys, True, numbers.plain_only
    )
    assert spans(spy.finditer(text)) == spans(numbers.pattern.finditer(text))
    assert tried == []  # a full scan: "٣" is a digit no start stands for


@pytest.mark.parametrize("plain", [False, True])
def test_every_lexicon_match_begins_with_one_of_its_beginnings(plain):
    for cue in lexicon_cues():
        begins = fastregex.beginnings(cue, plain)
        assert begins is None or not plain
        for text in seed_texts():
            for match in cue.finditer(text):
                assert begins is None or match[0].lower().startswith(begins), cue.pattern


def test_plain_switch_reads_the_environment(monkeypatch):
    monkeypatch.setenv(fastregex.PLAIN_ENV, "1")
    assert fastregex.plain_re() and fastregex.plain_re(False) is False
    monkeypatch.setenv(fastregex.PLAIN_ENV, "0")
    assert not fastregex.plain_re() and fastregex.plain_re(True)


def started_pipeline(out: Path, plain: str) -> subprocess.Popen:
    env = {**os.environ, fastregex.PLAIN_ENV: plain, "PYTHONHASHSEED": "0"}
    return subprocess.Popen(
        [sys.executable, "-m", "newsframes", "run", str(SEEDS), "--out", str(out), "--quiet"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@pytest.mark.slow
def test_plain_re_writes_the_same_tables_on_the_seeds(tmp_path):
    runs = [started_pipeline(tmp_path / "fast", "0"), started_pipeline(tmp_path / "plain", "1")]
    for run in runs:  # side by side: they are independent
        _, errors = run.communicate()
        assert run.returncode == 0, errors.decode(errors="replace")
    fast = sorted(p.name for p in (tmp_path / "fast").iterdir())
    assert fast == sorted(p.name for p in (tmp_path / "plain").iterdir()) and len(fast) > 20
    for name in fast:
        assert (tmp_path / "fast" / name).read_bytes() == (
            tmp_path / "plain" / name
        ).read_bytes(), name


def test_an_optional_lead_starts_a_match_or_leaves_it_to_the_rest():
    pattern = re.compile(r"\b(?:(?:mon|tues)day,?\s+)?(?:jan|feb)\w*\s+\d+")
    assert fastregex.scanner(pattern, False).starts == ("feb", "jan", "monday", "tuesday")
    text = "on Monday, jan 12 and feb 3; tuesday feb 14, not monday."
    assert spans(fastregex.scanner(pattern, False).finditer(text)) == spans(pattern.finditer(text))
    assert fastregex.scanner(re.compile(r"(?:ab)?\d+"), False).starts is None


def test_gates_open_the_prefilters_that_may_match_each_plain_line():
    """Gates asks all the line cues' prefilters at once: on every plain seed line (and the same
    lines lower-cased, cut to their last words, or prefixed by a cue's prefix) it opens exactly
    those whose own ``may_match`` holds, in order (one made-up prefilter always opens)."""
    prefilters = [cue.gate for cue in line_cues()] + [fastregex.Prefilter((), (), True, True)]
    gates = fastregex.Gates(prefilters)
    prefixes = sorted({p for gate in prefilters for p in gate.prefixes})
    assert prefixes and gates.keys
    lines = [line for line in seed_lines() if fastregex.is_plain(line)]
    lines += [" ".join(line.split()[-3:]) for line in lines]
    lines += [f"{prefix} {line}" for prefix, line in zip(prefixes * 20, lines)]
    opened = 0
    for line in lines:
        lower = line.lower()
        found = fastregex.found_strings(lower, gates.keys)
        expected = [n for n, gate in enumerate(prefilters) if gate.may_match(line)]
        assert gates.open(lower, found) == expected, line
        opened += len(expected)
    assert 0 < opened < len(lines) * len(prefilters)


NUMBER_PIECES = [*facts.NUMBER_STARTS, "one", "Five", "FORTY", "About", "up to", "more than", "mln"]
NUMBER_PIECES += ["million", "-", ",", ".", "1,000", "2.5", "1990", "days", "troops", "x", "é", "٣"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(NUMBER_PIECES), max_size=14), st.lists(st.sampled_from(" -")))
def test_the_number_scanner_finds_the_matches_of_finditer(pieces, joints):
    """Quantities are found through their given starts (digits, number words, qualifiers'
    first words, any case) only in a plain text: a non-ASCII letter or digit ("é", "٣") sends
    the text to a full scan."""
    text = "".join(
        piece + (joints[n] if n < len(joints) else " ") for n, piece in enumerate(pieces)
    )
    found = spans(facts.NUMBER_RE.finditer(text))
    assert spans(facts.number_scanner().finditer(text)) == found
    assert spans(fastregex.scanner_from_starts(facts.NUMBER_RE, [], True).finditer(text)) == found


def test_the_number_scanner_tries_the_pattern_only_at_its_starts():
    scan = facts.number_scanner()
    assert scan.starts and set(scan.starts) >= set("0123456789") and scan.ignorecase
    assert fastregex.scanner_from_starts(facts.NUMBER_RE, facts.NUMBER_STARTS, True).starts is None
    for text in seed_texts():
        assert spans(scan.finditer(text)) == spans(facts.NUMBER_RE.finditer(text))
