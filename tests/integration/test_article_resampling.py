"""tidymodels.org "Evaluate your model with resampling" (start/resampling), translated line by line.

The article's R code, on modeldata's ``cells``::

    set.seed(123)
    cell_split <- initial_split(cells %>% select(-case), strata = class)
    cell_train <- training(cell_split); cell_test <- testing(cell_split)
    rf_mod <- rand_forest(trees = 1000) %>% set_engine("ranger") %>% set_mode("classification")
    set.seed(234)
    rf_fit <- rf_mod %>% fit(class ~ ., data = cell_train)
    rf_testing_pred <- predict(rf_fit, cell_test) %>%
      bind_cols(predict(rf_fit, cell_test, type = "prob")) %>% bind_cols(cell_test %>% select(class))
    rf_testing_pred %>% roc_auc(truth = class, .pred_PS)
    rf_testing_pred %>% accuracy(truth = class, .pred_class)
    set.seed(345)
    folds <- vfold_cv(cell_train, v = 10)
    rf_wf <- workflow() %>% add_model(rf_mod) %>% add_formula(class ~ .)
    set.seed(456)
    rf_fit_rs <- rf_wf %>% fit_resamples(folds)
    collect_metrics(rf_fit_rs)

Sizes are smaller here (100 trees, 5 folds) so the file runs in seconds. Values are checked against
scikit-learn called directly; R's published numbers serve only as loose sanity bounds.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score, roc_auc_score

import pytidy as tm


@pytest.fixture(scope="module")
def cells(modeldata):
    return modeldata("cells").drop(columns=["case"])  # R: cells %>% select(-case)


@pytest.fixture(scope="module")
def cell_split(cells):
    tm.set_seed(123)
    return tm.initial_split(cells, strata="class")


@pytest.fixture(scope="module")
def rf_mod():
    return tm.rand_forest(trees=100).set_engine("ranger").set_mode("classification")


def test_stratified_initial_split_keeps_the_class_balance(cells, cell_split):
    cell_train, cell_test = tm.training(cell_split), tm.testing(cell_split)
    # R prints 1514 training and 505 test rows for this split (prop = 3/4, strata = class).
    assert (len(cell_train), len(cell_test)) == (1514, 505)
    # the article's `cell_train %>% count(class) %>% mutate(prop = n / sum(n))`: 64.4% PS in both sets
    full = cells["class"].value_counts(normalize=True)
    for part in (cell_train, cell_test):
        prop = part["class"].value_counts(normalize=True)
        assert abs(prop["PS"] - full["PS"]) < 0.002
    # the caller's data is not touched
    assert list(cells.columns)[0] == "class" and len(cells) == 2019


def test_random_forest_train_versus_test_as_in_the_article(cell_split, rf_mod):
    cell_train, cell_test = tm.training(cell_split), tm.testing(cell_split)
    tm.set_seed(234)
    rf_fit = rf_mod.fit("class ~ .", data=cell_train)

    def predictions(new):
        return pd.concat([rf_fit.predict(new), rf_fit.predict(new, type="prob"), new[["class"]]], axis=1)

    rf_training_pred = predictions(cell_train)
    rf_testing_pred = predictions(cell_test)
    assert list(rf_testing_pred.columns) == [".pred_class", ".pred_PS", ".pred_WS", "class"]

    auc_test = tm.roc_auc(rf_testing_pred, "class", ".pred_PS")
    acc_test = tm.accuracy(rf_testing_pred, truth="class", estimate=".pred_class")
    assert list(auc_test.columns) == [".metric", ".estimator", ".estimate"]
    assert auc_test[".estimator"][0] == "binary"
    # yardstick's numbers against scikit-learn's on the same predictions (PS, the first level, is the event)
    y_test = (cell_test["class"] == "PS").to_numpy()
    sk_test_auc = roc_auc_score(y_test, rf_testing_pred[".pred_PS"])
    assert auc_test[".estimate"][0] == pytest.approx(sk_test_auc, abs=1e-12)
    assert acc_test[".estimate"][0] == pytest.approx(
        accuracy_score(cell_test["class"], rf_testing_pred[".pred_class"]), abs=1e-12)

    # the article's point: resubstitution is far too optimistic. R publishes roc_auc 1.00 and accuracy
    # 0.99 on the training set against about 0.89 / 0.82 on the test set.
    auc_train = tm.roc_auc(rf_training_pred, "class", ".pred_PS")[".estimate"][0]
    acc_train = tm.accuracy(rf_training_pred, truth="class", estimate=".pred_class")[".estimate"][0]
    assert auc_train > 0.99 and acc_train > 0.97
    assert 0.85 < auc_test[".estimate"][0] < 0.93 and 0.76 < acc_test[".estimate"][0] < 0.87

    # ranger's defaults (mtry = floor(sqrt(56)) = 7, min.node.size = 10 for a probability forest)
    # fitted by scikit-learn directly on the same rows reach the same test AUC up to forest noise
    x_train = cell_train.drop(columns=["class"])
    sk = RandomForestClassifier(n_estimators=100, max_features=7, min_samples_split=10, random_state=0)
    sk.fit(x_train, cell_train["class"])
    sk_auc = roc_auc_score(y_test, sk.predict_proba(cell_test[x_train.columns])[:, 0])
    assert abs(auc_test[".estimate"][0] - sk_auc) < 0.02


def test_fit_resamples_and_collect_metrics_as_in_the_article(cell_split, rf_mod):
    cell_train = tm.training(cell_split)
    tm.set_seed(345)
    folds = tm.vfold_cv(cell_train, v=5)
    assert folds.to_frame()["id"].tolist() == ["Fold1", "Fold2", "Fold3", "Fold4", "Fold5"]
    rf_wf = tm.workflow().add_model(rf_mod).add_formula("class ~ .")
    tm.set_seed(456)
    rf_fit_rs = rf_wf.fit_resamples(folds, control=tm.control_resamples(save_pred=True))
    got = tm.collect_metrics(rf_fit_rs)
    # R (tune >= 1.2): the default classification metrics are accuracy, brier_class and roc_auc
    assert list(got.columns) == [".metric", ".estimator", "mean", "n", "std_err", ".config"]
    assert got[".metric"].tolist() == ["accuracy", "brier_class", "roc_auc"]
    assert (got["n"] == 5).all()

    # each fold's metric recomputed by scikit-learn from the held-out predictions
    preds = rf_fit_rs.collect_predictions()
    assert len(preds) == len(cell_train) and preds[".row"].is_unique
    per_fold = {"accuracy": [], "roc_auc": [], "brier_class": []}
    for _, fold in preds.groupby("id"):
        event = (fold["class"] == "PS").to_numpy()
        per_fold["accuracy"].append(accuracy_score(fold["class"], fold[".pred_class"]))
        per_fold["roc_auc"].append(roc_auc_score(event, fold[".pred_PS"]))
        # yardstick's brier_class: mean over rows of the squared errors summed over the classes / 2
        per_fold["brier_class"].append(np.mean((event - fold[".pred_PS"]) ** 2))
    for metric, values in per_fold.items():
        row = got[got[".metric"] == metric].iloc[0]
        assert row["mean"] == pytest.approx(np.mean(values), abs=1e-10), metric
        assert row["std_err"] == pytest.approx(np.std(values, ddof=1) / np.sqrt(5), abs=1e-10), metric
    # R publishes accuracy 0.833 and roc_auc 0.903 from 10 folds of 1000 trees
    means = dict(zip(got[".metric"], got["mean"]))
    assert 0.79 < means["accuracy"] < 0.87 and 0.87 < means["roc_auc"] < 0.93


def test_the_same_seed_gives_the_same_resampling_results(cell_split, rf_mod):
    small = tm.training(cell_split).iloc[::4]  # stratified training rows come grouped by class, as in R
    wf = tm.workflow().add_model(tm.rand_forest(trees=20).set_engine("ranger").set_mode("classification"))
    wf = wf.add_formula("class ~ .")
    runs = []
    for _ in range(2):
        tm.set_seed(345)
        folds = tm.vfold_cv(small, v=3)
        tm.set_seed(456)
        runs.append(wf.fit_resamples(folds).collect_metrics()["mean"].to_numpy())
    np.testing.assert_array_equal(runs[0], runs[1])
