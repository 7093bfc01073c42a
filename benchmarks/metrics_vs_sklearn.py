"""Time pytidy's yardstick metrics against scikit-learn on the same 10,000,000 rows.

Run: ``python benchmarks/metrics_vs_sklearn.py [--n 10000000] [--repeats 3]``.
Prints a table and writes ``benchmarks/results/metrics_vs_sklearn.json`` with the best-of-N times
(seconds), the ratio pytidy / scikit-learn (<= 1.0 means pytidy is no slower) and both values.

Binary labels are 0/1 integers; pytidy sorts them into levels [0, 1], so the positive class 1 of
scikit-learn is the *second* level and the probability metrics use ``event_level="second"``.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path

import numpy as np
import sklearn
from sklearn import metrics as skm

import pytidy as tm


def best_time(fn, repeats: int) -> tuple[float, float]:
    times, value = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
    return min(times), float(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--out", default=str(Path(__file__).parent / "results" / "metrics_vs_sklearn.json"))
    args = parser.parse_args()

    rng = np.random.default_rng(args.seed)
    n = args.n
    truth = rng.integers(0, 2, size=n)
    prob = np.clip(0.35 * truth + rng.uniform(0, 0.65, size=n), 0.0, 1.0)  # P(class 1)
    pred = (prob > 0.5).astype(np.int64)
    y = rng.normal(size=n)
    yhat = y + rng.normal(scale=0.5, size=n)

    rmse_sk = getattr(skm, "root_mean_squared_error", None)
    if rmse_sk is None:  # scikit-learn < 1.4
        def rmse_sk(a, b):
            return skm.mean_squared_error(a, b) ** 0.5

    cases = {
        "roc_auc": (lambda: tm.roc_auc_vec(truth, prob, event_level="second"),
                    lambda: skm.roc_auc_score(truth, prob)),
        "accuracy": (lambda: tm.accuracy_vec(truth, pred), lambda: skm.accuracy_score(truth, pred)),
        "mn_log_loss": (lambda: tm.mn_log_loss_vec(truth, prob, event_level="second"),
                        lambda: skm.log_loss(truth, prob)),
        "rmse": (lambda: tm.rmse_vec(y, yhat), lambda: rmse_sk(y, yhat)),
    }
    results = {}
    print(f"n = {n:,} rows, best of {args.repeats}; numpy {np.__version__}, scikit-learn {sklearn.__version__}")
    print(f"{'metric':<12} {'pytidy s':>10} {'sklearn s':>10} {'ratio':>7}  {'pytidy value':>14} {'sklearn value':>14}")
    for name, (ours, theirs) in cases.items():
        t_ours, v_ours = best_time(ours, args.repeats)
        t_sk, v_sk = best_time(theirs, args.repeats)
        ratio = t_ours / t_sk
        results[name] = {"pytidy_s": t_ours, "sklearn_s": t_sk, "ratio": ratio, "pytidy_value": v_ours,
                         "sklearn_value": v_sk, "values_agree": bool(np.isclose(v_ours, v_sk, rtol=1e-9))}
        print(f"{name:<12} {t_ours:>10.3f} {t_sk:>10.3f} {ratio:>7.3f}  {v_ours:>14.10f} {v_sk:>14.10f}")
    out = {"n": n, "repeats": args.repeats, "seed": args.seed, "numpy": np.__version__,
           "sklearn": sklearn.__version__, "python": platform.python_version(), "machine": platform.machine(),
           "results": results}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(out, indent=2))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
