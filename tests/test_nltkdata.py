"""NLTK works from the project-local data dir alone, and nothing calls the downloader."""

import re
import subprocess
import sys

from newsframes.nltkdata import install


def test_no_code_path_calls_nltk_download(root):
    pattern = re.compile(
        r"nltk\s*\.\s*download\s*\(|from\s+nltk\s+import\s+download|nltk\.downloader"
    )
    offenders = []
    for folder in ("src", "chapters", "tests"):
        for path in (root / folder).rglob("*"):
            if path.suffix in {".py", ".md"} and path.name != "test_nltkdata.py":
                for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                    if pattern.search(line):
                        offenders.append(f"{path}:{n}")
    assert offenders == []


def test_vader_and_sentences_work_with_only_the_local_data_dir(tmp_path):
    data = tmp_path / "nltk_data"
    install(data)
    script = f"""
import nltk
nltk.data.path[:] = [{str(data)!r}]
from nltk.sentiment.vader import SentimentIntensityAnalyzer
scores = SentimentIntensityAnalyzer().polarity_scores("The talks were a great success.")
assert scores["compound"] > 0.5, scores
scores = SentimentIntensityAnalyzer().polarity_scores("A terrible, hostile threat.")
assert scores["compound"] < -0.5, scores
from newsframes.text import split_sentences
assert split_sentences("They met on Jan. 12 in Brussels. U.S. Deputy Secretary Sherman spoke.") == [
    "They met on Jan. 12 in Brussels.", "U.S. Deputy Secretary Sherman spoke."]
print("ok")
"""
    env = {"NLTK_DATA": str(data), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_lexicon_zip_is_deterministic(tmp_path):
    first = install(tmp_path / "a").read_bytes()
    second = install(tmp_path / "b").read_bytes()
    assert first == second


def test_vader_works_without_nltk_data_set(tmp_path):
    """`newsframes run` outside make: the lexicon is copied from the pinned package into a cache."""
    script = """
import nltk
nltk.data.path[:] = []
from newsframes.vader import vader
assert vader().polarity_scores("good")["compound"] > 0
print("ok")
"""
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (
        tmp_path / "cache" / "newsframes" / "nltk_data" / "sentiment" / "vader_lexicon.zip"
    ).exists()
