"""The seeds are immutable raw data, and the provenance sheet quotes them faithfully."""

import csv
import hashlib
import re

# Recorded once from ../shared/seeds when the seeds were copied in; a changed byte fails here.
SEED_SHA256 = {
    "000_d7119291a6bce81f.txt": "31f9c37786e498472c7abfb486b850d9528924e1240e0f85ee6b86e8e4e579e8",
    "001_e285df6c5e86815a.txt": "118f16b2cfec811af998901e838e984c335088603e63c7edc0602d82c37bb151",
    "002_99c853c8ee85d986.txt": "c51cb48e4e6c60dddbe553e26c0c2eebdb6f31e05bbca5b5c22e6ac5ff1a87a1",
    "003_5e26564e4362b5de.txt": "5b981a02964a572a886a96d0e1c0c8a9bcef01e3d69b95c977c7f5cbaf3f3707",
    "004_e538feec1e7792f6.txt": "4ff7ceca694ee974933f87342b495dc4ac640ec7547c285055d459d330747325",
}


def test_seed_files_are_byte_identical(root):
    found = {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (root / "seeds").glob("*.txt")
    }
    assert found == SEED_SHA256


def test_seeds_match_shared_copy_when_present(root):
    shared = root.parent / "shared" / "seeds"
    for name in SEED_SHA256:
        if (shared / name).exists():
            assert (shared / name).read_bytes() == (root / "seeds" / name).read_bytes()


def test_sources_sheet_covers_every_seed_with_quoted_evidence(root):
    rows = list(csv.DictReader((root / "seeds" / "sources.csv").open(encoding="utf-8")))
    assert [r["file"] for r in rows] == sorted(SEED_SHA256)
    assert set(rows[0]) >= {"file", "outlet", "upstream", "camp", "evidence"}
    for row in rows:
        assert row["camp"] in {"western", "russian"}
        text = " ".join((root / "seeds" / row["file"]).read_text(encoding="utf-8").split())
        quotes = re.findall(r'"([^"]+)"', row["evidence"])
        assert quotes, f"{row['file']}: evidence quotes no words of the file"
        for quote in quotes:
            for fragment in quote.split(" ... "):
                assert " ".join(fragment.split()) in text, (
                    f"{row['file']}: evidence {fragment!r} not in the file"
                )
        for column in ("outlet", "upstream"):
            value = row[column]
            if value != "unknown":
                assert all(part.strip().split()[0] in text for part in value.split(";")), (
                    row["file"],
                    value,
                )
