"""Variable selection from a recipe formula, parsed with formulaic.

Only selection is taken from the formula: ``y ~ .``, ``y ~ a + b``, ``y ~ . - c``,
``y1 + y2 ~ .``, ``~ .`` and backticked names. In-line functions and interactions are refused, as
in R (transformations are steps). The outcome never goes through formulaic's encoding.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import InvalidParameterError

_INLINE = (
    "No in-line functions or interactions should be used in a recipe formula; got {term!r} in {formula!r}. "
    "Use steps to define baking actions (e.g. step_log(), step_interact())."
)


def _side_names(side, formula: str) -> list[str]:
    names: list[str] = []
    for term in side:
        factors = list(term.factors)
        if len(factors) == 1 and str(factors[0]) in ("1", "0"):
            continue
        if len(factors) != 1 or getattr(factors[0].eval_method, "value", "") != "lookup":
            raise InvalidParameterError(_INLINE.format(term=str(term), formula=formula))
        names.append(str(factors[0]))
    return names


def parse_formula(formula: str, columns: Sequence[str]) -> tuple[list[str], list[str]]:
    """Return ``(outcomes, predictors)`` named by ``formula`` over the available ``columns``.

    R: ``recipe.formula`` refuses ``-``; pytidy allows ``- name`` to drop a column from the
    recipe (the same as leaving it out of the formula).

    Examples
    --------
    >>> parse_formula("y ~ .", ["y", "a", "b"])
    (['y'], ['a', 'b'])
    >>> parse_formula("y ~ . - b", ["y", "a", "b"])
    (['y'], ['a'])
    >>> parse_formula("~ `a b`", ["a b", "c"])
    ([], ['a b'])
    """
    from formulaic import Formula
    from formulaic.errors import FormulaParsingError, FormulaSyntaxError

    if not isinstance(formula, str) or "~" not in formula:
        raise InvalidParameterError(
            f"A recipe formula must be a string containing '~', like 'y ~ .'; got {formula!r}."
        )
    columns = [str(c) for c in columns]
    try:
        parsed = Formula(formula, _context={"__formulaic_variables_available__": columns})
    except (FormulaParsingError, FormulaSyntaxError) as exc:
        raise InvalidParameterError(f"Could not parse the recipe formula {formula!r}: {exc}") from exc
    if hasattr(parsed, "lhs"):
        outcomes = _side_names(parsed.lhs, formula)
        predictors = _side_names(parsed.rhs, formula)
    else:
        outcomes, predictors = [], _side_names(parsed, formula)
    unknown = [n for n in outcomes + predictors if n not in set(columns)]
    if unknown:
        raise InvalidParameterError(
            f"The recipe formula {formula!r} names column(s) {unknown} that are not in the data. "
            f"Available columns: {columns[:20]}{' ...' if len(columns) > 20 else ''}."
        )
    predictors = [p for p in predictors if p not in set(outcomes)]
    return list(dict.fromkeys(outcomes)), list(dict.fromkeys(predictors))
