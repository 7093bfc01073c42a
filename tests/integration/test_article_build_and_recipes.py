"""tidymodels.org "Build a model" and "Preprocess your data with recipes", adapted to modeldata.

"Build a model" fits ``lm`` on ``urchins`` (width ~ initial_volume * food_regime); Sacramento's
``price ~ sqft * type`` has the same shape (a numeric slope per level of a factor)::

    lm_fit <- linear_reg() %>% fit(price ~ sqft * type, data = Sacramento)
    tidy(lm_fit)
    predict(lm_fit, new_data = new_points)
    predict(lm_fit, new_data = new_points, type = "conf_int")

"Preprocess your data with recipes" predicts late flights (nycflights13, not available) with a date
column; hotel_rates has an arrival date, so the outcome here is whether a stay has children::

    flights_rec <- recipe(arr_delay ~ ., data = train_data) %>%
      update_role(flight, time_hour, new_role = "ID") %>%
      step_date(date, features = c("dow", "month")) %>%
      step_holiday(date, holidays = timeDate::listHolidays("US"), keep_original_cols = FALSE) %>%
      step_dummy(all_nominal_predictors()) %>% step_zv(all_predictors())
    lr_mod <- logistic_reg() %>% set_engine("glm")
    flights_wflow <- workflow() %>% add_model(lr_mod) %>% add_recipe(flights_rec)
    flights_fit <- flights_wflow %>% fit(data = train_data)
    flights_fit %>% extract_fit_parsnip() %>% tidy()
    flights_aug <- augment(flights_fit, test_data)
    flights_aug %>% roc_curve(truth = arr_delay, .pred_late) %>% autoplot()
    flights_aug %>% roc_auc(truth = arr_delay, .pred_late)

References: statsmodels (OLS, GLM binomial) and scikit-learn called directly.
"""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
import statsmodels.formula.api as smf
from sklearn.metrics import roc_auc_score

import pytidy as tm

matplotlib.use("Agg")

#: the US holidays of timeDate::listHolidays("US") that pytidy's step_holiday knows
US_HOLIDAYS = ["USNewYearsDay", "USMLKingsBirthday", "USPresidentsDay", "USMemorialDay", "USIndependenceDay",
               "USLaborDay", "USColumbusDay", "USVeteransDay", "USThanksgivingDay", "USChristmasDay"]


def test_build_a_model_lm_with_an_interaction(modeldata):
    sac = modeldata("Sacramento")
    lm_mod = tm.linear_reg()
    lm_fit = lm_mod.fit("price ~ sqft * type", data=sac)
    got = tm.tidy(lm_fit)
    assert list(got.columns) == ["term", "estimate", "std.error", "statistic", "p.value"]
    assert got["term"].tolist() == ["(Intercept)", "sqft", "typeMulti_Family", "typeResidential",
                                    "sqft:typeMulti_Family", "sqft:typeResidential"]
    ref = smf.ols("price ~ sqft * C(type, levels=['Condo', 'Multi_Family', 'Residential'])",
                  data=sac.assign(type=sac["type"].astype(str))).fit()
    order = [0, 3, 1, 2, 4, 5]  # patsy lists the factor's main effects before sqft; R lists sqft first
    np.testing.assert_allclose(got["estimate"], ref.params.to_numpy()[order], rtol=1e-8)
    np.testing.assert_allclose(got["std.error"], ref.bse.to_numpy()[order], rtol=1e-8)
    np.testing.assert_allclose(got["p.value"], ref.pvalues.to_numpy()[order], rtol=1e-6)

    levels = list(sac["type"].cat.categories)
    new_points = pd.DataFrame({"sqft": [1500.0] * 3, "type": pd.Categorical(levels, categories=levels)})
    mean_pred = lm_fit.predict(new_points)
    conf_int_pred = lm_fit.predict(new_points, type="conf_int")
    assert list(mean_pred.columns) == [".pred"]
    assert list(conf_int_pred.columns) == [".pred_lower", ".pred_upper"]
    frame = ref.get_prediction(new_points.assign(type=levels)).summary_frame(alpha=0.05)
    np.testing.assert_allclose(mean_pred[".pred"], frame["mean"], rtol=1e-10)
    np.testing.assert_allclose(conf_int_pred[".pred_lower"], frame["mean_ci_lower"], rtol=1e-10)
    np.testing.assert_allclose(conf_int_pred[".pred_upper"], frame["mean_ci_upper"], rtol=1e-10)


def test_the_articles_bayesian_engine_is_refused_clearly():
    # the article's second model, set_engine("stan", prior = ...), has no pytidy engine
    with pytest.raises(tm.InvalidParameterError, match="stan"):
        tm.linear_reg().set_engine("stan").fit("y ~ x", data=pd.DataFrame({"x": [1.0, 2, 3],
                                                                           "y": [1.0, 2, 4]}))


@pytest.fixture(scope="module")
def hotel_split(modeldata):
    raw = modeldata("hotel_rates").iloc[::6].reset_index(drop=True)
    data = raw[["lead_time", "adults", "meal", "customer_type", "total_of_special_requests"]].assign(
        arrival_date=pd.to_datetime(raw["arrival_date"]),
        booking_id=np.arange(len(raw)),
        children=pd.Categorical(np.where(raw["children"] > 0, "children", "none"),
                                categories=["children", "none"]),
    )
    tm.set_seed(222)
    return tm.initial_split(data, prop=3 / 4)


@pytest.fixture(scope="module")
def hotel_rec(hotel_split):
    return (tm.recipe("children ~ .", data=tm.training(hotel_split))
            .update_role("booking_id", new_role="ID")
            .step_date("arrival_date", features=["dow", "month"])
            .step_holiday("arrival_date", holidays=US_HOLIDAYS, keep_original_cols=False)
            .step_dummy(tm.all_nominal_predictors())
            .step_zv(tm.all_predictors()))


def test_recipe_roles_and_baked_columns(hotel_split, hotel_rec):
    roles = hotel_rec.summary().set_index("variable")["role"]
    assert roles["booking_id"] == "ID" and roles["children"] == "outcome"
    assert roles["arrival_date"] == "predictor"
    baked = hotel_rec.prep().bake(None)
    assert "arrival_date" not in baked.columns and "booking_id" in baked.columns  # keep_original_cols = FALSE
    # R's step_date labels: dow Sun..Sat, month Jan..Dec; step_dummy drops the first level
    assert "arrival_date_dow_Mon" in baked.columns and "arrival_date_dow_Sun" not in baked.columns
    assert "arrival_date_month_Feb" in baked.columns and "arrival_date_month_Jan" not in baked.columns
    predictors = baked.drop(columns=["children", "booking_id"])
    assert (predictors.std() > 0).all()  # step_zv removed the holidays that never occur in training
    assert len(predictors.columns) < 3 + 6 + 3 + len(US_HOLIDAYS) + 6 + 11


def test_glm_workflow_tidy_augment_and_roc_auc(hotel_split, hotel_rec):
    train_data, test_data = tm.training(hotel_split), tm.testing(hotel_split)
    lr_mod = tm.logistic_reg().set_engine("glm")
    flights_wflow = tm.workflow().add_model(lr_mod).add_recipe(hotel_rec)
    flights_fit = flights_wflow.fit(data=train_data)
    coefs = flights_fit.extract_fit_parsnip().tidy()
    assert coefs["term"].iloc[0] == "(Intercept)" and "booking_id" not in set(coefs["term"])

    # statsmodels' binomial GLM on the recipe's own training matrix; R's glm models the second
    # level ("none") as the event of the linear predictor
    baked = hotel_rec.prep().bake(None)
    x = sm.add_constant(baked.drop(columns=["children", "booking_id"]).astype(float))
    ref = sm.GLM((baked["children"] == "none").astype(float), x, family=sm.families.Binomial()).fit()
    assert coefs["term"].tolist() == ["(Intercept)"] + list(x.columns[1:])
    stable = coefs["std.error"].to_numpy() < 50  # the rarest holidays are (nearly) separated
    np.testing.assert_allclose(coefs["estimate"].to_numpy()[stable], ref.params.to_numpy()[stable], rtol=1e-5,
                               atol=1e-8)

    flights_aug = flights_fit.augment(test_data)
    expected = {".pred_class", ".pred_children", ".pred_none", "booking_id", "children"}
    assert expected <= set(flights_aug.columns)
    assert flights_aug["booking_id"].tolist() == test_data["booking_id"].tolist()
    baked_test = hotel_rec.prep().bake(test_data)[x.columns[1:]].astype(float)
    x_test = sm.add_constant(baked_test, has_constant="add")
    np.testing.assert_allclose(flights_aug[".pred_none"], ref.predict(x_test), rtol=1e-6, atol=1e-9)

    auc = tm.roc_auc(flights_aug, "children", ".pred_children")
    assert auc[".estimate"][0] == pytest.approx(
        roc_auc_score(test_data["children"] == "children", flights_aug[".pred_children"]), abs=1e-12)
    assert tm.autoplot(tm.roc_curve(flights_aug, "children", ".pred_children")) is not None
