"""Time pytidy's ``tune_grid`` against scikit-learn's ``GridSearchCV`` on the same glmnet search.

Run: ``python benchmarks/tuning.py [--repeats 3] [--workers 2] [--small] [--out PATH]``.

Data: ames (``tests/data/modeldata/ames.csv`` with R's factor levels from ``levels.json``, read
with ``keep_default_na=False, na_values=["NA", ""]`` so the level "None" stays a level), outcome
``log10(Sale_Price)``, every other column a predictor (274 design columns after dummies).

Both sides do the same work on the same 10 folds (pytidy's ``vfold_cv(seed=1)``, handed to
scikit-learn as ``cv=[(train, test), ...]``):

* pytidy: ``recipe(Sale_Price ~ .).step_dummy(all_nominal_predictors())
  .step_zv(all_predictors()).step_normalize(all_numeric_predictors())`` and
  ``linear_reg(penalty=tune(), mixture=tune()).set_engine("glmnet", thresh=1e-7)``, a grid of
  10 penalties (1e-5 to 1e-1) x 2 mixtures (0.5, 1) = 20 configurations, through ``tune_grid``
  with ``metric_set(rmse)``. The untuned recipe is prepped once per fold, and the 10 penalties of
  one mixture are submodels of one fit (as R's tune: 2 fits per fold).
* scikit-learn: ``Pipeline([ColumnTransformer(OneHotEncoder(drop="first") for categoricals,
  passthrough numerics), VarianceThreshold(0), StandardScaler(), ElasticNet(tol=1e-7,
  precompute=True)])`` (the Gram-matrix coordinate descent pytidy's glmnet uses too) with
  ``alpha = penalty``, ``l1_ratio = mixture`` (glmnet's gaussian objective is ElasticNet's on
  standardised predictors), ``GridSearchCV(n_jobs=1, scoring="neg_root_mean_squared_error",
  refit=False)``: 20 fits per fold.

Both sides fit with one BLAS thread: pytidy's ``control_grid(threads=1)`` default, scikit-learn
under ``threadpool_limits(1)``. The same fixed thread count is what lets 2 workers give the
sequential metrics bit for bit (``parallel_results_identical``).

Reported: the best of ``--repeats`` wall times of each side, the ratio pytidy / scikit-learn
(target <= 0.5), whether both choose the same configuration and how far apart their best mean
RMSEs are, and the speed-up of ``control_grid(backend="loky", n_jobs=--workers)`` over one
worker (target >= 1.7 with 2 workers on an idle 2-core machine; the worker pool is started once
before timing). ``--small`` runs a tiny version (600 rows, 3 folds, 4 configurations) to check
that the script works. Writes ``benchmarks/results/tuning.json`` (or ``--out``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pytidy as tm  # noqa: E402

DATA = ROOT / "tests" / "data" / "modeldata"
RATIO_TARGET, SPEEDUP_TARGET = 0.5, 1.7


def read_ames() -> pd.DataFrame:
    df = pd.read_csv(DATA / "ames.csv", keep_default_na=False, na_values=["NA", ""])
    levels = json.loads((DATA / "levels.json").read_text()).get("ames", {})
    for col, lv in levels.items():
        df[col] = pd.Categorical(df[col].astype(str) if df[col].dtype != object else df[col], categories=lv)
    df["Sale_Price"] = np.log10(df["Sale_Price"])
    return df


def pytidy_search(df: pd.DataFrame, folds, grid: pd.DataFrame, control) -> tuple[float, object]:
    rec = (tm.recipe("Sale_Price ~ .", df).step_dummy(tm.all_nominal_predictors())
           .step_zv(tm.all_predictors()).step_normalize(tm.all_numeric_predictors()))
    spec = tm.linear_reg(penalty=tm.tune(), mixture=tm.tune()).set_engine("glmnet", thresh=1e-7)
    wf = tm.workflow().add_recipe(rec).add_model(spec)
    start = time.perf_counter()
    res = tm.tune_grid(wf, folds, grid=grid, metrics=tm.metric_set(tm.rmse), control=control, seed=1)
    return time.perf_counter() - start, res


def sklearn_search(df: pd.DataFrame, folds, grid: pd.DataFrame) -> tuple[float, object]:
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_selection import VarianceThreshold
    from sklearn.linear_model import ElasticNet
    from sklearn.model_selection import GridSearchCV
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    x = df.drop(columns="Sale_Price")
    y = df["Sale_Price"].to_numpy()
    cats = [c for c in x.columns if isinstance(x[c].dtype, pd.CategoricalDtype)]
    nums = [c for c in x.columns if c not in cats]
    encode = ColumnTransformer([
        ("cat", OneHotEncoder(drop="first", categories=[list(x[c].cat.categories) for c in cats],
                              sparse_output=False, handle_unknown="ignore"), cats),
        ("num", "passthrough", nums),
    ])
    pipe = Pipeline([("encode", encode), ("zv", VarianceThreshold(0.0)), ("scale", StandardScaler()),
                     ("model", ElasticNet(tol=1e-7, max_iter=100_000, precompute=True))])
    params = {"model__alpha": sorted(set(grid["penalty"])), "model__l1_ratio": sorted(set(grid["mixture"]))}
    cv = [(np.asarray(s.in_id), np.asarray(s.out_id)) for s in folds.splits]
    search = GridSearchCV(pipe, params, scoring="neg_root_mean_squared_error", cv=cv, n_jobs=1, refit=False)
    start = time.perf_counter()
    with threadpool_limits(limits=1):  # one core, as pytidy's fits (control_grid(threads=1))
        search.fit(x, y)
    return time.perf_counter() - start, search


def best_of(fn, repeats: int):
    times, out = [], None
    for _ in range(repeats):
        t, out = fn()
        times.append(t)
    return min(times), out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--small", action="store_true", help="a tiny run that checks the script works")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "tuning.json")
    args = parser.parse_args()

    df = read_ames()
    if args.small:
        df = df.iloc[:600].reset_index(drop=True)
        v, penalties, mixtures = 3, [1e-4, 1e-2], [0.5, 1.0]
    else:
        v, penalties, mixtures = 10, list(np.logspace(-5, -1, 10)), [0.5, 1.0]
    grid = pd.DataFrame([(p, m) for m in mixtures for p in penalties], columns=["penalty", "mixture"])
    folds = tm.vfold_cv(df, v=v, seed=1)

    t_py, res = best_of(lambda: pytidy_search(df, folds, grid, tm.control_grid()), args.repeats)
    t_sk, search = best_of(lambda: sklearn_search(df, folds, grid), args.repeats)
    par = tm.control_grid(backend="loky", n_jobs=args.workers)
    pytidy_search(df, folds, grid, par)  # start the worker pool before timing
    t_par, res_par = best_of(lambda: pytidy_search(df, folds, grid, par), args.repeats)

    best = res.show_best(metric="rmse", n=1).iloc[0]
    sk_best = search.best_params_
    sk_rmse = -float(search.best_score_)
    same_best = bool(np.isclose(best["penalty"], sk_best["model__alpha"])
                     and np.isclose(best["mixture"], sk_best["model__l1_ratio"]))
    identical_parallel = res_par.metric_values.equals(res.metric_values)
    out = {
        "data": {"rows": len(df), "folds": v, "configurations": len(grid)},
        "pytidy_seconds": t_py, "sklearn_seconds": t_sk, "ratio_pytidy_over_sklearn": t_py / t_sk,
        "ratio_target": RATIO_TARGET,
        "pytidy_best": {"penalty": float(best["penalty"]), "mixture": float(best["mixture"]),
                        "rmse": float(best["mean"])},
        "sklearn_best": {"penalty": float(sk_best["model__alpha"]), "mixture": float(sk_best["model__l1_ratio"]),
                         "rmse": sk_rmse},
        "same_best_configuration": same_best, "best_rmse_difference": abs(float(best["mean"]) - sk_rmse),
        "workers": args.workers, "pytidy_parallel_seconds": t_par, "speedup": t_py / t_par,
        "speedup_target": SPEEDUP_TARGET, "parallel_results_identical": bool(identical_parallel),
        "small": args.small, "repeats": args.repeats, "cores": os.cpu_count(),
        "python": platform.python_version(), "machine": platform.machine(),
    }
    rows = [("pytidy tune_grid (1 core)", t_py), ("scikit-learn GridSearchCV (n_jobs=1)", t_sk),
            (f"pytidy tune_grid ({args.workers} loky workers)", t_par)]
    print(f"ames: {len(df)} rows, {v} folds, {len(grid)} configurations")
    for name, t in rows:
        print(f"  {name:<40} {t:8.2f} s")
    print(f"  ratio pytidy / scikit-learn: {t_py / t_sk:.2f} (target <= {RATIO_TARGET})")
    print(f"  speed-up with {args.workers} workers: {t_py / t_par:.2f}x (target >= {SPEEDUP_TARGET}); "
          f"identical results: {identical_parallel}")
    print(f"  best: pytidy penalty={best['penalty']:.3g} mixture={best['mixture']:g} rmse={best['mean']:.6f}; "
          f"scikit-learn penalty={sk_best['model__alpha']:.3g} mixture={sk_best['model__l1_ratio']:g} "
          f"rmse={sk_rmse:.6f}; same: {same_best}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
