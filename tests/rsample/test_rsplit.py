"""RSplit and the free accessors (R: rsample/R/rsplit.R, tests/testthat/test-rsplit.R)."""

import numpy as np
import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError
from pytidy.rsample import RSplit, analysis, assessment, complement, training, validation
from pytidy.rsample import testing

DAT1 = pd.DataFrame({"a": range(1, 21), "b": list("abcdefghijklmnopqrst")}, index=range(100, 120))


def test_analysis_assessment_are_row_slices_keeping_the_index():
    s = RSplit(DAT1, [3, 0, 7])
    assert s.analysis().index.tolist() == [103, 100, 107]  # in_id order, original index kept
    assert s.assessment()["a"].tolist() == [i + 1 for i in range(20) if i not in (0, 3, 7)]
    assert s.data is DAT1  # a reference, never a copy
    assert training(s).equals(analysis(s)) and testing(s).equals(assessment(s))


def test_explicit_out_id_is_used_as_is():
    s = RSplit(DAT1, [0, 1], [5, 2])
    assert s.complement().tolist() == [5, 2]
    assert s.dim == {"analysis": 2, "assessment": 2, "n": 20, "p": 2}


def test_complement_ignores_duplicates_like_r():
    s = RSplit(DAT1.iloc[:4], [0, 0, 2])
    assert complement(s).tolist() == [1, 3]
    assert s.dim["analysis"] == 3 and s.dim["assessment"] == 2


def test_repr_matches_r_print():
    assert repr(RSplit(DAT1, range(15))) == "<Analysis/Assess/Total>\n<15/5/20>"
    assert repr(RSplit(DAT1, range(15), kind="initial_split")) == "<Training/Testing/Total>\n<15/5/20>"
    assert repr(RSplit(DAT1, range(15), kind="val_split")) == "<Training/Validation/Total>\n<15/5/20>"
    assert RSplit(DAT1, range(15)).obj_sum() == "<split [15/5]>"


def test_tidy_is_sorted_by_data_then_row():
    t = RSplit(DAT1.iloc[:5], [4, 1, 1]).tidy()
    assert t["Row"].tolist() == [1, 4, 0, 2, 3]
    assert t["Data"].tolist() == ["Analysis"] * 2 + ["Assessment"] * 3
    assert len(RSplit(DAT1.iloc[:5], [4, 1, 1]).tidy(unique_ind=False)) == 6


def test_split_validation_errors():
    with pytest.raises(InvalidParameterError, match="At least one row should be selected for the analysis"):
        RSplit(DAT1, [])
    with pytest.raises(InvalidParameterError, match=r"`in_id` must hold 0-based row positions in \[0, 19\]"):
        RSplit(DAT1, [0, 20])
    with pytest.raises(InvalidParameterError, match=r"`out_id` must hold 0-based row positions"):
        RSplit(DAT1, [0], [-1])
    with pytest.raises(InvalidParameterError, match="must be integers"):
        RSplit(DAT1, [0.5])
    with pytest.raises(InvalidParameterError, match="1-d array"):
        RSplit(DAT1, [[0, 1]])
    with pytest.raises(InvalidParameterError, match="`data` of an RSplit must be a pandas DataFrame; got ndarray"):
        RSplit(np.zeros((3, 2)), [0])


def test_val_split_has_no_testing_and_others_no_validation():
    vs = RSplit(DAT1, [0, 1], [2, 3], kind="val_split")
    assert validation(vs)["a"].tolist() == [3, 4]
    with pytest.raises(InvalidParameterError, match="The testing data is not part of the validation set"):
        testing(vs)
    with pytest.raises(InvalidParameterError, match="validation\\(\\) needs the split of validation_set"):
        validation(RSplit(DAT1, [0]))


def test_free_functions_reject_other_objects():
    with pytest.raises(InvalidParameterError, match="analysis\\(\\) needs a split .* type DataFrame"):
        analysis(DAT1)
    with pytest.raises(InvalidParameterError, match="complement\\(\\) needs an RSplit; got list"):
        complement([1, 2])


def test_split_pickles():
    import pickle

    s = pickle.loads(pickle.dumps(RSplit(DAT1, [1, 2], id={"id": "Fold1"})))
    assert s.in_id.tolist() == [1, 2] and s.id == {"id": "Fold1"} and s.analysis()["a"].tolist() == [2, 3]
