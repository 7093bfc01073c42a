import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from sklearn.linear_model import LogisticRegression

import pytidy as tm
from pytidy.errors import InvalidParameterError

X_COLS = ["bill_length_mm", "bill_depth_mm"]


@pytest.fixture
def pen(modeldata):
    d = modeldata("penguins").dropna().reset_index(drop=True)
    d["species"] = d["species"].cat.reorder_categories(["Gentoo", "Adelie", "Chinstrap"])
    return d


def test_unpenalised_matches_statsmodels_mnlogit(pen):
    fit = tm.multinom_reg().fit("species ~ bill_length_mm + flipper_length_mm", data=pen)
    cols = ["bill_length_mm", "flipper_length_mm"]
    ref = sm.MNLogit(pen["species"].cat.codes, sm.add_constant(pen[cols])).fit(disp=0, maxiter=200)
    prob = fit.predict(pen, type="prob")
    assert list(prob.columns) == [".pred_Gentoo", ".pred_Adelie", ".pred_Chinstrap"]
    np.testing.assert_allclose(prob.to_numpy(), ref.predict(sm.add_constant(pen[cols])), atol=1e-4)


def test_penalty_and_mixture_are_glmnet_scaled(pen):
    fit = tm.multinom_reg(penalty=0.01, mixture=0.3).fit("species ~ bill_length_mm + bill_depth_mm", data=pen)
    n = len(pen)
    ref = LogisticRegression(C=1 / (n * 0.01), l1_ratio=0.3, solver="saga", max_iter=10000, tol=1e-8,
                             random_state=0).fit(pen[X_COLS].to_numpy(float), pen["species"].astype(str))
    ref_prob = pd.DataFrame(ref.predict_proba(pen[X_COLS].to_numpy(float)), columns=ref.classes_)
    np.testing.assert_allclose(fit.predict(pen, type="prob").to_numpy(),
                               ref_prob[["Gentoo", "Adelie", "Chinstrap"]].to_numpy(), atol=1e-4)
    ridge = tm.multinom_reg(penalty=0.01, mixture=0).fit("species ~ bill_length_mm + bill_depth_mm", data=pen)
    assert not np.allclose(fit.predict(pen, type="prob"), ridge.predict(pen, type="prob"))
    bigger = tm.multinom_reg(penalty=0.1, mixture=0.3).fit("species ~ bill_length_mm + bill_depth_mm", data=pen)
    assert not np.allclose(fit.predict(pen, type="prob"), bigger.predict(pen, type="prob"))


def test_importance_is_summed_abs_coef_and_bad_mixture(pen):
    fit = tm.multinom_reg(penalty=0.01, mixture=0).fit("species ~ bill_length_mm + bill_depth_mm", data=pen)
    coef = fit.fit.estimator.coef_
    out = tm.vi(fit, sort=False)
    np.testing.assert_allclose(out["Importance"], np.abs(coef).sum(axis=0))
    with pytest.raises(InvalidParameterError, match="`mixture` in multinom_reg\\(\\) must be a number in \\[0, 1\\]"):
        tm.multinom_reg(penalty=0.1, mixture=2).fit("species ~ bill_length_mm", data=pen)


def test_case_weights_change_the_fit_and_scale_the_penalty(pen):
    from pytidy.engines.sklearn.linear import fit_sklearn_logistic

    x, y = pen[X_COLS], pen["species"]
    w = np.where(pen["island"] == "Biscoe", 4.0, 1.0)
    a = fit_sklearn_logistic(x, y, seed=1, model="multinom_reg")
    b = fit_sklearn_logistic(x, y, seed=1, model="multinom_reg", case_weights=w)
    assert not np.allclose(a.predict_prob(x), b.predict_prob(x))
    pen_w = fit_sklearn_logistic(x, y, seed=1, model="multinom_reg", penalty=0.01, mixture=0, case_weights=w)
    assert pen_w.estimator.C == pytest.approx(1 / (w.sum() * 0.01))  # glmnet: weights sum to n
