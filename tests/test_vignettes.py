"""Every vignette runs, block by block, in one namespace at the test suite's small size, and its
rendered page in docs/vignettes/ holds exactly the code of its source."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
VIGNETTES = sorted((ROOT / "vignettes").glob("*.md"))

_spec = importlib.util.spec_from_file_location("vignette_tools", ROOT / "tools" / "vignettes.py")
tools = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tools)


@pytest.fixture
def registry_restored():
    """A vignette may register engines (the new-engine walkthrough): undo that afterwards."""
    from pytidy.parsnip import registry

    models, engines = dict(registry._MODELS), dict(registry._ENGINES)
    yield
    registry._MODELS.clear()
    registry._MODELS.update(models)
    registry._ENGINES.clear()
    registry._ENGINES.update(engines)


@pytest.mark.parametrize("path", VIGNETTES, ids=[p.stem for p in VIGNETTES])
def test_vignette_runs(path, monkeypatch, registry_restored):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("PYTIDY_QUICK", "1")
    blocks = tools.code_blocks(path.read_text())
    assert blocks, f"{path.name} has no python blocks"
    ns: dict = {"__name__": "__vignette__"}
    outputs = [tools._run_block(code, ns, f"{path.name}[block {i}]") for i, code in enumerate(blocks)]
    plt.close("all")
    assert any(outputs), f"{path.name} prints nothing: a vignette shows its results"


def test_the_seven_walkthroughs_exist():
    assert {p.stem for p in VIGNETTES} >= {
        "getting-started", "tuning-with-racing", "interpreting-tabnet", "tabnet-vs-baselines",
        "pretraining", "new-engine", "for-r-users",
    }


@pytest.mark.parametrize("path", VIGNETTES, ids=[p.stem for p in VIGNETTES])
def test_rendered_page_matches_its_source(path):
    rendered = ROOT / "docs" / "vignettes" / path.name
    assert rendered.exists(), f"{rendered} is missing: run `make vignettes`"
    assert tools.code_blocks(rendered.read_text()) == tools.code_blocks(path.read_text()), (
        f"docs/vignettes/{path.name} is stale: its code differs from vignettes/{path.name}; "
        "run `make vignettes`"
    )


def test_render_keeps_output_and_figures(tmp_path):
    src = tmp_path / "demo.md"
    src.write_text("# t\n\n```python\nimport matplotlib.pyplot as plt\nplt.plot([1, 2])\nprint('hi')\n"
                   "1 + 1\n```\n")
    page = tools.render(src, outdir=tmp_path / "out").read_text()
    assert "```text\nhi\n2\n```" in page
    assert "](figures/demo-0-0.png)" in page
    assert (tmp_path / "out" / "figures" / "demo-0-0.png").stat().st_size > 0
