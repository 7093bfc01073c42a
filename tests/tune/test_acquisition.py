"""Acquisition functions against their closed forms (scipy.stats.norm), as tune's R/acquisition.R."""

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

import pytidy as tm
from pytidy.errors import InvalidParameterError

CAND = pd.DataFrame({".mean": [0.70, 0.80, 0.84, 0.9], ".sd": [0.05, 0.0, 0.01, 0.2]})
EPS = np.finfo(float).eps


def _ei(mean, sd, best, tradeoff, maximize):
    sd_t = np.where(sd <= EPS, EPS, sd)
    delta = mean - best - tradeoff if maximize else tradeoff + best - mean
    z = np.where(sd <= EPS, 0.0, delta / sd_t)
    return delta * norm.cdf(z) + sd_t * norm.pdf(z)


@pytest.mark.parametrize("maximize", [True, False])
@pytest.mark.parametrize("trade_off", [0.0, 0.03])
def test_exp_improve_closed_form(maximize, trade_off):
    got = tm.exp_improve(trade_off=trade_off).predict(CAND, maximize=maximize, iter=1, best=0.82)
    want = _ei(CAND[".mean"].to_numpy(), CAND[".sd"].to_numpy(), 0.82, trade_off, maximize)
    np.testing.assert_allclose(got["objective"], want, rtol=1e-12)


@pytest.mark.parametrize("maximize", [True, False])
@pytest.mark.parametrize("trade_off", [0.0, 0.03])
def test_prob_improve_closed_form(maximize, trade_off):
    got = tm.prob_improve(trade_off=trade_off).predict(CAND, maximize=maximize, iter=1, best=0.82)
    m, s = CAND[".mean"].to_numpy(), np.maximum(CAND[".sd"].to_numpy(), EPS)
    delta = (m - 0.82 - trade_off) if maximize else (trade_off + 0.82 - m)
    np.testing.assert_allclose(got["objective"], norm.cdf(delta / s), rtol=1e-12)


@pytest.mark.parametrize("kappa", [0.1, 2.0])
def test_conf_bound_closed_form(kappa):
    up = tm.conf_bound(kappa=kappa).predict(CAND, maximize=True, iter=1)
    np.testing.assert_allclose(up["objective"], CAND[".mean"] + kappa * CAND[".sd"])
    down = tm.conf_bound(kappa=kappa).predict(CAND, maximize=False, iter=1)
    np.testing.assert_allclose(down["objective"], -(CAND[".mean"] + kappa * CAND[".sd"]))  # tune's sign


def test_default_settings_are_rs():
    assert tm.exp_improve().trade_off == 0 and tm.prob_improve().trade_off == 0
    assert tm.conf_bound().kappa == 0.1
    assert tm.exp_improve().label == "the expected improvement"


def test_functions_of_the_iteration():
    seen = []

    def schedule(i):
        seen.append(i)
        return 0.1 / i

    ei = tm.exp_improve(trade_off=schedule)
    got = ei.predict(CAND, maximize=True, iter=4, best=0.82)
    np.testing.assert_allclose(got["objective"], _ei(CAND[".mean"].to_numpy(), CAND[".sd"].to_numpy(), 0.82,
                                                     0.025, True))
    assert seen == [4]
    assert ei.label.endswith("with variable trade-off values.")
    cb = tm.conf_bound(kappa=lambda i: float(i))
    np.testing.assert_allclose(cb.predict(CAND, maximize=True, iter=3)["objective"], CAND[".mean"] + 3 * CAND[".sd"])


def test_bad_arguments():
    with pytest.raises(InvalidParameterError, match="`trade_off` in exp_improve\\(\\) should be a number or a function"):
        tm.exp_improve(trade_off="a")
    with pytest.raises(InvalidParameterError, match="`kappa` in conf_bound\\(\\) should be a number"):
        tm.conf_bound(kappa=None)
    with pytest.raises(InvalidParameterError, match="should have at least one argument"):
        tm.prob_improve(trade_off=lambda: 1)
    with pytest.raises(InvalidParameterError, match="columns `.mean` and `.sd`"):
        tm.exp_improve().predict(pd.DataFrame({"a": [1]}), maximize=True, iter=1, best=1.0)
    with pytest.raises(InvalidParameterError, match="`best` must be a finite number"):
        tm.exp_improve().predict(CAND, maximize=True, iter=1, best=None)
    with pytest.raises(InvalidParameterError, match="`maximize` must be True or False"):
        tm.exp_improve().predict(CAND, maximize="yes", iter=1, best=1.0)
