"""Workflows: a preprocessor and a model spec fitted together (R: workflows ``R/workflow.R``)."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from attrs import evolve, frozen

from .._frames import as_frame
from .._random import SeedLike
from ..errors import InvalidParameterError, NotFittedError, PytidyWarning
from ..parsnip._mold import outcome_columns
from ..parsnip.fit import ModelFit, fit_formula, fit_xy
from ..parsnip.registry import get_engine
from ..parsnip.spec import ModelSpec

if TYPE_CHECKING:  # only for type checkers: workflows never imports tune or finetune at run time
    from ..finetune.tune_race_anova import tune_race_anova as _tune_race_anova
    from ..finetune.tune_race_win_loss import tune_race_win_loss as _tune_race_win_loss
    from ..finetune.tune_sim_anneal import tune_sim_anneal as _tune_sim_anneal
    from ..tune.last_fit import last_fit as _last_fit
    from ..tune.tune_bayes import tune_bayes as _tune_bayes
    from ..tune.tune_grid import fit_resamples as _fit_resamples
    from ..tune.tune_grid import tune_grid as _tune_grid

__all__ = ["Workflow", "FittedWorkflow", "workflow", "load_workflow"]


def _is_recipe(obj: Any) -> bool:
    return hasattr(obj, "prep") and hasattr(obj, "tunable")


@frozen
class Workflow:
    """A preprocessor (recipe or formula) plus a model specification, not yet fitted.

    Build it with :func:`workflow` and the ``add_*`` verbs; every verb returns a new workflow.
    """

    spec: ModelSpec | None = None
    recipe: Any = None
    formula: str | None = None
    variables: tuple[Any, ...] | None = None   # (outcome, (predictor, ...)) from add_variables()
    case_weights: str | None = None            # the case-weights column, from add_case_weights()

    # -- building (R: workflows R/model.R, R/pre-action-recipe.R, -formula.R, -variables.R) ----
    def add_model(self, spec: ModelSpec, formula: str | None = None) -> Workflow:
        """Add a model specification (R: ``add_model``); ``formula`` (a model formula) is not supported.

        Examples
        --------
        >>> from pytidy import linear_reg
        >>> workflow().add_model(linear_reg()).spec.model
        'linear_reg'
        """
        if not isinstance(spec, ModelSpec):
            raise InvalidParameterError(
                f"`spec` in add_model() must be a model specification such as tabnet(); got {type(spec).__name__}."
            )
        if formula is not None:
            raise NotImplementedError("add_model(formula=) (a model formula) is not implemented in pytidy.")
        if self.spec is not None:
            raise InvalidParameterError("A model is already in the workflow; use update_model() to replace it.")
        return evolve(self, spec=spec)

    def update_model(self, spec: ModelSpec, formula: str | None = None) -> Workflow:
        """Replace the model specification (R: ``update_model``; adds one if there is none).

        Examples
        --------
        >>> from pytidy import linear_reg
        >>> wf = workflow("y ~ x", linear_reg())
        >>> wf.update_model(linear_reg(penalty=0.1).set_engine("glmnet")).spec.engine
        'glmnet'
        """
        return evolve(self, spec=None).add_model(spec, formula=formula)

    def remove_model(self) -> Workflow:
        """Remove the model specification (R: ``remove_model``; warns when there is none).

        Examples
        --------
        >>> from pytidy import linear_reg
        >>> workflow("y ~ x", linear_reg()).remove_model().spec is None
        True
        """
        if self.spec is None:
            warnings.warn("The workflow has no model to remove.", PytidyWarning, stacklevel=2)
        return evolve(self, spec=None)

    def _check_no_preprocessor(self, what: str, verb: str) -> None:
        have = ("a recipe" if self.recipe is not None else "variables" if self.variables is not None
                else "a formula" if self.formula is not None else None)
        if have is not None:
            raise InvalidParameterError(
                f"The workflow already has a preprocessor: {what.lower()} cannot be added when {have} already "
                f"exists; a workflow takes one (a recipe, a formula or variables). Use {verb}() to replace it, "
                "or remove the other first."
            )

    def add_recipe(self, recipe: Any, blueprint: Any = None) -> Workflow:
        """Add a recipe as the preprocessor (R: ``add_recipe``).

        Examples
        --------
        >>> import pandas as pd
        >>> from pytidy import recipe
        >>> df = pd.DataFrame({"y": [1.0, 2.0], "x": [3.0, 4.0]})
        >>> workflow().add_recipe(recipe("y ~ .", df)).recipe is not None
        True
        """
        if blueprint is not None:
            raise NotImplementedError("add_recipe(blueprint=) (a hardhat blueprint) is not implemented in pytidy.")
        if not _is_recipe(recipe):
            raise InvalidParameterError(
                f"`recipe` in add_recipe() must be a recipe made with recipe(); got {type(recipe).__name__}."
            )
        self._check_no_preprocessor("A recipe", "update_recipe")
        return evolve(self, recipe=recipe)

    def update_recipe(self, recipe: Any, blueprint: Any = None) -> Workflow:
        """Replace the recipe (R: ``update_recipe``); a formula or variables must be removed first.

        Examples
        --------
        >>> import pandas as pd
        >>> from pytidy import recipe
        >>> df = pd.DataFrame({"y": [1.0, 2.0], "x": [3.0, 4.0]})
        >>> wf = workflow(recipe("y ~ .", df)).update_recipe(recipe("y ~ x", df))
        >>> wf.recipe.var_info["variable"].tolist()
        ['x', 'y']
        """
        return evolve(self, recipe=None).add_recipe(recipe, blueprint=blueprint)

    def remove_recipe(self) -> Workflow:
        """Remove the recipe (R: ``remove_recipe``; warns when there is none)."""
        if self.recipe is None:
            warnings.warn("The workflow has no recipe preprocessor to remove.", PytidyWarning, stacklevel=2)
        return evolve(self, recipe=None)

    def add_formula(self, formula: str, blueprint: Any = None) -> Workflow:
        """Add a formula as the preprocessor, e.g. ``"y ~ ."`` (R: ``add_formula``).

        Factor predictors are encoded as the engine asks: dummies for ``lm``/``glm``, passed
        through for TabNet (R: parsnip's ``set_encoding``).

        Examples
        --------
        >>> workflow().add_formula("y ~ x").formula
        'y ~ x'
        """
        if blueprint is not None:
            raise NotImplementedError("add_formula(blueprint=) (a hardhat blueprint) is not implemented in pytidy.")
        if not isinstance(formula, str) or "~" not in formula:
            raise InvalidParameterError(f"`formula` in add_formula() must be a string like 'y ~ .'; got {formula!r}.")
        self._check_no_preprocessor("A formula", "update_formula")
        return evolve(self, formula=formula)

    def update_formula(self, formula: str, blueprint: Any = None) -> Workflow:
        """Replace the formula (R: ``update_formula``); a recipe or variables must be removed first.

        Examples
        --------
        >>> workflow("y ~ x").update_formula("y ~ x + z").formula
        'y ~ x + z'
        """
        if self.variables is not None:
            self._check_no_preprocessor("A formula", "update_variables")  # raises: the workflow has variables
        return evolve(self, formula=None).add_formula(formula, blueprint=blueprint)

    def remove_formula(self) -> Workflow:
        """Remove the formula (R: ``remove_formula``; warns when there is none)."""
        if self.formula is None or self.variables is not None:
            warnings.warn("The workflow has no formula preprocessor to remove.", PytidyWarning, stacklevel=2)
            return self
        return evolve(self, formula=None)

    def add_variables(self, outcomes: str | list[str], predictors: str | list[str], blueprint: Any = None) -> Workflow:
        """Name the outcome and predictor columns directly, with no other preprocessing (R: ``add_variables``).

        Parameters
        ----------
        outcomes : str or list of one str
            The outcome column.
        predictors : str or list of str
            The predictor columns; they reach the model as they are, encoded as the engine asks
            (as a formula naming them would).

        Examples
        --------
        >>> wf = workflow().add_variables("y", ["x1", "x2"])
        >>> wf.extract_preprocessor()
        {'outcomes': ['y'], 'predictors': ['x1', 'x2']}
        """
        if blueprint is not None:
            raise NotImplementedError("add_variables(blueprint=) (a hardhat blueprint) is not implemented in pytidy.")
        outs = [outcomes] if isinstance(outcomes, str) else list(outcomes) if isinstance(outcomes, (list, tuple)) else None
        preds = [predictors] if isinstance(predictors, str) else (
            list(predictors) if isinstance(predictors, (list, tuple)) else None)
        if not outs or not all(isinstance(o, str) for o in outs):
            raise InvalidParameterError(f"`outcomes` in add_variables() must be a column name; got {outcomes!r}.")
        if len(outs) > 1:
            raise NotImplementedError(f"add_variables() with several outcomes ({outs}) is not implemented in pytidy.")
        if not preds or not all(isinstance(p, str) for p in preds):
            raise InvalidParameterError(
                f"`predictors` in add_variables() must be a column name or a list of them; got {predictors!r}."
            )
        self._check_no_preprocessor("Variables", "update_variables")
        rhs = " + ".join(f"`{p}`" for p in preds)
        return evolve(self, formula=f"`{outs[0]}` ~ {rhs}", variables=(outs[0], tuple(preds)))

    def update_variables(self, outcomes: str | list[str], predictors: str | list[str], blueprint: Any = None) -> Workflow:
        """Replace the variables (R: ``update_variables``).

        Examples
        --------
        >>> workflow().add_variables("y", "x1").update_variables("y", ["x2"]).variables
        ('y', ('x2',))
        """
        base = evolve(self, formula=None, variables=None) if self.variables is not None else self
        return base.add_variables(outcomes, predictors, blueprint=blueprint)

    def remove_variables(self) -> Workflow:
        """Remove the variables (R: ``remove_variables``; warns when there are none)."""
        if self.variables is None:
            warnings.warn("The workflow has no variables preprocessor to remove.", PytidyWarning, stacklevel=2)
            return self
        return evolve(self, formula=None, variables=None)

    # -- case weights (R: workflows R/case-weights.R) --------------------------------------------
    def add_case_weights(self, col: str) -> Workflow:
        """Use the column ``col`` of the data as case weights (R: ``add_case_weights(x, col)``).

        At ``fit()`` the column must hold :func:`~pytidy.importance_weights` or
        :func:`~pytidy.frequency_weights`; it is given to the engine as ``case_weights=``. With a
        formula or variables the column is removed from the data first, so ``y ~ .`` does not see
        it; a recipe keeps it (with the role "case_weights", never a predictor), as in R. Tuning
        scores each assessment set with its frequency weights, never with importance weights.

        Examples
        --------
        >>> import pandas as pd
        >>> from pytidy import linear_reg, frequency_weights
        >>> df = pd.DataFrame({"y": [1.0, 3.0, 4.0, 8.0], "x": [1.0, 2.0, 3.0, 4.0],
        ...                    "w": frequency_weights([1, 1, 1, 3])})
        >>> wf = workflow("y ~ .", linear_reg()).add_case_weights("w")
        >>> wf.fit(df).tidy()["term"].tolist()
        ['(Intercept)', 'x']
        """
        if not isinstance(col, str) or not col:
            raise InvalidParameterError(
                f"`col` in add_case_weights() must be the name of one column, e.g. 'w'; got {col!r}."
            )
        if self.case_weights is not None:
            raise InvalidParameterError(
                f"The workflow already has case weights ({self.case_weights!r}); use update_case_weights() to "
                "replace them."
            )
        return evolve(self, case_weights=col)

    def update_case_weights(self, col: str) -> Workflow:
        """Replace the case-weights column (R: ``update_case_weights``).

        Examples
        --------
        >>> workflow().add_case_weights("w").update_case_weights("v").case_weights
        'v'
        """
        return evolve(self, case_weights=None).add_case_weights(col)

    def remove_case_weights(self) -> Workflow:
        """Remove the case weights (R: ``remove_case_weights``; warns when there are none).

        Examples
        --------
        >>> workflow().add_case_weights("w").remove_case_weights().case_weights is None
        True
        """
        if self.case_weights is None:
            warnings.warn("The workflow has no case weights specification to remove.", PytidyWarning, stacklevel=2)
        return evolve(self, case_weights=None)

    def _case_weights_of(self, data: pd.DataFrame) -> tuple[pd.DataFrame, Any]:
        """``(data for the preprocessor, weights or None)`` (R: ``fit.action_case_weights``)."""
        if self.case_weights is None:
            return data, None
        from ..case_weights import is_case_weights

        col = self.case_weights
        if col not in data.columns:
            raise InvalidParameterError(
                f"The case-weights column {col!r} (add_case_weights()) is not in the data; the data have "
                f"{list(data.columns)[:20]}."
            )
        wts = data[col]
        if not is_case_weights(wts):
            raise InvalidParameterError(
                "`col` must select a classed case weights column, as determined by is_case_weights(); "
                f"{col!r} has dtype {wts.dtype}. For example, it could be a column created by "
                "tm.frequency_weights() or tm.importance_weights()."
            )
        if self.recipe is None:   # formula/variables: `y ~ .` must not pick up the weights
            data = data.drop(columns=[col])
        return data, wts

    # -- extractors (R: workflows R/extract.R) ---------------------------------------------------
    def extract_spec_parsnip(self) -> ModelSpec:
        """The model specification (R: ``extract_spec_parsnip``)."""
        if self.spec is None:
            raise InvalidParameterError("The workflow has no model; add one with add_model().")
        return self.spec

    def extract_preprocessor(self) -> Any:
        """The recipe, the formula string, or the variables as ``{"outcomes", "predictors"}`` (R)."""
        if self.recipe is not None:
            return self.recipe
        if self.variables is not None:
            return {"outcomes": [self.variables[0]], "predictors": list(self.variables[1])}
        if self.formula is not None:
            return self.formula
        raise InvalidParameterError("The workflow has no preprocessor; add one with add_recipe(), add_formula() "
                                    "or add_variables().")

    def extract_recipe(self, estimated: bool = True) -> Any:
        """The recipe; ``estimated=True`` (R's default) needs a fitted workflow."""
        if estimated:
            raise NotFittedError("extract_recipe(estimated=True) needs a fitted workflow; call fit() first, "
                                 "or use estimated=False for the unprepped recipe.")
        if self.recipe is None:
            raise InvalidParameterError("The workflow has no recipe; its preprocessor is a formula or variables.")
        return self.recipe

    def extract_fit_parsnip(self) -> ModelFit:
        raise NotFittedError("extract_fit_parsnip() needs a fitted workflow; call wf.fit(data) first.")

    def extract_fit_engine(self) -> Any:
        raise NotFittedError("extract_fit_engine() needs a fitted workflow; call wf.fit(data) first.")

    def extract_mold(self) -> Any:
        raise NotFittedError("extract_mold() needs a fitted workflow; call wf.fit(data) first.")

    def extract_parameter_dials(self, parameter: str) -> Any:
        """One tuning parameter of the workflow by id (R: ``extract_parameter_dials``).

        Examples
        --------
        >>> from pytidy import linear_reg, tune
        >>> wf = workflow("y ~ x", linear_reg(penalty=tune()).set_engine("glmnet"))
        >>> wf.extract_parameter_dials("penalty").label
        'Amount of Regularization'
        """
        pset = self.parameters()
        if parameter not in pset.ids:
            raise InvalidParameterError(
                f"`parameter` in extract_parameter_dials() must be one of the tuned ids {pset.ids}; got {parameter!r}."
            )
        return pset[parameter]

    def predict(self, *args: Any, **kwargs: Any) -> Any:
        raise NotFittedError("predict() needs a fitted workflow; call wf.fit(data) first.")

    @property
    def mode(self) -> str:
        return self.extract_spec_parsnip().mode

    # -- tuning ---------------------------------------------------------------------------------
    def tune_args(self) -> list[str]:
        """Ids of every ``tune()`` placeholder, model first, then recipe."""
        ids = [a["id"] for a in self.spec.tune_args()] if self.spec is not None else []
        if self.recipe is not None:
            ids += [row["id"] for row in self.recipe.tunable()]
        return ids

    def parameters(self) -> Any:
        """The tunable parameters as a dials :class:`~pytidy.dials.ParameterSet` (R: ``extract_parameter_set_dials``).

        Model parameters come first, in the model's argument order, then recipe parameters.
        """
        from ..dials import ParameterSet

        rows = self.spec.tunable_rows() if self.spec is not None else []
        if self.recipe is not None:
            rows += list(self.recipe.tunable())
        return ParameterSet.from_rows(rows)

    extract_parameter_set_dials = parameters

    def mold_predictors(self, data: pd.DataFrame) -> pd.DataFrame:
        """The predictors the model would see for ``data``: after the recipe or formula, without the outcome.

        Used to finalize data-dependent ranges such as ``mtry()`` (R: tune's ``check_parameters``
        finalizes on ``.fit_pre(workflow, data)$pre$mold$predictors``), so the outcome is never
        counted as a predictor.

        Examples
        --------
        >>> import pandas as pd
        >>> from pytidy import linear_reg
        >>> df = pd.DataFrame({"y": [1.0, 2.0, 4.0], "a": [1.0, 2.0, 3.0], "b": [0.0, 1.0, 0.0]})
        >>> workflow("y ~ .", linear_reg()).mold_predictors(df).columns.tolist()
        ['a', 'b']
        """
        if not isinstance(data, pd.DataFrame):
            raise InvalidParameterError(f"`data` in mold_predictors() must be a pandas DataFrame; got {type(data).__name__}.")
        if self.case_weights is not None and self.recipe is None and self.case_weights in data.columns:
            data = data.drop(columns=[self.case_weights])
        if self.recipe is not None:
            left = self.recipe.tunable()
            if left:
                raise InvalidParameterError(
                    "Some tuning parameters require finalization but there are recipe parameters that require "
                    f"tuning ({[r['id'] for r in left]}). Set the ranges of the parameters with unknown() bounds "
                    "yourself: pass param_info=wf.parameters().update(mtry=mtry((1, 10))) to the tuning function."
                )
            prepped = self.recipe.prep(training=data)
            _, predictors = _roles(prepped)
            return prepped.bake(new_data=None).loc[:, predictors]
        if self.formula is not None:
            from ..parsnip._mold import mold_formula

            spec = self.extract_spec_parsnip()
            info = get_engine(spec.model, spec._engine_or_default(), spec._mode_or_only())
            return mold_formula(self.formula, data, info.encoding)[0]
        raise InvalidParameterError("The workflow has no preprocessor; add one with add_recipe() or add_formula().")

    def finalize_workflow(self, parameters: Any) -> Workflow:
        """Replace ``tune()`` placeholders by values (R: ``finalize_workflow``).

        ``parameters`` is a dict of id to value or a one-row DataFrame such as ``select_best()``
        returns (extra columns like ``.config`` are ignored).
        """
        values = _param_values(parameters)
        out = self
        if self.spec is not None:
            out = evolve(out, spec=self.spec.finalize(values))
        if self.recipe is not None and self.recipe.tunable():
            out = evolve(out, recipe=self.recipe.finalize(values))
        return out

    # tune_grid(), fit_resamples(), last_fit(), tune_bayes() (installed by pytidy.tune) and
    # tune_race_anova(), tune_race_win_loss(), tune_sim_anneal() (installed by pytidy.finetune)
    # become methods through install_workflow_verb(): workflows sits below tune in the layer order
    # (docs/dev/layers.md) and never imports it. The block below only declares them to type
    # checkers (it never runs), so `wf.tune_grid(folds)` is checked against tune_grid's signature.
    if TYPE_CHECKING:
        tune_grid = _tune_grid
        fit_resamples = _fit_resamples
        last_fit = _last_fit
        tune_bayes = _tune_bayes
        tune_race_anova = _tune_race_anova
        tune_race_win_loss = _tune_race_win_loss
        tune_sim_anneal = _tune_sim_anneal

    # -- fitting --------------------------------------------------------------------------------
    def fit(self, data: pd.DataFrame, *, seed: SeedLike = None) -> FittedWorkflow:
        """Prep the recipe (or apply the formula) on ``data`` and fit the model (R: ``fit.workflow``).

        Examples
        --------
        >>> import pandas as pd
        >>> from pytidy import linear_reg, recipe
        >>> df = pd.DataFrame({"y": [1.0, 3.0, 5.0, 7.0], "x": [1.0, 2.0, 3.0, 4.0]})
        >>> wf = workflow().add_model(linear_reg()).add_recipe(recipe("y ~ .", df))
        >>> wf.fit(df).predict(pd.DataFrame({"x": [5.0]}))
           .pred
        0    9.0
        """
        spec = self.extract_spec_parsnip()
        if self.case_weights is not None:
            data = as_frame(data, "data", "fit()")
        data, wts = self._case_weights_of(data)
        if self.recipe is not None:
            data = as_frame(data, "data", "fit()")  # polars, pyarrow, nullable dtypes: pytidy/_frames.py
            left = self.recipe.tunable()
            if left:
                raise InvalidParameterError(
                    f"The recipe still has tune() placeholders ({[r['id'] for r in left]}); "
                    "choose values with finalize_workflow() before fitting."
                )
            prepped = self.recipe.prep(training=data)
            baked = prepped.bake(new_data=None)
            outcomes, predictors = _roles(prepped)
            _check_recipe_outcomes(spec, outcomes)
            if wts is not None and self.case_weights is not None:  # weights come only from the column
                wts = _recipe_case_weights(self.case_weights, baked, wts)
            fitted = fit_xy(spec, baked.loc[:, predictors], outcome_columns(baked, outcomes), seed=seed,
                            case_weights=wts)
            return FittedWorkflow(self, prepped, fitted)
        if self.formula is not None:
            return FittedWorkflow(self, None, fit_formula(spec, self.formula, data, seed=seed, case_weights=wts))
        raise InvalidParameterError("The workflow has no preprocessor; add one with add_recipe() or add_formula().")

    def __repr__(self) -> str:
        pre = ("Recipe" if self.recipe is not None else "Variables" if self.variables is not None
               else "Formula" if self.formula else "None")
        lines = ["== Workflow ==========================", f"Preprocessor: {pre}",
                 f"Model: {self.spec.model + '()' if self.spec is not None else 'None'}", ""]
        if self.variables is not None:
            lines += ["-- Preprocessor ----", f"Outcomes: {self.variables[0]}",
                      f"Predictors: {', '.join(self.variables[1])}", ""]
        elif self.formula:
            lines += ["-- Preprocessor ----", self.formula, ""]
        elif self.recipe is not None:
            lines += ["-- Preprocessor ----", repr(self.recipe), ""]
        if self.case_weights is not None:
            lines += ["-- Case Weights ----", self.case_weights, ""]
        if self.spec is not None:
            lines += ["-- Model ----", repr(self.spec)]
        return "\n".join(lines)


def _check_recipe_outcomes(spec: ModelSpec, outcomes: list[str]) -> None:
    """One outcome, or several for an engine that takes them (R: ``recipe(y1 + y2 ~ ., data)`` with tabnet)."""
    if not outcomes:
        raise InvalidParameterError("The recipe has no outcome; a model fit needs one (give the recipe a formula "
                                    "such as 'y ~ .' or add_role(..., new_role='outcome')).")
    if len(outcomes) == 1:
        return
    from ..parsnip.registry import get_engine

    engine = spec._engine_or_default()
    if not get_engine(spec.model, engine, spec._mode_or_only()).multi_outcome:
        raise NotImplementedError(
            f"The recipe has several outcomes ({outcomes}), but {spec.model}() with the {engine!r} engine fits one "
            "outcome. Only engines that take several outcomes (tabnet) fit them; use one workflow per outcome."
        )


def _recipe_case_weights(col: str, baked: pd.DataFrame, wts: Any) -> Any:
    """The weights of the rows the recipe kept (R: taken from the mold, after the recipe)."""
    from ..case_weights import is_case_weights

    if col in baked.columns:
        if not is_case_weights(baked[col]):
            raise InvalidParameterError(
                f"The column {col!r} with a recipes role of 'case_weights' must be a classed case weights column, "
                "as determined by is_case_weights(). Did you modify the case weights while processing the recipe?"
            )
        return baked[col]
    if len(wts) != len(baked):
        raise InvalidParameterError(
            f"The recipe changed the number of rows ({len(wts)} -> {len(baked)}) but dropped the case-weights "
            f"column {col!r}, so the weights cannot be matched to the rows. Keep the column in the recipe."
        )
    return wts


def _roles(prepped: Any) -> tuple[list[str], list[str]]:
    return prepped.outcomes, prepped.predictors


def _plain(value: Any) -> Any:
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, np.bool_):
        return bool(value)
    return value


def _param_values(parameters: Any) -> dict[str, Any]:
    if isinstance(parameters, pd.DataFrame):
        if len(parameters) != 1:
            raise InvalidParameterError(
                f"finalize_workflow() needs one row of parameters (as select_best() gives); got {len(parameters)} rows."
            )
        parameters = parameters.iloc[0].to_dict()
    elif isinstance(parameters, pd.Series):
        parameters = parameters.to_dict()
    if not isinstance(parameters, dict):
        raise InvalidParameterError(
            f"finalize_workflow() takes a dict or a one-row DataFrame of parameters; got {type(parameters).__name__}."
        )
    return {k: _plain(v) for k, v in parameters.items() if not str(k).startswith(".")}


@frozen(eq=False)
class FittedWorkflow:
    """A fitted workflow: the prepped recipe (if any) and the fitted model."""

    workflow: Workflow
    prepped: Any
    model_fit: ModelFit

    @property
    def outcome(self) -> str:
        return self.model_fit.outcome

    @property
    def lvl(self) -> tuple[str, ...] | None:
        return self.model_fit.lvl

    @property
    def mode(self) -> str:
        return self.model_fit.mode

    def fit(self, data: pd.DataFrame, *, seed: SeedLike = None) -> FittedWorkflow:
        """Refit the same workflow on ``data`` (R: fitting a trained workflow refits it)."""
        return self.workflow.fit(data, seed=seed)

    def _new_data(self, new_data: Any, owner: str) -> pd.DataFrame:
        """``new_data`` as a pandas frame; a 2-D numpy array gets the recipe's variable names."""
        info = self.prepped.var_info
        outcomes = set(info.loc[info["role"] == "outcome", "variable"])
        every = [str(c) for c in self.prepped.recipe.template.columns]  # the data's own column order
        inputs = [c for c in every if c not in outcomes]
        width = getattr(new_data, "shape", (0, 0))[1] if getattr(new_data, "ndim", 0) == 2 else -1
        return as_frame(new_data, "new_data", owner, columns=every if width == len(every) else inputs)

    def forge_predictors(self, new_data: Any) -> pd.DataFrame:
        """The predictors of ``new_data`` after the recipe, as the model saw them."""
        if self.prepped is None:
            return self.model_fit.forge(new_data)
        baked = self.prepped.bake(self._new_data(new_data, "predict()"))
        return self.model_fit.forge(baked)

    def predict(self, new_data: pd.DataFrame, type: str | None = None, **opts: Any) -> pd.DataFrame:
        """Bake ``new_data`` with the recipe and predict (R: ``predict.workflow``).

        Returns R's columns (``.pred_class``, ``.pred_<level>``, ``.pred``) with the index of
        ``new_data``, so ``pd.concat([test, fitted.predict(test)], axis=1)`` lines up (R: ``bind_cols``).
        """
        if self.prepped is None:
            return self.model_fit.predict(new_data, type=type, **opts)
        baked = self.prepped.bake(self._new_data(new_data, "predict()"))
        return self.model_fit.predict(baked, type=type, **opts)

    def augment(self, new_data: pd.DataFrame, **opts: Any) -> pd.DataFrame:
        """``new_data`` with the predictions in front (R: ``augment.workflow``); see ``ModelFit.augment``."""
        from ..parsnip.fit import augment_frame

        return augment_frame(self.model_fit, new_data, self.predict, **opts)

    def extract_fit_parsnip(self) -> ModelFit:
        """The fitted parsnip model (R: ``extract_fit_parsnip``; ``pull_workflow_fit`` is its old name)."""
        return self.model_fit

    pull_workflow_fit = extract_fit_parsnip

    def extract_fit_engine(self) -> Any:
        return self.model_fit.fit

    def extract_recipe(self, estimated: bool = True) -> Any:
        if self.workflow.recipe is None:
            raise InvalidParameterError("The workflow has no recipe; its preprocessor is a formula.")
        return self.prepped if estimated else self.workflow.recipe

    def extract_spec_parsnip(self) -> ModelSpec:
        return self.model_fit.spec

    def extract_preprocessor(self) -> Any:
        return self.workflow.extract_preprocessor()

    def extract_workflow(self) -> FittedWorkflow:
        return self

    def extract_mold(self) -> Any:
        """What the preprocessor learned: the prepped recipe, or the formula's blueprint (R: ``extract_mold``).

        R's mold also holds the training predictors and outcomes; pytidy does not keep the
        training data, so only the blueprint part is returned.
        """
        return self.prepped if self.prepped is not None else self.model_fit.blueprint

    def extract_parameter_set_dials(self) -> Any:
        """The tunable parameters of the workflow (R: ``extract_parameter_set_dials``)."""
        return self.workflow.parameters()

    def extract_parameter_dials(self, parameter: str) -> Any:
        """One tuning parameter by id (R: ``extract_parameter_dials``)."""
        return self.workflow.extract_parameter_dials(parameter)

    # R: a trained workflow's add/update/remove verbs return the workflow reset to untrained.
    def add_model(self, spec: ModelSpec, formula: str | None = None) -> Workflow:
        return self.workflow.add_model(spec, formula=formula)

    def update_model(self, spec: ModelSpec, formula: str | None = None) -> Workflow:
        """Replace the model; returns the *unfitted* workflow, as R resets a trained workflow.

        Examples
        --------
        >>> import pandas as pd
        >>> from pytidy import linear_reg
        >>> df = pd.DataFrame({"y": [1.0, 3.0, 4.0], "x": [1.0, 2.0, 3.0]})
        >>> fitted = workflow("y ~ x", linear_reg()).fit(df)
        >>> type(fitted.update_model(linear_reg(penalty=0.1).set_engine("glmnet"))).__name__
        'Workflow'
        """
        return self.workflow.update_model(spec, formula=formula)

    def remove_model(self) -> Workflow:
        return self.workflow.remove_model()

    def add_recipe(self, recipe: Any, blueprint: Any = None) -> Workflow:
        return self.workflow.add_recipe(recipe, blueprint=blueprint)

    def update_recipe(self, recipe: Any, blueprint: Any = None) -> Workflow:
        """Replace the recipe; returns the unfitted workflow (R)."""
        return self.workflow.update_recipe(recipe, blueprint=blueprint)

    def remove_recipe(self) -> Workflow:
        return self.workflow.remove_recipe()

    def add_formula(self, formula: str, blueprint: Any = None) -> Workflow:
        return self.workflow.add_formula(formula, blueprint=blueprint)

    def update_formula(self, formula: str, blueprint: Any = None) -> Workflow:
        """Replace the formula; returns the unfitted workflow (R)."""
        return self.workflow.update_formula(formula, blueprint=blueprint)

    def remove_formula(self) -> Workflow:
        return self.workflow.remove_formula()

    def add_variables(self, outcomes: Any, predictors: Any, blueprint: Any = None) -> Workflow:
        return self.workflow.add_variables(outcomes, predictors, blueprint=blueprint)

    def update_variables(self, outcomes: Any, predictors: Any, blueprint: Any = None) -> Workflow:
        """Replace the variables; returns the unfitted workflow (R)."""
        return self.workflow.update_variables(outcomes, predictors, blueprint=blueprint)

    def remove_variables(self) -> Workflow:
        return self.workflow.remove_variables()

    def add_case_weights(self, col: str) -> Workflow:
        return self.workflow.add_case_weights(col)

    def update_case_weights(self, col: str) -> Workflow:
        """Replace the case weights; returns the unfitted workflow (R)."""
        return self.workflow.update_case_weights(col)

    def remove_case_weights(self) -> Workflow:
        return self.workflow.remove_case_weights()

    def tidy(self, what: str = "model", **opts: Any) -> pd.DataFrame:
        """The model's or the recipe's tidy summary (R: ``tidy.workflow(x, what = "model")``).

        ``what="model"`` gives the fitted model's ``tidy()`` (e.g. ``lm`` coefficients) where the
        engine has one; ``what="recipe"`` the prepped recipe's ``tidy(**opts)``.

        Examples
        --------
        >>> import pandas as pd
        >>> from pytidy import linear_reg
        >>> df = pd.DataFrame({"y": [1.0, 3.0, 5.2, 7.0], "x": [1.0, 2.0, 3.0, 4.0]})
        >>> workflow("y ~ x", linear_reg()).fit(df).tidy()["term"].tolist()
        ['(Intercept)', 'x']
        """
        if what == "model":
            return self.model_fit.tidy(**opts)
        if what == "recipe":
            if self.prepped is None:
                raise InvalidParameterError("tidy(what='recipe'): the workflow has no recipe; its preprocessor is "
                                            "a formula or variables.")
            return self.prepped.tidy(**opts)
        raise InvalidParameterError(f"`what` in tidy() must be 'model' or 'recipe'; got {what!r}.")

    def glance(self) -> pd.DataFrame:
        """One row of model statistics, where the engine has them (R: ``glance.workflow``)."""
        method = getattr(self.model_fit, "glance", None)
        if method is None:
            method = getattr(self.model_fit.fit, "glance", None)
        if method is None:
            spec = self.model_fit.spec
            raise NotImplementedError(f"glance() is not implemented for {spec.model}({spec.engine}) fits.")
        return method()

    def save(self, path: str | Path) -> Path:
        """Write the fitted workflow to ``path`` as a model file that runs no code when loaded.

        Beyond R (R saves with ``saveRDS``, which stores closures too): the file is a checksummed zip
        of JSON, ``.npy`` arrays, safetensors tensors, skops scikit-learn objects and native
        xgboost/lightgbm models (``docs/model-files.md``). Saving is atomic: the file is written
        under a temporary name in the same folder, synced and renamed, so a failed save leaves a
        previous file at ``path`` intact. Read it back with :func:`load_workflow`.

        Parameters
        ----------
        path : str or Path
            The file to write, e.g. ``"model.pytidy"``.

        Returns
        -------
        Path

        Raises
        ------
        NotSerializableError
            If the workflow holds something that cannot be stored as data, such as a
            ``step_mutate()`` with a Python function; the message names it and where it is.

        Examples
        --------
        >>> import pandas as pd, tempfile, pathlib
        >>> from pytidy import linear_reg
        >>> df = pd.DataFrame({"y": [1.0, 3.0, 5.0, 7.5], "x": [1.0, 2.0, 3.0, 4.0]})
        >>> fitted = workflow().add_model(linear_reg()).add_formula("y ~ x").fit(df)
        >>> path = fitted.save(pathlib.Path(tempfile.mkdtemp()) / "model.pytidy")
        >>> load_workflow(path).predict(df).equals(fitted.predict(df))
        True
        """
        from ._serialize import write_model_file

        return write_model_file(path, self)

    def __repr__(self) -> str:
        return repr(self.workflow).replace("== Workflow", "== Workflow [trained]", 1)


#: The verbs of upper layers installed on Workflow: {method name: module that installed it}.
_INSTALLED_VERBS: dict[str, str] = {}


def install_workflow_verb(name: str, fn: Callable[..., Any]) -> None:
    """Make the verb ``fn(workflow, ...)`` callable as the method ``Workflow.<name>``.

    pytidy.tune installs ``tune_grid``, ``fit_resamples`` and ``last_fit`` and pytidy.finetune
    ``tune_race_anova`` when they are imported (``import pytidy`` imports both), so
    ``wf.tune_grid(folds)`` is ``tune_grid(wf, folds)`` without workflows importing tune
    (R dispatches ``tune_grid(<workflow>)`` the same way: tune defines the method for a class
    that workflows owns).

    Parameters
    ----------
    name : str
        The method name; an existing Workflow attribute is refused unless installed earlier by
        this function (re-importing a module re-installs its verbs).
    fn : callable
        A function whose first parameter is the workflow.

    Raises
    ------
    InvalidParameterError
        If ``name`` is not an identifier or would replace one of Workflow's own attributes.

    Examples
    --------
    >>> def n_steps(wf):
    ...     return 0 if wf.recipe is None else len(wf.recipe.steps)
    >>> install_workflow_verb("n_steps", n_steps)
    >>> workflow().n_steps()
    0
    >>> del Workflow.n_steps, _INSTALLED_VERBS["n_steps"]
    """
    if not isinstance(name, str) or not name.isidentifier():
        raise InvalidParameterError(f"`name` in install_workflow_verb() must be an identifier; got {name!r}.")
    if not callable(fn):
        raise InvalidParameterError(f"`fn` in install_workflow_verb() must be callable; got {type(fn).__name__}.")
    if hasattr(Workflow, name) and name not in _INSTALLED_VERBS:
        raise InvalidParameterError(
            f"install_workflow_verb(): {name!r} is already an attribute of Workflow; choose another name."
        )
    setattr(Workflow, name, fn)
    _INSTALLED_VERBS[name] = getattr(fn, "__module__", "?")


def workflow(preprocessor: Any = None, spec: ModelSpec | None = None) -> Workflow:
    """An empty workflow, or one with a preprocessor and model (R: ``workflow()``).

    Examples
    --------
    >>> from pytidy import linear_reg
    >>> wf = workflow().add_model(linear_reg()).add_formula("y ~ x")
    >>> wf.formula
    'y ~ x'
    """
    wf = Workflow()
    if preprocessor is not None:
        wf = wf.add_formula(preprocessor) if isinstance(preprocessor, str) else wf.add_recipe(preprocessor)
    if spec is not None:
        wf = wf.add_model(spec)
    return wf


def load_workflow(path: str | Path) -> FittedWorkflow:
    """Read a fitted workflow written by :meth:`FittedWorkflow.save`, running no code from the file.

    The file is checked before anything is built from it: its closing sha256 checksum (bytes
    altered, appended or cut off), the manifest's format (a newer ``format_version`` is refused)
    and each member's sha256. Objects are then rebuilt from data only: arrays with
    ``np.load(allow_pickle=False)``, tensors with safetensors, scikit-learn objects with skops and
    a fixed trusted-type list, classes only from pytidy's allow-list (never by unpickling).

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    FittedWorkflow

    Raises
    ------
    ModelFileError
        For a missing, empty, truncated, altered or foreign file, a directory, a pickle, a newer
        format version, a class not on the allow-list, or a file that holds no fitted workflow.

    Examples
    --------
    >>> import pandas as pd, tempfile, pathlib
    >>> from pytidy import linear_reg
    >>> df = pd.DataFrame({"y": [1.0, 3.0, 5.0, 7.5], "x": [1.0, 2.0, 3.0, 4.0]})
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "model.pytidy"
    >>> _ = workflow().add_model(linear_reg()).add_formula("y ~ x").fit(df).save(path)
    >>> load_workflow(path).predict(pd.DataFrame({"x": [5.0]}))[".pred"].round(3).tolist()
    [9.5]
    """
    from ._serialize import read_model_file

    return read_model_file(path, FittedWorkflow, caller="load_workflow")


# -- free-function forms of the verbs (R: add_model(wf, spec) etc.; API.md: tm.verb(x) == x.verb()) ----
def _as_workflow(x: Any, verb: str) -> Any:
    if not isinstance(x, (Workflow, FittedWorkflow)):
        raise InvalidParameterError(f"`x` in {verb}() must be a workflow made with workflow(); got {type(x).__name__}.")
    return x


def update_model(x: Any, spec: ModelSpec, formula: str | None = None) -> Workflow:
    """Replace the model of a workflow (R: ``update_model(x, spec)``); see :meth:`Workflow.update_model`.

    Examples
    --------
    >>> from pytidy import linear_reg
    >>> update_model(workflow("y ~ x", linear_reg()), linear_reg(penalty=1).set_engine("glmnet")).spec.engine
    'glmnet'
    """
    return _as_workflow(x, "update_model").update_model(spec, formula=formula)


def remove_model(x: Any) -> Workflow:
    """Remove the model of a workflow (R: ``remove_model``).

    Examples
    --------
    >>> from pytidy import linear_reg
    >>> remove_model(workflow("y ~ x", linear_reg())).spec is None
    True
    """
    return _as_workflow(x, "remove_model").remove_model()


def update_recipe(x: Any, recipe: Any, blueprint: Any = None) -> Workflow:
    """Replace the recipe of a workflow (R: ``update_recipe``).

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy import recipe
    >>> df = pd.DataFrame({"y": [1.0, 2.0], "x": [3.0, 4.0]})
    >>> update_recipe(workflow(recipe("y ~ .", df)), recipe("y ~ x", df)).recipe is not None
    True
    """
    return _as_workflow(x, "update_recipe").update_recipe(recipe, blueprint=blueprint)


def remove_recipe(x: Any) -> Workflow:
    """Remove the recipe of a workflow (R: ``remove_recipe``).

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy import recipe
    >>> remove_recipe(workflow(recipe("y ~ .", pd.DataFrame({"y": [1.0], "x": [2.0]})))).recipe is None
    True
    """
    return _as_workflow(x, "remove_recipe").remove_recipe()


def update_formula(x: Any, formula: str, blueprint: Any = None) -> Workflow:
    """Replace the formula of a workflow (R: ``update_formula``).

    Examples
    --------
    >>> update_formula(workflow("y ~ x"), "y ~ .").formula
    'y ~ .'
    """
    return _as_workflow(x, "update_formula").update_formula(formula, blueprint=blueprint)


def remove_formula(x: Any) -> Workflow:
    """Remove the formula of a workflow (R: ``remove_formula``).

    Examples
    --------
    >>> remove_formula(workflow("y ~ x")).formula is None
    True
    """
    return _as_workflow(x, "remove_formula").remove_formula()


def add_variables(x: Any, outcomes: Any, predictors: Any, blueprint: Any = None) -> Workflow:
    """Name the outcome and predictors of a workflow (R: ``add_variables``).

    Examples
    --------
    >>> add_variables(workflow(), "y", ["a", "b"]).variables
    ('y', ('a', 'b'))
    """
    return _as_workflow(x, "add_variables").add_variables(outcomes, predictors, blueprint=blueprint)


def update_variables(x: Any, outcomes: Any, predictors: Any, blueprint: Any = None) -> Workflow:
    """Replace the variables of a workflow (R: ``update_variables``).

    Examples
    --------
    >>> update_variables(add_variables(workflow(), "y", "a"), "y", "b").variables
    ('y', ('b',))
    """
    return _as_workflow(x, "update_variables").update_variables(outcomes, predictors, blueprint=blueprint)


def remove_variables(x: Any) -> Workflow:
    """Remove the variables of a workflow (R: ``remove_variables``).

    Examples
    --------
    >>> remove_variables(add_variables(workflow(), "y", "a")).variables is None
    True
    """
    return _as_workflow(x, "remove_variables").remove_variables()


def add_case_weights(x: Any, col: str) -> Workflow:
    """Use the column ``col`` as case weights (R: ``add_case_weights(x, col)``); see :meth:`Workflow.add_case_weights`.

    Examples
    --------
    >>> add_case_weights(workflow(), "w").case_weights
    'w'
    """
    return _as_workflow(x, "add_case_weights").add_case_weights(col)


def update_case_weights(x: Any, col: str) -> Workflow:
    """Replace the case-weights column (R: ``update_case_weights``).

    Examples
    --------
    >>> update_case_weights(add_case_weights(workflow(), "w"), "v").case_weights
    'v'
    """
    return _as_workflow(x, "update_case_weights").update_case_weights(col)


def remove_case_weights(x: Any) -> Workflow:
    """Remove the case weights (R: ``remove_case_weights``).

    Examples
    --------
    >>> remove_case_weights(add_case_weights(workflow(), "w")).case_weights is None
    True
    """
    return _as_workflow(x, "remove_case_weights").remove_case_weights()


def extract_mold(x: Any) -> Any:
    """The preprocessing a fitted workflow learned (R: ``extract_mold``); see :meth:`FittedWorkflow.extract_mold`.

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy import linear_reg
    >>> df = pd.DataFrame({"y": [1.0, 3.0, 4.0], "x": [1.0, 2.0, 3.0]})
    >>> list(extract_mold(workflow("y ~ x", linear_reg()).fit(df)).predictors)
    ['x']
    """
    return _as_workflow(x, "extract_mold").extract_mold()


def extract_parameter_dials(x: Any, parameter: str) -> Any:
    """One tuning parameter of a workflow or model spec by id (R: ``extract_parameter_dials``).

    Examples
    --------
    >>> from pytidy import linear_reg, tune
    >>> extract_parameter_dials(linear_reg(penalty=tune()).set_engine("glmnet"), "penalty").range
    (-10.0, 0.0)
    """
    if isinstance(x, ModelSpec):
        pset = x.extract_parameter_set_dials()
        if parameter not in pset.ids:
            raise InvalidParameterError(
                f"`parameter` in extract_parameter_dials() must be one of the tuned ids {pset.ids}; got {parameter!r}."
            )
        return pset[parameter]
    return _as_workflow(x, "extract_parameter_dials").extract_parameter_dials(parameter)


def glance(x: Any) -> Any:
    """One row of statistics of a fitted model or workflow, where the engine has them (R: ``broom::glance``).

    Examples
    --------
    >>> import pandas as pd
    >>> class Fitted:
    ...     def glance(self):
    ...         return pd.DataFrame({"nobs": [3]})
    >>> glance(Fitted())["nobs"].tolist()
    [3]
    """
    method = getattr(x, "glance", None)
    if method is None:
        raise InvalidParameterError(
            f"glance() does not know objects of type {type(x).__name__}; it calls their `glance` method."
        )
    return method()
