"""value_seq / value_sample / value_validate / encode_unit (R: dials test-aaa_values.R, test-encode_unit.R)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pytidy.dials import (
    activation,
    batch_size,
    dropout,
    encode_unit,
    learn_rate,
    mixture,
    mtry,
    new_quant_param,
    num_hash,
    penalty,
    predictor_prop,
    prune,
    tree_depth,
    trees,
    value_inverse,
    value_sample,
    value_seq,
    value_set,
    value_transform,
    value_validate,
    weight_func,
)
from pytidy.errors import InvalidParameterError


def test_r_test_anchors():
    # R tests/testthat/test-aaa_values.R
    assert value_seq(tree_depth(), 5).tolist() == [1, 4, 8, 11, 15]
    np.testing.assert_allclose(value_seq(mixture(), 5), np.linspace(0, 1, 5))
    np.testing.assert_allclose(value_seq(penalty(), 5, original=False), np.linspace(-10, 0, 5))
    assert value_seq(mixture(), 1).tolist() == [0.0]


def test_integer_seq_floors_after_inverse():
    assert value_seq(batch_size(), 3).tolist() == [4, 22, 128]  # 2^4.5 = 22.6 -> floor
    assert value_seq(trees(), 3).tolist() == [1, 1000, 2000]  # 1000.5 -> floor
    assert value_seq(trees(range=(1, 3)), 10).tolist() == [1, 2, 3]  # unique
    assert value_seq(batch_size(), 3, original=False).tolist() == [2.0, 4.5, 7.0]


def test_exclusive_bounds_move_inwards():
    assert value_seq(dropout(), 2)[1] == 1 - np.finfo(float).eps
    assert value_seq(predictor_prop(), 2)[0] == np.finfo(float).eps
    p = new_quant_param("integer", (1, 10), inclusive=(False, False))
    assert value_seq(p, 2).tolist() == [2, 9]
    assert set(value_sample(p, 200, seed=1).tolist()) <= set(range(2, 10))


def test_qual_seq():
    assert value_seq(weight_func(), 3) == ["rectangular", "triangular", "epanechnikov"]
    assert value_seq(prune(), 10) == [True, False]


def test_value_set_values_used_by_seq():
    p = value_set(trees(), [10, 50, 100])
    assert value_seq(p, 2).tolist() == [10, 50]
    assert value_seq(value_set(activation(), ["relu", "tanh"]), 5) == ["relu", "tanh"]
    with pytest.raises(InvalidParameterError, match="`values` in value_set\\(\\) must have at least one element"):
        value_set(trees(), [])


def test_value_seq_errors():
    with pytest.raises(InvalidParameterError, match="`n` in value_seq\\(\\) must be a whole number >= 1; got 0"):
        value_seq(trees(), 0)
    with pytest.raises(InvalidParameterError, match="has an unknown bound"):
        value_seq(mtry(), 3)
    with pytest.raises(InvalidParameterError, match="value_seq\\(\\) needs a dials parameter"):
        value_seq("trees", 3)
    with pytest.raises(InvalidParameterError, match="`original` in value_seq\\(\\) must be True or False"):
        value_seq(trees(), 3, original="yes")


def test_value_sample_kinds_and_seed():
    a = value_sample(learn_rate(), 50, seed=3)
    assert ((a >= 1e-10) & (a <= 0.1)).all()
    np.testing.assert_array_equal(a, value_sample(learn_rate(), 50, seed=3))
    t = value_sample(trees(), 50, seed=1)
    assert t.dtype.kind == "i" and t.min() >= 1 and t.max() <= 2000
    h = value_sample(num_hash(), 50, seed=1)  # integer with log2 trans: floor(2^U)
    assert h.dtype.kind == "i" and h.min() >= 256 and h.max() <= 4096
    w = value_sample(weight_func(), 30, seed=1)
    assert set(w) <= set(weight_func().values)
    s = value_sample(learn_rate(), 10, original=False, seed=1)
    assert ((s >= -10) & (s <= -1)).all()
    with pytest.raises(InvalidParameterError, match="`n` in value_sample\\(\\) must be a whole number"):
        value_sample(trees(), -1)


@settings(max_examples=30, deadline=None)
@given(lo=st.integers(-5, 5), width=st.integers(0, 50), n=st.integers(1, 30), seed=st.integers(0, 2**32 - 1))
def test_samples_and_seqs_stay_in_range(lo, width, n, seed):
    p = new_quant_param("integer", (lo, lo + width))
    for v in (value_sample(p, n, seed=seed), value_seq(p, n)):
        assert v.min() >= lo and v.max() <= lo + width
    d = new_quant_param("double", (lo, lo + width))
    v = value_sample(d, n, seed=seed)
    assert v.min() >= lo and v.max() <= lo + width


def test_value_validate():
    assert value_validate(mixture(), [0.0, 1.0, 1.5, np.nan]).tolist() == [True, True, False, False]
    assert value_validate(dropout(), [0.0, 1.0]).tolist() == [True, False]
    # compared on the transformed scale, as in R
    assert value_validate(penalty(), [-3.0, 1.0]).tolist() == [True, False]
    assert value_validate(prune(), [True]).tolist() == [True]


def test_transform_and_inverse():
    np.testing.assert_allclose(value_transform(penalty(), [1e-3]), [-3.0])
    np.testing.assert_allclose(value_inverse(batch_size(), [5.0]), [32.0])
    np.testing.assert_allclose(value_transform(trees(), [10]), [10.0])


def test_encode_unit_backward_rounds_integers():
    assert encode_unit(trees(), [0.0, 0.5, 1.0], "backward").tolist() == [1, 1000, 2000]  # 1000.5 -> 1000 (even)
    assert encode_unit(tree_depth(), [0.25], "backward").tolist() == [4]  # 4.5 -> 4, round half even as R
    assert encode_unit(tree_depth(), [0.3], "backward").tolist() == [5]  # 5.2: rounded, value_seq would floor
    np.testing.assert_allclose(encode_unit(learn_rate(), [0.0, 1.0], "backward"), [1e-10, 0.1])
    np.testing.assert_allclose(encode_unit(learn_rate(), [0.0, 1.0], "backward", original=False), [-10, -1])
    np.testing.assert_allclose(encode_unit(learn_rate(), [-10.0, -5.5], "forward"), [0.0, 0.5])


def test_encode_unit_qualitative_bins():
    p = weight_func(values=["a", "b", "c"])
    assert encode_unit(p, [0.0, 1 / 3, 0.34, 2 / 3, 0.7, 1.0], "backward") == ["a", "a", "b", "b", "c", "c"]
    np.testing.assert_allclose(encode_unit(p, ["a", "c"], "forward"), [0.0, 1.0])
    with pytest.raises(InvalidParameterError, match="not in the reference set of values: \\['z'\\]"):
        encode_unit(p, ["z"], "forward")


def test_encode_unit_errors():
    with pytest.raises(InvalidParameterError, match="values should be on \\[0, 1\\]"):
        encode_unit(trees(), [1.5], "backward")
    with pytest.raises(InvalidParameterError, match="`direction` in encode_unit\\(\\) must be one of"):
        encode_unit(trees(), [0.5], "sideways")
    with pytest.raises(InvalidParameterError, match="has an unknown bound"):
        encode_unit(mtry(), [0.5], "backward")
