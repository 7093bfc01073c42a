"""Engines of installed packages register on `import pytidy` (entry point group `pytidy.engines`)."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import pytidy as tm

ROOT = Path(__file__).parents[2]
PLUGINS = ROOT / "tests" / "data" / "plugins"

SCRIPT = textwrap.dedent("""
    import json, warnings
    import numpy as np
    import pandas as pd
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        import pytidy as tm
    df = pd.DataFrame({"x": np.arange(40.0), "y": np.r_[np.zeros(36), [100.0, 200.0, 300.0, 400.0]]})
    wf = tm.workflow("y ~ x", tm.linear_reg(mixture=tm.tune()).set_engine("trimmed"))
    grid = pd.DataFrame({"mixture": [0.0, 1.0]})
    res = tm.tune_grid(wf, tm.vfold_cv(df, v=2, seed=1), grid=grid, seed=1)
    m = res.collect_metrics()
    rmse = m[m[".metric"] == "rmse"].set_index("mixture")["mean"]
    print(json.dumps({
        "warnings": [str(w.message) for w in caught],
        "engines": tm.show_engines("linear_reg")["engine"].tolist(),
        "rmse": {str(k): float(v) for k, v in rmse.items()},
    }))
""")


def _run(paths):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), *map(str, paths)])}
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, cwd=ROOT,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_installed_plugin_registers_on_import_and_tunes_in_a_workflow():
    got = _run([PLUGINS])
    assert "trimmed" in got["engines"]
    # expected: the engine's trimmed mean per fold, scored by hand on the same folds
    df = pd.DataFrame({"x": np.arange(40.0), "y": np.r_[np.zeros(36), [100.0, 200.0, 300.0, 400.0]]})
    for mix in (0.0, 1.0):
        per_fold = []
        for split in tm.vfold_cv(df, v=2, seed=1).splits:
            centre = stats.trim_mean(split.analysis()["y"], 0.45 * mix)
            per_fold.append(np.sqrt(np.mean((split.assessment()["y"] - centre) ** 2)))
        assert got["rmse"][str(mix)] == pytest.approx(np.mean(per_fold), rel=1e-12)
    broken = [w for w in got["warnings"] if "broken" in w]
    assert broken and "could not load the engine plugin 'broken' (pytidy_broken_plugin)" in broken[0]
    assert "RuntimeError: this plugin is broken on purpose" in broken[0]


def test_plugins_are_not_loaded_in_this_process():
    assert "trimmed" not in tm.show_engines("linear_reg")["engine"].tolist()
