"""R's ``tabnet_fit()`` and ``tabnet_config()`` spelled in Python: the x/y and formula methods."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import pytidy as tm
from pytidy.engines.tabnet import fit_tabnet
from pytidy.errors import InvalidParameterError


@pytest.fixture(scope="module")
def df():
    rng = np.random.default_rng(1)
    d = pd.DataFrame({"a": rng.normal(size=200), "b": rng.normal(size=200),
                      "g": pd.Categorical(rng.choice(["p", "q", "r"], 200))})
    d["y1"] = 2 * d["a"]
    d["y2"] = d["b"] - d["a"]
    d["cls"] = pd.Categorical(np.where(d["a"] > 0, "hi", "lo"))
    return d


SMALL = dict(epochs=2, batch_size=100, virtual_batch_size=50, decision_width=4, skip_importance=True)


def test_tabnet_config_has_r_defaults_and_checks_names():
    cfg = tm.tabnet_config()
    # R's tabnet_config() defaults (mlverse/tabnet R/model.R)
    assert (cfg["batch_size"], cfg["penalty"], cfg["epochs"], cfg["learn_rate"], cfg["num_steps"]) == \
        (1024 ** 2, 1e-3, 5, 0.02, 3)
    assert (cfg["decision_width"], cfg["feature_reusage"], cfg["momentum"], cfg["virtual_batch_size"]) == \
        (8, 1.3, 0.02, 256 ** 2)
    assert tm.tabnet_config(attention_width=16)["decision_width"] == 16  # one copies the other, as in R
    with pytest.raises(InvalidParameterError, match="learning_rate"):
        tm.tabnet_config(learning_rate=0.1)


def test_the_formula_method_equals_the_xy_method(df):
    by_formula = tm.tabnet_fit("y1 ~ a + g", df, config=tm.tabnet_config(**SMALL), seed=5)
    by_xy = fit_tabnet(df[["a", "g"]], df["y1"], seed=5, **SMALL)
    assert by_formula.predictors == ("a", "g")
    np.testing.assert_array_equal(by_formula.predict_numeric(df), by_xy.predict_numeric(df))
    # `.` and `- name`, several outcomes
    multi = tm.tabnet_fit("y1 + y2 ~ . - cls", df, seed=5, **SMALL)
    assert multi.outcomes == ("y1", "y2") and multi.predictors == ("a", "b", "g")
    assert list(multi.predict(df.head(3)).columns) == [".pred_y1", ".pred_y2"]


def test_config_kwargs_weights_and_warm_start_reach_the_fit(df):
    x, y = df[["a", "b"]], df["cls"]
    base = tm.tabnet_fit(x, y, config=tm.tabnet_config(**SMALL), seed=2)
    assert len(base.history) == 2
    more = tm.tabnet_fit(x, y, tabnet_model=base, config=tm.tabnet_config(**SMALL), epochs=1, seed=2)
    assert list(more.history["epoch"]) == [1, 2, 3]  # `...` overrides config's epochs; training continues
    w = np.where(df["a"] > 0, 5.0, 1.0)
    weighted = tm.tabnet_fit(x, y, config=tm.tabnet_config(**SMALL), weights=w, seed=2)
    assert not np.allclose(weighted.predict_proba(x), base.predict_proba(x))
    tm.set_seed(11)
    a = tm.tabnet_fit(x, y, **SMALL)
    tm.set_seed(11)
    b = tm.tabnet_fit(x, y, **SMALL)
    np.testing.assert_array_equal(a.predict_proba(x), b.predict_proba(x))  # seed=None follows set_seed


def test_tabnet_fit_errors(df):
    with pytest.raises(InvalidParameterError, match=r"TabNet's formula takes column names only"):
        tm.tabnet_fit("y1 ~ log(b)", df, seed=1, **SMALL)
    with pytest.raises(InvalidParameterError, match=r"names column\(s\) \['zz'\] that the data does not have"):
        tm.tabnet_fit("y1 ~ zz", df, seed=1, **SMALL)
    with pytest.raises(InvalidParameterError, match="needs the data as a pandas DataFrame"):
        tm.tabnet_fit("y1 ~ a", df.to_numpy(), seed=1)
    with pytest.raises(InvalidParameterError, match=r"`config` in tabnet_fit\(\) must come from tabnet_config"):
        tm.tabnet_fit(df[["a"]], df["y1"], config=[1, 2], seed=1)
    with pytest.raises(NotImplementedError, match=r"tabnet_fit\(recipe, data\) is not implemented"):
        tm.tabnet_fit(tm.recipe("y1 ~ a", df), df, seed=1)


def test_parsnip_points_several_outcomes_to_tabnet_fit(df):
    spec = tm.tabnet(epochs=1).set_mode("regression")
    with pytest.raises(NotImplementedError,
                       match=r"Multiple outcomes \(\['y1', 'y2'\]\) are not supported by pytidy's model specs.*"
                             r"tabnet_fit\('y1 \+ y2 ~ a', data\)"):
        spec.fit("y1 + y2 ~ a", df)
