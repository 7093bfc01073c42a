"""step_ica (R: tests/testthat/test-ica.R; fastICA's parallel logcosh algorithm).

R's reference values depend on R's random start (``w.init = matrix(rnorm(n.comp^2))``), which
numpy cannot reproduce; the algorithm is checked against scikit-learn's FastICA (the same
parallel fixed-point iteration) started from the same matrix, and by recovering known sources.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.decomposition import FastICA

from pytidy.errors import InvalidParameterError
from pytidy.hardhat import tune
from pytidy.recipes import all_numeric_predictors, recipe, step_ica
from pytidy.recipes.steps.ica import fast_ica

VRS = ["carbon", "hydrogen", "oxygen", "nitrogen", "sulfur"]


def _mixed(n=600, seed=3):
    rng = np.random.default_rng(seed)
    sources = np.column_stack([rng.laplace(size=n), rng.uniform(-1, 1, n), np.sign(rng.normal(size=n))])
    return sources, sources @ rng.normal(size=(3, 4)) + 5.0


def test_fast_ica_equals_sklearn_from_the_same_start():
    _, x = _mixed()
    x = x - x.mean(0)
    k, w, it = fast_ica(x, 3, np.random.default_rng(5))
    w0 = np.random.default_rng(5).standard_normal((3, 3)).T
    ref = FastICA(3, whiten="unit-variance", whiten_solver="svd", w_init=w0).fit(x)
    flip = np.diag(np.sign(np.diag(k.T @ ref.whitening_.T)))          # eigenvector signs may differ
    ref = FastICA(3, algorithm="parallel", fun="logcosh", whiten="unit-variance", whiten_solver="svd",
                  w_init=w0 @ flip, max_iter=200, tol=1e-4)
    expected = ref.fit_transform(x)
    np.testing.assert_allclose(x @ k @ w, expected, atol=1e-9)
    assert it == ref.n_iter_
    # fastICA's whitening: components have unit variance (divisor n) and are uncorrelated
    np.testing.assert_allclose(np.cov(x @ k @ w, rowvar=False, bias=True), np.eye(3), atol=1e-10)


def test_recovers_sources_and_is_reproducible():
    sources, x = _mixed()
    df = pd.DataFrame(x, columns=list("abcd")).assign(y=np.arange(len(x), dtype=float))
    rec = recipe("y ~ .", df).step_ica(all_numeric_predictors(), num_comp=3, seed=11)
    p = rec.prep()
    out = p.bake(None)
    assert out.columns.tolist() == ["y", "IC1", "IC2", "IC3"]
    corr = np.abs(np.corrcoef(out[["IC1", "IC2", "IC3"]].T, sources.T)[:3, 3:])
    assert (corr.max(axis=1) > 0.98).all() and sorted(corr.argmax(axis=1)) == [0, 1, 2]
    np.testing.assert_array_equal(rec.prep().bake(None).to_numpy(), out.to_numpy())
    other = recipe("y ~ .", df).step_ica(all_numeric_predictors(), num_comp=3, seed=12).prep().bake(None)
    assert not np.allclose(other[["IC1", "IC2", "IC3"]].to_numpy(), out[["IC1", "IC2", "IC3"]].to_numpy())
    # bake on new data = (x - training means) %*% K %*% W, i.e. the tidy() weights
    new = df.iloc[:7]
    tidied = p.tidy(1)
    assert tidied.columns.tolist() == ["terms", "component", "value", "id"]
    assert tidied["terms"].tolist()[:3] == ["a"] * 3
    assert tidied["component"].tolist()[:3] == ["IC1", "IC2", "IC3"]
    weights = tidied["value"].to_numpy().reshape(4, 3)
    expected = (new[list("abcd")] - df[list("abcd")].mean()).to_numpy() @ weights
    np.testing.assert_allclose(p.bake(new)[["IC1", "IC2", "IC3"]].to_numpy(), expected, atol=1e-12)


def test_seed_none_is_drawn_at_creation_and_options(modeldata):
    biomass = modeldata("biomass")
    rec = recipe("HHV ~ " + " + ".join(VRS), biomass).step_normalize(*VRS)
    step = rec.step_ica(*VRS).steps[-1]
    assert isinstance(step.seed, int)
    p = rec.step_ica(*VRS).prep()
    assert p.bake(None).columns.tolist() == ["HHV", "IC1", "IC2", "IC3", "IC4", "IC5"]
    assert rec.step_ica(*VRS, num_comp=9, seed=1).prep().bake(None).shape[1] == 6
    none = rec.step_ica(*VRS, num_comp=0).prep()
    assert none.bake(None).columns.tolist() == VRS + ["HHV"]
    assert repr(none.steps[-1]).startswith("No ICA components were extracted from")
    kept = rec.step_ica(*VRS[:2], num_comp=2, seed=1, prefix="s", keep_original_cols=True).prep().bake(None)
    assert kept.columns.tolist() == VRS + ["HHV", "s1", "s2"]
    options = {"alg.typ": "deflation", "fun": "exp", "method": "C"}
    defl = rec.step_ica(*VRS, num_comp=2, seed=1, options=options)
    scores = defl.prep().bake(None)[["IC1", "IC2"]].to_numpy()
    np.testing.assert_allclose(np.cov(scores, rowvar=False, bias=True), np.eye(2), atol=1e-8)
    untrained = rec.step_ica(*VRS[:2], num_comp=2).steps[-1].tidy()
    assert untrained["terms"].tolist() == ["carbon", "carbon", "hydrogen", "hydrogen"]
    assert untrained["component"].tolist() == ["IC1", "IC2"] * 2 and untrained["value"].isna().all()
    tuned = rec.step_ica(*VRS, num_comp=tune()).steps[-1]
    assert tuned.tune_args() == ["num_comp"] and tuned.tunable()["num_comp"]().range == (1, 4)


def test_errors(modeldata):
    biomass = modeldata("biomass")
    rec = recipe("HHV ~ " + " + ".join(VRS), biomass)
    with pytest.raises(InvalidParameterError, match="num_comp"):
        rec.step_ica(*VRS, num_comp=-2)
    with pytest.raises(InvalidParameterError, match="unknown `options` \\['n.comp'\\]"):
        rec.step_ica(*VRS, options={"n.comp": 2})
    with pytest.raises(InvalidParameterError, match="must be 'parallel' or 'deflation'"):
        rec.step_ica(*VRS, options={"alg_typ": "sym"})
    with pytest.raises(InvalidParameterError, match="options\\['fun'\\] must be 'logcosh' or 'exp'"):
        rec.step_ica(*VRS, options={"fun": "cube"})
    with pytest.raises(InvalidParameterError, match="alpha"):
        rec.step_ica(*VRS, options={"alpha": 3})
    with pytest.raises(InvalidParameterError, match="`seed` must be a non-negative integer"):
        rec.step_ica(*VRS, seed="a")
    with pytest.raises(InvalidParameterError, match="`seed` in step_ica\\(\\) must be a non-negative"):
        rec.step_ica(*VRS, seed=-1)
    with pytest.raises(InvalidParameterError, match="`prefix` in step_ica\\(\\) must be a non-empty string"):
        rec.step_ica(*VRS, prefix="")
    with pytest.raises(InvalidParameterError, match="have missing values"):
        holes = biomass.assign(carbon=np.where(biomass.carbon > 50, np.nan, biomass.carbon))
        recipe("HHV ~ carbon + hydrogen", holes).step_ica("carbon", "hydrogen", seed=1).prep()
    with pytest.raises(InvalidParameterError, match="fewer than 2 linearly independent directions"):
        recipe("HHV ~ carbon + k", biomass.assign(k=1.0)).step_ica("carbon", "k", seed=1).prep()
    with pytest.raises(InvalidParameterError, match="name collision"):
        clash = recipe("HHV ~ carbon + hydrogen + IC1", biomass.assign(IC1=1.0))
        clash.step_ica("carbon", "hydrogen", seed=1).prep()
