"""hardhat's case-weight vectors: importance_weights(), frequency_weights(), is_case_weights()."""

import numpy as np
import pandas as pd
import pytest

import pytidy as tm
from pytidy.errors import InvalidParameterError


def test_dtypes_survive_slicing_concat_and_resampling():
    df = pd.DataFrame({"y": np.arange(6.0), "f": tm.frequency_weights([1, 2, 3, 0, 1, 2]),
                       "i": tm.importance_weights([0.5, 1, 2, 3, 4, 5])})
    assert str(df["f"].dtype) == "frequency_weights" and str(df["i"].dtype) == "importance_weights"
    for part in (df.iloc[[4, 1]], df[df.y > 2], df.loc[2:3], pd.concat([df, df]), df.copy(),
                 df.sample(4, random_state=1)):
        assert tm.is_frequency_weights(part["f"]) and tm.is_importance_weights(part["i"])
    folds = tm.vfold_cv(df, v=2, seed=1)
    assert tm.is_frequency_weights(folds.splits[0].analysis()["f"])
    assert tm.is_importance_weights(tm.bootstraps(df, times=1, seed=2).splits[0].assessment()["i"])
    assert df.iloc[[4, 1]]["f"].tolist() == [1, 2]
    assert pd.concat([df, df])["i"].tolist() == [0.5, 1, 2, 3, 4, 5] * 2


def test_values_convert_to_numbers_and_kinds_are_told_apart():
    f = tm.frequency_weights(np.array([1.0, 2.0]))    # whole floats are fine, as vec_cast to integer
    assert np.asarray(f).dtype == np.int64 and np.asarray(f).tolist() == [1, 2]
    s = pd.Series(tm.importance_weights([0.25, 4]))
    assert s.to_numpy(dtype=float).tolist() == [0.25, 4.0]
    assert s.astype(float).dtype == np.float64
    assert tm.is_case_weights(f) and tm.is_case_weights(s) and tm.is_case_weights(s.dtype)
    assert not tm.is_case_weights(np.array([1.0])) and not tm.is_case_weights(pd.Series([1.0]))
    assert not tm.is_importance_weights(f) and not tm.is_frequency_weights(s)
    with pytest.raises(TypeError):
        s + 1    # R: case weights take no arithmetic


@pytest.mark.parametrize("fn", [tm.importance_weights, tm.frequency_weights])
def test_negative_missing_infinite_and_non_numeric_weights_are_refused(fn):
    with pytest.raises(InvalidParameterError, match="can't contain negative weights"):
        fn([1, -1])
    with pytest.raises(InvalidParameterError, match="missing or infinite"):
        fn([1.0, np.nan])
    with pytest.raises(InvalidParameterError, match="missing or infinite"):
        fn([1.0, np.inf])
    with pytest.raises(InvalidParameterError, match="must be a numeric vector"):
        fn(["a", "b"])
    with pytest.raises(InvalidParameterError, match="must be numeric"):
        fn(pd.Series(["a", "b"], dtype=object))
    with pytest.raises(InvalidParameterError, match="one-dimensional"):
        fn(np.ones((2, 2)))


def test_frequency_weights_must_be_whole_numbers():
    with pytest.raises(InvalidParameterError, match="whole numbers"):
        tm.frequency_weights([1.5, 2])
    assert tm.importance_weights([1.5, 2]).tolist() == [1.5, 2.0]


def test_setting_a_value_is_validated():
    s = pd.Series(tm.frequency_weights([1, 2, 3]))
    s.iloc[0] = 5
    assert s.tolist() == [5, 2, 3] and tm.is_frequency_weights(s)
    with pytest.raises(InvalidParameterError, match="negative"):
        s.iloc[1] = -2


def test_reindex_that_creates_missing_weights_is_refused():
    s = pd.Series(tm.importance_weights([1.0, 2.0]))
    with pytest.raises(InvalidParameterError, match="cannot be missing"):
        s.reindex([0, 5])
