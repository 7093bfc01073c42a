"""Shared pieces of the scikit-learn engines: probability columns by label, the encoder, caps."""

import numpy as np
import pandas as pd
import pytest

from pytidy.engines.sklearn._common import Encoder, align_proba, cap_min_n, cap_mtry
from pytidy.errors import InvalidParameterError, PytidyWarning


def test_align_proba_maps_columns_by_label_not_position():
    proba = np.array([[0.1, 0.9], [0.7, 0.3]])  # scikit-learn's sorted classes: ["a", "b"]
    out = align_proba(proba, ["a", "b"], ["b", "a"], "sklearn")
    np.testing.assert_allclose(out, [[0.9, 0.1], [0.3, 0.7]])
    # a level the estimator never saw (absent from the training rows) gets probability 0
    out = align_proba(proba, ["a", "c"], ["a", "b", "c"], "sklearn")
    np.testing.assert_allclose(out, [[0.1, 0.0, 0.9], [0.7, 0.0, 0.3]])


def test_align_proba_errors_name_the_engine():
    with pytest.raises(InvalidParameterError, match="The sklearn engine returned probabilities for class 'z'"):
        align_proba(np.array([[0.5, 0.5]]), ["a", "z"], ["a", "b"], "sklearn")
    with pytest.raises(InvalidParameterError, match="The myeng engine returned class probabilities that do not sum"):
        align_proba(np.array([[0.5, 0.6]]), ["a", "b"], ["a", "b"], "myeng")


def test_encoder_one_hot_keeps_fit_levels_and_missing_values():
    x = pd.DataFrame({"n": [1.0, 2.0, np.nan], "g": pd.Categorical(["u", "v", "u"], categories=["v", "u"]),
                      "s": ["q", None, "p"]})
    before = x.copy()
    enc = Encoder.learn(x)
    assert enc.names == ("n", "gv", "gu", "sp", "sq")
    new = pd.DataFrame({"n": [3.0], "g": ["u"], "s": ["zz"]})  # an unseen level is NA, as hardhat's forge
    np.testing.assert_allclose(enc.matrix(new), [[3.0, 0.0, 1.0, np.nan, np.nan]])
    m = enc.matrix(x)
    assert np.isnan(m[1, 3:]).all() and np.isnan(m[2, 0])
    pd.testing.assert_frame_equal(x, before)  # the caller's data is not changed


def test_caps_warn_as_parsnip():
    with pytest.warns(PytidyWarning, match="3 will be used"):
        assert cap_mtry(7, 3, "rand_forest") == 3
    with pytest.raises(InvalidParameterError, match="`mtry` in rand_forest\\(\\) must be at least 1"):
        cap_mtry(0, 3, "rand_forest")
    with pytest.warns(PytidyWarning, match="10 will be used"):
        assert cap_min_n(50, 10, "decision_tree") == 10
