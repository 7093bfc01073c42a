"""Time and measure pytidy's recipe against scikit-learn's ColumnTransformer on the same data.

Run: ``python benchmarks/recipes_vs_sklearn.py [--n 1000000] [--repeats 3]``.

Data: ``n`` rows, 28 float64 predictors ``x01..x28`` with about 1% NaN, 3 categorical predictors
(pandas ``category`` dtype, i.e. R factors, with 5, 12 and 20 levels and about 1% NaN) and a
numeric outcome ``y``. The "new data" is a second frame of the same shape drawn with another seed.

Both sides do the same work:

* pytidy: ``recipe("y ~ .", train).step_impute_mean(all_numeric_predictors())
  .step_impute_mode(all_nominal_predictors()).step_normalize(all_numeric_predictors())
  .step_dummy(all_nominal_predictors())``, then ``prep(train, retain=False)`` and
  ``bake(new_data)``. ``retain=False`` because scikit-learn keeps no transformed training data;
  the row ``pytidy_retain`` repeats the run with R's default ``retain=True``, where the prepped
  recipe also holds the processed training set (for ``juice()``), a second output-sized frame.
* scikit-learn: ``ColumnTransformer([("num", Pipeline([SimpleImputer("mean"), StandardScaler()]),
  numerics), ("cat", Pipeline([SimpleImputer("most_frequent"), OneHotEncoder(drop="first",
  sparse_output=False)]), categoricals)]).set_output(transform="pandas")``, then ``fit(train)``
  and ``transform(new_data)``. (``ColumnTransformer.fit`` transforms the training data as well,
  as ``prep()`` does.)

Time: the best of ``--repeats`` runs of fit + transform (and, separately, of each half).
Memory: each side runs in its own subprocess; after the data are built the peak resident set size
is reset (Linux ``/proc/self/clear_refs`` = 5) and the baseline RSS taken; the reported peak is
``VmHWM - baseline`` over the first fit + transform (the same quantity as ``ru_maxrss`` minus the
baseline, without the data-creation peak). Where ``clear_refs`` is not available it falls back to
``ru_maxrss - baseline``. A small run (``--check-n`` rows) checks that both sides give the same
numbers (StandardScaler divides by the n-denominator sd, R's ``sd()`` by n - 1, so values agree
to a factor sqrt(n / (n - 1))).

Writes ``benchmarks/results/recipes_vs_sklearn.json`` with both sides and the ratios
pytidy / scikit-learn (time and memory; <= 1 means pytidy is no worse).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

N_NUM = 28
CAT_LEVELS = {"c1": 5, "c2": 12, "c3": 20}
TIME_TARGET, MEM_TARGET = 1.2, 1.5


def make_data(n: int, seed: int) -> pd.DataFrame:
    """``n`` rows: outcome ``y``, ``x01..x28`` (float64, ~1% NaN), ``c1..c3`` (categoricals, ~1% NaN)."""
    rng = np.random.default_rng(seed)
    cols: dict[str, object] = {"y": rng.normal(size=n)}
    for j in range(1, N_NUM + 1):
        x = rng.normal(loc=j, scale=1.0 + j / 10, size=n)
        x[rng.random(n) < 0.01] = np.nan
        cols[f"x{j:02d}"] = x
    for name, k in CAT_LEVELS.items():
        levels = [f"L{i:02d}" for i in range(1, k + 1)]
        p = np.arange(k, 0, -1, dtype=float)  # unequal frequencies: a clear mode
        codes = rng.choice(k, size=n, p=p / p.sum())
        codes[rng.random(n) < 0.01] = -1
        cols[name] = pd.Categorical.from_codes(codes, categories=levels)
    return pd.DataFrame(cols)


def pytidy_side(retain: bool = False):
    import pytidy as tm

    def fit(train):
        rec = (tm.recipe("y ~ .", train)
               .step_impute_mean(tm.all_numeric_predictors())
               .step_impute_mode(tm.all_nominal_predictors())
               .step_normalize(tm.all_numeric_predictors())
               .step_dummy(tm.all_nominal_predictors()))
        return rec.prep(train, retain=retain)

    def transform(fitted, new):
        return fitted.bake(new)

    return fit, transform


def sklearn_side():
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    def fit(train):
        num = [c for c in train.columns if c.startswith("x")]
        cat = list(CAT_LEVELS)
        ct = ColumnTransformer(
            [("num", Pipeline([("impute", SimpleImputer(strategy="mean")), ("scale", StandardScaler())]), num),
             ("cat", Pipeline([("impute", SimpleImputer(strategy="most_frequent")),
                               ("onehot", OneHotEncoder(drop="first", sparse_output=False))]), cat)],
            remainder="drop",
        ).set_output(transform="pandas")
        return ct.fit(train.drop(columns="y"), train["y"])

    def transform(fitted, new):
        return fitted.transform(new)

    return fit, transform


SIDES = {"pytidy": pytidy_side, "pytidy_retain": lambda: pytidy_side(retain=True), "sklearn": sklearn_side}


def _status_kb(key: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def run_side(side: str, n: int, repeats: int, seed: int) -> dict:
    """Run in a fresh process: build the data, reset the peak RSS, time fit + transform."""
    fit, transform = SIDES[side]()
    train, new = make_data(n, seed), make_data(n, seed + 1)
    gc.collect()
    reset = _reset_peak()
    base_kb = _status_kb("VmRSS") if reset else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t_fit, t_transform, t_total = [], [], []
    shape = None
    for i in range(repeats):
        t0 = time.perf_counter()
        fitted = fit(train)
        t1 = time.perf_counter()
        out = transform(fitted, new)
        t2 = time.perf_counter()
        if i == 0:
            peak_kb = _status_kb("VmHWM") if reset else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            shape = list(out.shape)
        del fitted, out
        gc.collect()
        t_fit.append(t1 - t0)
        t_transform.append(t2 - t1)
        t_total.append(t2 - t0)
    return {
        "time_s": min(t_total), "fit_s": min(t_fit), "transform_s": min(t_transform),
        "times_s": t_total, "peak_mem_mib": (peak_kb - base_kb) / 1024, "baseline_mib": base_kb / 1024,
        "memory_method": "VmHWM after clear_refs=5, minus VmRSS" if reset else "ru_maxrss minus baseline",
        "out_shape": shape,
    }


def check_agreement(n: int, seed: int) -> float:
    """Largest absolute difference between the two outputs on a small data set (columns matched)."""
    train, new = make_data(n, seed), make_data(n, seed + 1)
    fit_p, tr_p = pytidy_side()
    fit_s, tr_s = sklearn_side()
    ours = tr_p(fit_p(train), new).drop(columns="y")
    theirs = tr_s(fit_s(train), new)
    theirs.columns = [c.split("__", 1)[1] for c in theirs.columns]
    if list(ours.columns) != list(theirs.columns):
        raise AssertionError(f"column names differ: {list(ours.columns)} vs {list(theirs.columns)}")
    a, b = ours.to_numpy(dtype=float), theirs.to_numpy(dtype=float)
    num = [c.startswith("x") for c in ours.columns]
    a[:, num] *= np.sqrt(n / (n - 1))  # sd with n - 1 (R) vs n (StandardScaler)
    return float(np.max(np.abs(a - b)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--check-n", type=int, default=20_000)
    parser.add_argument("--side", choices=list(SIDES), help=argparse.SUPPRESS)  # subprocess mode
    parser.add_argument("--out", default=str(Path(__file__).parent / "results" / "recipes_vs_sklearn.json"))
    args = parser.parse_args()

    if args.side:
        print(json.dumps(run_side(args.side, args.n, args.repeats, args.seed)))
        return

    import sklearn

    diff = check_agreement(args.check_n, args.seed)
    print(f"agreement check on {args.check_n:,} rows: max |pytidy - sklearn| = {diff:.2e}")
    results = {}
    for side in SIDES:
        cmd = [sys.executable, __file__, "--side", side, "--n", str(args.n), "--repeats", str(args.repeats),
               "--seed", str(args.seed)]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONWARNINGS": "ignore"})
        results[side] = json.loads(proc.stdout.strip().splitlines()[-1])
    s = results["sklearn"]
    keys = ("time_s", "fit_s", "transform_s", "peak_mem_mib")
    all_ratios = {side: {k: results[side][k] / s[k] for k in keys} for side in ("pytidy", "pytidy_retain")}
    ratios, p = all_ratios["pytidy"], results["pytidy"]
    print(f"n = {args.n:,} rows x {N_NUM} numeric + {len(CAT_LEVELS)} categorical; best of {args.repeats}; "
          f"memory: {p['memory_method']}")
    print(f"{'side':<22} {'total s':>9} {'prep/fit s':>11} {'bake/transform s':>17} {'peak MiB':>9}")
    for side, r in results.items():
        print(f"{side:<22} {r['time_s']:>9.3f} {r['fit_s']:>11.3f} {r['transform_s']:>17.3f} {r['peak_mem_mib']:>9.1f}")
    for side, r in all_ratios.items():
        print(f"{'ratio ' + side + '/sklearn':<22} {r['time_s']:>9.3f} {r['fit_s']:>11.3f} {r['transform_s']:>17.3f} "
              f"{r['peak_mem_mib']:>9.3f}")
    ok_time, ok_mem = ratios["time_s"] <= TIME_TARGET, ratios["peak_mem_mib"] <= MEM_TARGET
    print(f"targets (pytidy, retain=False): time ratio <= {TIME_TARGET}: {'met' if ok_time else 'NOT met'}; "
          f"memory ratio <= {MEM_TARGET}: {'met' if ok_mem else 'NOT met'}")
    out = {"n": args.n, "n_numeric": N_NUM, "categorical_levels": CAT_LEVELS, "repeats": args.repeats,
           "seed": args.seed, "numpy": np.__version__, "pandas": pd.__version__, "sklearn": sklearn.__version__,
           "python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(),
           "agreement_max_abs_diff": diff, "results": results, "ratios_pytidy_over_sklearn": ratios,
           "ratios_pytidy_retain_over_sklearn": all_ratios["pytidy_retain"], "memory_unit": "MiB",
           "targets": {"time_ratio_max": TIME_TARGET, "memory_ratio_max": MEM_TARGET,
                       "time_met": ok_time, "memory_met": ok_mem}}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(out, indent=2))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
