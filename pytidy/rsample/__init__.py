"""rsample: resampling, the splits of data into analysis and assessment sets (R: ``rsample``).

A split (:class:`RSplit`) holds row positions into the data, never a copy; a resample set
(:class:`RSet`) is a list of splits with their ids. Every random function takes ``seed=``.
"""

from .bootstraps import apparent, bootstraps
from .group import group_vfold_cv
from .group_mc import group_bootstraps, group_initial_split, group_mc_cv
from .make_strata import make_strata
from .mc import initial_split, initial_time_split, mc_cv
from .rset import RSet, manual_rset
from .rsplit import RSplit, analysis, assessment, complement, testing, training, validation
from .slide import rolling_origin, sliding_index, sliding_period, sliding_window
from .validation_split import ThreeWaySplit, initial_validation_split, validation_set
from .vfold import loo_cv, vfold_cv

__all__ = [
    "RSplit",
    "RSet",
    "ThreeWaySplit",
    "analysis",
    "assessment",
    "training",
    "testing",
    "validation",
    "complement",
    "initial_split",
    "initial_time_split",
    "initial_validation_split",
    "validation_set",
    "group_initial_split",
    "mc_cv",
    "group_mc_cv",
    "vfold_cv",
    "group_vfold_cv",
    "loo_cv",
    "bootstraps",
    "group_bootstraps",
    "apparent",
    "rolling_origin",
    "sliding_window",
    "sliding_period",
    "sliding_index",
    "manual_rset",
    "make_strata",
]
