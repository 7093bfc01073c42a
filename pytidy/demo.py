"""The flagship walkthrough (API.md parts 1-3) on the HIGGS sample shipped with pytidy.

Run it with ``python -m pytidy.demo`` (``make demo``). It prints the test accuracy, the race's
``show_best`` table and the top importances, and writes three figures (importances, aggregated
mask, per-step masks) as PNG files. The full UCI file works too: ``--data HIGGS.csv.gz``.

The sample has 10,984 rows instead of 11 million, so batches are scaled down (1,024 rows in
virtual batches of 128 rather than 16,384 in 512) and the model trains for more epochs; every other
argument is the walkthrough's.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

import pytidy as tm


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pytidy.demo", description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None, help="UCI HIGGS.csv(.gz); default: the shipped sample")
    parser.add_argument("--out", default="demo-output", help="folder for the figures and saved model")
    parser.add_argument("--epochs", type=int, default=10, help="epochs of the part-1 fit")
    parser.add_argument("--race-epochs", type=int, default=2, help="epochs of each fit in the race")
    parser.add_argument("--batch-size", type=int, default=1024)
    parser.add_argument("--virtual-batch-size", type=int, default=128)
    parser.add_argument("--grid-size", type=int, default=8)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--n-max", type=int, default=None, help="read at most this many rows")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    pd.set_option("display.width", 140)
    pd.set_option("display.max_columns", 12)
    start = time.perf_counter()

    # ---- Part 1: fit, predict, evaluate -------------------------------------------------------
    tm.set_seed(args.seed)
    higgs = tm.read_higgs(args.data, n_max=args.n_max)
    print(f"HIGGS: {len(higgs):,} rows, {higgs.shape[1]} columns")
    test_frac = 500_000 / 11_000_000
    split = tm.initial_time_split(higgs, prop=1 - test_frac)
    train, test = tm.training(split), tm.testing(split)
    rec = tm.recipe("class ~ .", train)
    mod = (tm.tabnet(epochs=args.epochs, batch_size=args.batch_size, decision_width=24, attention_width=26,
                     num_steps=5, penalty=0.000001, virtual_batch_size=args.virtual_batch_size, momentum=0.6,
                     feature_reusage=1.5, learn_rate=0.02)
           .set_engine("torch", verbose=True)
           .set_mode("classification"))
    wf = tm.workflow().add_model(mod).add_recipe(rec)
    fitted_model = wf.fit(train)
    path = fitted_model.save(out / "saved_model.pytidy")
    fitted_model = tm.load_workflow(path)
    preds = pd.concat([test, fitted_model.predict(test)], axis=1)
    print("\nTest accuracy (part 1):")
    print(tm.accuracy(preds, truth="class", estimate=".pred_class"))

    # ---- Part 2: tune with racing -------------------------------------------------------------
    mod = (tm.tabnet(epochs=args.race_epochs, batch_size=args.batch_size, decision_width=tm.tune(),
                     attention_width=tm.tune(), num_steps=tm.tune(), penalty=0.000001,
                     virtual_batch_size=args.virtual_batch_size, momentum=0.6, feature_reusage=1.5,
                     learn_rate=tm.tune())
           .set_engine("torch", verbose=False)
           .set_mode("classification"))
    wf = tm.workflow().add_model(mod).add_recipe(rec)
    grid = (wf.parameters()
            .update(decision_width=tm.decision_width(range=(20, 40)),
                    attention_width=tm.attention_width(range=(20, 40)),
                    num_steps=tm.num_steps(range=(4, 6)),
                    learn_rate=tm.learn_rate(range=(-2.5, -1)))
            .grid_max_entropy(size=args.grid_size))
    print("\nGrid (max entropy):")
    print(grid)
    ctrl = tm.control_race(verbose_elim=True)
    folds = tm.vfold_cv(train, v=5)
    tm.set_seed(777)
    # Race on accuracy, the metric show_best() ranks by (the default set races on roc_auc).
    res = wf.tune_race_anova(resamples=folds, grid=grid, control=ctrl,
                             metrics=tm.metric_set(tm.accuracy, tm.roc_auc))
    print("\nshow_best('accuracy'):")
    print(res.show_best("accuracy"))
    best = res.select_best("accuracy")
    final_wf = wf.finalize_workflow(best)
    # The race trains each candidate briefly; the final fit trains as long as part 1 did.
    final_wf = final_wf.update_model(final_wf.spec.set_args(epochs=args.epochs))
    final = final_wf.fit(train)
    final_preds = pd.concat([test, final.predict(test)], axis=1)
    print("\nTest accuracy of the tuned workflow:")
    print(tm.accuracy(final_preds, truth="class", estimate=".pred_class"))

    # ---- Part 3: interpret --------------------------------------------------------------------
    fit = fitted_model.extract_fit_parsnip()
    print("\nTop importances (vi):")
    print(tm.vi(fit).head(10).to_string(index=False))
    fig = tm.vip(fit)
    fig.savefig(out / "vip.png", dpi=100, bbox_inches="tight")
    ex_fit = tm.tabnet_explain(fit, test.iloc[:100])
    fig = tm.autoplot(ex_fit)
    fig.savefig(out / "explain_mask_agg.png", dpi=100, bbox_inches="tight")
    fig = tm.autoplot(ex_fit, type="steps")
    fig.savefig(out / "explain_steps.png", dpi=100, bbox_inches="tight")
    print(f"\nFigures written to {out}/: vip.png, explain_mask_agg.png, explain_steps.png")
    print(f"Done in {time.perf_counter() - start:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
