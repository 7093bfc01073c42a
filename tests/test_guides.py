"""The guides in docs/ run as written: every ```python block, in order, in one namespace per page."""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path

import pytest

DOCS = Path(__file__).parents[1] / "docs"
GUIDES = sorted((DOCS / "guides").glob("*.md"))


@pytest.mark.parametrize("path", GUIDES, ids=[p.stem for p in GUIDES])
def test_guide_runs(path, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    blocks = re.findall(r"```python\n(.*?)```", path.read_text(), flags=re.S)
    assert blocks, f"{path.name} has no python blocks"
    # A real module, so classes the guide defines can be pickled as a package's would be.
    module = types.ModuleType(f"guide_{path.stem.replace('-', '_')}")
    monkeypatch.setitem(sys.modules, module.__name__, module)
    for i, code in enumerate(blocks):
        exec(compile(code, f"{path.name}[block {i}]", "exec"), module.__dict__)


@pytest.mark.parametrize("path", GUIDES, ids=[p.stem for p in GUIDES])
def test_guide_uses_public_imports_only(path):
    private = re.findall(r"^\s*(?:from|import)\s+(pytidy(?:\.\w+)*\._\w+)", path.read_text(), flags=re.M)
    assert not private, f"{path.name} imports private modules: {private}"
