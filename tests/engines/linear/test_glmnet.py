"""The glmnet engine on scikit-learn's compiled coordinate descent, and its penalty submodels."""

import numpy as np
import pandas as pd
import pytest

from pytidy.engines.linear.glmnet import fit_glmnet, multi_predict_glmnet
from pytidy.errors import InvalidParameterError, PytidyWarning


@pytest.fixture(scope="module")
def ames_x(modeldata):
    d = modeldata("ames").iloc[:600].reset_index(drop=True)
    x = d.loc[:, ["Gr_Liv_Area", "Year_Built", "Lot_Area", "Total_Bsmt_SF", "Garage_Area", "Neighborhood"]]
    return x, np.log10(d["Sale_Price"]).rename("y")


def test_gaussian_matches_scikit_learn_elastic_net_on_standardised_dummies(ames_x):
    from sklearn.linear_model import ElasticNet

    x, y = ames_x
    fit = fit_glmnet(x, y, penalty=0.002, mixture=0.3)
    X = fit.design.matrix(x)[:, 1:]
    sd = X.std(axis=0)
    sd[sd == 0] = 1.0
    Z = (X - X.mean(axis=0)) / sd  # R's standardize = TRUE: population sd
    ref = ElasticNet(alpha=0.002, l1_ratio=0.3, tol=1e-14, max_iter=200_000).fit(Z, y)
    np.testing.assert_allclose(fit.coef[1:] * sd, ref.coef_, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(fit.predict_numeric(x), ref.predict(Z), rtol=1e-9)


def test_binomial_matches_scikit_learn_penalised_logistic_regression(modeldata):
    from sklearn.linear_model import LogisticRegression

    d = modeldata("two_class_dat")
    x, y = d[["A", "B"]], d["Class"]
    lam, n = 0.01, len(d)
    fit = fit_glmnet(x, y, penalty=lam, mixture=0.0)
    Z = (x - x.mean()) / x.std(ddof=0)
    # sklearn: C * sum(log-loss) + ||w||^2 / 2, i.e. glmnet's objective with C = 1 / (n * lambda)
    ref = LogisticRegression(C=1 / (n * lam), tol=1e-12, max_iter=10_000).fit(Z, (y == "Class2").astype(int))
    np.testing.assert_allclose(fit.coef[1:] * x.std(ddof=0).to_numpy(), ref.coef_[0], rtol=1e-5)
    np.testing.assert_allclose(fit.predict_prob(x)[:, 1], ref.predict_proba(Z)[:, 1], atol=1e-6)


@pytest.mark.parametrize("family", ["gaussian", "binomial"])
def test_multi_predict_equals_separate_fits_bit_for_bit(ames_x, family):
    x, y = ames_x
    if family == "binomial":
        y = pd.Series(pd.Categorical(np.where(y > y.median(), "high", "low"), categories=["low", "high"]))
    values = [0.05, 1e-4, 0.01, 0.05]
    fit = fit_glmnet(x, y, penalty=max(values), mixture=0.5)
    kind = "numeric" if family == "gaussian" else "prob"
    many = multi_predict_glmnet(fit, x.iloc[:50], values, kind)
    for v, got in zip(values, many):
        one = fit_glmnet(x, y, penalty=v, mixture=0.5)
        want = one.predict_numeric(x.iloc[:50]) if kind == "numeric" else one.predict_prob(x.iloc[:50])
        assert np.array_equal(got, want)
    assert not np.array_equal(many[0], many[1])


def test_multi_predict_errors(ames_x):
    x, y = ames_x
    fit = fit_glmnet(x, y, penalty=0.1)
    with pytest.raises(InvalidParameterError, match=r"a gaussian glmnet fit gives type 'numeric'; got 'prob'"):
        multi_predict_glmnet(fit, x, [0.1], "prob")
    with pytest.raises(InvalidParameterError, match=r"does not know the option\(s\) \['level'\]"):
        multi_predict_glmnet(fit, x, [0.1], "numeric", level=0.9)
    with pytest.raises(InvalidParameterError, match=r"`penalty` in multi_predict\(\) for glmnet"):
        multi_predict_glmnet(fit, x, [-1.0], "numeric")
    import pickle

    loaded = pickle.loads(pickle.dumps(fit))  # a fit from another session: its training problem is gone
    with pytest.raises(InvalidParameterError, match=r"needs a fit made in this session"):
        multi_predict_glmnet(loaded, x, [0.1], "numeric")
    assert np.array_equal(loaded.predict_numeric(x), fit.predict_numeric(x))


def test_engine_arguments_are_checked_and_used(ames_x):
    x, y = ames_x
    with pytest.raises(InvalidParameterError, match=r"`maxit` in the glmnet engine must be a whole number"):
        fit_glmnet(x, y, penalty=0.1, maxit=0.5)
    with pytest.raises(InvalidParameterError, match=r"`thresh` in the glmnet engine"):
        fit_glmnet(x, y, penalty=0.1, thresh=0.0)
    with pytest.warns(PytidyWarning, match=r"did not converge in maxit=1 sweeps"):
        rough = fit_glmnet(x, y, penalty=1e-5, maxit=1)
    assert not np.allclose(rough.coef, fit_glmnet(x, y, penalty=1e-5).coef)
    loose = fit_glmnet(x, y, penalty=1e-5, thresh=1e-2)
    assert not np.array_equal(loose.coef, fit_glmnet(x, y, penalty=1e-5).coef)
