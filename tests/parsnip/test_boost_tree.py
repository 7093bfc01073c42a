import lightgbm as lgb
import numpy as np
import pandas as pd
import pytest
import xgboost as xgb
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor

import pytidy as tm
from pytidy.engines.boost.lightgbm import fit_lightgbm
from pytidy.engines.boost.xgboost import fit_xgboost
from pytidy.engines.sklearn.hist_boost import fit_hist_boost
from pytidy.errors import InvalidParameterError, PytidyWarning

PEN_X = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]
CON_X = ["cement", "water", "age", "superplasticizer", "fly_ash"]
LEVELS = ["Gentoo", "Adelie", "Chinstrap"]


@pytest.fixture
def pen(modeldata):
    d = modeldata("penguins").dropna().reset_index(drop=True)
    d["species"] = d["species"].cat.reorder_categories(LEVELS)
    return d[PEN_X + ["species"]]


@pytest.fixture
def con(modeldata):
    return modeldata("concrete").iloc[:300].reset_index(drop=True)[CON_X + ["compressive_strength"]]


@pytest.fixture
def two(modeldata):
    return modeldata("two_class_dat").iloc[:300].reset_index(drop=True)


def _xgb_params(**kw):
    base = {"eta": 0.3, "max_depth": 6, "gamma": 0.0, "colsample_bytree": 1.0, "colsample_bynode": 1.0,
            "min_child_weight": 1.0, "subsample": 1.0, "nthread": 1, "seed": 0}
    return {**base, **kw}


def _lgb_params(**kw):
    base = {"num_iterations": 100, "learning_rate": 0.1, "max_depth": -1, "feature_fraction_bynode": 1.0,
            "min_data_in_leaf": 20, "min_gain_to_split": 0.0, "bagging_fraction": 1.0, "deterministic": True,
            "verbose": -1, "num_threads": 1, "seed": 0, "feature_pre_filter": False}
    return {**base, **kw}


# -- xgboost ---------------------------------------------------------------------------------------
def test_xgboost_regression_matches_library_with_parsnip_defaults(con):
    spec = tm.boost_tree().set_mode("regression")
    assert spec.translate() == {"nthread": 1, "verbose": 0}
    fit = spec.fit("compressive_strength ~ .", data=con, seed=5)
    assert fit.fit.booster.num_boosted_rounds() == 15  # parsnip's nrounds = 15
    X = con[CON_X].to_numpy(float)
    ref = xgb.train(_xgb_params(seed=5, objective="reg:squarederror"),
                    xgb.DMatrix(X, label=con["compressive_strength"]), num_boost_round=15)
    np.testing.assert_allclose(fit.predict(con)[".pred"], ref.predict(xgb.DMatrix(X)), rtol=1e-6)


def test_xgboost_translated_arguments_match_library(pen):
    spec = tm.boost_tree(mtry=2, trees=12, min_n=3, tree_depth=3, learn_rate=0.2, loss_reduction=0.5,
                         sample_size=0.8).set_mode("classification")
    assert spec.translate() == {"nthread": 1, "verbose": 0, "colsample_bynode": 2, "nrounds": 12,
                                "min_child_weight": 3, "max_depth": 3, "eta": 0.2, "gamma": 0.5,
                                "subsample": 0.8}
    fit = spec.fit("species ~ .", data=pen, seed=7)
    X = pen[PEN_X].to_numpy(float)
    params = _xgb_params(seed=7, eta=0.2, max_depth=3, gamma=0.5, colsample_bynode=0.5, min_child_weight=3.0,
                         subsample=0.8, objective="multi:softprob", num_class=3)
    ref = xgb.train(params, xgb.DMatrix(X, label=pen["species"].cat.codes), num_boost_round=12)
    prob = fit.predict(pen, type="prob")
    assert list(prob.columns) == [f".pred_{lv}" for lv in LEVELS]
    np.testing.assert_allclose(prob.to_numpy(), ref.predict(xgb.DMatrix(X)), rtol=1e-6)


@pytest.mark.parametrize("arg,value", [("mtry", 1), ("trees", 4), ("min_n", 30), ("tree_depth", 1),
                                       ("learn_rate", 0.01), ("loss_reduction", 50.0), ("sample_size", 0.5)])
def test_xgboost_each_argument_changes_predictions(con, arg, value):
    base = tm.boost_tree().set_mode("regression").fit("compressive_strength ~ .", data=con, seed=1)
    other = tm.boost_tree(**{arg: value}).set_mode("regression").fit("compressive_strength ~ .", data=con, seed=1)
    assert not np.allclose(base.predict(con)[".pred"], other.predict(con)[".pred"])


def test_xgboost_binary_models_second_level(two):
    fit = tm.boost_tree(trees=5).set_mode("classification").fit("Class ~ A + B", data=two, seed=2)
    X = two[["A", "B"]].to_numpy(float)
    ref = xgb.train(_xgb_params(seed=2, objective="binary:logistic"),
                    xgb.DMatrix(X, label=(two["Class"].cat.codes == 1).astype(float)), num_boost_round=5)
    prob = fit.predict(two, type="prob")
    np.testing.assert_allclose(prob[".pred_Class2"], ref.predict(xgb.DMatrix(X)), rtol=1e-6)
    np.testing.assert_allclose(prob.sum(axis=1), 1.0)


def test_xgboost_multi_predict_equals_refits(con):
    spec = tm.boost_tree(trees=10).set_mode("regression")
    fit = spec.fit("compressive_strength ~ .", data=con, seed=3)
    mp = fit.engine_info.multi_predict["trees"](fit.fit, fit.forge(con), [2, 6, 10], "numeric")
    for t, pred in zip([2, 6, 10], mp):
        refit = tm.boost_tree(trees=t).set_mode("regression").fit("compressive_strength ~ .", data=con, seed=3)
        np.testing.assert_allclose(pred, refit.predict(con)[".pred"], rtol=1e-6)


def test_xgboost_importance_is_gain_share(pen):
    fit = tm.boost_tree(trees=5).set_mode("classification").fit("species ~ .", data=pen, seed=1)
    score = fit.fit.booster.get_score(importance_type="total_gain")
    total = sum(score.values())
    out = tm.vi(fit)
    for v, imp in zip(out["Variable"], out["Importance"]):
        assert imp == pytest.approx(score.get(v, 0.0) / total)


def test_xgboost_case_weights_and_early_stopping(con):
    x, y = con[CON_X], con["compressive_strength"]
    w = np.linspace(0.1, 3, len(x))
    a = fit_xgboost(x, y, seed=1, nrounds=5)
    b = fit_xgboost(x, y, seed=1, nrounds=5, case_weights=w)
    ref = xgb.train(_xgb_params(seed=1, objective="reg:squarederror"),
                    xgb.DMatrix(x.to_numpy(float), label=y, weight=w), num_boost_round=5)
    np.testing.assert_allclose(b.predict_numeric(x), ref.predict(xgb.DMatrix(x.to_numpy(float))), rtol=1e-6)
    assert not np.allclose(a.predict_numeric(x), b.predict_numeric(x))
    with pytest.warns(PytidyWarning, match="early_stop"):
        es = fit_xgboost(x, y, seed=1, nrounds=5, early_stop=10, validation=0.2)
    assert es.best_iteration is not None
    stopped = fit_xgboost(x, y, seed=1, nrounds=200, eta=0.9, early_stop=2, validation=0.3)
    grown = stopped.booster.num_boosted_rounds()
    assert grown < 200
    # the best iteration predicts by default (R's predict.xgb.Booster); asking for more trees than grown uses all
    dm = xgb.DMatrix(x.to_numpy(float), feature_names=list(x.columns))
    best = stopped.booster.predict(dm, iteration_range=(0, stopped.best_iteration + 1))
    np.testing.assert_allclose(stopped.predict_numeric(x), best)
    np.testing.assert_allclose(stopped.predict_numeric(x, trees=500), stopped.booster.predict(dm))


def test_xgboost_mtry_as_proportion_needs_counts_false(con):
    with pytest.raises(InvalidParameterError, match="counts=False"):
        fit_xgboost(con[CON_X], con["compressive_strength"], seed=1, nrounds=2, colsample_bynode=3, counts=False)


# -- lightgbm --------------------------------------------------------------------------------------
def test_lightgbm_matches_library_with_bonsai_defaults(pen):
    spec = tm.boost_tree(mtry=2, trees=20, min_n=5).set_engine("lightgbm").set_mode("classification")
    fit = spec.fit("species ~ .", data=pen, seed=4)
    X = pen[PEN_X].to_numpy(float)
    params = _lgb_params(seed=4, num_iterations=20, min_data_in_leaf=5, feature_fraction_bynode=0.5,
                         objective="multiclass", num_class=3)
    ref = lgb.train(params, lgb.Dataset(X, label=pen["species"].cat.codes.to_numpy(float)))
    prob = fit.predict(pen, type="prob")
    assert list(prob.columns) == [f".pred_{lv}" for lv in LEVELS]
    np.testing.assert_allclose(prob.to_numpy(), ref.predict(X), rtol=1e-6)


def test_lightgbm_regression_defaults_and_bagging(con):
    fit = tm.boost_tree(sample_size=0.7).set_engine("lightgbm").set_mode("regression").fit(
        "compressive_strength ~ .", data=con, seed=8)
    assert fit.fit.booster.current_iteration() == 100
    X = con[CON_X].to_numpy(float)
    ref = lgb.train(_lgb_params(seed=8, bagging_fraction=0.7, bagging_freq=1, objective="regression"),
                    lgb.Dataset(X, label=con["compressive_strength"]))
    np.testing.assert_allclose(fit.predict(con)[".pred"], ref.predict(X), rtol=1e-6)


@pytest.mark.parametrize("arg,value", [("mtry", 1), ("trees", 4), ("min_n", 60), ("tree_depth", 1),
                                       ("learn_rate", 0.01), ("loss_reduction", 500.0), ("sample_size", 0.5)])
def test_lightgbm_each_argument_changes_predictions(con, arg, value):
    spec = tm.boost_tree(trees=10).set_engine("lightgbm").set_mode("regression")
    base = spec.fit("compressive_strength ~ .", data=con, seed=1)
    other = spec.set_args(**{arg: value}).fit("compressive_strength ~ .", data=con, seed=1)
    assert not np.allclose(base.predict(con)[".pred"], other.predict(con)[".pred"])


def test_lightgbm_multi_predict_importance_case_weights(con):
    spec = tm.boost_tree(trees=12).set_engine("lightgbm").set_mode("regression")
    fit = spec.fit("compressive_strength ~ .", data=con, seed=2)
    mp = fit.engine_info.multi_predict["trees"](fit.fit, fit.forge(con), [3, 12], "numeric")
    for t, pred in zip([3, 12], mp):
        refit = spec.set_args(trees=t).fit("compressive_strength ~ .", data=con, seed=2)
        np.testing.assert_allclose(pred, refit.predict(con)[".pred"], rtol=1e-9)
    gain = fit.fit.booster.feature_importance(importance_type="gain")
    out = tm.vi(fit, sort=False)
    np.testing.assert_allclose(out["Importance"], gain / gain.sum())
    x, y = con[CON_X], con["compressive_strength"]
    a = fit_lightgbm(x, y, seed=1, num_iterations=5)
    b = fit_lightgbm(x, y, seed=1, num_iterations=5, case_weights=np.linspace(0.1, 3, len(x)))
    assert not np.allclose(a.predict_numeric(x), b.predict_numeric(x))


def test_lightgbm_factor_predictors_are_categorical(modeldata):
    d = modeldata("penguins").dropna().reset_index(drop=True)
    fit = tm.boost_tree(trees=5).set_engine("lightgbm").set_mode("regression").fit(
        "body_mass_g ~ island + flipper_length_mm", data=d, seed=1)
    assert fit.fit.design.categorical == [0]
    assert fit.predict(d.head(4)).shape == (4, 1)


# -- scikit-learn HistGradientBoosting -------------------------------------------------------------
def test_sklearn_engine_matches_library(pen):
    spec = tm.boost_tree(mtry=2, trees=15, min_n=10, tree_depth=3, learn_rate=0.2).set_engine("sklearn")
    fit = spec.set_mode("classification").fit("species ~ .", data=pen, seed=6)
    X = pen[PEN_X].to_numpy(float)
    ref = HistGradientBoostingClassifier(max_iter=15, max_depth=3, learning_rate=0.2, min_samples_leaf=10,
                                         max_features=0.5, early_stopping=False, random_state=6)
    ref.fit(X, pen["species"].astype(str).to_numpy())
    ref_prob = pd.DataFrame(ref.predict_proba(X), columns=ref.classes_)[LEVELS]
    np.testing.assert_allclose(fit.predict(pen, type="prob").to_numpy(), ref_prob.to_numpy())


@pytest.mark.parametrize("arg,value", [("mtry", 1), ("trees", 4), ("min_n", 60), ("tree_depth", 1),
                                       ("learn_rate", 0.01)])
def test_sklearn_engine_each_argument_changes_predictions(con, arg, value):
    spec = tm.boost_tree(trees=10).set_engine("sklearn").set_mode("regression")
    base = spec.fit("compressive_strength ~ .", data=con, seed=1)
    other = spec.set_args(**{arg: value}).fit("compressive_strength ~ .", data=con, seed=1)
    assert not np.allclose(base.predict(con)[".pred"], other.predict(con)[".pred"])


def test_sklearn_engine_multi_predict_and_case_weights(con, pen):
    spec = tm.boost_tree(trees=8).set_engine("sklearn").set_mode("regression")
    fit = spec.fit("compressive_strength ~ .", data=con, seed=2)
    mp = fit.engine_info.multi_predict["trees"](fit.fit, fit.forge(con), [2, 8], "numeric")
    for t, pred in zip([2, 8], mp):
        refit = spec.set_args(trees=t).fit("compressive_strength ~ .", data=con, seed=2)
        np.testing.assert_allclose(pred, refit.predict(con)[".pred"], rtol=1e-9)
    cfit = tm.boost_tree(trees=6).set_engine("sklearn").set_mode("classification").fit("species ~ .", data=pen, seed=2)
    probs = cfit.engine_info.multi_predict["trees"](cfit.fit, cfit.forge(pen), [3], "prob")
    refit = tm.boost_tree(trees=3).set_engine("sklearn").set_mode("classification").fit("species ~ .", data=pen, seed=2)
    np.testing.assert_allclose(probs[0], refit.predict(pen, type="prob").to_numpy(), rtol=1e-9)
    x, y = con[CON_X], con["compressive_strength"]
    w = np.linspace(0.1, 3, len(x))
    b = fit_hist_boost(x, y, seed=1, max_iter=5, case_weights=w)
    ref = HistGradientBoostingRegressor(max_iter=5, early_stopping=False, random_state=1)
    ref.fit(x.to_numpy(float), y, sample_weight=w)
    np.testing.assert_allclose(b.predict_numeric(x), ref.predict(x.to_numpy(float)))


def test_sklearn_engine_refuses_loss_reduction(con):
    with pytest.raises(NotImplementedError, match="loss_reduction"):
        fit_hist_boost(con[CON_X], con["compressive_strength"], seed=1, loss_reduction=1.0)


def test_tune_parameters_come_from_dials():
    spec = tm.boost_tree(trees=tm.tune(), sample_size=tm.tune()).set_mode("regression")
    ps = tm.workflow().add_model(spec).add_formula("y ~ .").parameters()
    assert list(ps.ids) == ["trees", "sample_size"]
    objs = dict(zip(ps.ids, ps.objects))
    assert objs["trees"].range == tm.trees().range
    assert objs["sample_size"].range == tm.sample_prop().range  # parsnip: sample_size tunes with sample_prop


@pytest.mark.parametrize("fit_fn,mtry,rounds", [(fit_xgboost, "colsample_bynode", "nrounds"),
                                                (fit_lightgbm, "feature_fraction_bynode", "num_iterations")])
def test_counts_and_validation_engine_arguments(con, fit_fn, mtry, rounds):
    x, y = con[CON_X], con["compressive_strength"]
    as_count = fit_fn(x, y, seed=3, **{mtry: 2, rounds: 5})
    as_prop = fit_fn(x, y, seed=3, counts=False, **{mtry: 2 / len(CON_X), rounds: 5})
    np.testing.assert_allclose(as_count.predict_numeric(x), as_prop.predict_numeric(x))
    full = fit_fn(x, y, seed=3, **{rounds: 5})
    held_out = fit_fn(x, y, seed=3, validation=0.3, **{rounds: 5})  # trains on about 70% of the rows
    assert not np.allclose(full.predict_numeric(x), held_out.predict_numeric(x))
