"""dials: tuning parameters, parameter sets and grids (R: tidymodels/dials).

Parameter constructors keep R's names and defaults (``learn_rate()``, ``penalty()``, ``mtry()``, ...);
:class:`ParameterSet` and the ``grid_*`` functions build the candidate grids that tune searches.
"""

from __future__ import annotations

from .designs import dmax_design, lhs_design, optimal_lhs_codes
from .finalize import finalize, get_log_p, get_n, get_n_frac, get_n_frac_range, get_p
from .grids import SFD_TYPES, grid_latin_hypercube, grid_max_entropy, grid_random, grid_regular, grid_space_filling
from .parameter import (
    QualParam,
    QuantParam,
    Trans,
    Unknown,
    has_unknowns,
    identity_trans,
    is_param,
    is_unknown,
    log2_trans,
    log10_trans,
    new_qual_param,
    new_quant_param,
    range_get,
    range_set,
    transform_identity,
    transform_log2,
    transform_log10,
    unknown,
)
from .param_activation import activation, values_activation
from .param_deg_free import deg_free
from .param_degree import degree, degree_int, prod_degree, spline_degree
from .param_dist_power import dist_power
from .param_kernel import rbf_sigma, scale_factor
from .param_laplace import Laplace
from .param_learn_rate import learn_rate
from .param_min_unique import min_unique
from .param_mixture import mixture
from .param_momentum import momentum
from .param_mtry import mtry, mtry_long
from .param_mtry_prop import mtry_prop
from .param_neighbors import neighbors
from .param_network import batch_size, dropout, epochs, hidden_units
from .param_num_breaks import num_breaks
from .param_num_clusters import num_clusters
from .param_num_comp import num_comp, num_terms
from .param_num_hash import num_hash, signed_hash
from .param_num_knots import num_knots
from .param_nzv import freq_cut, unique_cut
from .param_over_ratio import over_ratio, under_ratio
from .param_penalty import penalty
from .param_predictor_prop import predictor_prop
from .param_prop_terms import prop_terms
from .param_prune_method import prune_method, values_prune_method
from .param_schedulers import rate_decay, rate_initial, rate_largest, rate_reduction, rate_schedule, rate_step_size, rate_steps, values_scheduler
from .param_smoothness import smoothness
from .param_stop_iter import stop_iter
from .param_summary_stat import summary_stat, values_summary_stat
from .param_svm import cost, svm_margin
from .param_threshold import threshold
from .param_trees import cost_complexity, loss_reduction, min_n, prune, sample_prop, sample_size, tree_depth, trees
from .param_trim_amount import trim_amount
from .param_weight_func import values_weight_func, weight_func
from .param_window_size import window_size
from .parameter_set import ParameterSet, parameters
from .values import encode_unit, value_inverse, value_sample, value_seq, value_set, value_transform, value_validate

__all__ = [
    "QualParam",
    "QuantParam",
    "Trans",
    "Unknown",
    "has_unknowns",
    "identity_trans",
    "is_param",
    "is_unknown",
    "log2_trans",
    "log10_trans",
    "new_qual_param",
    "new_quant_param",
    "range_get",
    "range_set",
    "transform_identity",
    "transform_log2",
    "transform_log10",
    "unknown",
    "finalize",
    "get_log_p",
    "get_n",
    "get_n_frac",
    "get_n_frac_range",
    "get_p",
    "grid_latin_hypercube",
    "grid_max_entropy",
    "grid_random",
    "grid_regular",
    "grid_space_filling",
    "ParameterSet",
    "parameters",
    "encode_unit",
    "value_inverse",
    "value_sample",
    "value_seq",
    "value_set",
    "value_transform",
    "value_validate",
    "activation",
    "deg_free",
    "degree",
    "degree_int",
    "prod_degree",
    "spline_degree",
    "dist_power",
    "learn_rate",
    "rbf_sigma",
    "scale_factor",
    "Laplace",
    "min_unique",
    "mixture",
    "momentum",
    "mtry",
    "mtry_long",
    "mtry_prop",
    "neighbors",
    "batch_size",
    "dropout",
    "epochs",
    "hidden_units",
    "num_breaks",
    "num_clusters",
    "num_comp",
    "num_terms",
    "num_hash",
    "signed_hash",
    "num_knots",
    "freq_cut",
    "unique_cut",
    "over_ratio",
    "under_ratio",
    "penalty",
    "predictor_prop",
    "prop_terms",
    "prune_method",
    "rate_decay",
    "rate_initial",
    "rate_largest",
    "rate_reduction",
    "rate_schedule",
    "rate_step_size",
    "rate_steps",
    "smoothness",
    "stop_iter",
    "summary_stat",
    "cost",
    "svm_margin",
    "threshold",
    "cost_complexity",
    "loss_reduction",
    "min_n",
    "prune",
    "sample_prop",
    "sample_size",
    "tree_depth",
    "trees",
    "trim_amount",
    "weight_func",
    "window_size",
]
