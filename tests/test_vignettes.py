"""Every vignette in vignettes/ runs, block by block, in one namespace (at the sizes written)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
VIGNETTES = sorted((ROOT / "vignettes").glob("*.md"))


@pytest.mark.parametrize("path", VIGNETTES, ids=[p.stem for p in VIGNETTES])
def test_vignette_runs(path, monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    monkeypatch.chdir(ROOT)
    blocks = re.findall(r"```python\n(.*?)```", path.read_text(), flags=re.S)
    assert blocks, f"{path.name} has no python blocks"
    ns: dict = {}
    for i, code in enumerate(blocks):
        exec(compile(code, f"{path.name}[block {i}]", "exec"), ns)


def test_vignettes_exist():
    assert {p.stem for p in VIGNETTES} >= {"penguins", "higgs-tabnet"}
