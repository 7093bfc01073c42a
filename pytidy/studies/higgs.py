"""The HIGGS study at full scale: the R blog post "tabnet on HIGGS", reproduced end to end.

``python -m pytidy.studies.higgs --data HIGGS.csv.gz`` reads the 11-million-row UCI file, holds out
its last 500,000 rows as the post does, fits TabNet-S with the post's settings, races a
max-entropy grid with ``tune_race_anova()``, refits the winner, explains it, and writes to
``--out``: ``results.json`` (every number, each phase's time and the peak resident memory),
``results.md`` (the same as tables) and the post's three figures. Without ``--data`` it runs on the
10,984-row sample shipped in the package, with the same settings (the post's batch of 16,384 rows
is then a single batch per epoch: the sample is for trying the pipeline, not for judging TabNet).
Progress bars show each epoch (``--quiet`` turns them off).
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import time
from pathlib import Path
from typing import Any, cast

import pandas as pd

import pytidy as tm

#: The post's TabNet-S settings (decision and attention widths, steps, sparsity, batch sizes...).
POST_SETTINGS: dict[str, Any] = {
    "epochs": 3, "batch_size": 16384, "decision_width": 24, "attention_width": 26, "num_steps": 5,
    "penalty": 1e-6, "virtual_batch_size": 512, "momentum": 0.6, "feature_reusage": 1.5,
    "learn_rate": 0.02,
}
#: The post's tuning ranges (learn_rate on the log10 scale, as dials).
POST_RANGES: dict[str, tuple[float, float]] = {
    "decision_width": (20, 40), "attention_width": (20, 40), "num_steps": (4, 6), "learn_rate": (-2.5, -1),
}


def peak_rss_mb() -> float:
    """The process's peak resident memory so far, in MiB (``getrusage``; Linux reports KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 2**20


class _Phases:
    """Wall time and peak memory after each phase of the study."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self._start = time.perf_counter()

    def done(self, phase: str, **extra: Any) -> None:
        now = time.perf_counter()
        self.rows.append({"phase": phase, "seconds": round(now - self._start, 2),
                          "peak_rss_mib": round(peak_rss_mb(), 1), **extra})
        self._start = now
        print(f"[{phase}] {self.rows[-1]['seconds']:.1f} s, peak RSS {self.rows[-1]['peak_rss_mib']:.0f} MiB",
              flush=True)


def run(data: str | None, out: Path, *, epochs: int, race_epochs: int, grid_size: int, folds: int,
        explain_rows: int, seed: int, verbose: bool, n_max: int | None) -> dict[str, Any]:
    """Run the study; write results and figures to ``out``; return the results."""
    import matplotlib

    matplotlib.use("Agg")
    out.mkdir(parents=True, exist_ok=True)
    phases = _Phases()
    tm.set_seed(seed)
    higgs = tm.read_higgs(data, n_max=n_max)
    phases.done("read", rows=len(higgs))

    split = tm.initial_time_split(higgs, prop=1 - 500_000 / 11_000_000)
    train, test = tm.training(split), tm.testing(split)
    rec = tm.recipe("class ~ .", train)
    settings = {**POST_SETTINGS, "epochs": epochs}
    mod = tm.tabnet(**settings).set_engine("torch", verbose=verbose).set_mode("classification")
    fitted = tm.workflow().add_model(mod).add_recipe(rec).fit(train)
    phases.done("fit", train_rows=len(train))

    metrics = tm.metric_set(tm.accuracy, tm.roc_auc)
    preds = pd.concat([test, fitted.predict(test), fitted.predict(test, type="prob")], axis=1)
    part1 = metrics(preds, "class", ".pred_1", estimate=".pred_class")
    phases.done("predict", test_rows=len(test))

    tuned = tm.tabnet(**{**settings, "epochs": race_epochs, **{k: tm.tune() for k in POST_RANGES}})
    wf = tm.workflow().add_model(tuned.set_engine("torch").set_mode("classification")).add_recipe(rec)
    params = wf.parameters().update(
        decision_width=tm.decision_width(range=POST_RANGES["decision_width"]),
        attention_width=tm.attention_width(range=POST_RANGES["attention_width"]),
        num_steps=tm.num_steps(range=POST_RANGES["num_steps"]),
        learn_rate=tm.learn_rate(range=POST_RANGES["learn_rate"]),
    )
    grid = params.grid_max_entropy(size=grid_size)
    tm.set_seed(777)
    race = wf.tune_race_anova(resamples=tm.vfold_cv(train, v=folds), grid=grid, metrics=metrics,
                              control=tm.control_race(verbose_elim=verbose))
    best_table = race.show_best("accuracy")
    phases.done("race", configurations=len(grid))

    final_wf = wf.finalize_workflow(race.select_best("accuracy"))
    final_wf = final_wf.update_model(cast(tm.ModelSpec, final_wf.spec).set_args(epochs=epochs))  # it has a model
    final = final_wf.fit(train)
    final_preds = pd.concat([test, final.predict(test), final.predict(test, type="prob")], axis=1)
    tuned_metrics = metrics(final_preds, "class", ".pred_1", estimate=".pred_class")
    phases.done("refit")

    fit = fitted.extract_fit_parsnip()
    importances = tm.vi(fit)
    tm.vip(fit).savefig(out / "vip.png", dpi=100, bbox_inches="tight")
    explained = tm.tabnet_explain(fit, test.iloc[:explain_rows])
    tm.autoplot(explained).savefig(out / "explain_mask_agg.png", dpi=100, bbox_inches="tight")
    tm.autoplot(explained, type="steps").savefig(out / "explain_steps.png", dpi=100, bbox_inches="tight")
    phases.done("explain", rows=min(explain_rows, len(test)))

    results = {
        "data": data or "shipped sample", "rows": len(higgs), "settings": settings,
        "race_epochs": race_epochs, "grid_size": grid_size, "folds": folds, "seed": seed,
        "part1": part1.to_dict("records"), "show_best": best_table.to_dict("records"),
        "tuned": tuned_metrics.to_dict("records"), "importance": importances.to_dict("records"),
        "phases": phases.rows, "peak_rss_mib": round(peak_rss_mb(), 1),
        "python": platform.python_version(), "pytidy": tm.__version__,
    }
    (out / "results.json").write_text(json.dumps(results, indent=2, default=str))
    (out / "results.md").write_text(_markdown(results, part1, best_table, tuned_metrics, importances))
    return results


def _markdown(results: dict[str, Any], part1: pd.DataFrame, best: pd.DataFrame, tuned: pd.DataFrame,
              importances: pd.DataFrame) -> str:
    def block(title: str, frame: pd.DataFrame) -> str:
        return f"## {title}\n\n```text\n{frame.to_string(index=False)}\n```\n"

    head = (f"# HIGGS study\n\nData: {results['data']} ({results['rows']:,} rows); peak resident memory "
            f"{results['peak_rss_mib']:,.0f} MiB.\n\n")
    return head + "\n".join([
        block("Test metrics, TabNet-S (part 1)", part1), block("Race: show_best('accuracy')", best),
        block("Test metrics of the tuned workflow", tuned),
        block("Top 10 importances", importances.head(10)),
        block("Phases", pd.DataFrame(results["phases"])),
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pytidy.studies.higgs",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None, help="the UCI HIGGS.csv(.gz); default: the shipped sample")
    parser.add_argument("--out", default="higgs-study", help="folder for results and figures")
    parser.add_argument("--epochs", type=int, default=POST_SETTINGS["epochs"])
    parser.add_argument("--race-epochs", type=int, default=1)
    parser.add_argument("--grid-size", type=int, default=8)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--explain-rows", type=int, default=100)
    parser.add_argument("--n-max", type=int, default=None, help="read at most this many rows")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--quiet", action="store_true", help="no progress bars or race messages")
    args = parser.parse_args(argv)
    results = run(args.data, Path(args.out), epochs=args.epochs, race_epochs=args.race_epochs,
                  grid_size=args.grid_size, folds=args.folds, explain_rows=args.explain_rows,
                  seed=args.seed, verbose=not args.quiet, n_max=args.n_max)
    print((Path(args.out) / "results.md").read_text())
    print(f"Results and figures in {args.out}/ (peak RSS {results['peak_rss_mib']:,.0f} MiB).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
