"""docs/workflowsets.md runs, block by block, in one namespace."""

import re
from pathlib import Path

ROOT = Path(__file__).parents[2]


def test_workflowsets_guide_runs(monkeypatch):
    monkeypatch.chdir(ROOT)
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "docs" / "workflowsets.md").read_text(), flags=re.S)
    ns: dict = {}
    for i, code in enumerate(blocks):
        exec(compile(code, f"workflowsets.md[block {i}]", "exec"), ns)
    ranked = ns["tm"].rank_results(ns["res"], rank_metric="rmse", select_best=True)
    assert ranked["wflow_id"].nunique() == 4 and ranked["rank"].min() == 1
