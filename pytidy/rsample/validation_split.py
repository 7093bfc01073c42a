"""Three-way training/validation/testing split and its one-resample set (R: ``R/initial_validation_split.R``,
``R/validation_set.R``)."""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
import pandas as pd
from attrs import field, frozen

from .._converters import as_dict
from .._random import SeedLike, as_rng
from ..errors import InvalidParameterError
from ._utils import check_column_arg, check_data, complement_of
from .make_strata import strata_for
from .mc import mc_in_id
from .rset import RSet, new_rset
from .rsplit import RSplit

__all__ = ["ThreeWaySplit", "initial_validation_split", "validation_set"]


@frozen(eq=False)
class ThreeWaySplit:
    """A training/validation/testing split (R: class ``initial_validation_split``).

    Holds the row positions of the training (``train_id``) and validation (``val_id``) rows; the
    test rows are the rest. Use :meth:`training`, :meth:`validation`, :meth:`testing`, and
    :func:`validation_set` to tune on the validation rows.

    Examples
    --------
    >>> s = ThreeWaySplit(pd.DataFrame({"x": range(5)}), np.array([3, 0]), np.array([1]))
    >>> s
    <Training/Validation/Testing/Total>
    <2/1/2/5>
    >>> s.training()["x"].tolist(), s.testing()["x"].tolist()
    ([0, 3], [2, 4])
    """

    data: pd.DataFrame = field(repr=False)
    train_id: np.ndarray = field(converter=lambda x: np.asarray(x, dtype=np.int64))
    val_id: np.ndarray = field(converter=lambda x: np.asarray(x, dtype=np.int64))
    id: str = "split"
    kind: str = "initial_validation_split"
    attrs: dict = field(factory=dict, converter=as_dict)

    def training(self) -> pd.DataFrame:
        """The training rows, in row order (R: ``training()``)."""
        return self.data.iloc[np.sort(self.train_id)]

    def validation(self) -> pd.DataFrame:
        """The validation rows, in row order (R: ``validation()``)."""
        return self.data.iloc[np.sort(self.val_id)]

    def test_id(self) -> np.ndarray:
        """Positions of the test rows: neither training nor validation."""
        return complement_of(np.concatenate([self.train_id, self.val_id]), len(self.data))

    def testing(self) -> pd.DataFrame:
        """The test rows, in row order (R: ``testing()``)."""
        return self.data.iloc[self.test_id()]

    def analysis(self) -> pd.DataFrame:
        """Not defined for a three-way split (R raises the same)."""
        raise InvalidParameterError(
            "The initial validation split does not contain an analysis set. "
            "You can access the training data with training()."
        )

    def assessment(self) -> pd.DataFrame:
        """Not defined for a three-way split (R raises the same)."""
        raise InvalidParameterError(
            "The initial validation split does not contain an assessment set. "
            "You can access the testing data with testing()."
        )

    def __repr__(self) -> str:
        n = len(self.data)
        n_test = n - self.train_id.size - self.val_id.size
        return f"<Training/Validation/Testing/Total>\n<{self.train_id.size}/{self.val_id.size}/{n_test}/{n}>"


def _check_prop_3(prop: Any, owner: str) -> tuple[float, float]:
    """R's ``check_prop_3``: two proportions, each in (0, 1), summing to less than 1."""
    if isinstance(prop, (str, bytes)) or not hasattr(prop, "__len__") or len(prop) != 2:
        raise InvalidParameterError(
            f"`prop` in {owner} needs to contain the proportions for training and validation, "
            f"e.g. (0.6, 0.2); got {prop!r}."
        )
    if not all(isinstance(p, numbers.Real) and not isinstance(p, bool) and p == p for p in prop):
        raise InvalidParameterError(f"`prop` in {owner} needs two numbers (no NaN); got {prop!r}.")
    if not all(0 < p < 1 for p in prop):
        raise InvalidParameterError(f"Elements of `prop` in {owner} need to be in (0, 1); got {prop!r}.")
    if not 0 < sum(prop) < 1:
        raise InvalidParameterError(
            f"The sum of the proportions in `prop` in {owner} needs to be in (0, 1); got {prop!r} "
            f"(sum {sum(prop):g}). Leave some rows for testing."
        )
    return float(prop[0]), float(prop[1])


def initial_validation_split(
    data: pd.DataFrame,
    prop: tuple[float, float] = (0.6, 0.2),
    strata: str | None = None,
    breaks: int = 4,
    pool: float = 0.1,
    seed: SeedLike = None,
) -> ThreeWaySplit:
    """Split once into training, validation and testing sets (R: ``initial_validation_split()``).

    As R: the training rows are an :func:`initial_split` with ``prop[0]``; the validation rows are
    drawn from the rest with ``prop[1] / (1 - prop[0])`` (and ``pool / (1 - prop[0])`` when stratified).

    Parameters
    ----------
    data : pandas.DataFrame
        The data to split.
    prop : (float, float), default (0.6, 0.2)
        Proportions for training and validation; the test set gets the rest.
    strata, breaks, pool
        Stratification, as in :func:`initial_split`.
    seed : int, numpy Generator or None
        Randomness; None uses the generator seeded by ``set_seed``.

    Returns
    -------
    ThreeWaySplit
        With ``training()``, ``validation()``, ``testing()``; pass it to :func:`validation_set`.

    Examples
    --------
    >>> df = pd.DataFrame({"x": range(100)})
    >>> split = initial_validation_split(df, prop=(0.6, 0.2), seed=1)
    >>> split
    <Training/Validation/Testing/Total>
    <60/20/20/100>
    """
    owner = "initial_validation_split()"
    data = check_data(data, owner)
    p_train, p_val = _check_prop_3(prop, owner)
    strata = check_column_arg(data, strata, "strata", owner)
    rng = as_rng(seed)
    n = len(data)
    codes = strata_for(data, strata, breaks, pool, rng, owner)
    train_id = mc_in_id(codes, n, p_train, rng)
    rest = complement_of(train_id, n)
    rest_data = data.iloc[rest] if strata is not None else None
    codes2 = strata_for(rest_data, strata, breaks, pool / (1 - p_train), rng, owner)
    val_id = rest[mc_in_id(codes2, rest.size, p_val / (1 - p_train), rng)]
    return ThreeWaySplit(
        data, train_id, val_id,
        attrs={"prop": (p_train, p_val), "strata": strata, "breaks": breaks, "pool": pool},
    )


def validation_set(split: ThreeWaySplit) -> RSet:
    """A one-resample set: analysis = training rows, assessment = validation rows (R: ``validation_set()``).

    Pass it to ``tune_grid()`` to tune on the validation rows. R builds its split on
    ``bind_rows(training, validation)``; here the split keeps the original data and the positions
    of both sets, which gives the same analysis and assessment frames without a copy.

    Examples
    --------
    >>> df = pd.DataFrame({"x": range(10)})
    >>> vs = validation_set(initial_validation_split(df, seed=1))
    >>> vs
    # Validation Set (0.75/0.25)
    # A tibble: 1 x 2
      splits        id
    1 <split [6/2]> validation
    """
    if not isinstance(split, ThreeWaySplit):
        raise InvalidParameterError(
            f"validation_set() needs the result of initial_validation_split(); got {type(split).__name__}."
        )
    vsplit = RSplit(
        split.data, np.sort(split.train_id), np.sort(split.val_id), id={"id": "validation"}, kind="val_split"
    )
    attrs = {**split.attrs, "origin_3way": True}
    return new_rset([vsplit], ["validation"], kind="validation_set", attrs=attrs)
