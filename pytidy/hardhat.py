"""The ``tune()`` placeholder (R: ``hardhat::tune()``) and the column checks every fitting path
shares (R: hardhat's ``validate_*`` helpers and ``forge()``'s ptype check): :func:`check_predictors`,
:func:`check_finite`, :func:`check_ptype`."""

from __future__ import annotations

from typing import Any

from attrs import frozen

__all__ = ["tune", "Tune", "is_tune"]  # check_* helpers are internal (not re-exported)


@frozen
class Tune:
    """Marks an argument to be tuned; ``id`` labels it in the parameter set.

    R spells it ``tune()`` or ``tune("label")``; ``id=""`` means "use the argument's name".
    """

    id: str = ""

    def __repr__(self) -> str:
        return f'tune("{self.id}")' if self.id else "tune()"


def tune(id: str = "") -> Tune:
    """Return a placeholder for an argument whose value tuning will choose.

    Parameters
    ----------
    id : str, optional
        A label for the parameter; by default the argument's own name is used.

    Examples
    --------
    >>> tune()
    tune()
    >>> tune("lr")
    tune("lr")
    """
    if not isinstance(id, str):
        from .errors import InvalidParameterError

        raise InvalidParameterError(f"`id` in tune() must be a string; got {id!r}.")
    return Tune(id)


def is_tune(value: Any) -> bool:
    """Is ``value`` a :func:`tune` placeholder?

    Examples
    --------
    >>> is_tune(tune()), is_tune(3)
    (True, False)
    """
    return isinstance(value, Tune)


# -- column checks shared by every fitting path (R: hardhat's ``validate_*`` helpers) -------------

_NOMINAL_KINDS = {"string", "empty", "boolean", "categorical"}


def predictor_kind(col: Any) -> str:
    """``"numeric"``, ``"logical"``, ``"nominal"`` or the name of a kind no engine takes.

    Examples
    --------
    >>> import pandas as pd
    >>> predictor_kind(pd.Series([1.5])), predictor_kind(pd.Series(["a"])), predictor_kind(pd.Series(pd.to_datetime(["2020-01-01"])))
    ('numeric', 'nominal', 'datetime')
    """
    import pandas as pd
    from pandas.api import types as pdt

    dtype = col.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return "nominal"
    if pdt.is_bool_dtype(dtype):
        return "logical"
    if pdt.is_numeric_dtype(dtype) and not pdt.is_complex_dtype(dtype):
        return "numeric"
    if pdt.is_complex_dtype(dtype):
        return "complex"
    if pdt.is_datetime64_any_dtype(dtype):
        return "datetime"
    if pdt.is_timedelta64_dtype(dtype):
        return "timedelta"
    if pdt.is_string_dtype(dtype) or pdt.is_object_dtype(dtype):
        kind = pdt.infer_dtype(col, skipna=True)
        if kind in ("string", "empty"):
            return "nominal"
        if kind == "boolean":
            return "logical"
        if kind in ("integer", "floating", "mixed-integer-float", "decimal"):
            return "numeric"
        if kind in ("datetime", "datetime64", "date"):
            return "datetime"
        return f"object ({kind})"
    return str(dtype)


def check_predictors(data: Any, columns: Any, owner: str, engine: str) -> None:
    """Refuse predictor columns an engine cannot take (dates, durations, complex, mixed objects).

    One message for the formula, recipe and x/y paths. Numeric, logical and nominal (category,
    string) columns pass: the formula path makes treatment dummies of nominal ones, as R's
    ``model.matrix``, and engines with ``encoding="none"`` take them as they are.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"d": pd.to_datetime(["2020-01-01"]), "x": [1.0]})
    >>> check_predictors(df, ["d", "x"], "fit()", "lm engine of linear_reg()")
    Traceback (most recent call last):
    ...
    pytidy.errors.InvalidParameterError: fit(): the lm engine of linear_reg() cannot take the predictor column(s) ['d'] (kind datetime). Convert them first: dates to numbers with a recipe (step_date(), step_time()) or pandas (df['d'].dt.year); anything else to numeric or category (df['d'].astype('category')).
    """
    from .errors import InvalidParameterError

    bad = {c: predictor_kind(data[c]) for c in columns}
    bad = {c: k for c, k in bad.items() if k not in ("numeric", "logical", "nominal")}
    if bad:
        first = next(iter(bad))
        kinds = ", ".join(sorted(set(bad.values())))
        raise InvalidParameterError(
            f"{owner}: the {engine} cannot take the predictor column(s) {list(bad)} (kind {kinds}). "
            "Convert them first: dates to numbers with a recipe (step_date(), step_time()) or pandas "
            f"(df[{first!r}].dt.year); anything else to numeric or category "
            f"(df[{first!r}].astype('category'))."
        )


def check_finite(data: Any, owner: str, engine: str) -> None:
    """Refuse ``inf``/``-inf`` in numeric predictor columns (scikit-learn's ``check_estimators_nan_inf``).

    Missing values (NaN) pass: engines drop such rows at fit time and predict NaN for them.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> check_finite(pd.DataFrame({"x": [1.0, np.inf]}), "predict()", "lm engine of linear_reg()")
    Traceback (most recent call last):
    ...
    pytidy.errors.InvalidParameterError: predict(): the predictor column(s) ['x'] contain infinite values (inf or -inf, in 1 row(s)), which the lm engine of linear_reg() cannot use. Replace them first, e.g. df.replace([np.inf, -np.inf], np.nan) (rows with NaN are left out of the fit and predicted as NaN), or transform the column in a recipe.
    """
    import numpy as np
    from pandas.api import types as pdt

    from .errors import InvalidParameterError

    bad: list[str] = []
    rows: np.ndarray | None = None  # the rows with an inf, once a column has one
    for c in data.columns:
        col = data[c]
        if not pdt.is_numeric_dtype(col.dtype) or pdt.is_bool_dtype(col.dtype) or pdt.is_integer_dtype(col.dtype):
            continue
        values = col.to_numpy(dtype=float, na_value=np.nan)
        total = float(values.sum())
        if total == total and abs(total) != float("inf"):  # fast path: a finite sum has no inf
            continue
        inf = np.isinf(values)
        if inf.any():
            bad.append(str(c))
            rows = inf if rows is None else (rows | inf)
    if bad and rows is not None:  # rows is set whenever bad is
        raise InvalidParameterError(
            f"{owner}: the predictor column(s) {bad} contain infinite values (inf or -inf, in "
            f"{int(rows.sum())} row(s)), which the {engine} cannot use. Replace them first, e.g. "
            "df.replace([np.inf, -np.inf], np.nan) (rows with NaN are left out of the fit and predicted "
            "as NaN), or transform the column in a recipe."
        )


def predictor_ptype(data: Any, columns: Any) -> dict[str, str]:
    """The kind of each predictor at fit time (R: hardhat's ``ptype``, reduced to kinds).

    Examples
    --------
    >>> import pandas as pd
    >>> predictor_ptype(pd.DataFrame({"a": [1.0], "b": ["u"]}), ["a", "b"])
    {'a': 'numeric', 'b': 'nominal'}
    """
    return {str(c): predictor_kind(data[c]) for c in columns}


def check_ptype(data: Any, ptype: dict[str, str], owner: str) -> None:
    """Refuse new-data columns whose kind differs from fit time (R: hardhat ``forge()``'s ``scream()``).

    Numeric and logical count as one kind (pandas' nullable booleans with missing values become
    floats at the boundary).

    Examples
    --------
    >>> import pandas as pd
    >>> check_ptype(pd.DataFrame({"x": ["a"]}), {"x": "numeric"}, "predict()")
    Traceback (most recent call last):
    ...
    pytidy.errors.InvalidParameterError: predict(): the column(s) ['x'] of new_data have kind(s) ['nominal'] but were ['numeric'] when the model was fitted. Give new_data the same column types as the training data.
    """
    from .errors import InvalidParameterError

    def norm(kind: str) -> str:
        return "numeric" if kind == "logical" else kind

    bad = [c for c, k in ptype.items() if c in data.columns and norm(predictor_kind(data[c])) != norm(k)]
    # an all-missing column has no kind of its own: it fits any
    bad = [c for c in bad if data[c].notna().any()]
    if bad:
        raise InvalidParameterError(
            f"{owner}: the column(s) {bad} of new_data have kind(s) {[predictor_kind(data[c]) for c in bad]} "
            f"but were {[ptype[c] for c in bad]} when the model was fitted. Give new_data the same column "
            "types as the training data."
        )
