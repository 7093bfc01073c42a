import numpy as np
import pandas as pd
import pytest
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor

import pytidy as tm
from pytidy.engines.sklearn.neighbors import fit_knn
from pytidy.errors import InvalidParameterError

CON_X = ["cement", "water", "age"]


@pytest.fixture
def con(modeldata):
    return modeldata("concrete").iloc[:200].reset_index(drop=True)[CON_X + ["compressive_strength"]]


def _scaled(X):
    return (X - X.mean(axis=0)) / X.std(axis=0, ddof=1)


def test_regression_matches_sklearn_on_kknn_scaled_predictors(con):
    spec = tm.nearest_neighbor(neighbors=7, weight_func="inv", dist_power=1).set_mode("regression")
    fit = spec.fit("compressive_strength ~ .", data=con)
    X = con[CON_X].to_numpy(float)
    ref = KNeighborsRegressor(n_neighbors=7, weights="distance", p=1.0).fit(_scaled(X), con["compressive_strength"])
    new = con.iloc[:20]
    Xn = (new[CON_X].to_numpy(float) - X.mean(axis=0)) / X.std(axis=0, ddof=1)
    np.testing.assert_allclose(fit.predict(new)[".pred"], ref.predict(Xn))


def test_defaults(con):
    fit = tm.nearest_neighbor().set_mode("regression").fit("compressive_strength ~ .", data=con)
    est = fit.fit.estimator
    assert (est.n_neighbors, est.weights, est.p) == (5, "uniform", 2.0)


@pytest.mark.parametrize("arg,value", [("neighbors", 15), ("weight_func", "inv"), ("dist_power", 1)])
def test_each_argument_changes_predictions(con, arg, value):
    new = con.sample(30, random_state=1)
    base = tm.nearest_neighbor().set_mode("regression").fit("compressive_strength ~ .", data=con)
    other = tm.nearest_neighbor(**{arg: value}).set_mode("regression").fit("compressive_strength ~ .", data=con)
    assert not np.allclose(base.predict(new)[".pred"], other.predict(new)[".pred"])


def test_classification_level_order(modeldata):
    d = modeldata("two_class_dat").iloc[:200]
    d["Class"] = d["Class"].cat.reorder_categories(["Class2", "Class1"])
    fit = tm.nearest_neighbor(neighbors=9).set_mode("classification").fit("Class ~ A + B", data=d)
    X = d[["A", "B"]].to_numpy(float)
    ref = KNeighborsClassifier(n_neighbors=9).fit(_scaled(X), d["Class"].astype(str))
    prob = fit.predict(d, type="prob")
    assert list(prob.columns) == [".pred_Class2", ".pred_Class1"]
    ref_prob = pd.DataFrame(ref.predict_proba(_scaled(X)), columns=ref.classes_)
    np.testing.assert_allclose(prob[".pred_Class2"], ref_prob["Class2"])


def test_unbuilt_kernels_and_bad_values(con):
    x, y = con[CON_X], con["compressive_strength"]
    with pytest.raises(NotImplementedError, match="'optimal'"):
        fit_knn(x, y, seed=1, weights="optimal")
    with pytest.raises(InvalidParameterError, match="`weight_func` in nearest_neighbor\\(\\) must be one of"):
        fit_knn(x, y, seed=1, weights="square")
    with pytest.raises(InvalidParameterError, match="`dist_power` in nearest_neighbor\\(\\) must be positive"):
        fit_knn(x, y, seed=1, p=0)


def test_missing_predictor_gives_nan_row(con):
    fit = tm.nearest_neighbor().set_mode("regression").fit("compressive_strength ~ .", data=con)
    new = con.head(3).copy()
    new.loc[1, "water"] = np.nan
    out = fit.predict(new)[".pred"]
    assert np.isnan(out.iloc[1]) and not np.isnan(out.iloc[[0, 2]]).any()


def test_weight_func_tunes_over_the_built_kernels():
    spec = tm.nearest_neighbor(weight_func=tm.tune()).set_mode("regression")
    ps = tm.workflow().add_model(spec).add_formula("y ~ .").parameters()
    assert sorted(ps.objects[0].values) == ["inv", "rectangular"]
