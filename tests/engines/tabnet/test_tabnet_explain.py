"""tabnet_explain(), vi(), vip() and the plots, on fits, parsnip-like fits and workflow-like objects."""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
import pytest

from pytidy.engines.tabnet import TabnetExplain, fit_tabnet, tabnet_explain, vi, vip
from pytidy.errors import InvalidParameterError

matplotlib.use("Agg")
TINY = dict(epochs=2, decision_width=4, batch_size=256, virtual_batch_size=64)


@pytest.fixture(scope="module")
def fit(higgs_small):
    return fit_tabnet(higgs_small.drop(columns="class"), higgs_small["class"], seed=7, **TINY)


class FakeModelFit:  # duck-typed like parsnip's ModelFit
    def __init__(self, fit, predictors):
        self.fit = fit
        self.predictors = tuple(predictors)


class FakeWorkflow:  # duck-typed like a fitted workflow
    def __init__(self, parsnip):
        self.parsnip = parsnip

    def forge_predictors(self, new_data):
        return new_data.drop(columns="class")

    def extract_fit_parsnip(self):
        return self.parsnip


def test_explain_shapes_and_invariants(fit, higgs_small):
    ex = tabnet_explain(fit, higgs_small.drop(columns="class").head(100))
    assert isinstance(ex, TabnetExplain)
    assert ex.M_explain.shape == (100, 28) and list(ex.M_explain.columns) == list(fit.predictors)
    assert len(ex.masks) == 3 and all(m.shape == (100, 28) for m in ex.masks)
    for m in ex.masks:
        np.testing.assert_allclose(m.sum(axis=1), 1.0, rtol=1e-5)
    assert (ex.M_explain.to_numpy() >= 0).all()
    assert "100 observations x 28 predictors, 3 steps" in repr(ex)


def test_m_explain_is_the_weighted_sum_of_step_masks_and_drives_importance(fit, higgs_small):
    x = higgs_small.drop(columns="class")
    m, masks = fit.explain(x)
    # every row of M_explain lies in the cone of the step masks: zero wherever all masks are zero
    all_zero = np.all([mk.to_numpy() == 0 for mk in masks], axis=0)
    assert (m.to_numpy()[all_zero] == 0).all()
    col = m.astype(float).sum(axis=0)
    pd.testing.assert_series_equal((col / col.sum()).rename("importance"), fit.importances.rename("importance"),
                                   check_names=False, check_index_type=False, atol=1e-6)


def test_explain_accepts_parsnip_fits_and_workflows(fit, higgs_small):
    parsnip = FakeModelFit(fit, fit.predictors)
    a = tabnet_explain(parsnip, higgs_small.head(20))  # the outcome column is dropped
    b = tabnet_explain(FakeWorkflow(parsnip), higgs_small.head(20))
    c = tabnet_explain(fit, higgs_small.drop(columns="class").head(20))
    pd.testing.assert_frame_equal(a.M_explain, c.M_explain)
    pd.testing.assert_frame_equal(b.M_explain, c.M_explain)
    pd.testing.assert_frame_equal(vi(parsnip), vi(FakeWorkflow(parsnip)))


def test_explain_with_embeddings_sums_back_to_predictors(modeldata):
    df = modeldata("penguins")
    fit = fit_tabnet(df.drop(columns="species"), df["species"], seed=1, cat_emb_dim=3, **TINY)
    assert fit.net_args.cat_emb_dim == (3, 3)
    ex = tabnet_explain(fit, df.drop(columns="species"))
    assert list(ex.M_explain.columns) == list(df.columns[1:])
    np.testing.assert_allclose(ex.masks[1].sum(axis=1), 1.0, rtol=1e-5)


def test_vi_and_vip(fit):
    table = vi(fit)
    assert list(table.columns) == ["Variable", "Importance"]
    assert table["Importance"].is_monotonic_decreasing
    assert table["Importance"].sum() == pytest.approx(1.0)
    assert set(table["Variable"]) == set(fit.predictors)
    fig = vip(fit, num_features=5)
    assert len(fig.axes[0].patches) == 5
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[-1] == table["Variable"].iloc[0]  # most important on top
    with pytest.raises(InvalidParameterError, match="`num_features` in vip\\(\\) must be a whole number"):
        vip(fit, num_features=0)


def test_autoplots(fit, higgs_small):
    ex = tabnet_explain(fit, higgs_small.drop(columns="class").head(30))
    fig = ex.autoplot()
    assert fig.axes[0].get_title() == "mask_aggregate"
    steps = ex.autoplot(type="steps", quantile=0.9)
    assert [a.get_title() for a in steps.axes if a.get_title()] == ["Step 1", "Step 2", "Step 3"]
    clipped = steps.axes[0].images[0].get_array()
    assert clipped.max() <= np.quantile(ex.masks[0].to_numpy(), 0.9) + 1e-7
    assert fit.autoplot().axes[0].get_ylabel() == "Mean loss (log scale)"
    with pytest.raises(InvalidParameterError, match="`type` in autoplot\\(\\) of a tabnet_explain must be one of"):
        ex.autoplot(type="heat")
    with pytest.raises(InvalidParameterError, match="`quantile` in autoplot\\(\\) of a tabnet_explain"):
        ex.autoplot(quantile=0)


def test_errors(higgs_small):
    with pytest.raises(InvalidParameterError, match="tabnet_explain\\(\\) is not defined for a 'str'"):
        tabnet_explain("model", higgs_small)
    with pytest.raises(InvalidParameterError, match="vi\\(\\) is not defined for a 'int'"):
        vi(3)
    no_imp = fit_tabnet(higgs_small.drop(columns="class"), higgs_small["class"], seed=1, skip_importance=True,
                        **TINY)
    assert no_imp.importances is None
    with pytest.raises(InvalidParameterError, match="skip_importance=True"):
        vi(no_imp)
    with pytest.raises(InvalidParameterError, match="`new_data` in tabnet_explain\\(\\) must be a pandas"):
        tabnet_explain(FakeModelFit(no_imp, no_imp.predictors), np.zeros((2, 28)))


def test_importance_sample_size_draws_rows(higgs_small):
    a = fit_tabnet(higgs_small.drop(columns="class"), higgs_small["class"], seed=1, importance_sample_size=50, **TINY)
    b = fit_tabnet(higgs_small.drop(columns="class"), higgs_small["class"], seed=1, **TINY)
    assert a.importances.sum() == pytest.approx(1.0)
    assert not np.allclose(a.importances, b.importances)  # 50 sampled rows, not all 1000
