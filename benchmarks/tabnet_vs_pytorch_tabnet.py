"""pytidy's TabNet engine vs pytorch-tabnet 4.1.0: speed, memory, accuracy, scale, accuracy per second.

Sections (each measurement runs in its own subprocess, so its peak RSS is its own; pytidy and the
peer alternate, and which one goes first alternates too, so a busy shared machine hurts both alike):

1. Throughput at TabNet-S settings (decision_width 24, attention_width 26, num_steps 5,
   feature_reusage 1.5, penalty 1e-6, momentum 0.4 in torch's convention = the paper's m_B 0.6,
   learn_rate 0.02) at batch 16384 / virtual 512 and 1024 / 128, on a HIGGS-shaped generated set
   (28 float32 features, ``--rows`` training rows, 50,000 validation rows): training rows/s,
   predict and explain rows/s, peak RSS, validation accuracy after the same epochs, per seed.
2. ``--scale``: one epoch over ``--scale-rows`` (default 11,000,000) generated rows with TabNet-S
   settings at batch 16384: time and peak RSS against the float32 data size (target < 2.5x).
3. ``--real``: accuracy per second on lending_club (modeldata; numeric and categorical
   predictors): validation ROC AUC and wall time of pytidy's TabNet (categoricals embedded,
   early stopping on a validation split), pytorch-tabnet and LightGBM, in the same run.
4. ``--real-search``: variants of pytidy's ``--real`` settings scored on an inner holdout of the
   training part (the test part unseen), to choose the settings without tuning on the test rows.

Run at full size (the lead does, on an idle machine):
``python benchmarks/tabnet_vs_pytorch_tabnet.py --rows 200000 --epochs 2 --seeds 1 2 3 --scale --real``.
Tiny smoke run: ``--rows 4000 --epochs 1 --seeds 1 --valid-rows 2000``.
Writes ``benchmarks/results/tabnet_vs_pytorch_tabnet.json`` (or ``--out``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
#: pytorch-tabnet clips the gradient norm at 1 by default (``clip_value=1``; R and pytidy do not clip),
#: so pytidy is given the same clip: the same hyperparameters on both sides.
TABNET_S = dict(decision_width=24, attention_width=26, num_steps=5, feature_reusage=1.5, momentum=0.4,
                penalty=1e-6, learn_rate=0.02, clip_value=1.0)
CONFIGS = {"16384/512": (16384, 512), "1024/128": (1024, 128)}
#: pytidy's TabNet settings for ``--real`` (lending_club); ``clip_value=1`` as the peer clips by default.
REAL_TABNET = dict(epochs=60, batch_size=1024, virtual_batch_size=128, decision_width=8, num_steps=3, learn_rate=0.02,
                   momentum=0.1, penalty=1e-4, cat_emb_dim=2, valid_split=0.15, early_stopping_patience=8,
                   early_stopping_tolerance=1e-4, lr_scheduler="step", step_size=15, lr_decay=0.5,
                   clip_value=1.0, skip_importance=True)
#: ``--real-search``: changes to REAL_TABNET tried on an inner holdout of lending_club's training part.
REAL_VARIANTS = {
    "as --real": {}, "learn_rate 0.01": dict(learn_rate=0.01, step_size=20), "batch 512": dict(batch_size=512),
    "batch 256/64, 40 epochs": dict(batch_size=256, virtual_batch_size=64, epochs=40),
    "decision_width 16": dict(decision_width=16), "momentum 0.02": dict(momentum=0.02),
    "penalty 1e-3": dict(penalty=1e-3), "patience 15": dict(early_stopping_patience=15),
    "reduce_on_plateau": dict(lr_scheduler="reduce_on_plateau", step_size=4), "num_steps 2": dict(num_steps=2),
    "batch 512, learn_rate 0.01": dict(batch_size=512, learn_rate=0.01),
    "virtual 256": dict(virtual_batch_size=256), "virtual 512": dict(virtual_batch_size=512),
    "virtual 1024": dict(virtual_batch_size=1024), "batch 512/256": dict(batch_size=512, virtual_batch_size=256),
    "virtual 256, penalty 1e-3": dict(virtual_batch_size=256, penalty=1e-3),
    "virtual 256, patience 15": dict(virtual_batch_size=256, early_stopping_patience=15),
    "virtual 256, momentum 0.02": dict(virtual_batch_size=256, momentum=0.02),
}


def make_data(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """HIGGS-shaped rows: 28 float32 features, mass-like positive tail columns, a nonlinear logit."""
    rng = np.random.default_rng(seed)
    x = np.empty((n, 28), dtype=np.float32)
    y = np.empty(n, dtype=np.int64)
    step = 1_000_000
    for start in range(0, n, step):  # in chunks: no float64 copy of the whole set
        m = min(step, n - start)
        block = rng.standard_normal((m, 28), dtype=np.float32)
        block[:, 21:] = np.abs(block[:, 21:]) + 0.5
        logit = (0.8 * block[:, 0] - 0.6 * block[:, 5] * block[:, 9] + 0.5 * np.log(block[:, 25])
                 + 0.3 * block[:, 12] ** 2 - 0.3)
        x[start:start + m] = block
        y[start:start + m] = rng.random(m) < 1 / (1 + np.exp(-logit))
    return x, y


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KB


def _frame(x: np.ndarray):
    import pandas as pd

    return pd.DataFrame(x, columns=[f"x{i:02d}" for i in range(x.shape[1])], copy=False)


def _labels(y: np.ndarray):
    import pandas as pd

    return pd.Series(pd.Categorical(np.where(y == 1, "1", "0"), categories=["1", "0"]), name="class")


def _warm_torch() -> None:
    """Pay torch's one-time imports before any clock starts, for both libraries alike.

    Building the first ``torch.optim`` optimizer of a process imports ``torch._dynamo`` (about a
    second here); each measurement runs in a fresh process, so without this both libraries' first
    fit would carry that second, which is not training throughput.
    """
    import torch

    torch.optim.Adam([torch.zeros(1, requires_grad=True)])


# --------------------------------------------------------------------------- workers (one per subprocess)
def worker_throughput(lib: str, rows: int, valid_rows: int, epochs: int, batch: int, vbatch: int, seed: int,
                      threads: int | None = None) -> dict:
    import torch

    if threads:
        torch.set_num_threads(threads)  # the same for both libraries: each worker is one process
    _warm_torch()
    x, y = make_data(rows + valid_rows, seed=0)
    xt, yt, xv, yv = x[:rows], y[:rows], x[rows:], y[rows:]
    out: dict = {"library": lib, "batch": f"{batch}/{vbatch}", "seed": seed, "threads": torch.get_num_threads()}
    if lib == "pytidy":
        from pytidy.engines.tabnet.engine import fit_tabnet

        t0 = time.perf_counter()
        fit = fit_tabnet(_frame(xt), _labels(yt), seed=seed, epochs=epochs, batch_size=batch, virtual_batch_size=vbatch,
                         skip_importance=True, **TABNET_S)
        out["train_s"] = time.perf_counter() - t0
        fv = _frame(xv)
        t0 = time.perf_counter()
        prob = fit.predict_proba(fv)
        out["predict_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        fit.explain(fv)
        out["explain_s"] = time.perf_counter() - t0
        pred1 = prob[:, 0] > 0.5  # column 0 is level "1"
    else:
        from pytorch_tabnet.tab_model import TabNetClassifier

        clf = TabNetClassifier(n_d=24, n_a=26, n_steps=5, gamma=1.5, momentum=0.4, lambda_sparse=1e-6, seed=seed,
                               optimizer_params={"lr": 0.02}, clip_value=1, verbose=0)
        t0 = time.perf_counter()
        clf.fit(xt, yt, max_epochs=epochs, batch_size=batch, virtual_batch_size=vbatch, drop_last=False,
                compute_importance=False, num_workers=0)
        out["train_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        prob = clf.predict_proba(xv)
        out["predict_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        clf.explain(xv)
        out["explain_s"] = time.perf_counter() - t0
        pred1 = prob[:, list(clf.classes_).index(1)] > 0.5
    out["train_rows_per_s"] = rows * epochs / out["train_s"]
    out["predict_rows_per_s"] = valid_rows / out["predict_s"]
    out["explain_rows_per_s"] = valid_rows / out["explain_s"]
    out["accuracy"] = float((pred1 == (yv == 1)).mean())
    out["peak_rss_mb"] = _peak_rss_mb()
    return out


def worker_scale(rows: int) -> dict:
    from pytidy.engines.tabnet.engine import fit_tabnet

    _warm_torch()
    x, y = make_data(rows, seed=0)
    data_mb = x.nbytes / 2**20
    frame, labels = _frame(x), _labels(y)
    del y
    t0 = time.perf_counter()
    fit = fit_tabnet(frame, labels, seed=1, epochs=1, batch_size=16384, virtual_batch_size=512, skip_importance=True,
                     **TABNET_S)
    seconds = time.perf_counter() - t0
    return {"rows": rows, "seconds": seconds, "rows_per_s": rows / seconds, "data_mb": data_mb,
            "peak_rss_mb": _peak_rss_mb(), "peak_over_data": _peak_rss_mb() / data_mb,
            "final_loss": float(fit.history["loss"].iloc[-1])}


def _lending_club():
    import pandas as pd

    path = ROOT / "tests" / "data" / "modeldata" / "lending_club.csv"
    if not path.exists():
        path = Path("/work/shared/data/modeldata/lending_club.csv")
    df = pd.read_csv(path, keep_default_na=False, na_values=[""])
    levels = json.loads((path.parent / "levels.json").read_text())["lending_club"]
    for col, lv in levels.items():
        df[col] = pd.Categorical(df[col], categories=lv)
    rng = np.random.default_rng(0)
    idx = rng.permutation(len(df))
    cut = int(0.75 * len(df))
    return df.iloc[idx[:cut]].reset_index(drop=True), df.iloc[idx[cut:]].reset_index(drop=True)


def worker_real(lib: str, seed: int) -> dict:
    from sklearn.metrics import roc_auc_score

    _warm_torch()
    train, test = _lending_club()
    y_tr, y_te = train.pop("Class"), test.pop("Class")
    truth = (y_te == "bad").to_numpy()
    t0 = time.perf_counter()
    if lib == "pytidy":
        from pytidy.engines.tabnet.engine import fit_tabnet

        fit = fit_tabnet(train, y_tr, seed=seed, **REAL_TABNET)
        score = fit.predict_proba(test)[:, 0]  # level "bad" is first
        extra = {"epochs_run": len(fit.history), "best_epoch": fit.best_epoch}
    elif lib == "pytorch-tabnet":
        from pytorch_tabnet.tab_model import TabNetClassifier

        cats = [c for c in train.columns if str(train[c].dtype) == "category"]
        idx = [list(train.columns).index(c) for c in cats]

        def enc(df):
            out = df.copy()
            for c in cats:
                out[c] = out[c].cat.codes.clip(lower=0)
            return out.to_numpy(dtype=np.float32)

        xtr, xte = enc(train), enc(test)
        n_fit = int(0.85 * len(xtr))
        clf = TabNetClassifier(n_d=8, n_a=8, n_steps=3, cat_idxs=idx, cat_dims=[len(train[c].cat.categories) for c in cats],
                               cat_emb_dim=2, seed=seed, momentum=0.1, lambda_sparse=1e-4, verbose=0,
                               optimizer_params={"lr": 0.02})
        clf.fit(xtr[:n_fit], y_tr.to_numpy()[:n_fit], eval_set=[(xtr[n_fit:], y_tr.to_numpy()[n_fit:])],
                eval_metric=["auc"], max_epochs=60, patience=8, batch_size=1024, virtual_batch_size=128)
        score = clf.predict_proba(xte)[:, list(clf.classes_).index("bad")]
        extra = {"epochs_run": len(clf.history["loss"])}
    else:
        import lightgbm as lgb

        model = lgb.LGBMClassifier(n_estimators=400, learning_rate=0.05, num_leaves=31, random_state=seed, verbose=-1)
        n_fit = int(0.85 * len(train))
        model.fit(train.iloc[:n_fit], y_tr.iloc[:n_fit], eval_set=[(train.iloc[n_fit:], y_tr.iloc[n_fit:])],
                  callbacks=[lgb.early_stopping(30, verbose=False)])
        score = model.predict_proba(test)[:, list(model.classes_).index("bad")]
        extra = {"trees": int(model.best_iteration_ or 400)}
    seconds = time.perf_counter() - t0
    auc = float(roc_auc_score(truth, score))
    return {"library": lib, "seed": seed, "seconds": seconds, "roc_auc": auc, "auc_per_minute": auc / (seconds / 60),
            "peak_rss_mb": _peak_rss_mb(), **extra}


def worker_real_search(seeds: list[int]) -> dict:
    """Each of REAL_VARIANTS on an inner holdout: the first 75% of the training part fits, the last 25% scores.

    The test part of ``--real`` is never looked at, so a variant chosen here is not tuned on it.
    """
    from sklearn.metrics import roc_auc_score

    from pytidy.engines.tabnet.engine import fit_tabnet

    _warm_torch()
    train, _ = _lending_club()
    y = train.pop("Class")
    cut = int(0.75 * len(train))
    truth = (y.iloc[cut:] == "bad").to_numpy()
    rows = []
    for name, change in REAL_VARIANTS.items():
        aucs, secs = [], []
        for seed in seeds:
            t0 = time.perf_counter()
            fit = fit_tabnet(train.iloc[:cut], y.iloc[:cut], seed=seed, **{**REAL_TABNET, **change})
            secs.append(time.perf_counter() - t0)
            aucs.append(float(roc_auc_score(truth, fit.predict_proba(train.iloc[cut:])[:, 0])))
        rows.append({"variant": name, "holdout_auc": aucs, "mean": float(np.mean(aucs)), "min": min(aucs),
                     "seconds": secs})
    return {"seeds": seeds, "variants": rows}


# --------------------------------------------------------------------------- driver
def _run(kind: str, **kw) -> dict:
    cmd = [sys.executable, __file__, "--_worker", json.dumps({"kind": kind, **kw})]
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    out = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr.strip() else f"exit {out.returncode}", **kw}
    return json.loads(out.stdout.strip().splitlines()[-1])


def _peer_installed() -> bool:
    try:
        import pytorch_tabnet  # noqa: F401
    except ImportError:
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=200_000)
    p.add_argument("--valid-rows", type=int, default=50_000)
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    p.add_argument("--configs", nargs="+", default=list(CONFIGS), choices=list(CONFIGS))
    p.add_argument("--threads", type=int, default=None,
                   help="torch threads in every throughput worker (default: torch's own, the machine's cores)")
    p.add_argument("--scale", action="store_true", help="one epoch over --scale-rows generated rows")
    p.add_argument("--scale-rows", type=int, default=11_000_000)
    p.add_argument("--real", action="store_true", help="accuracy per second on lending_club")
    p.add_argument("--real-search", action="store_true",
                   help="try REAL_VARIANTS of pytidy's --real settings on an inner holdout of the training part")
    p.add_argument("--no-throughput", action="store_true")
    p.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "tabnet_vs_pytorch_tabnet.json",
                   help="where the JSON goes (e.g. a separate file for a --scale or --real run)")
    p.add_argument("--_worker", default=None, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args._worker:
        spec = json.loads(args._worker)
        kind = spec.pop("kind")
        fn = {"throughput": worker_throughput, "scale": worker_scale, "real": worker_real,
              "real_search": worker_real_search}[kind]
        print(json.dumps(fn(**spec)))
        return 0

    import torch

    peer = _peer_installed()
    result: dict = {"machine": platform.processor() or platform.machine(), "cpus": os.cpu_count(),
                    "torch": torch.__version__, "cuda": torch.cuda.is_available(), "settings": TABNET_S,
                    "rows": args.rows, "epochs": args.epochs, "throughput": [], "summary": {}}
    if not args.no_throughput:
        libs = ["pytidy", "pytorch-tabnet"] if peer else ["pytidy"]
        k = 0
        for seed in args.seeds:
            for name in args.configs:
                batch, vb = CONFIGS[name]
                order = libs if k % 2 == 0 else libs[::-1]
                k += 1
                for lib in order:
                    r = _run("throughput", lib=lib, rows=args.rows, valid_rows=args.valid_rows, epochs=args.epochs,
                             threads=args.threads,
                             batch=batch, vbatch=vb, seed=seed)
                    result["throughput"].append(r)
                    print(json.dumps(r), flush=True)
        print(f"\nTabNet-S, {args.rows:,} rows x {args.epochs} epochs, seeds {args.seeds}")
        print(f"{'batch':<11}{'library':<16}{'train rows/s':>13}{'predict rows/s':>15}{'explain rows/s':>15}"
              f"{'peak RSS MB':>12}{'accuracy':>10}")
        for name in args.configs:
            rows = {}
            for lib in ("pytidy", "pytorch-tabnet"):
                rs = [r for r in result["throughput"] if r.get("library") == lib and r.get("batch") == name]
                if not rs:
                    continue
                m = {key: float(np.median([r[key] for r in rs])) for key in
                     ("train_rows_per_s", "predict_rows_per_s", "explain_rows_per_s", "peak_rss_mb")}
                m["accuracy"] = float(np.mean([r["accuracy"] for r in rs]))
                rows[lib] = m
                print(f"{name:<11}{lib:<16}{m['train_rows_per_s']:>13,.0f}{m['predict_rows_per_s']:>15,.0f}"
                      f"{m['explain_rows_per_s']:>15,.0f}{m['peak_rss_mb']:>12,.0f}{m['accuracy']:>10.4f}")
            if len(rows) == 2:
                a, b = rows["pytidy"], rows["pytorch-tabnet"]
                ratio = {k: a[k] / b[k] for k in ("train_rows_per_s", "predict_rows_per_s", "explain_rows_per_s")}
                ratio["accuracy_points"] = 100 * (a["accuracy"] - b["accuracy"])
                result["summary"][name] = ratio
                print(f"{'':<11}{'pytidy / peer':<16}{ratio['train_rows_per_s']:>12.2f}x"
                      f"{ratio['predict_rows_per_s']:>14.2f}x{ratio['explain_rows_per_s']:>14.2f}x"
                      f"{'':>12}{ratio['accuracy_points']:>+9.2f}pt  (targets: 2x, 3x, 3x, within 0.5pt)")
    if args.scale:
        r = _run("scale", rows=args.scale_rows)
        result["scale"] = r
        print(f"\nScale: {r}")
    if args.real:
        result["real"] = []
        libs = ["pytidy", "lightgbm"] + (["pytorch-tabnet"] if peer else [])
        for seed in args.seeds:
            for lib in libs:
                r = _run("real", lib=lib, seed=seed)
                result["real"].append(r)
                print(json.dumps(r), flush=True)
    if args.real_search:
        r = _run("real_search", seeds=args.seeds)
        result["real_search"] = r
        print(f"\n{'variant':<30}{'holdout AUC per seed':<26}{'mean':>7}{'min':>7}")
        for v in r.get("variants", []):
            per = " / ".join(f"{a:.3f}" for a in v["holdout_auc"])
            print(f"{v['variant']:<30}{per:<26}{v['mean']:>7.3f}{v['min']:>7.3f}")
    if not torch.cuda.is_available():
        result["gpu"] = "no CUDA device in this run: GPU figures not measured"
    out = args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2))
    print(f"\nwritten {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
