"""Self-assessments: answers, elements and "don't know" actions that fit, and placement rules
that name real statements and answers, with exactly one default band."""

from __future__ import annotations

from builder.check.locations import field_line
from builder.load.loader import Loaded
from builder.model.course import DONT_KNOW, Condition, Diagnostic
from builder.model.problems import Problems


def check_diagnostic_shape(
    loaded: Loaded, path: str, diagnostic: Diagnostic, problems: Problems
) -> None:
    def at(*loc: str | int):
        return field_line(loaded, path, *loc)

    scale_ids = _unique(
        [o.id for o in diagnostic.scale], "answer", lambda n: at("scale", n, "id"), problems
    )
    for n, option in enumerate(diagnostic.scale):
        if option.id == DONT_KNOW:
            problems.error(
                at("scale", n, "id"),
                f'answer id "{DONT_KNOW}" is kept for the "don\'t know" answer: '
                "set `dont_know:` instead",
            )
    element_ids = _unique(
        [e.id for e in diagnostic.elements],
        "element",
        lambda n: at("elements", n, "id"),
        problems,
    )
    _unique([b.id for b in diagnostic.bands], "band", lambda n: at("bands", n, "id"), problems)
    _check_statements(diagnostic, element_ids, at, problems)
    defaults = [n for n, band in enumerate(diagnostic.bands) if not band.rules]
    if len(defaults) != 1:
        where = at("bands", defaults[1]) if len(defaults) > 1 else at("bands")
        problems.error(
            where,
            "exactly one band must have no `rules`: it is the result when no rule applies "
            f"(found {len(defaults)})",
        )
    for b, band in enumerate(diagnostic.bands):
        if band.rules and band.because:
            problems.error(
                at("bands", b, "because"),
                f'band "{band.id}": `because` is for the band without rules; '
                "give each rule its own `because`",
            )
        for r, rule in enumerate(band.rules):
            for c, condition in enumerate(rule.when):
                _check_condition(
                    diagnostic,
                    condition,
                    f'band "{band.id}", rule {r + 1}',
                    lambda *loc, b=b, r=r, c=c: at("bands", b, "rules", r, "when", c, *loc),
                    scale_ids,
                    element_ids,
                    problems,
                )


def _unique(ids: list[str], noun: str, where, problems: Problems) -> set[str]:
    seen: set[str] = set()
    for n, item in enumerate(ids):
        if item in seen:
            problems.error(where(n), f'{noun} id "{item}" is used twice')
        seen.add(item)
    return seen


def _check_statements(diagnostic: Diagnostic, element_ids: set[str], at, problems) -> None:
    used: set[str] = set()
    for n, statement in enumerate(diagnostic.questions):
        label = f'statement "{statement.id}"'
        if element_ids and statement.element is None:
            problems.error(
                at("questions", n, "id"),
                f"{label}: element: is missing (one of: {', '.join(sorted(element_ids))})",
            )
        elif statement.element is not None and statement.element not in element_ids:
            problems.error(
                at("questions", n, "element"),
                f'{label}: element "{statement.element}" is not one of the elements'
                + (f" ({', '.join(sorted(element_ids))})" if element_ids else " (none are set)"),
            )
        used.add(statement.element or "")
        if diagnostic.dont_know and not statement.if_unknown:
            problems.error(
                at("questions", n, "id"),
                f'{label}: if_unknown: is missing: every "don\'t know" becomes an action',
            )
        elif statement.if_unknown and not diagnostic.dont_know:
            problems.error(
                at("questions", n, "if_unknown"),
                f'{label}: if_unknown: needs a "don\'t know" answer: set `dont_know:`',
            )
    for n, element in enumerate(diagnostic.elements):
        if element.id not in used:
            problems.error(at("elements", n, "id"), f'element "{element.id}" has no statements')


def _check_condition(
    diagnostic: Diagnostic,
    condition: Condition,
    label: str,
    at,
    scale_ids: set[str],
    element_ids: set[str],
    problems: Problems,
) -> None:
    statements = {s.id for s in diagnostic.questions}
    if (condition.statement is None) == (condition.element is None):
        problems.error(at(), f"{label}: a condition names one `statement` or one `element`")
    elif condition.statement is not None and condition.statement not in statements:
        problems.error(
            at("statement"),
            f'{label}: statement "{condition.statement}" is not a statement of this questionnaire',
        )
    elif condition.element is not None and condition.element not in element_ids:
        problems.error(
            at("element"), f'{label}: element "{condition.element}" is not one of the elements'
        )
    if condition.at_least is None and condition.at_most is None:
        problems.error(at(), f"{label}: a condition needs `at_least`, `at_most` or both")
    order = [o.id for o in diagnostic.scale]
    for key in ("at_least", "at_most"):
        value = getattr(condition, key)
        if value is not None and value not in scale_ids:
            problems.error(
                at(key),
                f'{label}: {key}: "{value}" is not an answer of the scale ({", ".join(order)})',
            )
    low, high = condition.at_least, condition.at_most
    if low in scale_ids and high in scale_ids and order.index(low) > order.index(high):
        problems.error(at("at_most"), f"{label}: at_most comes before at_least on the scale")
