"""step_pca (R: tests/testthat/test-pca.R: compare with prcomp(center = FALSE, scale. = FALSE))."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError
from pytidy.hardhat import tune
from pytidy.recipes import all_numeric_predictors, recipe, step_pca
from pytidy.recipes.steps.pca import names0
from pytidy.testing import StepCase

CONFORMANCE_CASES = {"pca": StepCase(step_pca, selectors=("x2", "i"), args={"num_comp": 2})}
VRS = ["carbon", "hydrogen", "oxygen", "nitrogen", "sulfur"]


@pytest.fixture
def biomass(modeldata):
    return modeldata("biomass")


def _prcomp(x: np.ndarray):
    """prcomp(x, center = FALSE, scale. = FALSE) by the eigen decomposition of X'X / (n - 1)."""
    vals, vecs = np.linalg.eigh(x.T @ x / (len(x) - 1))
    order = np.argsort(vals)[::-1]
    return np.sqrt(vals[order]), vecs[:, order]


def test_scores_match_prcomp_up_to_sign(biomass):
    train = biomass[biomass.dataset == "Training"]
    test = biomass[biomass.dataset == "Testing"]
    p = recipe("HHV ~ carbon + hydrogen + oxygen + nitrogen + sulfur", train).step_pca(*VRS).prep()
    out = p.bake(test)
    assert out.columns.tolist() == ["HHV", "PC1", "PC2", "PC3", "PC4", "PC5"]
    sdev, rot = _prcomp(train[VRS].to_numpy())
    expected = test[VRS].to_numpy() @ rot
    got = out[["PC1", "PC2", "PC3", "PC4", "PC5"]].to_numpy()
    signs = np.sign(np.sum(got * expected, axis=0))
    np.testing.assert_allclose(got * signs, expected, atol=1e-8)
    np.testing.assert_allclose(p.steps[0].sdev, sdev, rtol=1e-10)
    tidied = p.tidy(1)
    assert tidied.columns.tolist() == ["terms", "value", "component", "id"]
    assert tidied["component"].tolist()[:5] == ["PC1"] * 5 and tidied["terms"].tolist()[:5] == VRS
    var = p.steps[0].tidy(type="variance")
    pct = var.loc[var.terms == "cumulative percent variance", "value"].to_numpy()
    np.testing.assert_allclose(pct[-1], 100.0)


def test_threshold_num_comp_and_options(biomass):
    rec = recipe("HHV ~ carbon + hydrogen + oxygen + nitrogen + sulfur", biomass).step_normalize(*VRS)
    p = rec.step_pca(*VRS, threshold=0.5).prep()
    sdev = np.asarray(p.steps[1].sdev)
    k = int(np.argmax(np.cumsum(sdev**2) / np.sum(sdev**2) >= 0.5)) + 1     # R: which.max(cumsum >= t)
    assert p.steps[1].n_comp == k and p.bake(None).columns.tolist()[1:] == names0(k, "PC")
    assert rec.step_pca(*VRS, num_comp=9).prep().bake(None).shape[1] == 6   # capped at 5 columns
    assert rec.step_pca(*VRS, num_comp=0).prep().bake(None).columns.tolist() == VRS + ["HHV"]
    kept = rec.step_pca(*VRS, num_comp=2, prefix="comp", keep_original_cols=True).prep().bake(None)
    assert kept.columns.tolist() == VRS + ["HHV", "comp1", "comp2"]
    # options = list(center = TRUE, scale. = TRUE) on raw data equals normalize + pca
    raw = recipe("HHV ~ carbon + hydrogen + oxygen + nitrogen + sulfur", biomass)
    a = raw.step_pca(*VRS, options={"center": True, "scale": True}).prep().bake(None)
    b = rec.step_pca(*VRS).prep().bake(None)
    np.testing.assert_allclose(np.abs(a.filter(like="PC").to_numpy()), np.abs(b.filter(like="PC").to_numpy()),
                               atol=1e-8)


def test_names0():
    assert names0(5, "PC") == ["PC1", "PC2", "PC3", "PC4", "PC5"]
    assert names0(12, "PC")[0] == "PC01" and names0(100)[0] == "x001"


def test_tunable_and_errors(biomass):
    rec = recipe("HHV ~ carbon + hydrogen", biomass)
    rows = rec.step_pca("carbon", num_comp=tune()).tunable()
    assert [(r["name"], r["component"]) for r in rows] == [("num_comp", "step_pca")]
    with pytest.raises(InvalidParameterError, match="have missing values"):
        rec.step_pca("carbon", "hydrogen").prep(biomass.assign(carbon=np.nan))
    with pytest.raises(InvalidParameterError, match="num_comp"):
        rec.step_pca("carbon", num_comp=-1)
    with pytest.raises(InvalidParameterError, match="threshold"):
        rec.step_pca("carbon", threshold=1.5)
    with pytest.raises(InvalidParameterError, match="unknown `options`"):
        rec.step_pca("carbon", options={"tol": 0.1})
    with pytest.raises(InvalidParameterError, match="`prefix` in step_pca"):
        rec.step_pca("carbon", prefix="")
    with pytest.raises(InvalidParameterError, match="constant column"):
        rec.step_pca("carbon", "hydrogen", options={"scale": True}).prep(biomass.assign(carbon=1.0))
    with pytest.raises(InvalidParameterError, match="`type` must be 'coef' or 'variance'"):
        rec.step_pca("carbon").prep().steps[0].tidy(type="x")


def test_tidy_of_the_recipe_passes_type_to_the_step(modeldata):
    import pytest

    import pytidy as tm
    from pytidy.errors import InvalidParameterError

    biomass = modeldata("biomass").drop(columns=["sample", "dataset"])
    p = (tm.recipe("HHV ~ .", biomass).step_normalize(tm.all_numeric_predictors())
         .step_pca(tm.all_numeric_predictors(), num_comp=2).prep())
    var = p.tidy(number=2, type="variance")
    assert var.equals(p.steps[1].tidy(type="variance"))
    assert tm.tidy(p, id=p.steps[1].id, type="variance").equals(var)
    with pytest.raises(InvalidParameterError, match=r"options \['type'\] apply to one step"):
        p.tidy(type="variance")
