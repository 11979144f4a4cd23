"""The accessibility statement: GOV.UK's model statement, filled from what the build knows
and from `accessibility:` in course.yaml. Missing fields are said plainly, as a draft."""

from __future__ import annotations

import datetime

import jinja2

from builder.interface.catalogue import Interface, babel_locale
from builder.model.accessibility import COMPLIANCE, Accessibility
from builder.model.course import CourseModel
from builder.render.theme_css import shipped_name

STATEMENT_FILE = "accessibility.html"
# Beside the packages in dist/, the statement runs nothing and fetches only its stylesheet.
STANDALONE_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; "
    "form-action 'none'"
)


def statement_facts(model: CourseModel) -> dict[str, object]:
    """What the statement says of the course, its words in the course's language."""
    from babel.dates import format_date

    fields = model.course.accessibility or Accessibility()
    missing = [f"accessibility.{name}" for name in fields.missing()]
    language = model.course.language
    tested = fields.last_tested
    return {
        "organisation": model.course.theme.organisation,
        "contact": fields.contact,
        "enforcement": fields.enforcement,
        "compliance": fields.compliance if fields.compliance in COMPLIANCE else None,
        "last_tested": (
            format_date(tested, "long", locale=babel_locale(language))
            if isinstance(tested, datetime.date)
            else tested
        ),
        "limitations": fields.limitations,
        "missing": missing,
        "missing_text": Interface(language).text(
            "statement.missing_fields", fields=", ".join(missing)
        ),
    }


def render_statement(
    model: CourseModel, env: jinja2.Environment, csp: str = STANDALONE_CSP
) -> bytes:
    """accessibility.html, as dist/ keeps it beside the packages, or with a package's `csp`."""
    logo = model.course.theme.logo
    html = env.get_template("accessibility.html").render(
        course=model.course,
        csp=csp,
        root=None,
        logo_src=shipped_name(logo.file) if logo else None,
        s=statement_facts(model),
    )
    return html.encode("utf-8")
