"""Search methods on real data: racing efficiency and Bayesian optimisation against a grid and optuna.

Run: ``python benchmarks/tuning_search.py [--seeds 10] [--folds 10] [--n-configs 20] [--budget 15]``.
A quick smoke run: ``--seeds 1 --folds 4 --n-configs 5 --budget 4 --rows 200 --out /tmp/ts.json``.

Data: ``two_class_dat`` (modeldata, 791 rows; outcome ``Class``, predictors ``A`` and ``B``),
10-fold cross-validation drawn per seed; the metric is ROC AUC.

(a) Racing efficiency. Two grids of ``--n-configs`` candidates:

* ``lasso``: ``logistic_reg(penalty = tune(), mixture = 1)`` with glmnet, penalties
  ``10^seq(-4, 0)``;
* ``boost``: ``boost_tree(trees, tree_depth, learn_rate)`` with xgboost on a space-filling grid when
  pytidy has ``boost_tree``; otherwise (recorded in the output) an elastic-net grid over
  ``penalty x mixture``, the two-parameter model pytidy has.

For each seed the full grid (``tune_grid``) is the reference; ``tune_race_anova`` and
``tune_race_win_loss`` race the same grid on the same folds. Reported per method: fits used
(configurations x resamples actually fitted) against the grid's, and how often the race's
winner is within one standard error of the grid's winner (judged on the grid's own estimates).
The same table is made for scikit-learn's ``HalvingGridSearchCV`` (``factor=3``, resource
``n_samples``, a KFold with the seed; fits counted as candidates x splits per round, although
early rounds fit on fewer rows) with the
equivalent scikit-learn estimator (``LogisticRegression`` on standardised predictors with
``C = 1 / (n * penalty)``, glmnet's scaling; or ``XGBClassifier``).

(b) Search under one budget: ``--budget`` configurations of the elastic net (``penalty``,
``mixture``), each resampled on the same folds: ``tune_grid`` with a space-filling grid of that
size, ``tune_bayes`` (``initial = 5`` or fewer, the rest as iterations) and optuna's TPE sampler
(``fit_resamples`` of each trial; penalty log-uniform on dials' range, mixture uniform). Reported:
the best mean ROC AUC each found, per seed and on average.

Prints the tables and writes ``benchmarks/results/tuning_search.json`` (or ``--out``).
"""

from __future__ import annotations

import argparse
import json
import platform
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

import pytidy as tm

ROOT = Path(__file__).resolve().parents[1]
AUC = tm.metric_set(tm.roc_auc)


def load_two_class(rows: int | None) -> pd.DataFrame:
    base = ROOT / "tests" / "data" / "modeldata"
    df = pd.read_csv(base / "two_class_dat.csv")
    levels = json.loads((base / "levels.json").read_text()).get("two_class_dat", {})
    for col, lv in levels.items():
        df[col] = pd.Categorical(df[col].astype(str), categories=lv)
    return df.iloc[:rows].reset_index(drop=True) if rows else df


# -- the grids --------------------------------------------------------------------------------
def lasso_setup(n_configs: int) -> tuple[Any, pd.DataFrame, str]:
    spec = tm.logistic_reg(penalty=tm.tune(), mixture=1.0).set_engine("glmnet")
    wf = tm.workflow().add_model(spec).add_formula("Class ~ A + B")
    return wf, pd.DataFrame({"penalty": 10 ** np.linspace(-4, 0, n_configs)}), "lasso"


def boost_setup(n_configs: int) -> tuple[Any, pd.DataFrame, str]:
    if hasattr(tm, "boost_tree"):
        try:
            spec = tm.boost_tree(trees=tm.tune(), tree_depth=tm.tune(), learn_rate=tm.tune())
            spec = spec.set_engine("xgboost").set_mode("classification")
            wf = tm.workflow().add_model(spec).add_formula("Class ~ A + B")
            pset = tm.parameters(tm.trees(range=(10, 300)), tm.tree_depth(range=(1, 6)),
                                 tm.learn_rate(range=(-2.5, -0.5)))
            grid = pset.grid_space_filling(size=n_configs, seed=1)
            return wf, grid, "boost_tree"
        except Exception as exc:  # noqa: BLE001 - fall back to what exists, and say so
            print(f"boost_tree unavailable ({exc}); using the elastic-net grid")
    spec = tm.logistic_reg(penalty=tm.tune(), mixture=tm.tune()).set_engine("glmnet")
    wf = tm.workflow().add_model(spec).add_formula("Class ~ A + B")
    k = max(2, int(round(np.sqrt(n_configs))))
    pen = 10 ** np.linspace(-4, 0, int(np.ceil(n_configs / k)))
    grid = pd.DataFrame([(p, m) for p in pen for m in np.linspace(0.05, 1, k)], columns=["penalty", "mixture"])
    return wf, grid.head(n_configs).reset_index(drop=True), "elastic_net"


def sklearn_estimator(kind: str) -> Any:
    """The scikit-learn counterpart of the pytidy model (glmnet's C = 1 / (n * penalty) scaling)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    if kind == "boost_tree":
        from xgboost import XGBClassifier

        return XGBClassifier(n_jobs=1, verbosity=0)
    return make_pipeline(StandardScaler(), LogisticRegression(l1_ratio=1.0, solver="saga", max_iter=5000))


def sklearn_grid(kind: str, grid: pd.DataFrame, n_train: int) -> list[dict[str, list[Any]]]:
    if kind == "boost_tree":
        return [{"n_estimators": [int(r.trees)], "max_depth": [int(r.tree_depth)], "learning_rate": [float(r.learn_rate)]}
                for r in grid.itertuples()]
    rows = []
    for r in grid.itertuples():
        c = 1.0 / (n_train * float(r.penalty))
        mix = float(getattr(r, "mixture", 1.0))
        rows.append({"logisticregression__C": [c], "logisticregression__l1_ratio": [mix]})
    return rows


def sklearn_to_pytidy(kind: str, params: dict[str, Any], grid: pd.DataFrame, n_train: int) -> int:
    """Row of ``grid`` that scikit-learn's winner corresponds to."""
    if kind == "boost_tree":
        hit = (grid["trees"] == params["n_estimators"]) & (grid["tree_depth"] == params["max_depth"]) & \
            np.isclose(grid["learn_rate"], params["learning_rate"])
    else:
        pen = 1.0 / (n_train * params["logisticregression__C"])
        hit = np.isclose(grid["penalty"], pen, rtol=1e-9)
        if "mixture" in grid.columns:
            hit &= np.isclose(grid["mixture"], params["logisticregression__l1_ratio"])
    return int(np.flatnonzero(np.asarray(hit))[0])


# -- (a) racing -------------------------------------------------------------------------------
def within_one_se(grid_res: Any, params: list[str], winner: pd.Series) -> bool:
    stats = grid_res.collect_metrics()
    stats = stats.loc[stats[".metric"] == "roc_auc"].reset_index(drop=True)
    best = stats.loc[stats["mean"].idxmax()]
    hit = np.ones(len(stats), dtype=bool)
    for p in params:
        hit &= np.isclose(stats[p].astype(float), float(winner[p]))
    mean = float(stats.loc[hit, "mean"].iloc[0])
    return bool(mean >= best["mean"] - best["std_err"])


def racing(df: pd.DataFrame, seeds: list[int], folds_v: int, n_configs: int) -> dict[str, Any]:
    from sklearn.experimental import enable_halving_search_cv  # noqa: F401
    from sklearn.model_selection import HalvingGridSearchCV, KFold

    out: dict[str, Any] = {}
    for setup in (lasso_setup, boost_setup):
        wf, grid, kind = setup(n_configs)
        params = list(grid.columns)
        rows = []
        for seed in seeds:
            folds = tm.vfold_cv(df, v=folds_v, seed=seed)
            t0 = time.perf_counter()
            full = tm.tune_grid(wf, folds, grid=grid, metrics=AUC, seed=seed)
            t_grid = time.perf_counter() - t0
            grid_fits = len(grid) * folds_v
            row = {"seed": seed, "grid_fits": grid_fits, "grid_seconds": t_grid}
            for name, fn in (("anova", tm.tune_race_anova), ("win_loss", tm.tune_race_win_loss)):
                t0 = time.perf_counter()
                race = fn(wf, folds, grid=grid, metrics=AUC, seed=seed)
                row[f"{name}_seconds"] = time.perf_counter() - t0
                allc = race.collect_metrics(all_configs=True)
                row[f"{name}_fits"] = int(allc.loc[allc[".metric"] == "roc_auc", "n"].sum())
                row[f"{name}_within_1se"] = within_one_se(full, params, race.select_best("roc_auc").iloc[0])
            est = sklearn_estimator(kind)
            n_train = int(round(len(df) * (folds_v - 1) / folds_v))
            x = df[["A", "B"]].to_numpy()
            y = (df["Class"] == df["Class"].cat.categories[0]).astype(int).to_numpy()
            halving = HalvingGridSearchCV(est, sklearn_grid(kind, grid, n_train), factor=3, scoring="roc_auc",
                                          cv=KFold(folds_v, shuffle=True, random_state=seed), random_state=seed,
                                          n_jobs=1)
            t0 = time.perf_counter()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                halving.fit(x, y)
            row["halving_seconds"] = time.perf_counter() - t0
            row["halving_fits"] = int(sum(halving.n_candidates_) * folds_v)
            win = grid.iloc[sklearn_to_pytidy(kind, halving.best_params_, grid, n_train)]
            row["halving_within_1se"] = within_one_se(full, params, win)
            rows.append(row)
            print(f"  {kind} seed {seed}: " + ", ".join(f"{k}={v:.3g}" if isinstance(v, float) else f"{k}={v}"
                                                       for k, v in row.items() if k != "seed"))
        table = pd.DataFrame(rows)
        summary = {}
        for name in ("anova", "win_loss", "halving"):
            summary[name] = {
                "fits_mean": float(table[f"{name}_fits"].mean()),
                "fits_vs_grid": float((table[f"{name}_fits"] / table["grid_fits"]).mean()),
                "within_1se_rate": float(table[f"{name}_within_1se"].mean()),
                "seconds_mean": float(table[f"{name}_seconds"].mean()),
            }
        summary["grid"] = {"fits_mean": float(table["grid_fits"].mean()), "seconds_mean": float(table["grid_seconds"].mean())}
        out[kind] = {"per_seed": rows, "summary": summary, "n_configs": len(grid)}
    return out


# -- (b) search under one budget --------------------------------------------------------------
def search(df: pd.DataFrame, seeds: list[int], folds_v: int, budget: int) -> dict[str, Any]:
    import optuna

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    spec = tm.logistic_reg(penalty=tm.tune(), mixture=tm.tune()).set_engine("glmnet")
    wf = tm.workflow().add_model(spec).add_formula("Class ~ A + B")
    pset = wf.parameters()
    rows = []
    for seed in seeds:
        folds = tm.vfold_cv(df, v=folds_v, seed=seed)
        row: dict[str, Any] = {"seed": seed, "budget": budget}
        t0 = time.perf_counter()
        g = tm.tune_grid(wf, folds, grid=pset.grid_space_filling(size=budget, seed=seed), metrics=AUC, seed=seed)
        row["grid_best"], row["grid_seconds"] = float(g.show_best("roc_auc", n=1)["mean"].iloc[0]), time.perf_counter() - t0
        initial = min(5, max(2, budget - 1))
        t0 = time.perf_counter()
        b = tm.tune_bayes(wf, folds, initial=initial, iter=budget - initial, metrics=AUC, seed=seed,
                          control=tm.control_bayes(no_improve=budget))
        row["bayes_best"], row["bayes_seconds"] = float(b.show_best("roc_auc", n=1)["mean"].iloc[0]), time.perf_counter() - t0
        row["bayes_configs"] = int(b.collect_metrics()[".config"].nunique())

        def objective(trial: Any) -> float:
            pen = trial.suggest_float("penalty", 1e-10, 1.0, log=True)
            mix = trial.suggest_float("mixture", 0.0, 1.0)
            res = tm.fit_resamples(wf.finalize_workflow({"penalty": pen, "mixture": mix}), folds, metrics=AUC,
                                   seed=seed)
            return float(res.collect_metrics()["mean"].iloc[0])

        t0 = time.perf_counter()
        study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=seed))
        study.optimize(objective, n_trials=budget)
        row["tpe_best"], row["tpe_seconds"] = float(study.best_value), time.perf_counter() - t0
        rows.append(row)
        print(f"  seed {seed}: grid {row['grid_best']:.4f}, bayes {row['bayes_best']:.4f}, "
              f"tpe {row['tpe_best']:.4f}")
    table = pd.DataFrame(rows)
    summary = {m: {"best_mean": float(table[f"{m}_best"].mean()), "seconds_mean": float(table[f"{m}_seconds"].mean())}
               for m in ("grid", "bayes", "tpe")}
    return {"per_seed": rows, "summary": summary}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--folds", type=int, default=10)
    parser.add_argument("--n-configs", type=int, default=20)
    parser.add_argument("--budget", type=int, default=15)
    parser.add_argument("--bayes-seeds", type=int, default=3, help="seeds for part (b)")
    parser.add_argument("--rows", type=int, default=None, help="use only the first rows (smoke runs)")
    parser.add_argument("--out", default=str(Path(__file__).parent / "results" / "tuning_search.json"))
    args = parser.parse_args()
    df = load_two_class(args.rows)
    seeds = list(range(1, args.seeds + 1))
    print(f"(a) racing efficiency: {len(df)} rows, {args.folds}-fold CV, {args.n_configs} candidates, "
          f"{len(seeds)} seeds")
    race = racing(df, seeds, args.folds, args.n_configs)
    for kind, res in race.items():
        print(f"\n{kind} ({res['n_configs']} candidates)")
        print(f"{'method':<10} {'fits':>8} {'fits/grid':>10} {'winner within 1 SE':>20} {'seconds':>9}")
        g = res["summary"]["grid"]
        print(f"{'grid':<10} {g['fits_mean']:>8.1f} {1.0:>10.2f} {'(reference)':>20} {g['seconds_mean']:>9.2f}")
        for m in ("anova", "win_loss", "halving"):
            s = res["summary"][m]
            print(f"{m:<10} {s['fits_mean']:>8.1f} {s['fits_vs_grid']:>10.2f} {s['within_1se_rate']:>20.2f} "
                  f"{s['seconds_mean']:>9.2f}")
    bseeds = list(range(1, min(args.bayes_seeds, args.seeds) + 1))
    print(f"\n(b) best ROC AUC under a budget of {args.budget} configurations, {len(bseeds)} seeds")
    srch = search(df, bseeds, args.folds, args.budget)
    print(f"{'method':<8} {'best mean roc_auc':>18} {'seconds':>9}")
    for m, s in srch["summary"].items():
        print(f"{m:<8} {s['best_mean']:>18.4f} {s['seconds_mean']:>9.2f}")
    result = {"args": vars(args), "python": platform.python_version(), "machine": platform.machine(),
              "racing": race, "search": srch}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2, default=float))
    print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
