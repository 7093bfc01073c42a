"""svm_rbf, svm_poly and svm_linear with the "sklearn" engine (kernlab semantics)."""

import numpy as np
import pandas as pd
import pytest
from sklearn.calibration import CalibratedClassifierCV
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import SVC, SVR

import pytidy as tm
from pytidy.engines.sklearn.svm import fit_svm
from pytidy.errors import InvalidParameterError

CON_X = ["cement", "water", "age"]


@pytest.fixture
def con(modeldata):
    return modeldata("concrete").iloc[:150].reset_index(drop=True)[CON_X + ["compressive_strength"]]


@pytest.fixture
def two(modeldata):
    d = modeldata("two_class_dat").iloc[:150].reset_index(drop=True)
    d["Class"] = d["Class"].cat.reorder_categories(["Class2", "Class1"])
    return d


def _scaled(X):
    return (X - X.mean(axis=0)) / X.std(axis=0, ddof=1)


def _svr_kernlab(svr, X, y):
    """SVR on standardised predictors and outcome, predictions on the outcome's scale (kernlab)."""
    y = np.asarray(y, dtype=float)
    m, s = y.mean(), y.std(ddof=1)
    return svr.fit(X, (y - m) / s).predict(X) * s + m


def test_svm_rbf_regression_matches_svr(con):
    fit = tm.svm_rbf(cost=4, rbf_sigma=0.3, margin=0.5).set_mode("regression").fit("compressive_strength ~ .", data=con)
    X = _scaled(con[CON_X].to_numpy(float))
    ref = _svr_kernlab(SVR(kernel="rbf", C=4.0, gamma=0.3, epsilon=0.5), X, con["compressive_strength"])
    np.testing.assert_allclose(fit.predict(con)[".pred"], ref)


def test_svm_poly_is_kernlab_polydot(con):
    fit = tm.svm_poly(cost=2, degree=2, scale_factor=0.5).set_mode("regression").fit("compressive_strength ~ .", data=con)
    X = _scaled(con[CON_X].to_numpy(float))
    ref = _svr_kernlab(SVR(kernel="poly", C=2.0, degree=2, gamma=0.5, coef0=1.0, epsilon=0.1), X,
                       con["compressive_strength"])
    np.testing.assert_allclose(fit.predict(con)[".pred"], ref)


def test_svm_linear_classification_level_order_and_seeded_probabilities(two):
    spec = tm.svm_linear(cost=0.5).set_mode("classification")
    fit = spec.fit("Class ~ A + B", data=two, seed=4)
    X = _scaled(two[["A", "B"]].to_numpy(float))
    ref = CalibratedClassifierCV(SVC(kernel="linear", C=0.5), method="sigmoid", ensemble=False,
                                 cv=StratifiedKFold(5, shuffle=True, random_state=4)).fit(X, two["Class"].astype(str))
    prob = fit.predict(two, type="prob")
    assert list(prob.columns) == [".pred_Class2", ".pred_Class1"]
    ref_prob = pd.DataFrame(ref.predict_proba(X), columns=ref.classes_)
    np.testing.assert_allclose(prob[".pred_Class2"], ref_prob["Class2"])
    # classes come from the decision value, as kernlab's predict(type = "response")
    svc = SVC(kernel="linear", C=0.5).fit(X, two["Class"].astype(str))
    assert (fit.predict(two)[".pred_class"].astype(str).to_numpy() == svc.predict(X)).all()
    np.testing.assert_allclose(fit.predict(two, type="raw"), svc.decision_function(X))
    again = spec.fit("Class ~ A + B", data=two, seed=4).predict(two, type="prob")
    pd.testing.assert_frame_equal(prob, again)


@pytest.mark.parametrize("model,arg,value", [("svm_rbf", "cost", 10.0), ("svm_rbf", "rbf_sigma", 2.0),
                                             ("svm_rbf", "margin", 2.0), ("svm_poly", "degree", 3),
                                             ("svm_poly", "scale_factor", 0.1), ("svm_linear", "cost", 0.01),
                                             ("svm_linear", "margin", 3.0)])
def test_each_argument_changes_predictions(con, model, arg, value):
    make = getattr(tm, model)
    base = make().set_mode("regression").fit("compressive_strength ~ .", data=con)
    other = make(**{arg: value}).set_mode("regression").fit("compressive_strength ~ .", data=con)
    assert not np.allclose(base.predict(con)[".pred"], other.predict(con)[".pred"])


def test_defaults_and_errors(con):
    assert tm.svm_rbf().set_mode("regression").translate() == {"C": 1.0, "gamma": "sigest", "epsilon": 0.1,
                                                                "scaled": True}
    x, y = con[CON_X], con["compressive_strength"]
    with pytest.raises(InvalidParameterError, match="`cost` in svm_rbf\\(\\) must be positive"):
        fit_svm(x, y, seed=1, C=0)
    with pytest.raises(InvalidParameterError, match="`degree` in svm_poly\\(\\) must be a whole number"):
        fit_svm(x, y, seed=1, kernel="poly", degree=1.5)
    w = np.linspace(0.1, 5, len(x))
    a = fit_svm(x, y, seed=1)
    b = fit_svm(x, y, seed=1, case_weights=w)
    assert not np.allclose(a.predict_numeric(x), b.predict_numeric(x))


def test_default_sigma_is_kernlab_sigest_on_scaled_predictors(con):
    fit = tm.svm_rbf().set_mode("regression").fit("compressive_strength ~ .", data=con, seed=3)
    X = _scaled(con[CON_X].to_numpy(float))
    rng = np.random.default_rng(3)
    n = len(X) // 2
    i, j = rng.integers(0, len(X), size=n), rng.integers(0, len(X), size=n)
    dist = ((X[i] - X[j]) ** 2).sum(axis=1)
    srange = 1 / np.quantile(dist[dist != 0], [0.9, 0.5, 0.1])
    assert fit.fit.estimator.gamma == pytest.approx((srange[0] + srange[2]) / 2)
    other = tm.svm_rbf().set_mode("regression").fit("compressive_strength ~ .", data=con, seed=4)
    assert other.fit.estimator.gamma != fit.fit.estimator.gamma  # the pairs come from the seed
    scale = tm.svm_rbf().set_engine("sklearn", gamma="scale").set_mode("regression").fit(
        "compressive_strength ~ .", data=con)
    assert scale.fit.estimator.gamma == "scale"


def test_scaled_false_uses_the_raw_data(con):
    x, y = con[CON_X], con["compressive_strength"]
    f = fit_svm(x, y, seed=1, kernel="rbf", gamma=0.001, scaled=False)
    ref = SVR(kernel="rbf", C=1.0, gamma=0.001, epsilon=0.1).fit(x.to_numpy(float), y)
    np.testing.assert_allclose(f.predict_numeric(x), ref.predict(x.to_numpy(float)))
