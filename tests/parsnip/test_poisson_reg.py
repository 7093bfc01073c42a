import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from sklearn.linear_model import PoissonRegressor

import pytidy as tm
from pytidy.engines.poisson import fit_poisson_glm


@pytest.fixture
def counts(modeldata):
    d = modeldata("penguins").dropna().reset_index(drop=True)
    rng = np.random.default_rng(0)
    d["n"] = rng.poisson(np.exp(0.02 * (d["flipper_length_mm"] - 200) + 0.5))
    return d


def test_glm_matches_statsmodels(counts):
    fit = tm.poisson_reg().fit("n ~ flipper_length_mm + island", data=counts)
    X = pd.get_dummies(counts[["flipper_length_mm", "island"]], columns=["island"], drop_first=True, dtype=float)
    ref = sm.GLM(counts["n"], sm.add_constant(X), family=sm.families.Poisson()).fit()
    tidy = fit.tidy()
    np.testing.assert_allclose(tidy["estimate"], ref.params.to_numpy(), rtol=1e-6)
    np.testing.assert_allclose(tidy["std.error"], ref.bse.to_numpy(), rtol=1e-5)
    np.testing.assert_allclose(fit.predict(counts)[".pred"], ref.predict(sm.add_constant(X)), rtol=1e-6)
    np.testing.assert_allclose(fit.predict(counts, type="raw"), np.log(ref.predict(sm.add_constant(X))), rtol=1e-6)
    glance = fit.fit.glance()
    assert glance["logLik"].item() == pytest.approx(ref.llf, rel=1e-8)
    assert glance["AIC"].item() == pytest.approx(ref.aic, rel=1e-8)
    assert glance["BIC"].item() == pytest.approx(ref.bic_llf, rel=1e-8)
    assert glance["deviance"].item() == pytest.approx(ref.deviance, rel=1e-6)
    assert glance["null.deviance"].item() == pytest.approx(ref.null_deviance, rel=1e-8)
    assert (glance["df.null"].item(), glance["df.residual"].item()) == (len(counts) - 1, len(counts) - 4)
    np.testing.assert_allclose(fit.fit.vcov().to_numpy(), ref.cov_params().to_numpy(), rtol=1e-5)


def test_glm_case_weights_match_statsmodels_freq_weights(counts):
    w = np.where(np.arange(len(counts)) % 3 == 0, 3.0, 1.0)
    x = counts[["flipper_length_mm"]]
    f = fit_poisson_glm(x, counts["n"], case_weights=w)
    ref = sm.GLM(counts["n"], sm.add_constant(x), family=sm.families.Poisson(), freq_weights=w).fit()
    np.testing.assert_allclose(f.coef, ref.params.to_numpy(), rtol=1e-6)


def test_sklearn_engine_is_ridge_with_glmnet_scaling(counts):
    fit = tm.poisson_reg(penalty=0.05, engine="sklearn").fit("n ~ flipper_length_mm + bill_depth_mm", data=counts)
    X = counts[["flipper_length_mm", "bill_depth_mm"]].to_numpy(float)
    ref = PoissonRegressor(alpha=0.05, max_iter=10000, tol=1e-10).fit(X, counts["n"])
    np.testing.assert_allclose(fit.predict(counts)[".pred"], ref.predict(X), rtol=1e-6)
    unpen = tm.poisson_reg(engine="sklearn").fit("n ~ flipper_length_mm + bill_depth_mm", data=counts)
    assert not np.allclose(fit.predict(counts)[".pred"], unpen.predict(counts)[".pred"])
    with pytest.raises(NotImplementedError, match="mixture=0.5"):
        tm.poisson_reg(penalty=0.1, mixture=0.5, engine="sklearn").fit("n ~ flipper_length_mm", data=counts)
