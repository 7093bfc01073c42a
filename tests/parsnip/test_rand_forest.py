import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor

import pytidy as tm
from pytidy.engines.sklearn.trees import fit_rand_forest, fit_ranger
from pytidy.errors import InvalidParameterError, PytidyWarning

PEN_X = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]
CON_X = ["cement", "water", "age", "superplasticizer"]


@pytest.fixture
def pen(modeldata):
    d = modeldata("penguins").dropna().reset_index(drop=True)
    # category order differs from the sorted order scikit-learn uses for classes_
    d["species"] = d["species"].cat.reorder_categories(["Gentoo", "Adelie", "Chinstrap"])
    return d[PEN_X + ["species"]]


@pytest.fixture
def con(modeldata):
    return modeldata("concrete").iloc[:250].reset_index(drop=True)[CON_X + ["compressive_strength"]]


def test_classification_matches_sklearn_with_level_order(pen):
    fit = tm.rand_forest(mtry=2, trees=40, min_n=4).set_mode("classification").fit(
        "species ~ .", data=pen, seed=11)
    prob = fit.predict(pen, type="prob")
    assert list(prob.columns) == [".pred_Gentoo", ".pred_Adelie", ".pred_Chinstrap"]
    ref = RandomForestClassifier(n_estimators=40, max_features=2, min_samples_split=4, random_state=11, n_jobs=1)
    ref.fit(pen[PEN_X].to_numpy(float), pen["species"].astype(str).to_numpy())
    ref_prob = pd.DataFrame(ref.predict_proba(pen[PEN_X].to_numpy(float)), columns=ref.classes_)
    for lv in ["Gentoo", "Adelie", "Chinstrap"]:
        np.testing.assert_allclose(prob[f".pred_{lv}"], ref_prob[lv])
    cls = fit.predict(pen)[".pred_class"]
    assert list(cls.cat.categories) == ["Gentoo", "Adelie", "Chinstrap"]
    assert (cls.astype(str).to_numpy() == ref_prob.columns[ref_prob.to_numpy().argmax(axis=1)]).all()


def test_regression_matches_sklearn(con):
    fit = tm.rand_forest(mtry=3, trees=30, min_n=7).set_mode("regression").fit(
        "compressive_strength ~ .", data=con, seed=3)
    ref = RandomForestRegressor(n_estimators=30, max_features=3, min_samples_split=7, random_state=3, n_jobs=1)
    ref.fit(con[CON_X].to_numpy(float), con["compressive_strength"])
    np.testing.assert_allclose(fit.predict(con)[".pred"], ref.predict(con[CON_X].to_numpy(float)))


def test_ranger_defaults(con, pen):
    reg = tm.rand_forest().set_mode("regression").fit("compressive_strength ~ .", data=con, seed=1)
    est = reg.fit.estimator
    # ranger: 500 trees, mtry = floor(sqrt(p)) = 2 for 4 predictors, min.node.size 5 (regression)
    assert (est.n_estimators, est.max_features, est.min_samples_split) == (500, 2, 5)
    cls = tm.rand_forest(trees=5).set_mode("classification").fit("species ~ .", data=pen, seed=1)
    assert (cls.fit.estimator.max_features, cls.fit.estimator.min_samples_split) == (2, 10)


@pytest.mark.parametrize("arg,attr,value", [("mtry", "max_features", 1), ("trees", "n_estimators", 7),
                                            ("min_n", "min_samples_split", 13)])
def test_each_argument_reaches_sklearn(con, arg, attr, value):
    spec = tm.rand_forest(**{"trees": 7, arg: value}).set_mode("regression")
    fit = spec.fit("compressive_strength ~ .", data=con, seed=1)
    assert getattr(fit.fit.estimator, attr) == value
    base = tm.rand_forest(trees=7).set_mode("regression").fit("compressive_strength ~ .", data=con, seed=1)
    if arg != "trees":
        assert not np.allclose(fit.predict(con)[".pred"], base.predict(con)[".pred"])


def test_ranger_engine_is_the_same_forest(con):
    a = tm.rand_forest(mtry=2, trees=20, min_n=6).set_engine("ranger").set_mode("regression")
    assert a.translate() == {"num.trees": 20, "num.threads": 1, "mtry": 2, "min.node.size": 6}
    b = tm.rand_forest(mtry=2, trees=20, min_n=6).set_engine("sklearn").set_mode("regression")
    fa = a.fit("compressive_strength ~ .", data=con, seed=5)
    fb = b.fit("compressive_strength ~ .", data=con, seed=5)
    np.testing.assert_allclose(fa.predict(con)[".pred"], fb.predict(con)[".pred"])


def test_ranger_engine_args_translate_or_refuse(con):
    x, y = con[CON_X], con["compressive_strength"]
    f = fit_ranger(x, y, seed=1, **{"num.trees": 5, "num.threads": 2, "replace": True, "sample.fraction": 0.5})
    assert (f.estimator.n_jobs, f.estimator.bootstrap, f.estimator.max_samples) == (2, True, 0.5)
    g = fit_ranger(x, y, seed=1, **{"num.trees": 5, "max.depth": 3, "min.bucket": 4})
    assert (g.estimator.max_depth, g.estimator.min_samples_leaf) == (3, 4)
    with pytest.raises(NotImplementedError, match="splitrule"):
        fit_ranger(x, y, seed=1, splitrule="extratrees")
    with pytest.raises(NotImplementedError, match="permutation"):
        fit_ranger(x, y, seed=1, importance="permutation")


def test_case_weights_change_the_fit(con):
    x, y = con[CON_X], con["compressive_strength"]
    w = np.where(np.arange(len(x)) % 2 == 0, 5.0, 0.2)
    a = fit_rand_forest(x, y, seed=2, n_estimators=10)
    b = fit_rand_forest(x, y, seed=2, n_estimators=10, case_weights=w)
    ref = RandomForestRegressor(n_estimators=10, max_features=2, min_samples_split=5, random_state=2, n_jobs=1)
    ref.fit(x.to_numpy(float), y, sample_weight=w)
    np.testing.assert_allclose(b.predict_numeric(x), ref.predict(x.to_numpy(float)))
    assert not np.allclose(a.predict_numeric(x), b.predict_numeric(x))


def test_importance_is_sklearns(pen):
    fit = tm.rand_forest(trees=20).set_mode("classification").fit("species ~ .", data=pen, seed=4)
    out = tm.vi(fit)
    ref = dict(zip(PEN_X, fit.fit.estimator.feature_importances_))
    assert sorted(out["Variable"]) == sorted(PEN_X)
    for v, imp in zip(out["Variable"], out["Importance"]):
        assert imp == pytest.approx(ref[v])


def test_mtry_above_p_is_capped_with_warning(con):
    with pytest.warns(PytidyWarning, match="4 will be used"):
        fit = fit_rand_forest(con[CON_X], con["compressive_strength"], seed=1, max_features=10, n_estimators=3)
    assert fit.estimator.max_features == 4


def test_bad_min_n_raises(con):
    with pytest.raises(InvalidParameterError, match="`min_n` in rand_forest\\(\\) must be at least 2"):
        fit_rand_forest(con[CON_X], con["compressive_strength"], seed=1, min_samples_split=1)


def test_same_seed_same_numbers_and_factor_predictors(modeldata):
    d = modeldata("penguins").dropna().reset_index(drop=True)
    spec = tm.rand_forest(trees=10).set_mode("regression")
    a = spec.fit("body_mass_g ~ island + bill_length_mm", data=d, seed=9).predict(d)
    b = spec.fit("body_mass_g ~ island + bill_length_mm", data=d, seed=9).predict(d)
    pd.testing.assert_frame_equal(a, b)
    # a factor predictor through fit_xy (no formula) is one-hot encoded by the engine
    f = tm.fit_xy(spec, d[["island", "bill_length_mm"]], d["body_mass_g"], seed=9)
    assert f.predict(d.head(3)).shape == (3, 1)
    assert not pd.isna(f.predict(d)[".pred"]).any()


def test_missing_predictors_give_nan_free_rows_elsewhere(con):
    fit = tm.rand_forest(trees=5).set_mode("regression").fit("compressive_strength ~ .", data=con, seed=1)
    new = con.head(4).copy()
    new.loc[1, "cement"] = np.nan
    out = fit.predict(new)
    assert len(out) == 4 and list(out.index) == list(new.index)


def test_ranger_importance_names_each_variable_once(modeldata):
    # ranger's impurity importance is per variable; parsnip's ranger engine gets factors as they are
    d = modeldata("penguins").dropna().reset_index(drop=True)
    d = d[["body_mass_g", "island", "sex", "bill_length_mm"]]
    spec = tm.rand_forest(trees=20).set_engine("ranger").set_mode("regression")
    fit = spec.fit("body_mass_g ~ .", data=d, seed=4)
    out = tm.vi(fit).set_index("Variable")["Importance"]
    assert sorted(out.index) == ["bill_length_mm", "island", "sex"]
    # the sum of the indicator columns' impurity importances, read from scikit-learn directly
    per_col = dict(zip(fit.fit.encoder.names, fit.fit.estimator.feature_importances_))
    assert out["island"] == pytest.approx(sum(v for k, v in per_col.items() if k.startswith("island")))
    assert out["bill_length_mm"] == pytest.approx(per_col["bill_length_mm"])
    assert out.sum() == pytest.approx(1.0)
