import pytest

import pytidy as tm
from pytidy.errors import InvalidParameterError


def test_defaults_match_r():
    c = tm.control_race()
    assert (c.verbose, c.verbose_elim, c.allow_par, c.extract, c.save_pred, c.burn_in, c.num_ties, c.alpha,
            c.randomize, c.pkgs, c.save_workflow, c.event_level, c.parallel_over) == \
        (False, False, True, None, False, 3, 10, 0.05, True, None, False, "first", "everything")
    assert repr(c) == "Racing method control object"


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"burn_in": 1}, r"`burn_in` in control_race\(\) must be a whole number in \[2, inf\); got 1"),
        ({"burn_in": 2.5}, r"`burn_in` in control_race\(\) must be a whole number"),
        ({"alpha": 1.0}, r"`alpha` in control_race\(\) should be in \(0, 1\); got 1.0"),
        ({"alpha": 0}, r"`alpha` in control_race\(\) should be in \(0, 1\)"),
        ({"alpha": "a"}, r"`alpha` in control_race\(\) must be a number"),
        ({"num_ties": -1}, r"`num_ties` in control_race\(\) must be a whole number"),
        ({"verbose_elim": "yes"}, r"`verbose_elim` in control_race\(\) must be True or False"),
        ({"randomize": 0}, r"`randomize` in control_race\(\) must be True or False"),
        ({"parallel_over": "all"}, r"`parallel_over` in control_race\(\) must be 'resamples', 'everything' or None"),
    ],
)
def test_validation(kwargs, match):
    with pytest.raises(InvalidParameterError, match=match):
        tm.control_race(**kwargs)


def test_parallel_over_none_is_allowed():
    assert tm.control_race(parallel_over=None).parallel_over is None
