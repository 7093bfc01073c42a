"""pytidy/_checks.py: one check family, used by functions and (as attrs validators) by classes."""

import numpy as np
import pytest
from attrs import field, frozen

from pytidy import _checks as ck
from pytidy.errors import InvalidParameterError
from pytidy.hardhat import tune


@pytest.mark.parametrize("value", [True, False, np.bool_(True), np.bool_(False)])
def test_check_bool_accepts_python_and_numpy_bools(value):
    out = ck.check_bool(value, "x", "f()")
    assert out is bool(value)


@pytest.mark.parametrize("value", ["yes", 1, 0, 1.0, None, np.array([True])])
def test_check_bool_refuses_everything_else(value):
    with pytest.raises(InvalidParameterError, match=r"`x` in f\(\) must be True or False; got "):
        ck.check_bool(value, "x", "f()")


def test_check_bool_allow_none():
    assert ck.check_bool(None, "x", "f()", allow_none=True) is None


def test_check_int_bounds_and_integerish():
    assert ck.check_int(4.0, "k", "f()", lower=1) == 4
    with pytest.raises(InvalidParameterError, match=r"`k` in f\(\) must be a whole number in \[1, inf\); got 0"):
        ck.check_int(0, "k", "f()", lower=1)
    with pytest.raises(InvalidParameterError, match="whole number"):
        ck.check_int(True, "k", "f()")


@frozen
class _Thing:
    name = "step_thing"
    flag: bool = field(default=False, validator=ck.is_bool())
    frac: float = field(default=0.5, validator=ck.is_number(lower=0, upper=1, inclusive=(False, True)))
    k: int = field(default=2, validator=ck.is_int(lower=1))
    how: str = field(default="a", validator=ck.is_choice(["a", "b"]))
    other: float = field(default=1.0, validator=ck.is_number(owner="custom()", allow_tune=False))


def test_validators_name_the_r_function_and_each_argument():
    with pytest.raises(InvalidParameterError, match=r"`flag` in step_thing\(\) must be True or False; got 'no'"):
        _Thing(flag="no")
    with pytest.raises(InvalidParameterError, match=r"`frac` in step_thing\(\) must be a number in \(0, 1\]; got 0"):
        _Thing(frac=0)
    with pytest.raises(InvalidParameterError, match=r"`k` in step_thing\(\) must be a whole number in \[1, inf\); got 0"):
        _Thing(k=0)
    with pytest.raises(InvalidParameterError, match=r"`how` in step_thing\(\) must be one of 'a', 'b'; got 'c'"):
        _Thing(how="c")
    with pytest.raises(InvalidParameterError, match=r"`other` in custom\(\) must be a number"):
        _Thing(other=tune())


def test_validators_let_tune_through_by_default_and_accept_good_values():
    t = _Thing(flag=np.bool_(True), frac=tune(), k=tune(), how="b")
    assert t.how == "b"
