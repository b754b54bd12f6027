"""The curator's pipeline is cut into stage folders whose imports run one way: each stage imports only stages above it."""

from __future__ import annotations

import ast
from pathlib import Path

import technonat_data.curate as curate

CURATE = Path(curate.__file__).parent
STAGES = ["schema", "read", "rules", "write", "release"]  # in pipeline order
FLOOR = {"__init__.py", "problems.py"}


def _imports(path: Path) -> set[str]:
    """The curate-relative modules ``path`` imports (``rules.dates``, ``problems``), at any level of the file."""
    package = path.relative_to(CURATE).parent.parts
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = list(package[: len(package) - (node.level - 1)]) if node.level - 1 <= len(package) else None
            if base is None:
                continue  # reaches above curate/ (the run-time half)
            target = base + (node.module.split(".") if node.module else [])
            found.update(".".join(target + ([alias.name] if not node.module else [])) for alias in node.names)
    return {name for name in found if name}


def _stage(module: str) -> str | None:
    head = module.split(".")[0]
    return head if head in STAGES else None


def test_every_module_sits_in_a_stage_or_the_floor() -> None:
    loose = sorted(p.name for p in CURATE.glob("*.py") if p.name not in FLOOR)
    assert loose == []
    assert sorted(p.name for p in CURATE.iterdir() if p.is_dir() and p.name != "__pycache__") == sorted(STAGES)


def test_each_stage_says_what_it_is() -> None:
    for stage in STAGES:
        doc = ast.get_docstring(ast.parse((CURATE / stage / "__init__.py").read_text(encoding="utf-8")))
        assert doc and doc.lower().startswith(stage), stage


def test_no_stage_imports_a_later_stage() -> None:
    upward = []
    for path in CURATE.rglob("*.py"):
        here = _stage(".".join(path.relative_to(CURATE).parts))
        for module in _imports(path):
            there = _stage(module)
            if here and there and STAGES.index(there) > STAGES.index(here):
                upward.append(f"{path.relative_to(CURATE)} imports {module}")
    assert upward == []


def test_the_import_finder_sees_cross_stage_imports() -> None:
    """Guards the test above: the validator does import rules, read and schema modules."""
    found = _imports(CURATE / "rules" / "validate.py")
    assert {_stage(m) for m in found} >= {"schema", "read", "rules"}


def test_no_import_cycle_inside_curate() -> None:
    graph: dict[str, set[str]] = {}
    for path in CURATE.rglob("*.py"):
        name = ".".join(path.relative_to(CURATE).with_suffix("").parts)
        graph[name] = {m for m in _imports(path) if m in _module_names()}
    seen: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        if seen.get(node) == 1:
            raise AssertionError("import cycle: " + " -> ".join([*trail, node]))
        if seen.get(node) == 2:
            return
        seen[node] = 1
        for nxt in sorted(graph.get(node, ())):
            visit(nxt, [*trail, node])
        seen[node] = 2

    for node in sorted(graph):
        visit(node, [])


def _module_names() -> set[str]:
    return {".".join(p.relative_to(CURATE).with_suffix("").parts) for p in CURATE.rglob("*.py")}
