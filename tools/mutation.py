"""A small mutation check: apply one-line breakages, run the relevant tests, count the caught ones.

Each :data:`MUTATIONS` entry replaces one exact piece of source (it must occur exactly once) by a
broken version, runs only the test files that should notice, and records whether they failed.
The work happens in a scratch copy of the repository, so the working tree is never modified.

Usage (``make mutation`` runs the whole list and writes docs/dev/mutation.md)::

    python tools/mutation.py                      # every mutation, report to docs/dev/mutation.md
    python tools/mutation.py --only tune-event-level,race-alpha
    python tools/mutation.py --limit 3 --no-report
    python tools/mutation.py --check              # only verify that every mutation still applies

A mutation whose source line is gone (the code moved) is reported as "stale", not as caught:
update its ``find`` text. Target: 90% or more caught (issue 8).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Mutation:
    id: str
    path: str  # relative to the repository root
    find: str  # exact text, must occur once
    replace: str
    tests: tuple[str, ...]  # test files or folders to run
    note: str


def M(id: str, path: str, find: str, replace: str, tests: str | tuple[str, ...], note: str) -> Mutation:
    return Mutation(id, path, find, replace, (tests,) if isinstance(tests, str) else tuple(tests), note)


TG, TC, TL = "tests/tune/test_tune_grid.py", "tests/tune/test_control.py", "tests/tune/test_last_fit.py"
TEV = "tests/tune/test_event_level.py"
FR, FA, FC = "tests/finetune/test_tune_race_anova.py", "tests/finetune/test_racing.py", "tests/finetune/test_control_race.py"
FAL = "tests/finetune/test_race_alpha.py"
TABE, TABM = "tests/engines/tabnet/test_tabnet_engine.py", "tests/engines/tabnet/test_tabnet_model.py"
TABA = "tests/engines/tabnet/test_tabnet_arguments.py"
PSEED = "tests/parsnip/test_fit_seed.py"
TABX = "tests/engines/tabnet/test_tabnet_explain.py"
YC, YN, YP = "tests/yardstick/test_class_metrics.py", "tests/yardstick/test_num_metrics.py", "tests/yardstick/test_prob_metrics.py"
PL, PS = "tests/parsnip/test_linear.py", "tests/parsnip/test_spec.py"
RS = "tests/recipes/steps"

MUTATIONS: list[Mutation] = [
    # ---- the four breakages named in issue 8 ---------------------------------------------------
    M("tune-event-level", "pytidy/tune/_evaluate.py", "ctx.metrics, ctx.event_level,", 'ctx.metrics, "first",',
      (TEV, TG), "control_grid(event_level=) ignored"),
    M("race-alpha", "pytidy/finetune/control_race.py", "num_ties=num_ties, alpha=alpha,",
      "num_ties=num_ties, alpha=0.05,", (FAL, FC),
      "control_race(alpha=) replaced by 0.05"),
    M("tabnet-sparsity-sign", "pytidy/engines/tabnet/train.py",
      'batch.get("w"), heads) - penalty * m_loss', 'batch.get("w"), heads) + penalty * m_loss',
      (TABE, TABM, TABA), "TabNet sparsity penalty sign flipped"),
    M("tabnet-learn-rate", "pytidy/engines/tabnet/train.py",
      "lr=config.learn_rate, weight_decay=config.weight_decay, fused",
      "lr=0.02, weight_decay=config.weight_decay, fused", (TABE, TABM, TABA),
      "TabNet learn_rate hard-coded to 0.02"),
    # ---- tune -----------------------------------------------------------------------------------
    M("tune-prob-column", "pytidy/tune/_evaluate.py", 'cols = [cols[0] if event_level == "first" else cols[1]]',
      "cols = [cols[0]]", (TEV, TG), "binary probability column ignores the event level"),
    M("tune-std-err", "pytidy/tune/results.py", '"std_err": sd / np.sqrt(n)', '"std_err": sd / n', (TG,),
      "std_err divides by n instead of sqrt(n)"),
    M("tune-std-ddof", "pytidy/tune/results.py", "sd = grouped.std(ddof=1)", "sd = grouped.std(ddof=0)", (TG,),
      "std_err uses the population sd"),
    M("tune-show-best-order", "pytidy/tune/results.py",
      'order = np.argsort(-res["mean"].to_numpy(dtype=float), kind="stable")',
      'order = np.argsort(res["mean"].to_numpy(dtype=float), kind="stable")', (TG, TL),
      "show_best()/select_best() sort a maximised metric ascending"),
    M("tune-one-se-bound", "pytidy/tune/results.py",
      'bound = res["mean"].iloc[i] + res["std_err"].iloc[i]', 'bound = res["mean"].iloc[i]', (TG,),
      "select_by_one_std_err() forgets the standard error (minimize)"),
    M("tune-pct-loss-limit", "pytidy/tune/results.py", 'res = res.loc[res["_loss"] < limit]',
      'res = res.loc[res["_loss"] < 2]', (TG,), "select_by_pct_loss(limit=) ignored"),
    M("tune-save-pred", "pytidy/tune/tune_grid.py",
      "    if control.save_pred:\n        predictions = pd.concat(pred_rows",
      "    if True:\n        predictions = pd.concat(pred_rows", (TG, TC, TEV),
      "control_grid(save_pred=False) still returns predictions"),
    M("tune-control-event-check", "pytidy/tune/control.py", 'if event_level not in ("first", "second"):',
      "if False:", (TC,), "control_grid() accepts any event_level"),
    # ---- finetune -------------------------------------------------------------------------------
    M("race-burn-in", "pytidy/finetune/tune_race_anova.py", "min_rs = control.burn_in", "min_rs = 3", (FR, FAL),
      "control_race(burn_in=) ignored"),
    M("race-randomize", "pytidy/finetune/tune_race_anova.py",
      "order = randomize_order(resamples.ids, rng, repeated) if control.randomize else np.arange(B)",
      "order = np.arange(B)", (FR, FAL), "control_race(randomize=) ignored (never shuffles)"),
    M("race-interval-z", "pytidy/finetune/_racing.py", "q = stats.norm.ppf(1 - alpha / 2)",
      "q = stats.norm.ppf(1 - alpha)", (FA,), "one-sided quantile in the REML interval"),
    M("race-interval-t", "pytidy/finetune/_racing.py", "q = stats.t.ppf(1 - alpha / 2, df)",
      "q = stats.norm.ppf(1 - alpha / 2)", (FA,), "normal quantile instead of t in the lm fallback"),
    M("race-pass-direction", "pytidy/finetune/_racing.py", "ok = r.upper > 0 if maximize else r.lower < 0",
      "ok = r.lower < 0 if maximize else r.upper > 0", (FA, FR), "elimination direction swapped"),
    M("race-best-order", "pytidy/finetune/_racing.py",
      'key = -summary["mean"].to_numpy() if maximize else summary["mean"].to_numpy()',
      'key = summary["mean"].to_numpy()', (FA,), "the current best ignores the metric direction"),
    # ---- parsnip --------------------------------------------------------------------------------
    M("parsnip-set-mode", "pytidy/parsnip/spec.py", "        return evolve(self, mode=mode)",
      "        return self", (PS,), "set_mode() ignored"),
    M("parsnip-set-engine-args", "pytidy/parsnip/spec.py",
      "engine_args={**self.engine_args, **engine_args})", "engine_args=dict(self.engine_args))", (PS, PL),
      "set_engine(**engine_args) dropped"),
    M("parsnip-seed", "pytidy/parsnip/fit.py", "info.fit(x, y, seed=draw_seed(seed)", "info.fit(x, y, seed=0",
      (PL, PS, TABE, PSEED),
      "fit(seed=) ignored"),
    M("parsnip-multi-predict-values", "pytidy/parsnip/fit.py",
      "frames = submodel_predictions(self, rows, [kind], arg, vals)",
      "frames = submodel_predictions(self, rows, [kind], arg, vals[:1] * len(vals))",
      ("tests/parsnip/test_multi_predict.py",), "multi_predict() predicts every value at the first one"),
    M("workflow-recipe-outcomes", "pytidy/parsnip/_mold.py",
      "return data[outcomes[0]] if len(outcomes) == 1 else data.loc[:, list(outcomes)]",
      "return data[outcomes[0]]",
      ("tests/engines/tabnet/test_tabnet_fit_api.py",), "a recipe's (or formula's) second outcome is dropped"),
    # ---- engines/tabnet ---------------------------------------------------------------------------
    M("tabnet-recipe-blueprint", "pytidy/engines/tabnet/engine.py",
      "        if self.blueprint is None:\n            return x", "        if True:\n            return x",
      ("tests/engines/tabnet/test_tabnet_fit_api.py",), "tabnet_fit(recipe, data) predicts without baking new data"),
    M("tabnet-recipe-weights", "pytidy/parsnip/_tabnet_mold.py",
      "weights = weights_array(baked[wt_cols[0]]) if supervised else None", "weights = None",
      ("tests/engines/tabnet/test_tabnet_fit_api.py",), "the recipe's case-weights column is ignored"),
    M("model-file-caseweights", "pytidy/workflows/_graph.py",
      "            return frequency_weights(values.astype(np.int64))", "            return importance_weights(values)",
      ("tests/workflows/test_case_weights_workflow.py",), "frequency weights load back as importance weights"),
    M("tabnet-sparsemax-newton", "pytidy/engines/tabnet/model.py", "    for _ in range(p + 1):",
      "    for _ in range(1):", (TABM,), "sparsemax stops after one Newton step (an inexact threshold)"),
    M("tabnet-gbn-unbiased", "pytidy/engines/tabnet/model.py", "rows / (rows - 1))",
      "1.0)", (TABM,), "ghost BN keeps the biased variance as the running variance"),
    M("tabnet-gbn-keep", "pytidy/engines/tabnet/model.py", "means.device), beta=keep)",
      "means.device), beta=1.0)", (TABM,),
      "ghost BN's running mean never decays its old value"),
    M("tabnet-gbn-channels", "pytidy/engines/tabnet/model.py", "torch.arange(features).repeat_interleave(chunks)",
      "torch.arange(features).repeat(chunks)", (TABM,), "ghost BN pairs chunks with the wrong features' weights"),
    M("tabnet-trim-residual", "pytidy/engines/tabnet/model.py", "(x[:, keep[0]:keep[1]] + out) * scale",
      "(x[:, :keep[1] - keep[0]] + out) * scale", (TABM,),
      "a trimmed GLU block adds the wrong features as its residual"),
    M("tabnet-trim-channels", "pytidy/engines/tabnet/model.py", "torch.cat([rows, rows + output_dim])",
      "torch.cat([rows + output_dim, rows])", (TABM,), "a trimmed GLU layer swaps its value and gate rows"),
    M("tabnet-trim-running", "pytidy/engines/tabnet/model.py", "if channels is not None:  # the updated copies",
      "if False:  # the updated copies", (TABM,), "a trimmed layer's running statistics are never written back"),
    M("tabnet-blocks-order", "pytidy/engines/tabnet/model.py", "mean.view(blocks, p).t(), rstd.view(blocks, p).t()",
      "mean.view(p, blocks), rstd.view(p, blocks)", (TABM,),
      "one block per virtual batch: the running statistics take the blocks' moments in the wrong order"),
    M("tabnet-blocks-groups", "pytidy/engines/tabnet/model.py", "blocks, p, rows, p, self.eps)",
      "blocks, p, rows, 1, self.eps)", (TABM,),
      "one block per virtual batch: each block is normalised over all its features at once"),
    M("tabnet-blocks-fallback", "pytidy/engines/tabnet/model.py",
      "if n_blocks(blocks * r, self.virtual_batch_size, True) == blocks:", "if True:", (TABM,),
      "blocks that are not one virtual batch each are normalised as if they were"),
    M("tabnet-num-workers", "pytidy/engines/tabnet/engine.py",
      'optimizer=cfg["optimizer"], num_workers=int(cfg["num_workers"]),', 'optimizer=cfg["optimizer"],', (TABE,),
      "num_workers ignored: no data-loader workers"),
    M("tabnet-flat-grad", "pytidy/engines/tabnet/train.py", "p.grad = grad[offset:offset + n].view_as(p)",
      "pass", (TABA,), "the flat Adam never sees the gradients autograd computes"),
    M("tabnet-flat-data", "pytidy/engines/tabnet/train.py", "p.data = flat.data[offset:offset + n].view_as(p)",
      "pass", (TABA,), "the flat Adam updates a copy, not the network's parameters"),
    M("tabnet-clip", "pytidy/engines/tabnet/train.py", "torch.nn.utils.clip_grad_norm_(stepped, config.clip_value)",
      "pass", (TABA,), "clip_value ignored"),
    M("tabnet-sparsemax-grad", "pytidy/engines/tabnet/model.py", "return g.sub_(mean).mul_(support), None",
      "return g.sub_(mean), None", (TABM,), "sparsemax's gradient leaks outside the support"),
    M("tabnet-entmax-eps", "pytidy/engines/tabnet/model.py",
      "(stacked * torch.log(stacked + self.epsilon))",
      "(stacked * torch.log(stacked + 1.0))", (TABM, TABA),
      "sparsity loss uses log(mask + 1)"),
    # ---- yardstick ----------------------------------------------------------------------------------
    M("ys-accuracy", "pytidy/yardstick/class_accuracy.py", "return float(np.trace(table) / total)",
      "return float((np.trace(table) + 1) / total)", (YC,), "accuracy off by one count"),
    M("ys-mae", "pytidy/yardstick/num_mae.py", "return wmean(np.abs(t - e), w)", "return wmean(np.abs(t - e), None)",
      (YN, "tests/yardstick/test_num_case_weights.py"), "mae ignores case weights"),
    M("ys-rmse", "pytidy/yardstick/num_rmse.py", "return math.sqrt(wmean(d * d, w))", "return math.sqrt(wmean(d * d, None))",
      (YN,), "weighted rmse ignores the weights"),
    M("ys-rsq-trad", "pytidy/yardstick/num_rsq_trad.py", "mean = wmean(t, w)", "mean = wmean(t, None)", (YN,),
      "rsq_trad centres on the unweighted mean"),
    M("ys-kap-weighting", "pytidy/yardstick/class_kap.py", 'power = 1 if weighting == "linear" else 2', "power = 2",
      (YC,), "kap(weighting='linear') uses quadratic weights"),
    M("ys-kap-chance", "pytidy/yardstick/class_kap.py", "expected = np.outer(table.sum(axis=1), table.sum(axis=0)) / total",
      "expected = np.outer(table.sum(axis=1), table.sum(axis=1)) / total", (YC,), "kappa's chance agreement wrong"),
    M("ys-roc-event", "pytidy/yardstick/prob_roc_auc.py",
      'lv = (levels[0], levels[1]) if event_level == "first" else (levels[1], levels[0])',
      "lv = (levels[0], levels[1])", (YP, "tests/yardstick/test_roc_auc_event_warning.py"),
      "roc_auc(event_level='second') level names in its warning swapped"),
    M("ys-hand-till", "pytidy/yardstick/prob_roc_auc.py", "total += (a_ij + a_ji) / 2.0", "total += a_ij",
      (YP,), "Hand-Till AUC uses one direction only"),
    M("ys-logloss-sum", "pytidy/yardstick/prob_mn_log_loss.py", "return total if sum else total / float(w.sum())",
      "return total / float(w.sum())", (YP, "tests/yardstick/test_mn_log_loss_weights.py"),
      "mn_log_loss(sum=True) ignored with case weights"),
    M("ys-logloss-clip", "pytidy/yardstick/prob_mn_log_loss.py", "loss = -np.log(np.clip(p_true, EPS, 1.0 - EPS))",
      "loss = -np.log(np.clip(p_true, 1e-3, 1.0))", (YP,), "mn_log_loss clips at 1e-3"),
    # ---- recipes --------------------------------------------------------------------------------------
    M("rec-sd-n", "pytidy/recipes/steps/_stats.py", "out[j] = np.sqrt(np.dot(d, d) / (len(x) - 1))",
      "out[j] = np.sqrt(np.dot(d, d) / len(x))", (f"{RS}/test_normalize.py",),
      "standard deviation with n instead of n - 1"),
    M("rec-normalize-na-rm", "pytidy/recipes/steps/normalize.py",
      "means, raw = column_means(columns, self.na_rm), column_sds",
      "means, raw = column_means(columns, True), column_sds", (f"{RS}/test_normalize.py",), "step_normalize(na_rm=) ignored for means"),
    M("rec-log-base", "pytidy/recipes/steps/log.py", "out /= math.log(self.base)", "out /= 1.0",
      (f"{RS}/test_log.py",), "step_log(base=) ignored"),
    M("rec-log-offset", "pytidy/recipes/steps/log.py", "out = np.log(block + self.offset)", "out = np.log(block)",
      (f"{RS}/test_log.py",), "step_log(offset=) ignored"),
    M("rec-range-min", "pytidy/recipes/steps/range.py", "            block += self.min", "            block += 0.0",
      (f"{RS}/test_range.py",), "step_range(min=) ignored"),
    M("rec-range-clip", "pytidy/recipes/steps/range.py", "        if self.clipping:", "        if False:",
      (f"{RS}/test_range.py",), "step_range(clipping=) ignored"),
    M("rec-other-threshold", "pytidy/recipes/steps/other.py", "    dropped = freq < threshold",
      "    dropped = freq < 0.05", (f"{RS}/test_other.py", f"{RS}/test_factors.py"), "step_other(threshold=) ignored"),
    M("rec-dummy-one-hot", "pytidy/recipes/steps/dummy.py", "        return dummy_names(col, lv[1:])",
      "        return dummy_names(col, lv)", (f"{RS}/test_dummy.py",), "step_dummy drops no reference level"),
    M("rec-nzv-freq-cut", "pytidy/recipes/steps/nzv.py",
      "        if (freq_ratio > freq_cut and pct_unique <= unique_cut) or zero_var:",
      "        if (freq_ratio > 19 and pct_unique <= unique_cut) or zero_var:", (f"{RS}/test_nzv.py",),
      "step_nzv(freq_cut=) ignored"),
    M("rec-sd-check", "pytidy/recipes/steps/_stats.py", "        sds = np.where(sds == 0, 1.0, sds)", "        pass",
      (f"{RS}/test_normalize.py",), "zero sd not replaced by 1"),
]


def _copy_repo(dest: Path) -> None:
    ignore = shutil.ignore_patterns(".git", "__pycache__", ".venv", "*.pyc", "docs/_build", "demo-output", ".hypothesis")
    for name in ("pytidy", "tests", "docs", "pyproject.toml"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=ignore)
        elif src.exists():
            shutil.copy2(src, dest / name)


def _pytest(cwd: Path, tests: tuple[str, ...], timeout: float) -> tuple[int, float]:
    cmd = [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:randomly", "-p", "no:cacheprovider",
           "--no-header", "-o", "addopts=--import-mode=importlib", *tests]
    env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    t0 = time.perf_counter()
    try:
        rc = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            timeout=timeout).returncode
    except subprocess.TimeoutExpired:
        rc = -1
    return rc, time.perf_counter() - t0


def run(mutations: list[Mutation], *, timeout: float, baseline: bool, check_only: bool) -> list[dict]:
    results = []
    with tempfile.TemporaryDirectory(prefix="pytidy-mutation-") as tmp:
        work = Path(tmp)
        _copy_repo(work)
        if baseline and not check_only:
            for tests in sorted({t for m in mutations for t in m.tests}):
                rc, _ = _pytest(work, (tests,), timeout)
                if rc not in (0, 5):
                    raise SystemExit(f"baseline: {tests} fails without any mutation (exit {rc}); fix it first.")
        for m in mutations:
            target = work / m.path
            original = target.read_text() if target.exists() else ""
            n = original.count(m.find)
            if n != 1:
                results.append({"m": m, "status": "stale", "detail": f"found {n} times", "secs": 0.0})
                print(f"{m.id:28s} stale ({n} matches)", flush=True)
                continue
            if check_only:
                results.append({"m": m, "status": "applies", "detail": "", "secs": 0.0})
                continue
            missing = [t for t in m.tests if not (work / t).exists()]
            target.write_text(original.replace(m.find, m.replace))
            try:
                rc, secs = _pytest(work, tuple(t for t in m.tests if t not in missing), timeout)
            finally:
                target.write_text(original)
            status = {0: "survived", 5: "survived"}.get(rc, "caught")
            detail = "timeout" if rc == -1 else f"exit {rc}"
            if missing:
                detail += f"; missing tests {missing}"
            results.append({"m": m, "status": status, "detail": detail, "secs": secs})
            print(f"{m.id:28s} {status:9s} {secs:6.1f}s  {m.note}", flush=True)
    return results


def report(results: list[dict], path: Path, subset: bool = False) -> str:
    ran = [r for r in results if r["status"] in ("caught", "survived")]
    caught = sum(r["status"] == "caught" for r in ran)
    share = 100.0 * caught / len(ran) if ran else 0.0
    lines = [
        "# Mutation check",
        "",
        "Generated by `make mutation` (`tools/mutation.py`): each row is a one-line breakage applied to a",
        "scratch copy of the repository, with only the listed test files run. *caught* means the tests",
        "failed, as they should; *survived* means the breakage went unnoticed; *stale* means the source",
        "line moved and the mutation needs its `find` text updated. Target: 90% caught (issue 8).",
        "",
        f"**{caught} of {len(ran)} caught ({share:.0f}%)**" + (f", {len(results) - len(ran)} stale" if len(ran) < len(results) else ""),
        "",
        *([f"A partial run: {len(results)} of the {len(MUTATIONS)} mutations (`--only`/`--limit`); "
           "run `make mutation` for all of them.", ""] if subset else []),
        "| id | file | breakage | tests | result |",
        "|---|---|---|---|---|",
    ]
    for r in results:
        m = r["m"]
        lines.append(f"| {m.id} | `{m.path}` | {m.note} | {', '.join(f'`{t}`' for t in m.tests)} | "
                     f"{r['status']} ({r['detail']}) |")
    text = "\n".join(lines) + "\n"
    path.write_text(text)
    return f"{caught}/{len(ran)} caught ({share:.0f}%)"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", help="comma-separated mutation ids")
    ap.add_argument("--limit", type=int, help="run the first N mutations only")
    ap.add_argument("--timeout", type=float, default=600, help="seconds per test run")
    ap.add_argument("--no-baseline", action="store_true", help="skip the unmutated run of each test set")
    ap.add_argument("--check", action="store_true", help="only check that every mutation applies")
    ap.add_argument("--report", default=str(ROOT / "docs" / "dev" / "mutation.md"))
    ap.add_argument("--no-report", action="store_true")
    ap.add_argument("--list", action="store_true", help="list the mutations and exit")
    args = ap.parse_args(argv)
    chosen = MUTATIONS
    if args.only:
        ids = set(args.only.split(","))
        unknown = ids - {m.id for m in MUTATIONS}
        if unknown:
            ap.error(f"unknown mutation ids {sorted(unknown)}")
        chosen = [m for m in MUTATIONS if m.id in ids]
    if args.limit:
        chosen = chosen[: args.limit]
    if args.list:
        for m in chosen:
            print(f"{m.id:28s} {m.path}: {m.note}")
        return 0
    results = run(chosen, timeout=args.timeout, baseline=not args.no_baseline, check_only=args.check)
    if args.check:
        stale = [r["m"].id for r in results if r["status"] == "stale"]
        print(f"{len(results) - len(stale)} of {len(results)} mutations apply" + (f"; stale: {stale}" if stale else ""))
        return 1 if stale else 0
    subset = len(chosen) < len(MUTATIONS)
    summary = report(results, Path(args.report), subset=subset) if not args.no_report else ""
    ran = [r for r in results if r["status"] in ("caught", "survived")]
    print(summary or f"{sum(r['status'] == 'caught' for r in ran)}/{len(ran)} caught")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
