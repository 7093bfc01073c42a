"""tidymodels.org "Tune model parameters" (start/tuning), translated line by line.

The article's R code, on modeldata's ``cells``::

    set.seed(123)
    cell_split <- initial_split(cells %>% select(-case), strata = class)
    tune_spec <- decision_tree(cost_complexity = tune(), tree_depth = tune()) %>%
      set_engine("rpart") %>% set_mode("classification")
    tree_grid <- grid_regular(cost_complexity(), tree_depth(), levels = 5)
    set.seed(234)
    cell_folds <- vfold_cv(cell_train)
    tree_wf <- workflow() %>% add_model(tune_spec) %>% add_formula(class ~ .)
    tree_res <- tree_wf %>% tune_grid(resamples = cell_folds, grid = tree_grid)
    tree_res %>% collect_metrics()
    tree_res %>% show_best(metric = "accuracy")
    best_tree <- tree_res %>% select_best(metric = "accuracy")
    final_wf <- tree_wf %>% finalize_workflow(best_tree)
    final_fit <- final_wf %>% last_fit(cell_split)
    final_fit %>% collect_metrics()
    final_tree <- extract_workflow(final_fit)
    final_tree %>% extract_fit_parsnip() %>% vip()

The "rpart" engine grows the tree with scikit-learn and prunes it with rpart's complexity rule (see
``decision_tree``'s notes for what still differs). Sizes are smaller (levels = 3, 3 folds).
"""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import accuracy_score, roc_auc_score

import pytidy as tm

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def cell_split(modeldata):
    tm.set_seed(123)
    return tm.initial_split(modeldata("cells").drop(columns=["case"]), strata="class")


@pytest.fixture(scope="module")
def tune_spec():
    spec = tm.decision_tree(cost_complexity=tm.tune(), tree_depth=tm.tune())
    return spec.set_engine("rpart").set_mode("classification")


@pytest.fixture(scope="module")
def tree_wf(tune_spec):
    return tm.workflow().add_model(tune_spec).add_formula("class ~ .")


@pytest.fixture(scope="module")
def tree_res(cell_split, tree_wf):
    tree_grid = tm.grid_regular(tm.cost_complexity(), tm.tree_depth(), levels=3)
    tm.set_seed(234)
    cell_folds = tm.vfold_cv(tm.training(cell_split), v=3)
    return tree_wf.tune_grid(resamples=cell_folds, grid=tree_grid, control=tm.control_grid(save_pred=True))


def test_the_rpart_engine_takes_rpart_argument_names(tune_spec):
    assert tune_spec.engine == "rpart"
    final = tune_spec.set_args(cost_complexity=0.001, tree_depth=4)
    assert final.translate() == {"cp": 0.001, "maxdepth": 4, "minsplit": 20}  # rpart.control's minsplit


def test_grid_regular_over_cost_complexity_and_tree_depth():
    tree_grid = tm.grid_regular(tm.cost_complexity(), tm.tree_depth(), levels=5)
    # R: 25 rows, cost_complexity varies fastest (expand.grid), 10^seq(-10, -1, length = 5) on the
    # log10 scale, tree_depth = round(seq(1, 15, length = 5)) = 1, 4, 8, 11, 15
    assert list(tree_grid.columns) == ["cost_complexity", "tree_depth"] and len(tree_grid) == 25
    np.testing.assert_allclose(tree_grid["cost_complexity"][:5], 10 ** np.linspace(-10, -1, 5), rtol=1e-12)
    assert sorted(set(tree_grid["tree_depth"])) == [1, 4, 8, 11, 15]
    assert tree_grid["tree_depth"].tolist()[:6] == [1, 1, 1, 1, 1, 4]


def test_tune_grid_collect_metrics_and_show_best(tree_res):
    got = tree_res.collect_metrics()
    assert list(got.columns) == ["cost_complexity", "tree_depth", ".metric", ".estimator", "mean", "n",
                                 "std_err", ".config"]
    assert len(got) == 9 * 3 and (got["n"] == 3).all()
    # every candidate's metrics recomputed by scikit-learn from its held-out predictions
    preds = tree_res.collect_predictions()
    for config, rows in preds.groupby(".config"):
        folds = list(rows.groupby("id"))
        acc = np.mean([accuracy_score(f["class"], f[".pred_class"]) for _, f in folds])
        auc = np.mean([roc_auc_score(f["class"] == "PS", f[".pred_PS"]) for _, f in folds])
        mine = got[got[".config"] == config].set_index(".metric")["mean"]
        assert mine["accuracy"] == pytest.approx(acc, abs=1e-12)
        assert mine["roc_auc"] == pytest.approx(auc, abs=1e-12)

    best = tree_res.show_best(metric="accuracy")
    assert len(best) == 5 and (best[".metric"] == "accuracy").all()
    assert best["mean"].is_monotonic_decreasing
    acc_rows = got[got[".metric"] == "accuracy"]
    assert best["mean"].iloc[0] == acc_rows["mean"].max()
    # a depth-1 tree (a stump) is the worst of the depths, as in the article's plot
    stumps = acc_rows[acc_rows["tree_depth"] == 1]["mean"]
    assert stumps.max() < acc_rows["mean"].max()
    assert tm.autoplot(tree_res) is not None


def test_tuning_a_formula_workflow_leaves_no_notes(tree_wf):
    # the "sklearn" engine asks for one-hot encoding, the path that builds the frame column by column
    tree_wf = tree_wf.update_model(tree_wf.extract_spec_parsnip().set_engine("sklearn"))
    # cells read as modeldata/README.md says (read_csv, then the factor levels column by column);
    # the fixture's consolidated copy hides the warning
    data = Path(__file__).parents[1] / "data" / "modeldata"
    cells = pd.read_csv(data / "cells.csv", keep_default_na=False, na_values=["NA", ""])
    for col, levels in json.loads((data / "levels.json").read_text())["cells"].items():
        cells[col] = pd.Categorical(cells[col], categories=levels)
    tm.set_seed(123)
    split = tm.initial_split(cells.drop(columns=["case"]), strata="class")
    res = tree_wf.tune_grid(resamples=tm.vfold_cv(tm.training(split), v=3), grid=2)
    assert len(res.collect_notes()) == 0


def test_select_best_finalize_last_fit_and_vip(cell_split, tree_wf, tree_res):
    best_tree = tree_res.select_best(metric="accuracy")
    assert list(best_tree.columns) == ["cost_complexity", "tree_depth", ".config"]
    top = tree_res.show_best(metric="accuracy", n=1)
    assert best_tree["tree_depth"][0] == top["tree_depth"].iloc[0]

    final_wf = tree_wf.finalize_workflow(best_tree)
    spec = final_wf.extract_spec_parsnip()
    assert spec.args["tree_depth"] == best_tree["tree_depth"][0]
    assert spec.args["cost_complexity"] == best_tree["cost_complexity"][0]

    final_fit = final_wf.last_fit(cell_split)
    metrics = final_fit.collect_metrics()
    # R (tune >= 1.2) lists accuracy, roc_auc, brier_class for last_fit
    assert metrics[".metric"].tolist() == ["accuracy", "roc_auc", "brier_class"]
    preds = final_fit.collect_predictions()
    test = tm.testing(cell_split)
    assert len(preds) == len(test) and (preds["id"] == "train/test split").all()
    est = metrics.set_index(".metric")[".estimate"]
    assert est["accuracy"] == pytest.approx(accuracy_score(preds["class"], preds[".pred_class"]), abs=1e-12)
    sk_auc = roc_auc_score(preds["class"] == "PS", preds[".pred_PS"])
    assert est["roc_auc"] == pytest.approx(sk_auc, abs=1e-12)
    # R publishes accuracy 0.802 and roc_auc 0.840 on the test set (tree_depth 4, 10 folds, 25 candidates)
    assert 0.74 < est["accuracy"] < 0.86 and 0.76 < est["roc_auc"] < 0.90

    final_tree = final_fit.extract_workflow()
    again = final_tree.predict(test)
    np.testing.assert_array_equal(again[".pred_class"].to_numpy(), preds.sort_values(".row")[".pred_class"])
    fit = final_tree.extract_fit_parsnip()
    imp = tm.vi(fit)
    assert list(imp.columns) == ["Variable", "Importance"]
    assert imp["Importance"].is_monotonic_decreasing
    assert set(imp["Variable"]) <= set(test.columns.drop("class"))
    assert tm.vip(fit) is not None
