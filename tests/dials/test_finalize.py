"""finalize() and the get_* helpers (R: dials test-finalize.R)."""

import numpy as np
import pandas as pd
import pytest

from pytidy.dials import (
    finalize,
    get_log_p,
    get_n,
    get_n_frac,
    get_n_frac_range,
    get_p,
    min_n,
    mtry,
    mtry_long,
    num_comp,
    penalty,
    sample_size,
    weight_func,
)
from pytidy.errors import InvalidParameterError

X = pd.DataFrame(np.zeros((90, 7)))


def test_get_p_fills_unknown_upper_with_ncol():
    p = finalize(mtry(), X)
    assert p.range == (1, 7) and isinstance(p.range[1], int)
    assert finalize(num_comp(), X).range == (1, 7)


def test_get_log_p():
    p = finalize(mtry_long(), pd.DataFrame(np.zeros((2, 100))))
    assert p.range == (0.0, 2.0)
    assert get_log_p(mtry_long(), np.zeros((1, 1000))).range == (0.0, 3.0)


def test_known_bounds_are_kept():
    assert finalize(mtry(range=(1, 3)), X).range == (1, 3)
    assert finalize(min_n(), X).range == (2, 40)  # get_n_frac only fills unknowns
    assert get_p(penalty(), X) == penalty()


def test_get_n_frac_and_range():
    from pytidy.dials import new_quant_param, unknown

    p = new_quant_param("integer", (2, unknown()), finalize=get_n_frac)
    assert finalize(p, X).range == (2, 30)  # floor(90 / 3)
    assert get_n(new_quant_param("integer", (1, unknown())), X).range == (1, 90)
    assert finalize(sample_size(), X).range == (9, 45)  # floor(90 * c(.1, .5))
    assert get_n_frac_range(sample_size(), X, frac=(0.5, 0.2)).range == (18, 45)
    with pytest.raises(InvalidParameterError, match="`frac` in get_n_frac\\(\\) must be a number in \\[0, 1\\]"):
        get_n_frac(p, X, frac=2)
    with pytest.raises(InvalidParameterError, match="`frac` in get_n_frac_range\\(\\) must be 2 numbers"):
        get_n_frac_range(sample_size(), X, frac=(0.1,))


def test_finalize_passthrough_and_lists():
    assert finalize(weight_func(), X) == weight_func()
    assert finalize(None, X) is None
    assert [p.range for p in finalize([mtry(), penalty()], X)] == [(1, 7), (-10.0, 0.0)]
    assert finalize(mtry(range=(1, 3)), X, force=False).range == (1, 3)


def test_finalize_errors():
    with pytest.raises(InvalidParameterError, match="get_p\\(\\) cannot determine the number of columns"):
        finalize(mtry(), [1, 2, 3])
    with pytest.raises(InvalidParameterError, match="finalize\\(\\) cannot finalize an object of type str"):
        finalize("mtry", X)
    with pytest.raises(InvalidParameterError, match="`force` in finalize\\(\\) must be True or False"):
        finalize(mtry(), X, force="yes")
    with pytest.raises(InvalidParameterError, match="get_p\\(\\) needs a quantitative parameter"):
        get_p(weight_func(), X)
