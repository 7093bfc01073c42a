"""roc_auc's warning names the event level that has no observations (R: yardstick's roc_auc warning)."""

import math

import numpy as np
import pandas as pd
import pytest

import pytidy as tm
from pytidy.errors import PytidyWarning


def _data(level):
    return pd.Categorical([level] * 4, categories=["a", "b"]), np.array([0.1, 0.4, 0.35, 0.8])


@pytest.mark.parametrize("event_level,present,missing_event", [("first", "b", "a"), ("second", "a", "b")])
def test_warning_names_the_missing_event_level(event_level, present, missing_event):
    truth, p = _data(present)
    with pytest.warns(PytidyWarning, match=f"No event observations with event level '{missing_event}'"):
        value = tm.roc_auc_vec(truth, p, event_level=event_level)
    assert math.isnan(value)


@pytest.mark.parametrize("event_level,present,missing_control", [("first", "a", "b"), ("second", "b", "a")])
def test_warning_names_the_missing_control_level(event_level, present, missing_control):
    truth, p = _data(present)
    with pytest.warns(PytidyWarning, match=f"No control observations with control level '{missing_control}'"):
        tm.roc_auc_vec(truth, p, event_level=event_level)
