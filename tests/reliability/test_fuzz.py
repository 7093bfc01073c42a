"""Fuzz: random frames through random recipes and models raise only pytidy's own errors.

Frames vary in size (0 to 30 rows), column names (strings, integers, duplicates), dtypes (float
with NaN/inf, int, nullable Int64/boolean/string, str, category, bool, datetime, mixed objects)
and the outcome's kind; the path is a formula, x/y or a recipe workflow with random steps, and
the fit predicts on the training rows, on 0 rows and on altered new data (shuffled, a column all
NaN, unseen text, inf, a column missing). The
only exceptions allowed are :class:`~pytidy.errors.PytidyError` subclasses and
``NotImplementedError``, and the caller's frame is never changed.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pytidy as tm
from pytidy.errors import PytidyError

ALLOWED = (PytidyError, NotImplementedError)
OUTCOMES_SEEN: dict[str, int] = {}  # what the examples ended in (for a look with -s)
KINDS = ("float", "float_nan", "int", "Int64", "boolean", "str", "string", "category", "bool", "float",
         "float_inf", "datetime", "mixed")
OUTCOMES = ("float", "int", "str", "category", "bool", "Float64_na")


def column(kind: str, n: int, rng: np.random.Generator) -> pd.Series:
    x = rng.normal(size=n)
    if kind == "float":
        return pd.Series(x)
    if kind == "float_nan":
        return pd.Series(np.where(rng.random(n) < 0.3, np.nan, x))
    if kind == "float_inf":
        return pd.Series(np.where(rng.random(n) < 0.2, rng.choice([np.inf, -np.inf], size=n), x))
    if kind == "int":
        return pd.Series(rng.integers(0, 4, size=n))
    if kind == "Int64":
        return pd.Series(pd.array(np.where(rng.random(n) < 0.3, None, rng.integers(0, 4, size=n)), dtype="Int64"))
    if kind == "boolean":
        return pd.Series(pd.array(np.where(rng.random(n) < 0.3, None, rng.random(n) < 0.5), dtype="boolean"))
    labels = rng.choice(["a", "b", "c"], size=n)
    if kind == "str":
        return pd.Series(labels)
    if kind == "string":
        return pd.Series(np.where(rng.random(n) < 0.2, None, labels), dtype="string")
    if kind == "category":
        return pd.Series(pd.Categorical(labels))
    if kind == "bool":
        return pd.Series(rng.random(n) < 0.5)
    if kind == "datetime":
        return pd.Series(pd.Timestamp("2020-01-01") + pd.to_timedelta(rng.integers(0, 100, size=n), unit="D"))
    return pd.Series([1, "a", None, 2.5, True][i % 5] for i in range(n))


def outcome(kind: str, n: int, rng: np.random.Generator) -> pd.Series:
    if kind == "float":
        return pd.Series(rng.normal(size=n))
    if kind == "int":
        return pd.Series(rng.integers(0, 2, size=n))
    if kind == "str":
        return pd.Series(rng.choice(["no", "yes"], size=n))
    if kind == "category":
        return pd.Series(pd.Categorical(rng.choice(["no", "yes"], size=n), categories=["yes", "no"]))
    if kind == "bool":
        return pd.Series(rng.random(n) < 0.5)
    return pd.Series(pd.array(np.where(rng.random(n) < 0.2, None, rng.normal(size=n)), dtype="Float64"))


SPECS = {
    "lm": lambda: tm.linear_reg(),
    "glm": lambda: tm.logistic_reg(),
    "glmnet_reg": lambda: tm.linear_reg(penalty=0.1).set_engine("glmnet"),
    "glmnet_cls": lambda: tm.logistic_reg(penalty=0.1).set_engine("glmnet"),
}
STEPS = {
    "normalize": lambda r: r.step_normalize(tm.all_numeric_predictors()),
    "dummy": lambda r: r.step_dummy(tm.all_nominal_predictors()),
    "impute_mean": lambda r: r.step_impute_mean(tm.all_numeric_predictors()),
    "zv": lambda r: r.step_zv(tm.all_predictors()),
}


@st.composite
def frames(draw):
    n = draw(st.sampled_from([8, 20, 30, 0, 1, 3]))
    k = draw(st.integers(1, 4))
    pool = st.sampled_from(["a", "b", "x 1", 0, 1, "y2"])
    names = draw(st.lists(pool, min_size=k, max_size=k, unique=draw(st.integers(0, 4)) > 0))
    kinds = draw(st.lists(st.sampled_from(KINDS), min_size=k, max_size=k))
    seed = draw(st.integers(0, 2**16))
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({i: column(kind, n, rng) for i, kind in enumerate(kinds)})
    df["y"] = outcome(draw(st.sampled_from(OUTCOMES)), n, rng)  # mode mismatches included on purpose
    df.columns = list(names) + ["y"]
    return df, rng


REGRESSION = {"lm", "glmnet_reg"}


def altered(df: pd.DataFrame, how: str) -> pd.DataFrame:
    """New data unlike the training data: shuffled, holed, unseen text, inf, a text column."""
    new = df.sample(frac=1.0, random_state=0)
    if how == "same" or new.shape[1] < 2:
        return new
    col = new.columns[0]
    if how == "nan":
        return new.assign(**{str(col): np.nan}) if isinstance(col, str) else new
    if how == "unseen":
        return new.assign(**{str(col): "zz"}) if isinstance(col, str) else new
    if how == "inf":
        return new.assign(**{str(col): np.inf}) if isinstance(col, str) else new
    return new.drop(columns=[col])


@settings(max_examples=int(__import__('os').environ.get('FUZZ_EXAMPLES', 40)), deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(df=frames(), model=st.sampled_from(sorted(SPECS)), path=st.sampled_from(["formula", "xy", "recipe"]),
       steps=st.lists(st.sampled_from(sorted(STEPS)), max_size=3),
       how=st.sampled_from(["same", "nan", "unseen", "inf", "drop"]))
def test_only_pytidy_errors_and_no_mutation(df, model, path, steps, how):
    df, rng = df
    if rng.random() < 0.7:  # mostly an outcome of the model's mode, so that fits get to predict
        kind = "float" if model in REGRESSION else rng.choice(["str", "category", "bool", "int"])
        df["y"] = outcome(str(kind), len(df), rng).to_numpy()
    before = df.copy(deep=True)
    new = altered(df, how)
    new_before = new.copy(deep=True)
    names_before = list(df.columns)
    spec = SPECS[model]()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            if path == "formula":
                fitted = spec.fit("y ~ .", data=df)
            elif path == "xy":
                fitted = spec.fit_xy(df.drop(columns="y"), df["y"])
            else:
                rec = tm.recipe("y ~ .", df)
                for s in steps:
                    rec = STEPS[s](rec)
                fitted = tm.workflow().add_model(spec).add_recipe(rec).fit(df)
            out = fitted.predict(df)
            assert len(out) == len(df)
            assert len(fitted.predict(df.iloc[:0])) == 0
            assert len(fitted.predict(new)) == len(new)
            OUTCOMES_SEEN["ok " + path] = OUTCOMES_SEEN.get("ok " + path, 0) + 1
        except ALLOWED as exc:
            key = str(exc).split(";")[0][:60]
            OUTCOMES_SEEN[key] = OUTCOMES_SEEN.get(key, 0) + 1
    assert list(df.columns) == names_before
    pd.testing.assert_frame_equal(df, before)
    pd.testing.assert_frame_equal(new, new_before)
