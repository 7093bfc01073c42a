"""``.config`` labels against tune's snapshots (tests/testthat/_snaps/loop-over-all-stages-helpers-config-key.md)."""

import pandas as pd

from pytidy.tune._config import config_key


def test_recipe_only():
    key = config_key(pd.DataFrame({"degree": [1, 2, 3]}), [], ["degree"])
    assert key[".config"].tolist() == ["pre1_mod0_post0", "pre2_mod0_post0", "pre3_mod0_post0"]


def test_model_only_sorted_by_value():
    key = config_key(pd.DataFrame({"min_n": [12, 10, 11]}), ["min_n"], [])
    assert key["min_n"].tolist() == [10, 11, 12]
    assert key[".config"].tolist() == ["pre0_mod1_post0", "pre0_mod2_post0", "pre0_mod3_post0"]


def test_crossing_two_stages():
    grid = pd.DataFrame({"degree": [1, 1, 2, 2, 3, 3], "neighbors": [1, 2, 1, 2, 1, 2]})
    key = config_key(grid, ["neighbors"], ["degree"])
    assert key.columns.tolist() == ["neighbors", "degree", ".config"]
    assert key["neighbors"].tolist() == [1, 2, 1, 2, 1, 2]
    assert key["degree"].tolist() == [1, 1, 2, 2, 3, 3]
    assert key[".config"].tolist() == ["pre1_mod1_post0", "pre1_mod2_post0", "pre2_mod1_post0",
                                       "pre2_mod2_post0", "pre3_mod1_post0", "pre3_mod2_post0"]


def test_zero_padding_with_ten_or_more():
    key = config_key(pd.DataFrame({"penalty": [0.1 * i for i in range(10, 0, -1)]}), ["penalty"], [])
    assert key[".config"].tolist()[:2] == ["pre0_mod01_post0", "pre0_mod02_post0"]
    assert key[".config"].iloc[-1] == "pre0_mod10_post0"
    assert key["penalty"].is_monotonic_increasing


def test_no_tuning_gives_pre0_mod0_post0():
    assert config_key(pd.DataFrame(), [], [])[".config"].tolist() == ["pre0_mod0_post0"]


def test_model_numbers_span_the_whole_grid():
    # snapshot "all": model labels number the distinct model values of the whole grid
    grid = pd.DataFrame({"min_n": [21, 30, 2, 40, 11], "degree": [1, 1, 2, 2, 3]})
    key = config_key(grid, ["min_n"], ["degree"])
    got = dict(zip(key["min_n"], key[".config"]))
    assert got == {21: "pre1_mod3_post0", 30: "pre1_mod4_post0", 2: "pre2_mod1_post0",
                   40: "pre2_mod5_post0", 11: "pre3_mod2_post0"}
