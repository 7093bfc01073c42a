"""tidymodels.org "A predictive modeling case study" (start/case-study), adapted to modeldata's hotel_rates.

The article predicts whether a hotel stay has children from the ``hotels`` data; hotel_rates holds
the same kind of bookings (a child count, an arrival date), so the outcome here is
``children = "children" if children > 0 else "none"``. The article's R code::

    splits <- initial_validation_split(hotels, strata = children)    # (the article: initial_split +
    val_set <- validation_set(splits)                                  #  validation_split)
    lr_mod <- logistic_reg(penalty = tune(), mixture = 1) %>% set_engine("glmnet")
    lr_recipe <- recipe(children ~ ., data = hotel_other) %>%
      step_date(arrival_date) %>% step_holiday(arrival_date, holidays = holidays) %>%
      step_rm(arrival_date) %>% step_dummy(all_nominal_predictors()) %>%
      step_zv(all_predictors()) %>% step_normalize(all_predictors())
    lr_workflow <- workflow() %>% add_model(lr_mod) %>% add_recipe(lr_recipe)
    lr_reg_grid <- tibble(penalty = 10^seq(-4, -1, length.out = 30))
    lr_res <- lr_workflow %>% tune_grid(val_set, grid = lr_reg_grid,
                                        control = control_grid(save_pred = TRUE),
                                        metrics = metric_set(roc_auc))
    lr_plot <- lr_res %>% collect_metrics() %>% ggplot(...)   # or autoplot(lr_res)
    lr_res %>% show_best(metric = "roc_auc", n = 15)
    lr_best <- lr_res %>% collect_metrics() %>% arrange(penalty) %>% slice(12)
    lr_auc <- lr_res %>% collect_predictions(parameters = lr_best) %>% roc_curve(children, .pred_children)
    rf_mod <- rand_forest(mtry = tune(), min_n = tune(), trees = 1000) %>%
      set_engine("ranger", num.threads = cores) %>% set_mode("classification")
    rf_res <- rf_workflow %>% tune_grid(val_set, grid = 25, control = control_grid(save_pred = TRUE),
                                        metrics = metric_set(roc_auc))
    rf_best <- rf_res %>% select_best(metric = "roc_auc")
    last_rf_mod <- rand_forest(mtry = 8, min_n = 7, trees = 1000) %>%
      set_engine("ranger", num.threads = cores, importance = "impurity") %>% set_mode("classification")
    last_rf_fit <- last_rf_workflow %>% last_fit(splits)
    last_rf_fit %>% extract_fit_parsnip() %>% vip(num_features = 20)

Smaller here: every 8th booking, no agent/company/country columns (hundreds of levels), 50 trees
and a grid of 5. The case study's published AUCs (0.876 lasso, 0.926 forest) are for R's hotels
data, not hotel_rates, so they give no bounds here.
"""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

import pytidy as tm

matplotlib.use("Agg")

HOLIDAYS = ["AllSouls", "AshWednesday", "ChristmasEve", "Easter", "ChristmasDay", "GoodFriday", "NewYearsDay",
            "PalmSunday"]  # the article's `holidays` vector


@pytest.fixture(scope="module")
def hotels(modeldata):
    raw = modeldata("hotel_rates").iloc[::8].reset_index(drop=True)
    hotels = raw.drop(columns=["avg_price_per_room", "arrival_date_num", "agent", "company", "country"])
    hotels["arrival_date"] = pd.to_datetime(hotels["arrival_date"])
    hotels["children"] = pd.Categorical(np.where(raw["children"] > 0, "children", "none"),
                                        categories=["children", "none"])
    return hotels


@pytest.fixture(scope="module")
def splits(hotels):
    tm.set_seed(123)
    return tm.initial_validation_split(hotels, strata="children")


@pytest.fixture(scope="module")
def lr_recipe(splits):
    return (tm.recipe("children ~ .", data=tm.training(splits))
            .step_date("arrival_date")
            .step_holiday("arrival_date", holidays=HOLIDAYS)
            .step_rm("arrival_date")
            .step_dummy(tm.all_nominal_predictors())
            .step_zv(tm.all_predictors())
            .step_normalize(tm.all_predictors()))


@pytest.fixture(scope="module")
def lr_res(splits, lr_recipe):
    lr_mod = tm.logistic_reg(penalty=tm.tune(), mixture=1).set_engine("glmnet")
    lr_workflow = tm.workflow().add_model(lr_mod).add_recipe(lr_recipe)
    lr_reg_grid = pd.DataFrame({"penalty": 10 ** np.linspace(-4, -1, 30)})
    return lr_workflow.tune_grid(tm.validation_set(splits), grid=lr_reg_grid,
                                 control=tm.control_grid(save_pred=True), metrics=tm.metric_set(tm.roc_auc))


def test_the_three_way_split_and_validation_set(hotels, splits):
    n = len(hotels)
    train, val, test = tm.training(splits), tm.validation(splits), tm.testing(splits)
    assert len(train) + len(val) + len(test) == n
    assert abs(len(train) - 0.6 * n) <= 2 and abs(len(val) - 0.2 * n) <= 2  # R: prop = c(0.6, 0.2)
    share = (hotels["children"] == "children").mean()
    for part in (train, val, test):  # stratified: about 9% of stays with children in every part
        assert abs((part["children"] == "children").mean() - share) < 0.01
    val_set = tm.validation_set(splits)
    only = val_set.splits[0]
    assert val_set.to_frame()["id"].tolist() == ["validation"]
    assert len(only.analysis()) == len(train) and len(only.assessment()) == len(val)


def test_lasso_grid_over_30_penalties_as_in_the_article(splits, lr_res):
    got = lr_res.collect_metrics()
    assert list(got.columns) == ["penalty", ".metric", ".estimator", "mean", "n", "std_err", ".config"]
    assert len(got) == 30 and (got["n"] == 1).all() and got["std_err"].isna().all()  # one resample: no SE
    np.testing.assert_allclose(np.sort(got["penalty"]), 10 ** np.linspace(-4, -1, 30), rtol=1e-12)
    assert got[".config"].iloc[0] == "pre0_mod01_post0"  # R pads the model number to two digits

    top = lr_res.show_best(metric="roc_auc", n=15)
    assert len(top) == 15 and top["mean"].is_monotonic_decreasing
    lr_best = got.sort_values("penalty").iloc[[11]]  # arrange(penalty) %>% slice(12)
    preds = lr_res.collect_predictions(parameters=lr_best)
    val = tm.validation(splits)
    assert len(preds) == len(val) and set(preds[".config"]) == set(lr_best[".config"])
    # the validation AUC of that candidate, recomputed by scikit-learn from its predictions
    auc = roc_auc_score(preds["children"] == "children", preds[".pred_children"])
    assert lr_best["mean"].iloc[0] == pytest.approx(auc, abs=1e-12)
    lr_auc = tm.roc_curve(preds, "children", ".pred_children").assign(model="Logistic Regression")
    assert list(lr_auc.columns) == [".threshold", "specificity", "sensitivity", "model"]
    assert lr_auc[".threshold"].iloc[0] == -np.inf and lr_auc[".threshold"].iloc[-1] == np.inf
    assert tm.autoplot(lr_res) is not None and tm.autoplot(lr_auc.drop(columns="model")) is not None


def test_lasso_validation_auc_matches_scikit_learn_l1_logistic(splits, lr_recipe, lr_res):
    prepped = lr_recipe.prep()
    x_train = prepped.bake(None).drop(columns="children")
    x_val = prepped.bake(tm.validation(splits))[x_train.columns]
    y_train = (tm.training(splits)["children"] == "children").to_numpy()
    y_val = (tm.validation(splits)["children"] == "children").to_numpy()
    got = lr_res.collect_metrics().sort_values("penalty")
    for _, row in got.iloc[:4].iterrows():
        # glmnet's objective deviance/(2n) + lambda*|b|_1 is scikit-learn's with C = 1 / (n * lambda)
        sk = LogisticRegression(C=1 / (len(y_train) * row["penalty"]), l1_ratio=1.0, solver="saga",
                                max_iter=5000, tol=1e-6).fit(x_train, y_train)
        assert row["mean"] == pytest.approx(roc_auc_score(y_val, sk.predict_proba(x_val)[:, 1]), abs=0.01)


def test_random_forest_grid_select_best_and_last_fit(splits):
    rf_mod = (tm.rand_forest(mtry=tm.tune(), min_n=tm.tune(), trees=50)
              .set_engine("ranger", **{"num.threads": 1}).set_mode("classification"))
    rf_recipe = (tm.recipe("children ~ .", data=tm.training(splits))
                 .step_date("arrival_date").step_holiday("arrival_date").step_rm("arrival_date"))
    rf_workflow = tm.workflow().add_model(rf_mod).add_recipe(rf_recipe)
    assert tm.extract_parameter_set_dials(rf_mod).ids == ["mtry", "min_n"]
    tm.set_seed(345)
    rf_res = rf_workflow.tune_grid(tm.validation_set(splits), grid=5, control=tm.control_grid(save_pred=True),
                                   metrics=tm.metric_set(tm.roc_auc))
    got = rf_res.collect_metrics()
    assert len(got) == 5
    # mtry is finalised on the recipe's predictors (R: "Creating pre-processing data to finalize
    # unknown parameter: mtry"): 22 columns - arrival_date + 3 date + 3 holiday features = 27
    n_pred = rf_recipe.prep().bake(None).shape[1] - 1
    assert n_pred == 27 and got["mtry"].between(1, n_pred).all() and got["min_n"].between(2, 40).all()
    assert tm.autoplot(rf_res) is not None

    rf_best = rf_res.select_best(metric="roc_auc")
    assert list(rf_best.columns) == ["mtry", "min_n", ".config"]
    preds = rf_res.collect_predictions(parameters=rf_best)
    auc = roc_auc_score(preds["children"] == "children", preds[".pred_children"])
    assert got[got[".config"] == rf_best[".config"][0]]["mean"].iloc[0] == pytest.approx(auc, abs=1e-12)
    assert got["mean"].max() == pytest.approx(auc, abs=1e-12)

    last_rf_mod = (tm.rand_forest(mtry=8, min_n=7, trees=50)
                   .set_engine("ranger", **{"num.threads": 1}, importance="impurity")
                   .set_mode("classification"))
    last_rf_workflow = rf_workflow.update_model(last_rf_mod)
    last_rf_fit = last_rf_workflow.last_fit(splits)
    metrics = last_rf_fit.collect_metrics()
    assert metrics[".metric"].tolist() == ["accuracy", "roc_auc", "brier_class"]
    test_preds = last_rf_fit.collect_predictions()
    assert len(test_preds) == len(tm.testing(splits))
    auc = roc_auc_score(test_preds["children"] == "children", test_preds[".pred_children"])
    assert metrics.set_index(".metric")[".estimate"]["roc_auc"] == pytest.approx(auc, abs=1e-12)
    imp = tm.vi(last_rf_fit.extract_fit_parsnip())
    assert len(imp) == n_pred and imp["Importance"].is_monotonic_decreasing
    assert tm.vip(last_rf_fit.extract_fit_parsnip(), num_features=20) is not None
    assert tm.autoplot(tm.roc_curve(test_preds, "children", ".pred_children")) is not None


def test_last_fit_on_a_three_way_split_fits_on_training_or_training_plus_validation(splits):
    """R's ``last_fit(add_validation_set = FALSE)``, checked against plain fits on the same rows (glm)."""
    wf = tm.workflow().add_model(tm.logistic_reg()).add_formula("children ~ lead_time + adults + meal")
    test = tm.testing(splits)
    for add, rows in ((False, tm.training(splits)),
                      (True, pd.concat([tm.training(splits), tm.validation(splits)]).sort_index())):
        res = tm.last_fit(wf, splits, add_validation_set=add)
        direct = wf.fit(rows).predict(test, type="prob")[".pred_children"].to_numpy()
        got = res.collect_predictions().sort_values(".row")[".pred_children"].to_numpy()
        np.testing.assert_allclose(got, direct, rtol=1e-10)
    # the two fits differ, so the argument is not ignored
    a = tm.last_fit(wf, splits).collect_predictions()[".pred_children"].to_numpy()
    b = tm.last_fit(wf, splits, add_validation_set=True).collect_predictions()[".pred_children"].to_numpy()
    assert not np.allclose(a, b)
    msg = "`add_validation_set` in last_fit\\(\\) must be True or False"
    with pytest.raises(tm.InvalidParameterError, match=msg):
        tm.last_fit(wf, splits, add_validation_set="yes")
    with pytest.raises(tm.InvalidParameterError, match="initial_validation_split\\(data\\); got DataFrame"):
        tm.last_fit(wf, test)
