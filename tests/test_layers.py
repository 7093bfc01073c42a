"""One-way layers: no import in pytidy points up the order written in docs/dev/layers.md.

Every ``import`` and ``from ... import`` of every module is read with :mod:`ast`, module level and
inside functions alike (a function-level import is still a dependency, only a late one). An
import is allowed when it stays inside its own layer group or goes to a lower rank. Imports under
``if TYPE_CHECKING:`` are skipped: they never run, so they are no dependency (``Workflow`` declares
the verbs tune and finetune install that way, for type checkers).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1] / "pytidy"

#: rank of each top-level part of pytidy; a module may import only its own group or lower ranks.
#: Groups with the same rank are independent of each other (no imports between them either),
#: except in the core and the top (SHARED_RANKS), whose parts form one layer.
LAYERS: dict[str, int] = {
    # 0. the core: exception tree, argument checks, tune() placeholder, seeds, generic verbs
    "errors": 0, "_checks": 0, "hardhat": 0, "_random": 0, "generics": 0, "_callable_modules": 0, "datasets": 0,
    "_frames": 0, "case_weights": 0, "_version": 0, "_converters": 0,
    # 1. data-only building blocks, each usable alone
    "rsample": 1, "dials": 1, "yardstick": 1,
    # 2. preprocessing and the computing engines (pure fit/predict code; they know dials, not parsnip)
    "recipes": 2, "engines": 2,
    # 3. the model interface; its registration tables name the engines' functions
    "parsnip": 3,
    # 4. a model plus a preprocessor
    "workflows": 4,
    # 5. resampling and tuning of workflows, then 6. racing built on tune's internals
    "tune": 5,
    "finetune": 6,
    # 7. the top: the flat namespace, the conformance suites (use every layer) and the demo
    "__init__": 7, "testing": 7, "demo": 7,
    # workflow sets map tune/finetune over many workflows; studies run whole analyses
    "workflowsets": 7, "studies": 7,
}

SHARED_RANKS = {0, 7}

#: (importing module, imported group): upward imports other branches are removing right now.
#: The lead empties this list after merging; an entry no longer needed fails (stale), as xfail(strict).
KNOWN_UPWARD: dict[tuple[str, str], str] = {}


def _group(module: str) -> str:
    parts = module.split(".")
    return "__init__" if len(parts) == 1 else parts[1]


def _module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _is_type_checking_block(node: ast.AST) -> bool:
    """``if TYPE_CHECKING:`` or ``if typing.TYPE_CHECKING:``."""
    if not isinstance(node, ast.If):
        return False
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports_of(path: Path, root: Path = ROOT) -> list[tuple[str, int]]:
    """``[(absolute pytidy module imported, line)]`` for every import statement in ``path``."""
    module = _module_name(path, root)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    out = []
    tree = ast.parse(path.read_text(), filename=str(path))
    type_only = {id(n) for block in ast.walk(tree) if _is_type_checking_block(block)
                 for stmt in block.body for n in ast.walk(stmt)}
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            targets = [target] if node.module else [f"{target}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        else:
            continue
        out += [(t, node.lineno) for t in targets if t == "pytidy" or t.startswith("pytidy.")]
    return out


def upward_imports(root: Path = ROOT) -> list[tuple[str, str, int, str]]:
    """``[(module, imported module, line, imported group)]`` of every import pointing up."""
    bad = []
    for path in sorted(root.rglob("*.py")):
        module = _module_name(path, root)
        src = _group(module)
        for target, line in imports_of(path, root):
            dst = _group(target)
            if dst == src or (LAYERS[dst] == LAYERS[src] in SHARED_RANKS):
                continue
            if LAYERS[dst] >= LAYERS[src]:
                bad.append((module, target, line, dst))
    return bad


def test_every_part_of_pytidy_has_a_layer():
    groups = {_group(_module_name(p)) for p in ROOT.rglob("*.py")}
    assert groups <= set(LAYERS), f"give these a rank in LAYERS and docs/dev/layers.md: {groups - set(LAYERS)}"


def test_the_order_is_written_down():
    text = (Path(__file__).parents[1] / "docs" / "dev" / "layers.md").read_text()
    for group in LAYERS:
        if group != "__init__":
            assert f"`{group}`" in text, f"docs/dev/layers.md does not place `{group}`"


def test_no_import_points_up_the_layer_order():
    found = upward_imports()
    unexpected = [f"{m}:{line} imports {t} ({_group(m)} rank {LAYERS[_group(m)]} -> {d} rank {LAYERS[d]})"
                  for m, t, line, d in found if (m, d) not in KNOWN_UPWARD]
    assert not unexpected, "imports pointing up the layer order:\n" + "\n".join(unexpected)


@pytest.mark.parametrize("key", list(KNOWN_UPWARD), ids=lambda k: f"{k[0]}->{k[1]}")
def test_known_upward_entries_are_still_needed(key):
    still = {(m, d) for m, _, _, d in upward_imports()}
    assert key in still, f"{key} no longer imports upward: remove it from KNOWN_UPWARD"


def test_the_checker_sees_function_level_and_relative_imports(tmp_path):
    pkg = tmp_path / "pytidy"
    (pkg / "yardstick").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "yardstick" / "__init__.py").write_text("")
    (pkg / "yardstick" / "bad.py").write_text("def f():\n    from ..tune import tune_grid\n    import pytidy.parsnip\n")
    found = {(m, d) for m, _, _, d in upward_imports(pkg)}
    assert found == {("pytidy.yardstick.bad", "tune"), ("pytidy.yardstick.bad", "parsnip")}


def test_the_checker_skips_type_checking_imports_only(tmp_path):
    pkg = tmp_path / "pytidy"
    (pkg / "yardstick").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "yardstick" / "__init__.py").write_text("")
    (pkg / "yardstick" / "typed.py").write_text(
        "from typing import TYPE_CHECKING\nimport typing\n"
        "if TYPE_CHECKING:\n    from ..tune import tune_grid\n"
        "if typing.TYPE_CHECKING:\n    import pytidy.parsnip\nelse:\n    import pytidy.workflows\n"
        "class A:\n    if TYPE_CHECKING:\n        x = 1\n    from ..finetune import results\n"
    )
    found = {(m, d) for m, _, _, d in upward_imports(pkg)}
    assert found == {("pytidy.yardstick.typed", "workflows"), ("pytidy.yardstick.typed", "finetune")}


def test_workflow_methods_of_tune_and_finetune_are_installed_by_them():
    import importlib

    import pytidy as tm

    wf_module = importlib.import_module("pytidy.workflows.workflow")

    assert wf_module._INSTALLED_VERBS["tune_grid"] == "pytidy.tune.tune_grid"
    assert wf_module._INSTALLED_VERBS["tune_race_anova"] == "pytidy.finetune.tune_race_anova"
    assert tm.workflow().tune_grid.__func__ is tm.tune_grid
    assert tm.workflow().last_fit.__func__ is tm.last_fit
