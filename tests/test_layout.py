"""The library's layout follows the pipeline: no stage imports a later stage (not even inside a
function), and the shared modules import no stage at all."""

from __future__ import annotations

import ast

from conftest import ROOT

PACKAGE = ROOT / "src" / "newsframes"
STAGES = ["ingest", "compare", "framing", "report"]  # in pipeline order
SHARED = {"resources", "text", "fastregex", "corpus", "vader", "nltkdata", "csv_tables"}


def module_name(path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(source: str, name: str, is_package: bool = False) -> set[str]:
    """Every newsframes module the source of module ``name`` imports, at the top or inside a
    function (for ``from X import y``, both X and X.y: y may be a module)."""
    package = name if is_package else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("newsframes")}
        elif isinstance(node, ast.ImportFrom):
            base = (
                package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            )
            target = ".".join([*base, node.module] if node.module else base)
            if target.startswith("newsframes"):
                found.add(target)
                found |= {f"{target}.{alias.name}" for alias in node.names}
    return found


def layer(module: str) -> int | None:
    """0 for a shared module, 1 + the stage's position for a stage, None for anything else."""
    parts = module.split(".")
    if len(parts) < 2:
        return None
    if parts[1] in SHARED:
        return 0
    return STAGES.index(parts[1]) + 1 if parts[1] in STAGES else None


def test_every_stage_and_shared_module_exists():
    names = [module_name(p).split(".") for p in PACKAGE.rglob("*.py")]
    assert set(STAGES) | SHARED <= {parts[1] for parts in names if len(parts) > 1}


def late_imports(source: str, name: str, is_package: bool = False) -> list[str]:
    own = layer(name)
    if own is None:
        return []
    return sorted(
        target
        for target in imported_modules(source, name, is_package)
        if (layer(target) or 0) > own
    )


def test_no_module_imports_a_later_stage():
    late = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source, name = path.read_text("utf-8"), module_name(path)
        late += [
            f"{name} imports {t}" for t in late_imports(source, name, path.name == "__init__.py")
        ]
    assert late == []


def test_a_late_import_is_seen_inside_a_function_and_through_relative_paths():
    source = "from . import lines\n\ndef f():\n    from ..compare.quotes import alias_key\n"
    assert late_imports(source, "newsframes.ingest.roles") == [
        "newsframes.compare.quotes",
        "newsframes.compare.quotes.alias_key",
    ]
    assert late_imports("from ..ingest.dates import MONTHS\n", "newsframes.compare.facts") == []
    assert late_imports("from .framing import stats\n", "newsframes.resources") == [
        "newsframes.framing",
        "newsframes.framing.stats",
    ]
