"""The shared modeldata reader keeps real levels that pandas would read as missing."""

import csv
from pathlib import Path

import numpy as np


def test_ames_level_none_is_a_level_not_missing(modeldata):
    ames = modeldata("ames")
    for col in ("Mas_Vnr_Type", "Misc_Feature"):
        assert "None" in ames[col].cat.categories
        assert ames[col].isna().sum() == 0
    # the raw file, read with the csv module, counts the same "None" fields
    with open(Path(__file__).parent / "data" / "modeldata" / "ames.csv", newline="") as fh:
        raw = [row["Mas_Vnr_Type"] for row in csv.DictReader(fh)]
    assert int((ames["Mas_Vnr_Type"] == "None").sum()) == raw.count("None") > 1000


def test_na_is_still_missing(modeldata):
    credit = modeldata("penguins")
    assert credit["sex"].isna().sum() == 11  # R: sum(is.na(penguins$sex))
    assert np.isnan(credit["bill_length_mm"]).sum() == 2
