"""initial_validation_split() and validation_set() (R: test-initial_validation_split.R, test-validation_set.R)."""

import math

import numpy as np
import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError
from pytidy.rsample import RSet, ThreeWaySplit, analysis, assessment, initial_validation_split, validation, validation_set
from pytidy.rsample import testing, training


def test_default_param(modeldata):
    dat = modeldata("two_class_dat")  # 791 rows
    split = initial_validation_split(dat, seed=11)
    n_train = math.floor(791 * 0.6)
    n_val = math.floor((791 - n_train) * (0.2 / 0.4))
    assert (len(training(split)), len(validation(split)), len(testing(split))) == (n_train, n_val, 791 - n_train - n_val)
    rows = np.concatenate([training(split).index, validation(split).index, testing(split).index])
    assert sorted(rows) == list(range(791))
    assert training(split).index.is_monotonic_increasing  # R sorts the ids
    assert repr(split) == f"<Training/Validation/Testing/Total>\n<{n_train}/{n_val}/{791 - n_train - n_val}/791>"


def test_strata(modeldata):
    pen = modeldata("penguins")
    split = initial_validation_split(pen, prop=(0.5, 0.25), strata="species", seed=1)
    counts = training(split)["species"].value_counts().to_dict()
    assert counts == {"Adelie": 76, "Gentoo": 62, "Chinstrap": 34}


def test_no_analysis_or_assessment():
    split = initial_validation_split(pd.DataFrame({"x": range(10)}), seed=1)
    with pytest.raises(InvalidParameterError, match="does not contain an analysis set. You can access the training data"):
        analysis(split)
    with pytest.raises(InvalidParameterError, match="does not contain an assessment set. You can access the testing data"):
        assessment(split)


def test_validation_set():
    df = pd.DataFrame({"x": range(100)})
    split = initial_validation_split(df, seed=1)
    vs = validation_set(split)
    assert isinstance(vs, RSet) and vs.kind == "validation_set" and len(vs) == 1
    s = vs[0]
    assert s.id == {"id": "validation"}
    assert s.analysis().equals(training(split)) and s.assessment().equals(validation(split))
    assert validation(s).equals(validation(split))
    with pytest.raises(InvalidParameterError, match="The testing data is not part of the validation set object"):
        testing(s)
    assert repr(vs).splitlines()[0] == "# Validation Set (0.75/0.25)"
    assert repr(s) == "<Training/Validation/Total>\n<60/20/100>"
    with pytest.raises(InvalidParameterError, match=r"validation_set\(\) needs the result of initial_validation_split\(\); got DataFrame"):
        validation_set(df)


def test_prop_is_checked():
    df = pd.DataFrame({"x": range(10)})
    with pytest.raises(InvalidParameterError, match="needs to contain the proportions for training and validation"):
        initial_validation_split(df, prop=0.5)
    with pytest.raises(InvalidParameterError, match=r"needs two numbers \(no NaN\)"):
        initial_validation_split(df, prop=(0.5, float("nan")))
    with pytest.raises(InvalidParameterError, match=r"Elements of `prop` in initial_validation_split\(\) need to be in \(0, 1\)"):
        initial_validation_split(df, prop=(1, 0.2))
    with pytest.raises(InvalidParameterError, match=r"The sum of the proportions in `prop` .* needs to be in \(0, 1\)"):
        initial_validation_split(df, prop=(0.7, 0.3))


def test_three_way_split_is_reproducible():
    df = pd.DataFrame({"x": range(50)})
    a, b = initial_validation_split(df, seed=4), initial_validation_split(df, seed=4)
    assert isinstance(a, ThreeWaySplit)
    assert np.array_equal(a.train_id, b.train_id) and np.array_equal(a.val_id, b.val_id)
