"""The HTML report's section on course versions and languages: the learners of each, and each
question's learners and facility among them, beside the role figures. Its words come from the
interface catalogues (builder/interface/catalogues), in the report's language."""

from __future__ import annotations

from html import escape
from typing import Any

from builder.interface.catalogue import PSEUDO, Interface, babel_locale, pseudo

from .html_parts import _n, _pct, _question, _table

DIMENSIONS = ("version", "language")


def dimensions_section(report: dict[str, Any], hidden: str, words: Interface) -> str:
    """Learners and facility for each course version and each language met in the records."""
    t = words.text
    parts = []
    for name in DIMENSIONS:
        counts: dict[str, int | None] = report[f"learners_by_{name}"]
        heading = t(f"report.dimension.{name}.heading")
        if not counts:
            parts.append(f"<h3>{escape(heading)}</h3><p>{escape(t(f'report.dimension.{name}.none'))}</p>")
            continue
        shown = {value: _value_name(name, value, words) for value in counts}
        learners = _table(
            t(f"report.dimension.{name}.learners_caption"),
            [t(f"report.dimension.{name}.column"), t("report.dimension.learners")],
            [[shown[v], _n(c, hidden)] for v, c in counts.items()],
            t(f"report.dimension.{name}.learners_label"),
        )
        head = [t("report.dimension.question")]
        for value in counts:
            head += [
                t("report.dimension.group_learners", group=shown[value]),
                t("report.dimension.group_facility", group=shown[value]),
            ]
        rows = []
        for item in report["items"]:
            row = [_question(item)]
            for value in counts:
                group = item[f"by_{name}"].get(value)
                row += [_n(group and group["n"], hidden), _pct(group and group["facility"], hidden)]
            rows.append(row)
        facility = _table(
            t(f"report.dimension.{name}.facility_caption"),
            head,
            rows,
            t(f"report.dimension.{name}.facility_label"),
        )
        parts.append(f"<h3>{escape(heading)}</h3>{learners}{facility}")
    return (
        '<section aria-labelledby="dimensions">'
        f'<h2 id="dimensions">{escape(t("report.dimension.heading"))}</h2>'
        f"<p>{escape(t('report.dimension.intro'))}</p>{''.join(parts)}</section>"
    )


def dimensions_heading(words: Interface) -> str:
    return words.text("report.dimension.heading")


def _value_name(name: str, value: str, words: Interface) -> str:
    """A version as it is; a language tag with the language's name in the report's language."""
    if name != "language":
        return value
    from babel import Locale, UnknownLocaleError

    try:
        known = Locale.parse(value.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return value
    said = known.get_display_name(babel_locale(words.language))
    if said and words.language.lower() == PSEUDO.lower():
        said = pseudo(said)
    return f"{value} ({said})" if said else value
