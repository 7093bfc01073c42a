"""TabNet through parsnip and the flat namespace: lazy torch import, predict types, vi, submodels, plots."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import pytidy as tm
from pytidy.parsnip.registry import get_engine

SMALL = dict(decision_width=4, attention_width=4, num_steps=2, batch_size=32, virtual_batch_size=16)


def _cls(n=48, seed=0):
    rng = np.random.default_rng(seed)
    x = pd.DataFrame(rng.normal(size=(n, 3)), columns=["a", "b", "c"])
    y = pd.Series(pd.Categorical(np.where(x["a"] + 0.3 * x["b"] > 0, "yes", "no"), categories=["yes", "no"]),
                  name="y")
    return x, y


def test_import_pytidy_does_not_import_torch():
    code = ("import sys, pytidy as tm; assert 'torch' not in sys.modules, 'torch imported'; "
            "tm.decision_width(); tm.tabnet(epochs=1); assert 'torch' not in sys.modules; "
            "assert callable(tm.tabnet_explain) and callable(tm.tabnet_pretrain) and callable(tm.nn_prune_head); "
            "import pytidy.engines.tabnet as t; t.TabNetFit; assert 'torch' in sys.modules")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]


def test_engine_info_declares_case_weights_importance_and_epoch_submodels():
    info = get_engine("tabnet", "torch", "classification")
    assert info.case_weights and info.importance is not None and "epochs" in info.multi_predict
    x, y = _cls()
    fit = tm.tabnet(epochs=3, **SMALL).set_engine("torch", checkpoint_epochs=1).set_mode("classification")
    fit = fit.fit_xy(x, y, seed=1)
    imp = info.importance(fit.fit)
    assert set(imp) == {"a", "b", "c"} and sum(imp.values()) == pytest.approx(1.0)
    pd.testing.assert_series_equal(pd.Series(imp), fit.fit.importances.rename(None).rename_axis(None),
                                   check_names=False)
    subs = info.multi_predict["epochs"](fit.fit, x, [1, 2, 3], "prob")
    np.testing.assert_array_equal(subs[2], fit.predict(x, type="prob").to_numpy())
    np.testing.assert_array_equal(subs[0], fit.fit.predict_proba(x, epoch=1))


def test_nan_probabilities_give_a_missing_class_through_parsnip():
    x, y = _cls()
    fit = tm.tabnet(epochs=1, **SMALL).set_mode("classification").fit_xy(x, y, seed=1)
    inner = fit.fit
    bad = inner.state_dict["final_mapping.weight"].clone().fill_(float("nan"))
    object.__setattr__(inner, "state_dict", {**inner.state_dict, "final_mapping.weight": bad})
    inner.__dict__.pop("_network", None)
    pred = fit.predict(x.head(4))
    assert pred[".pred_class"].isna().all()


def test_explain_normalize_gives_the_papers_m_agg():
    x, y = _cls()
    fit = tm.tabnet(epochs=2, **SMALL).set_mode("classification").fit_xy(x, y, seed=1)
    raw = tm.tabnet_explain(fit, x.head(10))
    agg = tm.tabnet_explain(fit, x.head(10), normalize=True)
    m = raw.M_explain.to_numpy()
    np.testing.assert_allclose(agg.M_explain.to_numpy(), m / m.sum(axis=1, keepdims=True), rtol=1e-6)
    assert not np.allclose(m.sum(axis=1), 1.0)  # R's M_explain is not normalised
    with pytest.raises(tm.InvalidParameterError, match="`normalize` in tabnet_explain\\(\\) must be True or False"):
        tm.tabnet_explain(fit, x.head(2), normalize="yes")


def test_autoplot_of_a_parsnip_fit_draws_the_loss():
    import matplotlib

    matplotlib.use("Agg")
    x, y = _cls()
    fit = (tm.tabnet(epochs=3, **SMALL).set_engine("torch", valid_split=0.25, checkpoint_epochs=2)
           .set_mode("classification").fit_xy(x, y, seed=1))
    fig = tm.autoplot(fit)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[:3] == ["train", "valid", "checkpoint"]
    np.testing.assert_allclose(ax.lines[0].get_ydata(), fit.fit.history["loss"])


def test_pretrain_then_fine_tune_through_parsnip():
    x, y = _cls()
    pre = tm.tabnet_pretrain(x, seed=1, epochs=1, **SMALL)
    spec = tm.tabnet(epochs=1, **SMALL).set_engine("torch", tabnet_model=pre).set_mode("classification")
    fit = spec.fit_xy(x, y, seed=2)
    assert fit.predict(x.head(3), type="prob").shape == (3, 2)
    body = tm.nn_prune_head(fit)
    import torch

    assert tuple(body(torch.zeros(2, 3)).shape) == (2, 4)


def test_a_diverging_candidate_is_a_tuning_note_and_the_others_go_on():
    rng = np.random.default_rng(0)
    df = pd.DataFrame(rng.normal(size=(40, 3)), columns=list("abc"))
    df["y"] = pd.Categorical(np.where(df.a > 0, "p", "q"))
    spec = tm.tabnet(epochs=2, learn_rate=tm.tune(), batch_size=8, virtual_batch_size=8, decision_width=4,
                     num_steps=2, skip_importance=True).set_mode("classification")
    wf = tm.workflow().add_model(spec).add_formula("y ~ .")
    res = wf.tune_grid(resamples=tm.vfold_cv(df, v=2, seed=1), grid=pd.DataFrame({"learn_rate": [0.02, 1e38]}))
    notes = tm.collect_notes(res)
    assert len(notes) == 2 and notes["note"].str.startswith("TrainingDivergedError: TabNet training diverged").all()
    assert set(res.collect_metrics()["learn_rate"]) == {0.02}


def test_batches_of_one_row_and_tiny_sets():
    x, y = _cls(n=5)
    fit = tm.tabnet(epochs=2, batch_size=1, virtual_batch_size=1, decision_width=4).set_mode("classification")
    fit = fit.fit_xy(x, y, seed=1)
    assert len(fit.fit.history) == 2 and np.isfinite(fit.fit.history["loss"]).all()
    assert fit.predict(x.head(1), type="prob").shape == (1, 2)
