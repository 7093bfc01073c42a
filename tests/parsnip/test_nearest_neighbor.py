import numpy as np
import pandas as pd
import pytest
from scipy import stats
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor

import pytidy as tm
from pytidy.engines.sklearn.neighbors import KKNN_KERNELS, fit_knn
from pytidy.errors import InvalidParameterError, PytidyWarning

CON_X = ["cement", "water", "age"]


@pytest.fixture
def con(modeldata):
    d = modeldata("concrete").iloc[:200].reset_index(drop=True)[CON_X + ["compressive_strength"]]
    return d.drop_duplicates(subset=CON_X).reset_index(drop=True)


def _scaled(X, ref):
    return X / ref.std(axis=0, ddof=1)


def _kknn_reference(train, new, k, kernel, p=2.0):
    """kknn's formulas written out (numeric predictors): scale by sd, k+1 neighbours, kernel weights."""
    X = train[CON_X].to_numpy(float)
    Xs, Ns = _scaled(X, X), _scaled(new[CON_X].to_numpy(float), X)
    D = (np.abs(Ns[:, None, :] - Xs[None, :, :]) ** p).sum(axis=2) ** (1 / p)
    order = np.argsort(D, axis=1, kind="stable")[:, : k + 1]
    Dk = np.take_along_axis(D, order, axis=1)
    W = np.clip(Dk[:, :k] / np.maximum(Dk[:, [k]], 1e-6), 1e-6, 1 - 1e-6)
    if kernel == "triangular":
        W = 1 - W
    elif kernel == "biweight":
        W = stats.beta.pdf((W + 1) / 2, 3, 3)
    elif kernel == "optimal":
        d = len(CON_X)
        i = np.arange(1, k + 1)
        W = np.tile((1 + d / 2 - d / (2 * k ** (2 / d)) * (i ** (1 + 2 / d) - (i - 1) ** (1 + 2 / d))) / k, (len(new), 1))
    y = train["compressive_strength"].to_numpy()[order[:, :k]]
    return (W * y).sum(axis=1) / W.sum(axis=1)


@pytest.mark.parametrize("kernel", ["optimal", "triangular", "biweight"])
def test_kernels_follow_kknn(con, kernel):
    train, new = con.iloc[:150], con.iloc[150:]
    fit = tm.nearest_neighbor(neighbors=7, weight_func=kernel).set_mode("regression").fit(
        "compressive_strength ~ .", data=train)
    np.testing.assert_allclose(fit.predict(new)[".pred"], _kknn_reference(train, new, 7, kernel), rtol=1e-9)


def test_rectangular_equals_sklearn_uniform_on_scaled_predictors(con):
    train, new = con.iloc[:150], con.iloc[150:]
    fit = tm.nearest_neighbor(neighbors=6, weight_func="rectangular", dist_power=1).set_mode("regression").fit(
        "compressive_strength ~ .", data=train)
    X = train[CON_X].to_numpy(float)
    ref = KNeighborsRegressor(n_neighbors=6, p=1).fit(_scaled(X, X), train["compressive_strength"])
    np.testing.assert_allclose(fit.predict(new)[".pred"], ref.predict(_scaled(new[CON_X].to_numpy(float), X)))


def test_defaults_are_kknn_as_parsnip_calls_it(con):
    spec = tm.nearest_neighbor().set_mode("regression")
    assert spec.translate() == {"n_neighbors": 5, "weights": "optimal", "p": 2, "scale": True}
    train, new = con.iloc[:150], con.iloc[150:]
    fit = spec.fit("compressive_strength ~ .", data=train)
    assert (fit.fit.k, fit.fit.kernel, fit.fit.d) == (5, "optimal", 3)
    np.testing.assert_allclose(fit.predict(new)[".pred"], _kknn_reference(train, new, 5, "optimal"), rtol=1e-9)


@pytest.mark.parametrize("arg,value", [("neighbors", 15), ("weight_func", "inv"), ("dist_power", 1)])
def test_each_argument_changes_predictions(con, arg, value):
    new = con.sample(30, random_state=1)
    base = tm.nearest_neighbor().set_mode("regression").fit("compressive_strength ~ .", data=con)
    other = tm.nearest_neighbor(**{arg: value}).set_mode("regression").fit("compressive_strength ~ .", data=con)
    assert not np.allclose(base.predict(new)[".pred"], other.predict(new)[".pred"])


def test_classification_level_order_and_factor_predictors(modeldata):
    d = modeldata("two_class_dat").iloc[:200]
    d["Class"] = d["Class"].cat.reorder_categories(["Class2", "Class1"])
    fit = tm.nearest_neighbor(neighbors=9, weight_func="rectangular").set_mode("classification").fit("Class ~ A + B", data=d)
    X = d[["A", "B"]].to_numpy(float)
    ref = KNeighborsClassifier(n_neighbors=9).fit(_scaled(X, X), d["Class"].astype(str))
    prob = fit.predict(d, type="prob")
    assert list(prob.columns) == [".pred_Class2", ".pred_Class1"]
    ref_prob = pd.DataFrame(ref.predict_proba(_scaled(X, X)), columns=ref.classes_)
    np.testing.assert_allclose(prob[".pred_Class2"], ref_prob["Class2"])
    pen = modeldata("penguins").dropna()
    f2 = tm.nearest_neighbor().set_mode("classification").fit("species ~ island + bill_length_mm", data=pen)
    # a factor's indicators share one unit of weight in the distance (kknn's contr.dummy and `we`)
    assert f2.fit.d == 2 and np.isinf(f2.fit.divisor).sum() == 0
    np.testing.assert_allclose(f2.predict(pen.head(5), type="prob").sum(axis=1), 1.0)


def test_every_kknn_kernel_runs_and_bad_values(con):
    x, y = con[CON_X], con["compressive_strength"]
    for kernel in KKNN_KERNELS:
        assert np.isfinite(fit_knn(x, y, seed=1, weights=kernel).predict_numeric(x.head(5))).all()
    with pytest.raises(InvalidParameterError, match="`weight_func` in nearest_neighbor\\(\\) must be one of"):
        fit_knn(x, y, seed=1, weights="square")
    with pytest.raises(InvalidParameterError, match="`dist_power` in nearest_neighbor\\(\\) must be positive"):
        fit_knn(x, y, seed=1, p=0)
    with pytest.warns(PytidyWarning, match="n - 5"):
        small = fit_knn(x.head(10), y.head(10), seed=1, n_neighbors=8)
    assert small.k == 5


def test_missing_predictor_gives_nan_row(con):
    fit = tm.nearest_neighbor().set_mode("regression").fit("compressive_strength ~ .", data=con)
    new = con.head(3).copy()
    new.loc[1, "water"] = np.nan
    out = fit.predict(new)[".pred"]
    assert np.isnan(out.iloc[1]) and not np.isnan(out.iloc[[0, 2]]).any()


def test_weight_func_tunes_over_dials_kernels():
    spec = tm.nearest_neighbor(weight_func=tm.tune()).set_mode("regression")
    ps = tm.workflow().add_model(spec).add_formula("y ~ .").parameters()
    assert set(ps.objects[0].values) <= set(KKNN_KERNELS)


def test_factor_indicators_are_scaled_and_weighted_as_kknn(modeldata):
    d = modeldata("two_class_dat").iloc[:300].reset_index(drop=True)
    d["g"] = pd.Categorical(np.array(["u", "v", "w"])[np.arange(300) % 3])
    train, new = d.iloc[::2], d.iloc[1::2]
    fit = tm.nearest_neighbor(neighbors=5, weight_func="rectangular").set_mode("regression").fit(
        "B ~ g + A", data=train)

    def scale(part):
        dummies = pd.get_dummies(part["g"], dtype=float).to_numpy()  # contr.dummy: every level
        group_sd = np.sqrt(pd.get_dummies(train["g"], dtype=float).to_numpy().var(axis=0, ddof=1).mean())
        w = (1 / 3) ** 0.5  # each of the 3 indicators counts 1/3 in the squared distance
        return np.hstack([dummies / group_sd * w, part[["A"]].to_numpy(float) / train["A"].std(ddof=1)])

    ref = KNeighborsRegressor(n_neighbors=5).fit(scale(train), train["B"])
    np.testing.assert_allclose(fit.predict(new)[".pred"], ref.predict(scale(new)))
    group_sd = np.sqrt(pd.get_dummies(train["g"], dtype=float).to_numpy().var(axis=0, ddof=1).mean())
    np.testing.assert_allclose(fit.fit.divisor, [group_sd * 3**0.5] * 3 + [train["A"].std(ddof=1)])


def test_scale_false_uses_raw_distances(con):
    train, new = con.iloc[:150], con.iloc[150:]
    f = fit_knn(train[CON_X], train["compressive_strength"], seed=1, n_neighbors=4, weights="rectangular",
                scale=False)
    ref = KNeighborsRegressor(n_neighbors=4).fit(train[CON_X].to_numpy(float), train["compressive_strength"])
    np.testing.assert_allclose(f.predict_numeric(new[CON_X]), ref.predict(new[CON_X].to_numpy(float)))
