"""``multi_predict()``: several submodel values from one fit, checked against separate fits."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import pytidy as tm
from pytidy.errors import InvalidParameterError


@pytest.fixture
def reg_df():
    rng = np.random.default_rng(0)
    df = pd.DataFrame({"x": rng.normal(size=60), "z": rng.normal(size=60)})
    df["y"] = 2 * df["x"] - df["z"] + rng.normal(scale=0.3, size=60)
    return df.set_axis(np.arange(100, 160), axis=0)  # a non-default index: `.row` carries its labels


def test_glmnet_penalties_equal_fits_at_each_penalty(reg_df):
    """R: ``multi_predict(fit, new_data, penalty = c(...))`` reads one glmnet path; a fit per penalty agrees."""
    fit = tm.linear_reg(penalty=0.5, mixture=1).set_engine("glmnet").fit("y ~ .", reg_df)
    new = reg_df.iloc[[3, 0, 7]]
    out = tm.multi_predict(fit, new, penalty=[0.5, 0.05, 0.0])
    assert list(out.columns) == [".row", "penalty", ".pred"]
    assert out[".row"].tolist() == [103] * 3 + [100] * 3 + [107] * 3  # by row, then value, in the given order
    assert out["penalty"].tolist() == [0.5, 0.05, 0.0] * 3
    for pen in (0.5, 0.05, 0.0):
        alone = tm.linear_reg(penalty=pen, mixture=1).set_engine("glmnet").fit("y ~ .", reg_df).predict(new)
        got = out.loc[out["penalty"] == pen, ".pred"].to_numpy()
        np.testing.assert_allclose(got, alone[".pred"].to_numpy(), rtol=1e-6, atol=1e-8)
    assert not np.allclose(out[".pred"].iloc[0], out[".pred"].iloc[2])  # the penalty changes the prediction


def test_tabnet_epochs_equal_a_fit_that_stopped_there():
    """TabNet's checkpoints: epoch 2 of a 4-epoch fit is, bit for bit, a 2-epoch fit with the same seed."""
    rng = np.random.default_rng(1)
    df = pd.DataFrame({"a": rng.normal(size=200), "b": rng.normal(size=200)})
    df["cls"] = pd.Categorical(np.where(df["a"] > 0, "hi", "lo"), categories=["hi", "lo"])
    spec = tm.tabnet(batch_size=100, virtual_batch_size=50, decision_width=4).set_mode("classification")
    long = spec.set_args(epochs=4).set_engine("torch", checkpoint_epochs=1).fit("cls ~ .", df, seed=3)
    short = spec.set_args(epochs=2).fit("cls ~ .", df, seed=3)
    out = long.multi_predict(df.head(4), type="prob", epochs=[2, 4])
    assert list(out.columns) == [".row", "epochs", ".pred_hi", ".pred_lo"]
    at2 = out.loc[out["epochs"] == 2, [".pred_hi", ".pred_lo"]].to_numpy()
    np.testing.assert_array_equal(at2, short.predict(df.head(4), type="prob").to_numpy())
    at4 = out.loc[out["epochs"] == 4, [".pred_hi", ".pred_lo"]].to_numpy()
    np.testing.assert_array_equal(at4, long.predict(df.head(4), type="prob").to_numpy())
    classes = long.multi_predict(df.head(4), epochs=[2, 4])  # classification defaults to "class"
    assert list(classes.columns) == [".row", "epochs", ".pred_class"]
    assert classes[".pred_class"].cat.categories.tolist() == ["hi", "lo"]


def test_rows_with_a_missing_predictor_get_nan(reg_df):
    fit = tm.linear_reg(penalty=0.1).set_engine("glmnet").fit("y ~ .", reg_df)
    new = reg_df.head(3).copy()
    new.loc[101, "x"] = np.nan
    out = fit.multi_predict(new, penalty=[0.1, 0.01])
    assert out.loc[out[".row"] == 101, ".pred"].isna().all()
    assert out.loc[out[".row"] != 101, ".pred"].notna().all()


def test_multi_predict_errors(reg_df):
    fit = tm.linear_reg(penalty=0.1).set_engine("glmnet").fit("y ~ .", reg_df)
    with pytest.raises(InvalidParameterError, match=r"takes exactly one submodel argument as name=values .*got none"):
        fit.multi_predict(reg_df)
    with pytest.raises(InvalidParameterError, match=r"got \['mixture', 'penalty'\]"):
        fit.multi_predict(reg_df, penalty=[0.1], mixture=[1])
    with pytest.raises(InvalidParameterError, match=r"has no submodel argument 'trees'; it takes \['penalty'\]"):
        fit.multi_predict(reg_df, trees=[1, 2])
    with pytest.raises(InvalidParameterError, match=r"`penalty` in multi_predict\(\) must hold at least one value"):
        fit.multi_predict(reg_df, penalty=[])
    with pytest.raises(InvalidParameterError,
                       match=r"`type` in multi_predict\(\) for glmnet engine of linear_reg\(\) must be one of 'numeric'"):
        fit.multi_predict(reg_df, type="prob", penalty=[0.1])
    lm = tm.linear_reg().fit("y ~ .", reg_df)
    with pytest.raises(InvalidParameterError, match=r"predicts one model per fit: refit for each value"):
        lm.multi_predict(reg_df, penalty=[0.1])
    with pytest.raises(InvalidParameterError, match=r"multi_predict\(\) does not know objects of type int"):
        tm.multi_predict(3, reg_df, penalty=[0.1])
