"""pytidy/_frames.py: the input conversion at the boundary, and the hardhat column checks."""

from __future__ import annotations

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

from pytidy._frames import as_frame, as_series, check_column_names
from pytidy.errors import InvalidParameterError
from pytidy.hardhat import check_finite, check_predictors, check_ptype, predictor_kind


def test_plain_pandas_is_returned_as_is():
    df = pd.DataFrame({"a": [1.0, 2.0], "b": ["x", "y"]})
    assert as_frame(df, "data", "f()") is df


def test_nullable_dtypes_follow_the_documented_rules():
    df = pd.DataFrame({
        "i_na": pd.array([1, None, 3], dtype="Int64"), "i": pd.array([1, 2, 3], dtype="Int64"),
        "f": pd.array([1.5, None, 2.0], dtype="Float64"), "b_na": pd.array([True, None, False], dtype="boolean"),
        "b": pd.array([True, False, True], dtype="boolean"), "s": pd.array(["u", None, "v"], dtype="string"),
    })
    out = as_frame(df, "data", "f()")
    assert out.dtypes.astype(str).tolist() == ["float64", "int64", "float64", "float64", "bool", "str"]
    assert np.isnan(out["i_na"][1]) and out["b_na"].tolist()[::2] == [1.0, 0.0] and pd.isna(out["s"][1])
    assert df["i_na"].dtype == "Int64"  # the caller's frame is unchanged


def test_pyarrow_backed_and_polars_frames():
    df = pd.DataFrame({"x": [1, 2, None], "s": ["a", None, "b"], "t": pd.to_datetime(["2020-01-01"] * 3)})
    arrow = df.convert_dtypes(dtype_backend="pyarrow")
    out = as_frame(arrow, "data", "f()")
    assert out["x"].dtype == "float64" and out["s"].dtype == "str"
    assert str(out["t"].dtype).startswith("datetime64")
    p = pl.DataFrame({"x": [1, None], "flag": [True, None], "c": pl.Series(["u", "v"]).cast(pl.Categorical)})
    out = as_frame(p, "data", "f()")
    assert out["x"].dtype == "float64" and out["flag"].dtype == "float64"
    assert isinstance(out["c"].dtype, pd.CategoricalDtype)
    out = as_frame(pa.table({"a": [1, 2]}), "data", "f()")
    assert out["a"].tolist() == [1, 2]


def test_numpy_columns_are_named_like_r_or_by_the_caller():
    arr = np.arange(6.0).reshape(3, 2)
    assert as_frame(arr, "x", "f()").columns.tolist() == ["V1", "V2"]
    assert as_frame(arr, "x", "f()", columns=["a", "b"]).columns.tolist() == ["a", "b"]
    assert as_frame(arr, "x", "f()", columns=["a"]).columns.tolist() == ["V1", "V2"]  # widths differ
    out = as_frame(arr, "x", "f()")
    out.iloc[0, 0] = 99.0
    assert arr[0, 0] == 0.0  # a copy, never a view of the caller's array
    with pytest.raises(InvalidParameterError, match=r"`x` in f\(\) must be a data frame or a 2-D array.*1-D array"):
        as_frame(np.arange(3.0), "x", "f()")


def test_keep_leaves_a_column_alone():
    df = pd.DataFrame({"y": pd.array([1, None], dtype="Int64"), "x": pd.array([1, None], dtype="Int64")})
    out = as_frame(df, "data", "f()", keep=["y"])
    assert out["y"].dtype == "Int64" and out["x"].dtype == "float64"


def test_column_names():
    assert check_column_names([0, "y"], "data", "f()") == ["0", "y"]
    with pytest.raises(InvalidParameterError, match=r"f\(\): every column name of `data` must be a string; got \[1.5\]"):
        check_column_names([1.5, "y"], "data", "f()")
    with pytest.raises(InvalidParameterError, match=r"f\(\): `data` has duplicated column names \['0'\]"):
        check_column_names([0, "0"], "data", "f()")
    df = pd.DataFrame([[1.0, 2.0]], columns=[0, 1])
    assert as_frame(df, "data", "f()").columns.tolist() == ["0", "1"]
    assert df.columns.tolist() == [0, 1]


def test_as_series_names_a_vector_outcome_like_hardhat():
    s = as_series(np.array([1.0, 2.0]), "y", "f()", index=pd.Index([5, 6]))
    assert s.name == ".outcome" and s.index.tolist() == [5, 6]
    assert as_series([1, 2], "y", "f()", name="out").name == "out"
    assert as_series(pl.Series("z", [1.0, 2.0]), "y", "f()").name == "z"
    with pytest.raises(InvalidParameterError, match=r"`y` in f\(\) must be one column \(a vector\); got an array of shape \(2, 2\)"):
        as_series(np.ones((2, 2)), "y", "f()")


def test_other_objects_are_refused():
    with pytest.raises(InvalidParameterError, match=r"must be a pandas DataFrame .*got dict"):
        as_frame({"a": [1]}, "data", "f()")
    with pytest.raises(InvalidParameterError, match=r"got a pandas Series. Use series.to_frame\(\)"):
        as_frame(pd.Series([1.0]), "data", "f()")


def test_hardhat_checks():
    df = pd.DataFrame({"x": [1.0, np.inf], "s": ["a", "b"], "d": pd.to_datetime(["2020-01-01"] * 2),
                       "c": [1 + 1j, 2j], "n": [1, 2]})
    assert [predictor_kind(df[c]) for c in df] == ["numeric", "nominal", "datetime", "complex", "numeric"]
    with pytest.raises(InvalidParameterError, match=r"cannot take the predictor column\(s\) \['d', 'c'\] \(kind complex, datetime\)"):
        check_predictors(df, ["x", "s", "d", "c"], "fit()", "lm engine of linear_reg()")
    check_predictors(df, ["x", "s", "n"], "fit()", "lm engine")
    with pytest.raises(InvalidParameterError, match=r"\['x'\] contain infinite values \(inf or -inf, in 1 row\(s\)\)"):
        check_finite(df[["x", "n"]], "fit()", "lm engine")
    check_finite(df[["n"]].assign(z=[np.nan, 1.0]), "fit()", "lm engine")
    check_ptype(pd.DataFrame({"x": [True]}), {"x": "numeric"}, "predict()")  # logical counts as numeric
    check_ptype(pd.DataFrame({"x": [None]}), {"x": "numeric"}, "predict()")  # all missing: any kind
