"""Numeric metrics: formulas, R's asserted values, scikit-learn cross-checks."""

import math

import numpy as np
import pytest
from sklearn import metrics as skm

import pytidy as tm
from pytidy.errors import InvalidParameterError, PytidyWarning


@pytest.fixture
def sol(modeldata):
    return modeldata("solubility_test")


def test_solubility_vs_sklearn(sol):
    t, e = sol["solubility"].to_numpy(), sol["prediction"].to_numpy()
    assert tm.rmse(sol, "solubility", "prediction")[".estimate"].iloc[0] == pytest.approx(
        math.sqrt(skm.mean_squared_error(t, e)), rel=1e-12)
    assert tm.mse_vec(t, e) == pytest.approx(skm.mean_squared_error(t, e), rel=1e-12)
    assert tm.mae_vec(t, e) == pytest.approx(skm.mean_absolute_error(t, e), rel=1e-12)
    assert tm.rsq_trad_vec(t, e) == pytest.approx(skm.r2_score(t, e), rel=1e-12)
    assert tm.rsq_vec(t, e) == pytest.approx(np.corrcoef(t, e)[0, 1] ** 2, rel=1e-12)
    assert tm.huber_loss_vec(t, e) == pytest.approx(np.mean(np.where(
        np.abs(t - e) <= 1, 0.5 * (t - e) ** 2, np.abs(t - e) - 0.5)), rel=1e-12)
    w = np.random.default_rng(0).uniform(0.5, 2, len(t))
    assert tm.rmse_vec(t, e, case_weights=w) == pytest.approx(
        math.sqrt(skm.mean_squared_error(t, e, sample_weight=w)), rel=1e-12)
    assert tm.rsq_trad_vec(t, e, case_weights=w) == pytest.approx(skm.r2_score(t, e, sample_weight=w), rel=1e-12)


def test_solubility_formulas(sol):
    t, e = sol["solubility"].to_numpy(), sol["prediction"].to_numpy()
    rmse = math.sqrt(np.mean((t - e) ** 2))
    # R: mape is Inf because 2 rows have solubility == 0
    assert tm.mape_vec(t, e) == math.inf
    assert tm.smape_vec(t, e) == pytest.approx(100 * np.mean(np.abs(e - t) / ((np.abs(t) + np.abs(e)) / 2)))
    nz = t != 0
    assert tm.mpe_vec(t[nz], e[nz]) == pytest.approx(100 * np.mean((t[nz] - e[nz]) / t[nz]))
    assert tm.msd_vec(t, e) == pytest.approx(np.mean(t - e))
    assert tm.rpd_vec(t, e) == pytest.approx(np.std(t, ddof=1) / rmse)
    q1, q3 = np.quantile(t, [0.25, 0.75])
    assert tm.rpiq_vec(t, e) == pytest.approx((q3 - q1) / rmse)
    a = t - e
    assert tm.huber_loss_pseudo_vec(t, e, delta=2) == pytest.approx(np.mean(4 * (np.sqrt(1 + (a / 2) ** 2) - 1)))
    assert tm.pseudo_huber_loss_vec(t, e) == pytest.approx(tm.huber_loss_pseudo_vec(t, e))
    cov = np.cov(t, e)
    ccc = 2 * cov[0, 1] / (cov[0, 0] + cov[1, 1] + (t.mean() - e.mean()) ** 2)
    assert tm.ccc_vec(t, e) == pytest.approx(ccc)
    n = len(t)
    ccc_b = 2 * cov[0, 1] * (n - 1) / n / ((cov[0, 0] + cov[1, 1]) * (n - 1) / n + (t.mean() - e.mean()) ** 2)
    assert tm.ccc_vec(t, e, bias=True) == pytest.approx(ccc_b)
    naive = np.mean(np.abs(np.diff(t)))
    assert tm.mase_vec(t, e) == pytest.approx(np.mean(np.abs(t - e)) / naive)
    assert tm.mase_vec(t, e, m=2) == pytest.approx(np.mean(np.abs(t - e)) / np.mean(np.abs(t[2:] - t[:-2])))
    assert tm.mase_vec(t, e, mae_train=2.0) == pytest.approx(np.mean(np.abs(t - e)) / 2.0)


def test_iic_reference_values():
    assert tm.iic_vec([1.0, 2.0, 3.0], [2.0, 1.0, 1.0]) == pytest.approx(-0.577350269189626)
    # R test "Case weights calculations are correct"
    assert tm.iic_vec([1, 2, 3, 4, 5], [1, 3, 1, 3, 2], case_weights=[1, 2, 1, 2, 0]) == pytest.approx(
        0.4264014327112208846415)


def test_na_handling():
    t = np.array([1.0, 2.0, np.nan, 4.0])
    e = np.array([1.0, 3.0, 3.0, 4.0])
    assert tm.rmse_vec(t, e) == pytest.approx(math.sqrt(1 / 3))
    assert math.isnan(tm.rmse_vec(t, e, na_rm=False))


def test_errors():
    with pytest.raises(InvalidParameterError, match="`delta` in huber_loss\\(\\) must be a number in \\[0, inf\\)"):
        tm.huber_loss_vec([1.0], [1.0], delta=-1)
    with pytest.raises(InvalidParameterError, match="`bias` in ccc\\(\\) must be True or False"):
        tm.ccc_vec([1.0, 2.0], [1.0, 2.0], bias="yes")
    with pytest.raises(InvalidParameterError, match="must be longer than `m` \\(3\\)"):
        tm.mase_vec([1.0, 2.0], [1.0, 2.0], m=3)
    with pytest.raises(InvalidParameterError, match="`m` in mase\\(\\) must be a whole number"):
        tm.mase_vec([1.0, 2.0, 3.0], [1.0, 2.0, 3.0], m=1.5)
    with pytest.raises(InvalidParameterError, match="must be vectors of the same length"):
        tm.rmse_vec([1.0, 2.0], [1.0])
    with pytest.raises(InvalidParameterError, match="`estimate` in rmse\\(\\) must be numeric"):
        tm.rmse_vec([1.0, 2.0], ["a", "b"])
    with pytest.warns(PytidyWarning, match="`truth` is constant"):
        assert math.isnan(tm.rsq_vec([1.0, 1.0, 1.0], [1.0, 2.0, 3.0]))
    with pytest.warns(PytidyWarning, match="needs at least 2 rows"):
        assert math.isnan(tm.rsq_vec([1.0], [1.0]))
