"""tools/mutation.py: the list of breakages is well formed and names the four of issue 8."""

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]


def _module():
    spec = importlib.util.spec_from_file_location("mutation_tool", ROOT / "tools" / "mutation.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module   # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_mutation_list():
    mt = _module()
    ids = [m.id for m in mt.MUTATIONS]
    assert len(ids) == len(set(ids)) >= 40
    assert {"tune-event-level", "race-alpha", "tabnet-sparsity-sign", "tabnet-learn-rate"} <= set(ids)
    packages = {m.path.split("/")[1] for m in mt.MUTATIONS}
    assert {"tune", "finetune", "parsnip", "engines", "yardstick", "recipes"} <= packages
    for m in mt.MUTATIONS:
        assert (ROOT / m.path).exists(), m.id
        assert m.find != m.replace and m.tests, m.id
        # the breakage still applies: its line is in the source exactly once (else `make mutation` says stale)
        assert (ROOT / m.path).read_text().count(m.find) == 1, (m.id, "stale: update its find text")
        for t in m.tests:
            assert (ROOT / t).exists(), (m.id, t)


def test_report_marks_a_partial_run(tmp_path):
    mt = _module()
    m = mt.MUTATIONS[0]
    text_summary = mt.report([{"m": m, "status": "caught", "detail": "exit 1", "secs": 1.0}], tmp_path / "r.md",
                             subset=True)
    assert text_summary == "1/1 caught (100%)"
    assert "A partial run: 1 of the" in (tmp_path / "r.md").read_text()
