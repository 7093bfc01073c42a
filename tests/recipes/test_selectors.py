"""Selectors (R: recipes/R/selections.R, tidyselect)."""

from __future__ import annotations

import datetime

import pandas as pd
import pytest

import pytidy.recipes as rp
from pytidy.errors import InvalidParameterError
from pytidy.recipes import recipe
from pytidy.recipes.selectors import Selector, eval_select


@pytest.fixture
def info():
    df = pd.DataFrame(
        {
            "y": [1.0, 2.0],
            "x_dbl": [1.5, 2.5],
            "X_int": [1, 2],
            "fac": pd.Categorical(["a", "b"]),
            "ord": pd.Categorical(["a", "b"], ordered=True),
            "str": ["u", "v"],
            "lgl": [True, False],
            "day": [datetime.date(2020, 1, 1)] * 2,
            "when": pd.to_datetime(["2020-01-01", "2020-01-02"]),
            "id": [1, 2],
        }
    )
    return recipe("y ~ .", df).update_role("id", new_role="id variable").var_info


@pytest.mark.parametrize(
    "sel, expected",
    [
        (rp.all_predictors(), ["x_dbl", "X_int", "fac", "ord", "str", "lgl", "day", "when"]),
        (rp.all_outcomes(), ["y"]),
    ],
)
def test_role_selectors(info, sel, expected):
    assert eval_select([sel], info) == expected


@pytest.mark.parametrize(
    "sel, expected",
    [
        (rp.all_numeric(), ["x_dbl", "X_int", "id", "y"]),
        (rp.all_numeric_predictors(), ["x_dbl", "X_int"]),
        (rp.all_nominal(), ["fac", "ord", "str"]),
        (rp.all_nominal_predictors(), ["fac", "ord", "str"]),
        (rp.all_double(), ["x_dbl", "y"]),
        (rp.all_double_predictors(), ["x_dbl"]),
        (rp.all_integer(), ["X_int", "id"]),
        (rp.all_factor(), ["fac"]),
        (rp.all_ordered(), ["ord"]),
        (rp.all_unordered(), ["fac", "str"]),
        (rp.all_string(), ["str"]),
        (rp.all_logical(), ["lgl"]),
        (rp.all_date(), ["day"]),
        (rp.all_datetime(), ["when"]),
        (rp.all_datetime_predictors(), ["when"]),
        (rp.has_role("id variable"), ["id"]),
        (rp.has_type(["logical", "date"]), ["lgl", "day"]),
        (rp.starts_with("x"), ["x_dbl", "X_int"]),
        (rp.starts_with("x", ignore_case=False), ["x_dbl"]),
        (rp.ends_with("int"), ["X_int"]),
        (rp.contains("_"), ["x_dbl", "X_int"]),
        (rp.matches(r"^[a-z]{3}$"), ["fac", "ord", "str", "lgl", "day"]),
        (rp.one_of("str", "fac"), ["str", "fac"]),
        (rp.all_of(["lgl", "y"]), ["lgl", "y"]),
        (rp.any_of(["lgl", "nope"]), ["lgl"]),
        (rp.everything(), ["x_dbl", "X_int", "fac", "ord", "str", "lgl", "day", "when", "id", "y"]),
    ],
)
def test_type_and_name_selectors(info, sel, expected):
    got = eval_select([sel], info)
    if sel.fn in ("one_of", "all_of"):
        assert got == expected                      # the order asked for
    else:
        assert got == [v for v in dict.fromkeys(info["variable"]) if v in set(expected)]   # data order


def test_order_union_and_negation(info):
    assert eval_select(["str", "fac"], info) == ["str", "fac"]
    assert eval_select([rp.all_numeric_predictors(), "x_dbl", "lgl"], info) == ["x_dbl", "X_int", "lgl"]
    assert eval_select([rp.all_numeric_predictors(), -rp.starts_with("X", ignore_case=False)], info) == ["x_dbl"]
    assert eval_select([-rp.all_predictors()], info) == ["id", "y"]
    assert eval_select([rp.not_("y"), rp.not_(rp.has_role("id variable")), -rp.all_nominal()], info) == [
        "x_dbl", "X_int", "lgl", "day", "when"]
    assert eval_select([], info) == []
    assert repr(-rp.all_outcomes()) == "-all_outcomes()" and repr(-(-rp.everything())) == "everything()"


def test_selector_errors(info):
    with pytest.raises(InvalidParameterError, match="Can't select column 'nope'"):
        eval_select(["nope"], info)
    with pytest.raises(InvalidParameterError, match=r"all_of\(\) can't select column\(s\) \['nope'\]"):
        eval_select([rp.all_of(["y", "nope"])], info)
    with pytest.raises(InvalidParameterError, match="A selector must be a column name"):
        eval_select([3], info)


def test_selectors_pickle_and_compare():
    import pickle

    s = rp.starts_with(["a", "b"])
    assert pickle.loads(pickle.dumps(s)) == s and isinstance(s, Selector)
