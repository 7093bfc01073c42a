"""step_BoxCox and step_YeoJohnson (R: tests/testthat/test-BoxCox.R, test-YeoJohnson.R).

The R tests use ``set.seed(1)``: ``x1 = exp(rnorm(20, mean = .1))`` (the first 20 draws of
``rnorm`` under seed 1, typed in below) and ``x2 = 1 / rnorm(20)`` (recovered exactly from the
untransformed column of R's expected Box-Cox output); ``x3 = rep(1:2, each = 10)``. The expected
lambdas come from the ``car`` package, as in R's tests.
"""

import numpy as np
import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError, PytidyWarning
from pytidy.recipes import recipe
from pytidy.recipes.steps.boxcox import optimize_max, step_BoxCox  # noqa: F401
from pytidy.recipes.steps.yeojohnson import step_YeoJohnson, yj_transform  # noqa: F401

Z = np.array([-0.62645381, 0.18364332, -0.83562861, 1.59528080, 0.32950777, -0.82046838, 0.48742905,
              0.73832471, 0.57578135, -0.30538839, 1.51178117, 0.38984324, -0.62124058, -2.21469989,
              1.12493092, -0.04493361, -0.01619026, 0.94383621, 0.82122120, 0.59390132])
X2 = np.array([1.0881660755694, 1.27854953038913, 13.4111208085756, -0.502676325196487, 1.61335666257264,
               -17.8161848705567, -6.41867035287092, -0.679924106156326, -2.09139367300257, 2.39267901359744,
               0.736008721758276, -9.72878791903891, 2.57950278065913, -18.5856192870844, -0.726185004156987,
               -2.40967012205861, -2.5362046143702, -16.8595975858421, 0.909069940992826, 1.31031417340121])
EX = pd.DataFrame({"x1": np.exp(Z + 0.1), "x2": X2, "x3": np.repeat([1, 2], 10)})

BC_X1 = [-0.48855792533959, 0.295526451871788, -0.66306066037752, 2.18444062220084, 0.45714544418559,
         -0.650762952308473, 0.639934327981261, 0.94795174900382, 0.745877376631664, -0.199443408020842,
         2.05013184840922, 0.526004196848377, -0.484073411411316, -1.5846209165316, 1.46827089088108,
         0.0555044880684726, 0.0848273579417863, 1.21733702306844, 1.05470177834901, 0.76793945044649]
YJ_X1 = [0.435993557749438, 0.754696454247318, 0.371327932207827, 1.46113017436327, 0.82204097731098,
         0.375761562702297, 0.89751975937422, 1.02175936118846, 0.940739811377902, 0.54984302797741,
         1.41856737837093, 0.850587387615876, 0.437701618670981, 0.112174615510591, 1.21942112715274,
         0.654589551748501, 0.666780580127795, 1.12625135443351, 1.0636850911955, 0.949680956411546]
YJ_X2 = [1.15307873387121, 1.36532999080347, 17.4648439780388, -0.487746797875704, 1.74452440065935,
         -13.3640721541574, -5.35805967319061, -0.653901985285932, -1.90735599477338, 2.65253432454371,
         0.76771137336975, -7.79484535687973, 2.87484976680907, -13.8738947581599, -0.696856395842167,
         -2.17745353101028, -2.28384276604207, -12.7261652971783, 0.95585544349634, 1.40099012093008]


def test_optimize_matches_brent():
    assert optimize_max(lambda x: -(x - 1.5) ** 2, -5, 5) == pytest.approx(1.5, abs=1e-4)
    assert optimize_max(lambda x: x, 0, 1) == pytest.approx(1, abs=1e-3)


def test_boxcox_lambdas_as_r():
    rec = recipe("~ .", EX).step_BoxCox("x1", "x2", "x3")
    untrained = rec.tidy(1)
    assert untrained["terms"].tolist() == ["x1", "x2", "x3"] and untrained["value"].isna().all()
    with pytest.warns(PytidyWarning, match=r"no Box-Cox transformation could be estimated for \['x2', 'x3'\]"):
        prepped = rec.prep()
    tidied = prepped.tidy(1)
    assert tidied["terms"].tolist() == ["x1"]
    assert tidied["value"][0] == pytest.approx(0.2874304685, abs=1e-3)
    out = prepped.bake(EX)
    np.testing.assert_allclose(out["x1"], BC_X1, rtol=1e-3)
    np.testing.assert_array_equal(out["x2"], X2)


def test_boxcox_warns_on_non_positive_new_data():
    prepped = recipe("~ .", EX).step_BoxCox("x1").prep()
    with pytest.warns(PytidyWarning, match=r"non-positive data in \['x1'\]"):
        prepped.bake(pd.DataFrame({"x1": [-1.0], "x2": [1.0], "x3": [1]}))


def test_boxcox_small_lambda_is_log():
    x = np.exp(np.linspace(-1, 2, 30))
    prepped = recipe("~ .", pd.DataFrame({"x": x})).step_BoxCox("x").prep()
    assert abs(prepped.tidy(1)["value"][0]) < 0.001
    np.testing.assert_allclose(prepped.bake(None)["x"], np.log(x))


@pytest.mark.parametrize("fn", [step_BoxCox, step_YeoJohnson])
def test_bad_args(fn):
    rec = recipe("~ .", EX)
    with pytest.raises(InvalidParameterError, match="`limits` in step_"):
        fn(rec, "x1", limits=(1,))
    with pytest.raises(InvalidParameterError, match="`num_unique` in step_"):
        fn(rec, "x1", num_unique=0)


def test_yeojohnson_lambdas_as_r():
    rec = recipe("~ .", EX).step_YeoJohnson("x1", "x2", "x3", id="yj")
    prepped = rec.prep()
    tidied = prepped.tidy(1)
    assert tidied["terms"].tolist() == ["x1", "x2"]
    np.testing.assert_allclose(tidied["value"], [-0.2727204451, 1.139292543], atol=1e-3)
    out = prepped.bake(EX)
    np.testing.assert_allclose(out["x1"], YJ_X1, rtol=1e-3)
    np.testing.assert_allclose(out["x2"], YJ_X2, rtol=1e-3)
    np.testing.assert_array_equal(out["x3"], EX["x3"])


def test_yeojohnson_missing_data():
    ex = EX.assign(x1=EX.x1.where(EX.index != 0))
    prepped = recipe("~ .", ex).step_YeoJohnson("x1").prep()
    assert np.isnan(prepped.bake(None)["x1"][0])
    with pytest.raises(InvalidParameterError, match="'x1' has missing values.*na_rm=False"):
        recipe("~ .", ex).step_YeoJohnson("x1", na_rm=False).prep()


def test_yj_transform_branches():
    x = np.array([-1.0, 0.0, 3.0, np.nan])
    np.testing.assert_allclose(yj_transform(x, 0.0)[:3], [-((2.0**2) - 1) / 2, 0.0, np.log(4.0)])
    np.testing.assert_allclose(yj_transform(x, 2.0)[:3], [-np.log(2.0), 0.0, (16 - 1) / 2])
    assert np.isnan(yj_transform(x, 1.0)[3])
