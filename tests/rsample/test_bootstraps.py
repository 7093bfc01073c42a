"""bootstraps() and apparent() (R: tests/testthat/test-boot.R)."""

import numpy as np
import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError, PytidyWarning
from pytidy.rsample import apparent, bootstraps

DAT1 = pd.DataFrame({"a": range(1, 21), "b": list("abcdefghijklmnopqrst")})


def test_default_param():
    rs1 = bootstraps(DAT1, seed=11)
    assert len(rs1) == 25 and rs1.ids["id"].iloc[0] == "Bootstrap01"
    for s in rs1:
        assert len(s.analysis()) == 20 and s.data is DAT1
        oob = s.complement()
        assert set(s.in_id).isdisjoint(oob)
        assert sorted(set(s.in_id) | set(oob)) == list(range(20))  # OOB = rows never drawn
        assert s.out_id is None


def test_apparent():
    rs2 = bootstraps(DAT1, times=3, apparent=True, seed=1)
    last = rs2[-1]
    assert rs2.ids["id"].tolist()[-1] == "Apparent"
    assert len(last.analysis()) == 20 and last.assessment().equals(DAT1)
    assert apparent(DAT1)[0].assessment().equals(DAT1)
    assert repr(apparent(DAT1)).splitlines()[0] == "# Apparent sampling"


def test_strata_resample_each_stratum_to_its_size(modeldata):
    pen = modeldata("penguins")
    rs = bootstraps(pen, times=5, strata="species", seed=1)
    for s in rs:
        assert s.analysis()["species"].value_counts().to_dict() == {"Adelie": 152, "Gentoo": 124, "Chinstrap": 68}


def test_oob_share_is_about_e_inverse(modeldata):
    dat = modeldata("two_class_dat")
    share = np.mean([len(s.complement()) / len(dat) for s in bootstraps(dat, times=20, seed=2)])
    assert abs(share - np.exp(-1)) < 0.02  # P(row not drawn) = (1 - 1/n)^n


def test_empty_assessment_warns():
    with pytest.warns(PytidyWarning, match="Some assessment sets contained zero rows."):
        bootstraps(DAT1.iloc[:1], times=2, seed=1)


def test_arguments_are_checked():
    with pytest.raises(InvalidParameterError, match=r"`times` in bootstraps\(\) must be a whole number in \[1, inf\)"):
        bootstraps(DAT1, times=0)
    with pytest.raises(InvalidParameterError, match=r"`apparent` in bootstraps\(\) must be True or False; got 'yes'"):
        bootstraps(DAT1, apparent="yes")
    with pytest.raises(InvalidParameterError, match=r"bootstraps\(\): data lacks the column\(s\) \['z'\]"):
        bootstraps(DAT1, strata="z")
    with pytest.raises(InvalidParameterError, match=r"`data` in apparent\(\) must be a pandas DataFrame"):
        apparent(None)
