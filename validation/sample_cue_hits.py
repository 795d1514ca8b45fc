"""Draw the sentences of ``polnear-train-cues.csv``: for each frame named on the command line,
a seeded random sample of the analysed sentences of a corpus where the pipeline finds that
frame's indicators, for coding by hand (precision on text that is not from the story).

Usage, from the repository root (prints file, offsets, hash, frame and text; the text is for
the coder's eyes only and is never stored for a corpus of ../shared):

    .venv/bin/newsframes run ../shared/corpora/polnear/train --out /tmp/train
    .venv/bin/python validation/sample_cue_hits.py /tmp/train 10 diplomacy_dialogue \
        security_guarantees sovereignty_open_door
"""

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from newsframes.framing.validation import sentence_hash

SEED = 20  # 19 drew the sample read before the cues of these frames were narrowed


def sample(tables: Path, per_frame: int, frames: list[str]) -> pd.DataFrame:
    """``per_frame`` sentences per frame, drawn without replacement (seed ``SEED``) among the
    distinct sentences where the frame has a hit, in (file, start) order, none drawn twice."""
    evidence = pd.read_csv(tables / "frame_evidence.csv")
    sentences = pd.read_csv(tables / "sentences.csv", keep_default_na=False)
    files = pd.read_csv(tables / "documents.csv").set_index("doc_id")["file"]
    rng, drawn = np.random.default_rng(SEED), []
    for frame in frames:
        hits = evidence[evidence["frame"] == frame][["doc_id", "sent_id"]].drop_duplicates()
        hits = hits.merge(sentences, on=["doc_id", "sent_id"]).assign(file=lambda f:
                                                                      f["doc_id"].map(files))
        hits = hits.sort_values(["file", "start"]).reset_index(drop=True)
        taken = {(d["file"], d["start"]) for d in drawn}
        hits = hits[[(f, s) not in taken for f, s in zip(hits["file"], hits["start"])]]
        chosen = rng.choice(len(hits), size=min(per_frame, len(hits)), replace=False)
        drawn.extend(hits.iloc[sorted(chosen)].assign(drawn_for=frame).to_dict("records"))
    table = pd.DataFrame(drawn)
    return table.assign(text_sha256=table["text"].map(sentence_hash))[
        ["file", "start", "end", "text_sha256", "drawn_for", "text"]]


if __name__ == "__main__":
    sample(Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]).to_csv(sys.stdout, index=False)
