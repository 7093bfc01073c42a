"""Fit + predict time of each model-zoo engine through pytidy next to calling the library directly.

Run: ``python benchmarks/engines.py [--n 10984] [--repeats 3] [--engines rand_forest/sklearn,...]``.
Uses the HIGGS sample shipped with pytidy (``tm.read_higgs()``, binary ``class``). Each case fits
on the first 80% of the rows and predicts class probabilities for the rest, once through pytidy
(``fit_xy`` + ``predict(type="prob")``) and once with the library called directly with the same
translated arguments and seed. Prints a table and writes ``benchmarks/results/engines.json`` with
the best-of-N times (seconds, after one warm-up call each) and the overhead ``pytidy / direct - 1`` (target: under 10% for fits
that take over one second).
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path

import numpy as np

import pytidy as tm

SEED = 2024


def direct_cases(X, y_codes, y_str, Xn, trees, k):
    """Library calls with the arguments pytidy's engines translate to (see each engine's docs)."""
    import lightgbm as lgb
    import xgboost as xgb
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold
    from sklearn.naive_bayes import GaussianNB
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.svm import SVC
    from sklearn.tree import DecisionTreeClassifier

    p = X.shape[1]
    mean, sd = X.mean(axis=0), X.std(axis=0, ddof=1)

    def rf():
        m = RandomForestClassifier(n_estimators=trees, max_features=int(np.sqrt(p)), min_samples_split=10,
                                   random_state=SEED, n_jobs=1).fit(X, y_str)
        return m.predict_proba(Xn)

    def xgbc():
        params = {"eta": 0.3, "max_depth": 6, "gamma": 0.0, "colsample_bytree": 1.0, "colsample_bynode": 1.0,
                  "min_child_weight": 1.0, "subsample": 1.0, "nthread": 1, "seed": SEED,
                  "objective": "binary:logistic"}
        b = xgb.train(params, xgb.DMatrix(X, label=y_codes), num_boost_round=trees)
        return b.predict(xgb.DMatrix(Xn))

    def lgbc():
        params = {"num_iterations": trees, "learning_rate": 0.1, "max_depth": -1, "feature_fraction_bynode": 1.0,
                  "min_data_in_leaf": 20, "min_gain_to_split": 0.0, "bagging_fraction": 1.0, "deterministic": True,
                  "verbose": -1, "num_threads": 1, "seed": SEED, "feature_pre_filter": False, "objective": "binary"}
        return lgb.train(params, lgb.Dataset(X, label=y_codes)).predict(Xn)

    def hgb():
        m = HistGradientBoostingClassifier(max_iter=trees, early_stopping=False, random_state=SEED).fit(X, y_str)
        return m.predict_proba(Xn)

    def tree():
        stump = DecisionTreeClassifier(max_depth=1, random_state=SEED).fit(X, y_str)
        m = DecisionTreeClassifier(ccp_alpha=0.01 * stump.tree_.impurity[0], max_depth=30, min_samples_split=20,
                                   min_samples_leaf=7, random_state=SEED).fit(X, y_str)
        return m.predict_proba(Xn)

    def knn():
        m = KNeighborsClassifier(n_neighbors=k).fit((X - mean) / sd, y_str)
        return m.predict_proba((Xn - mean) / sd)

    def svm():
        cv = StratifiedKFold(5, shuffle=True, random_state=SEED)
        m = CalibratedClassifierCV(SVC(kernel="rbf", C=1.0, gamma="scale"), method="sigmoid", cv=cv, ensemble=False)
        return m.fit((X - mean) / sd, y_str).predict_proba((Xn - mean) / sd)

    def nb():
        return GaussianNB().fit(X, y_str).predict_proba(Xn)

    def logit():
        m = LogisticRegression(C=np.inf, max_iter=10000, tol=1e-8, random_state=SEED).fit(X, y_str)
        return m.predict_proba(Xn)

    return {
        "rand_forest/sklearn": (tm.rand_forest(trees=trees).set_mode("classification"), rf),
        "boost_tree/xgboost": (tm.boost_tree(trees=trees).set_mode("classification"), xgbc),
        "boost_tree/lightgbm": (tm.boost_tree(trees=trees).set_engine("lightgbm").set_mode("classification"), lgbc),
        "boost_tree/sklearn": (tm.boost_tree(trees=trees).set_engine("sklearn").set_mode("classification"), hgb),
        "decision_tree/sklearn": (tm.decision_tree().set_mode("classification"), tree),
        "nearest_neighbor/sklearn": (tm.nearest_neighbor(neighbors=k, weight_func="rectangular").set_mode(
            "classification"), knn),
        "svm_rbf/sklearn": (tm.svm_rbf().set_engine("sklearn", gamma="scale").set_mode("classification"), svm),
        "naive_Bayes/sklearn": (tm.naive_Bayes(), nb),
        "logistic_reg/sklearn": (tm.logistic_reg(engine="sklearn"), logit),
    }


def best_time(fn, repeats: int) -> float:
    """Best of ``repeats`` timed calls after one untimed warm-up call (imports, caches)."""
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=None, help="rows of the HIGGS sample to use (default all)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--trees", type=int, default=500, help="trees / boosting iterations")
    parser.add_argument("--neighbors", type=int, default=5)
    parser.add_argument("--engines", default=None, help="comma-separated subset, e.g. boost_tree/xgboost")
    parser.add_argument("--out", default=str(Path(__file__).parent / "results" / "engines.json"))
    args = parser.parse_args()

    higgs = tm.read_higgs(n_max=args.n)
    n_train = int(0.8 * len(higgs))
    train, test = higgs.iloc[:n_train], higgs.iloc[n_train:]
    features = [c for c in higgs.columns if c != "class"]
    X, Xn = train[features].to_numpy(float), test[features].to_numpy(float)
    y = train["class"]
    cases = direct_cases(X, (y.cat.codes == 1).to_numpy(float), y.astype(str).to_numpy(), Xn, args.trees,
                         args.neighbors)
    wanted = set(args.engines.split(",")) if args.engines else set(cases)
    unknown = wanted - set(cases)
    if unknown:
        raise SystemExit(f"unknown engines {sorted(unknown)}; choose from {sorted(cases)}")

    rows = []
    for name, (spec, direct) in cases.items():
        if name not in wanted:
            continue

        def through_pytidy(spec=spec):
            fit = tm.fit_xy(spec, train[features], y, seed=SEED)
            return fit.predict(test, type="prob")

        t_py = best_time(through_pytidy, args.repeats)
        t_direct = best_time(direct, args.repeats)
        rows.append({"engine": name, "pytidy_s": t_py, "direct_s": t_direct, "overhead": t_py / t_direct - 1})
        print(f"{name:26s} pytidy {t_py:8.3f}s  direct {t_direct:8.3f}s  overhead {100 * (t_py / t_direct - 1):+6.1f}%",
              flush=True)

    result = {"n_train": n_train, "n_test": len(test), "trees": args.trees, "repeats": args.repeats,
              "python": platform.python_version(), "machine": platform.machine(), "results": rows}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
