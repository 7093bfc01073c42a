"""docs/extending.md runs, block by block, in one namespace, using public imports only."""

from __future__ import annotations

import re
from pathlib import Path

import pytidy as tm
from pytidy.parsnip import registered_engines

DOC = Path(__file__).parents[1] / "docs" / "extending.md"


def _blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", DOC.read_text(), flags=re.S)


def test_extending_guide_runs_and_cleans_up(capsys):
    before = set(registered_engines().itertuples(index=False, name=None))
    ns: dict = {}
    for i, code in enumerate(_blocks()):
        exec(compile(code, f"extending.md[block {i}]", "exec"), ns)
    assert set(registered_engines().itertuples(index=False, name=None)) == before
    assert "Model fit template:" in capsys.readouterr().out


def test_extending_guide_uses_public_imports_only():
    imports = re.findall(r"^\s*(?:from|import) (\S+)", "\n".join(_blocks()), flags=re.M)
    private = [m for m in imports if m.startswith("pytidy") and any(p.startswith("_") or p in {
        "registry", "spec", "fit", "translate", "engine_checks"} for p in m.split(".")[1:])]
    assert not private, private
    assert {"pytidy.parsnip", "pytidy.dials", "pytidy.testing"} <= set(imports)


def test_every_name_the_guide_needs_is_public():
    import pytidy.parsnip as parsnip

    for name in ("EngineInfo", "ModelInfo", "register_engine", "register_model", "unregister_engine",
                 "unregister_model", "temporary_engine", "temporary_model", "new_model_spec", "translate",
                 "load_engine_plugins"):
        assert name in parsnip.__all__, name
    assert tm.translate is parsnip.translate
