"""linear_reg(engine="sklearn") and logistic_reg(engine="sklearn")."""

import numpy as np
import pytest
import statsmodels.api as sm
from sklearn.linear_model import ElasticNet, Ridge

import pytidy as tm
from pytidy.engines.sklearn.linear import fit_sklearn_linear
from pytidy.errors import InvalidParameterError

CON_X = ["cement", "water", "age"]


@pytest.fixture
def con(modeldata):
    return modeldata("concrete").iloc[:300].reset_index(drop=True)


def test_unpenalised_linear_reg_is_least_squares(con):
    fit = tm.linear_reg(engine="sklearn").fit("compressive_strength ~ cement + water + age", data=con)
    X = np.column_stack([np.ones(len(con)), con[CON_X].to_numpy(float)])
    beta, *_ = np.linalg.lstsq(X, con["compressive_strength"].to_numpy(float), rcond=None)
    np.testing.assert_allclose(fit.predict(con)[".pred"], X @ beta, rtol=1e-8)


def test_penalty_mixture_map_to_elastic_net_and_ridge(con):
    y = con["compressive_strength"]
    X = con[CON_X].to_numpy(float)
    enet = tm.linear_reg(engine="sklearn", penalty=0.5, mixture=0.4).fit("compressive_strength ~ cement + water + age", data=con)
    ref = ElasticNet(alpha=0.5, l1_ratio=0.4, max_iter=10000).fit(X, y)
    np.testing.assert_allclose(enet.predict(con)[".pred"], ref.predict(X), rtol=1e-6)
    ridge = tm.linear_reg(engine="sklearn", penalty=0.5, mixture=0).fit("compressive_strength ~ cement + water + age", data=con)
    np.testing.assert_allclose(ridge.predict(con)[".pred"], Ridge(alpha=len(con) * 0.5).fit(X, y).predict(X), rtol=1e-6)
    lasso = tm.linear_reg(engine="sklearn", penalty=0.5).fit("compressive_strength ~ cement + water + age", data=con)
    ref = ElasticNet(alpha=0.5, l1_ratio=1.0, max_iter=10000).fit(X, y)  # parsnip: mixture defaults to 1
    np.testing.assert_allclose(lasso.predict(con)[".pred"], ref.predict(X), rtol=1e-6)


def test_case_weights_and_errors(con):
    x, y = con[CON_X], con["compressive_strength"]
    w = np.linspace(0.1, 3, len(x))
    f = fit_sklearn_linear(x, y, seed=1, case_weights=w)
    ref = sm.WLS(y, sm.add_constant(x), weights=w).fit()
    np.testing.assert_allclose(f.estimator.coef_, ref.params.to_numpy()[1:], rtol=1e-6)
    with pytest.raises(InvalidParameterError, match="`penalty` in linear_reg\\(\\) must be >= 0"):
        fit_sklearn_linear(x, y, seed=1, penalty=-1)


def test_logistic_reg_sklearn_matches_statsmodels(modeldata):
    d = modeldata("two_class_dat")
    fit = tm.logistic_reg(engine="sklearn").fit("Class ~ A + B", data=d)
    ref = sm.Logit((d["Class"].cat.codes == 1).astype(float), sm.add_constant(d[["A", "B"]])).fit(disp=0)
    prob = fit.predict(d, type="prob")
    np.testing.assert_allclose(prob[".pred_Class2"], ref.predict(sm.add_constant(d[["A", "B"]])), rtol=1e-5)
    out = tm.vi(fit, sort=False)
    np.testing.assert_allclose(out["Importance"], np.abs(fit.fit.estimator.coef_[0]))


def test_tidy_gives_coefficients_for_the_second_level(modeldata):
    d = modeldata("two_class_dat")
    ref = sm.Logit((d["Class"].cat.codes == 1).astype(float), sm.add_constant(d[["A", "B"]])).fit(disp=0)
    tidy = tm.logistic_reg(engine="sklearn").fit("Class ~ A + B", data=d).tidy()
    assert tidy["term"].tolist() == ["(Intercept)", "A", "B"]
    np.testing.assert_allclose(tidy["estimate"], ref.params.to_numpy(), rtol=1e-4)
    d["Class"] = d["Class"].cat.reorder_categories(["Class2", "Class1"])  # now Class1 is the second level
    flipped = tm.logistic_reg(engine="sklearn").fit("Class ~ A + B", data=d).tidy()
    np.testing.assert_allclose(flipped["estimate"], -ref.params.to_numpy(), rtol=1e-4)
    assert (flipped["penalty"] == 0).all()


def test_tidy_of_penalised_linear_reg(con):
    fit = tm.linear_reg(engine="sklearn", penalty=0.5).fit("compressive_strength ~ cement + water + age", data=con)
    tidy = fit.tidy()
    est = fit.fit.estimator
    np.testing.assert_allclose(tidy["estimate"], [est.intercept_, *est.coef_])
    assert (tidy["penalty"] == 0.5).all()
