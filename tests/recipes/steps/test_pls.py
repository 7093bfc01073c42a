"""step_pls (R: tests/testthat/test-pls.R; mixOmics::pls / plsda / spls conventions).

R's reference scores live in a binary ``test_pls_new.RData``; here the scores are checked against
an independent textbook NIPALS on biomass (mixOmics: centre, scale with sd, regression-mode
deflation) and against scikit-learn's ``PLSRegression(scale=True)``, which implements the same.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.cross_decomposition import PLSRegression

from pytidy.errors import InvalidParameterError
from pytidy.hardhat import tune
from pytidy.recipes import all_numeric_predictors, all_outcomes, all_predictors, recipe, step_pls
from pytidy.recipes.steps.pls import keep_x, pls_nipals

PREDS = ["carbon", "hydrogen", "oxygen", "nitrogen", "sulfur"]


@pytest.fixture
def biomass(modeldata):
    data = modeldata("biomass")
    train = data[data.dataset == "Training"].drop(columns=["dataset", "sample"])
    test = data[data.dataset == "Testing"].drop(columns=["dataset", "sample", "HHV"])
    return train, test


def _textbook_nipals(x, y, ncomp):
    """Single-outcome NIPALS, one component at a time: w = X'y/|X'y|, t = Xw, deflate X and y on t."""
    x = (x - x.mean(0)) / x.std(0, ddof=1)
    y = (y - y.mean()) / y.std(ddof=1)
    scores = []
    for _ in range(ncomp):
        w = x.T @ y
        w /= np.linalg.norm(w)
        t = x @ w
        x = x - np.outer(t, x.T @ t / (t @ t))
        y = y - t * (y @ t) / (t @ t)
        scores.append(t)
    return np.column_stack(scores)


def _match_signs(got, expected):
    return got * np.sign(np.sum(got * expected, axis=0))


def test_dense_scores_match_nipals_and_sklearn(biomass):
    train, test = biomass
    p = recipe("HHV ~ .", train).step_pls(all_predictors(), outcome="HHV", num_comp=3).prep()
    tr = p.bake(None)
    assert tr.columns.tolist() == ["HHV", "PLS1", "PLS2", "PLS3"]
    expected = _textbook_nipals(train[PREDS].to_numpy(), train["HHV"].to_numpy(), 3)
    got = tr[["PLS1", "PLS2", "PLS3"]].to_numpy()
    np.testing.assert_allclose(_match_signs(got, expected), expected, atol=1e-10)
    sk = PLSRegression(3, scale=True).fit(train[PREDS], train["HHV"])
    te = p.bake(test)
    assert te.columns.tolist() == ["PLS1", "PLS2", "PLS3"] and te.index.equals(test.index)
    expected_te = sk.transform(test[PREDS])
    np.testing.assert_allclose(_match_signs(te.to_numpy(), expected_te), expected_te, atol=1e-10)
    # tidy: per term, each component's coefficient on the standardised predictors
    tidied = p.tidy(1)
    assert tidied.columns.tolist() == ["terms", "value", "component", "id"]
    assert tidied["terms"].tolist()[:3] == ["carbon"] * 3
    assert tidied["component"].tolist()[:3] == ["PLS1", "PLS2", "PLS3"]
    coef = tidied["value"].to_numpy().reshape(5, 3)
    z = (train[PREDS] - train[PREDS].mean()) / train[PREDS].std()
    np.testing.assert_allclose(z.to_numpy() @ coef, got, atol=1e-10)


def test_multiple_outcomes_match_sklearn(biomass):
    train, test = biomass
    p = (recipe("HHV + carbon ~ .", train)
         .step_pls(all_predictors(), outcome=["HHV", "carbon"], num_comp=3).prep())
    new = test.drop(columns="carbon")
    got = p.bake(new).to_numpy()
    xs = ["hydrogen", "oxygen", "nitrogen", "sulfur"]
    sk = PLSRegression(3, scale=True, tol=1e-12).fit(train[xs], train[["HHV", "carbon"]])
    expected = sk.transform(new[xs])
    np.testing.assert_allclose(_match_signs(got, expected), expected, atol=1e-6)


def test_sparse_loadings_keep_predictor_prop(biomass):
    train, test = biomass
    assert keep_x(3 / 5, 5) == 3 and keep_x(0.0, 5) == 1 and keep_x(0.21, 5) == 2
    x = train[PREDS].to_numpy()
    x = (x - x.mean(0)) / x.std(0, ddof=1)
    y = train[["HHV"]].to_numpy()
    y = (y - y.mean()) / y.std(ddof=1)
    _, weights = pls_nipals(x, y, 3, keep=3)
    assert ((weights != 0).sum(axis=0) == 3).all()
    # first component: mixOmics soft-thresholding of X'y (zero the 2 smallest, shrink by the larger of them)
    xy = (x.T @ y)[:, 0]
    thr = np.sort(np.abs(xy))[1]
    first = np.where(np.abs(xy) <= thr, 0, np.sign(xy) * (np.abs(xy) - thr))
    np.testing.assert_allclose(np.abs(weights[:, 0]), np.abs(first / np.linalg.norm(first)), atol=1e-12)
    rec = recipe("HHV ~ .", train)
    p = rec.step_pls(all_predictors(), outcome="HHV", num_comp=3, predictor_prop=3 / 5).prep()
    dense = recipe("HHV ~ .", train).step_pls(all_predictors(), outcome="HHV", num_comp=3).prep()
    assert p.bake(test).shape == (len(test), 3)
    assert not np.allclose(np.abs(p.bake(test).to_numpy()), np.abs(dense.bake(test).to_numpy()))


def test_factor_outcome_is_plsda(modeldata):
    peng = modeldata("penguins").dropna()
    preds = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]
    data = peng[["species"] + preds]
    got = recipe("species ~ .", data).step_pls(all_numeric_predictors(), outcome="species").prep().bake(None)
    assert got.columns.tolist() == ["species", "PLS1", "PLS2"]
    onehot = pd.get_dummies(data["species"], dtype=float)
    manual = pd.concat([data[preds], onehot], axis=1)
    form = " + ".join(onehot.columns) + " ~ " + " + ".join(preds)
    ref = recipe(form, manual).step_pls(*preds, outcome=list(onehot.columns)).prep().bake(None)
    np.testing.assert_allclose(got[["PLS1", "PLS2"]].to_numpy(), ref[["PLS1", "PLS2"]].to_numpy(), atol=1e-10)


def test_num_comp_options_and_tunable(biomass):
    train, _ = biomass
    rec = recipe("HHV ~ .", train)
    assert rec.step_pls(all_predictors(), outcome="HHV", num_comp=9).prep().bake(None).shape[1] == 6
    assert rec.step_pls(all_predictors(), outcome="HHV", num_comp=0).prep().bake(None).columns.tolist() == \
        PREDS + ["HHV"]
    kept = rec.step_pls(*PREDS[:2], outcome="HHV", prefix="c", keep_original_cols=True).prep().bake(None)
    assert kept.columns.tolist() == PREDS + ["HHV", "c1", "c2"]
    unscaled = rec.step_pls(all_predictors(), outcome="HHV", options={"scale": False}).prep()
    assert unscaled.steps[0].sds == {}
    assert not np.allclose(unscaled.bake(None)["PLS1"], rec.step_pls(all_predictors(), outcome="HHV").prep()
                           .bake(None)["PLS1"])
    step = rec.step_pls(all_predictors(), outcome="HHV", num_comp=tune(), predictor_prop=tune()).steps[0]
    assert step.tune_args() == ["num_comp", "predictor_prop"]
    params = step.tunable()
    assert params["num_comp"]().range == (1, 4)
    assert params["predictor_prop"]() is not None
    assert repr(rec.step_pls(all_predictors(), outcome="HHV").prep().steps[0]).startswith(
        "PLS feature extraction with: carbon")


def test_errors(biomass):
    train, _ = biomass
    rec = recipe("HHV ~ .", train)
    with pytest.raises(InvalidParameterError, match="`outcome` in step_pls\\(\\) must not be None"):
        rec.step_pls(all_predictors())
    with pytest.raises(InvalidParameterError, match="`outcome` in step_pls\\(\\) must be a selector"):
        rec.step_pls(all_predictors(), outcome=[])
    with pytest.raises(InvalidParameterError, match="num_comp"):
        rec.step_pls(all_predictors(), outcome="HHV", num_comp=-1)
    with pytest.raises(InvalidParameterError, match="predictor_prop"):
        rec.step_pls(all_predictors(), outcome="HHV", predictor_prop=1.5)
    with pytest.raises(InvalidParameterError, match="unknown `options` \\['ncomp'\\]"):
        rec.step_pls(all_predictors(), outcome="HHV", options={"ncomp": 2})
    with pytest.raises(InvalidParameterError, match="`prefix` in step_pls\\(\\) must be a non-empty string"):
        rec.step_pls(all_predictors(), outcome="HHV", prefix="")
    with pytest.raises(InvalidParameterError, match="`outcome` \\(all_outcomes\\(\\)\\) selected no columns"):
        recipe("~ .", train).step_pls(*PREDS, outcome=all_outcomes()).prep()
    with pytest.raises(InvalidParameterError, match="both predictors and `outcome`"):
        recipe("~ .", train).step_pls("carbon", "HHV", outcome="HHV").prep()
    with pytest.raises(InvalidParameterError, match="have missing values"):
        recipe("HHV ~ .", train.assign(carbon=np.where(train.carbon > 50, np.nan, train.carbon))) \
            .step_pls(all_predictors(), outcome="HHV").prep()
    with pytest.raises(InvalidParameterError, match="cannot scale the predictor\\(s\\) \\['k'\\]"):
        recipe("HHV ~ .", train.assign(k=1.0)).step_pls(all_predictors(), outcome="HHV").prep()
    with pytest.raises(InvalidParameterError, match="only multivariate models for numeric outcomes"):
        f = pd.Categorical(np.where(np.arange(len(train)) % 2 == 0, "a", "b"))
        recipe("HHV + f ~ .", train.assign(f=f)).step_pls(all_predictors(), outcome=["HHV", "f"]).prep()
    with pytest.raises(InvalidParameterError, match="name collision"):
        recipe("HHV ~ .", train.assign(PLS1=1.0)).step_pls(*PREDS, outcome="HHV").prep()
