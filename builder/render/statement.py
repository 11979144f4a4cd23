"""The accessibility statement: GOV.UK's model statement, filled from what the build knows
and from `accessibility:` in course.yaml. Missing fields are said plainly, as a draft."""

from __future__ import annotations

import datetime

import jinja2

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
    fields = model.course.accessibility or Accessibility()
    missing = [f"accessibility.{name}" for name in fields.missing()]
    return {
        "organisation": model.course.theme.organisation,
        "contact": fields.contact,
        "enforcement": fields.enforcement,
        "compliance": COMPLIANCE.get(fields.compliance or ""),
        "last_tested": (
            fields.last_tested.strftime("%-d %B %Y")
            if isinstance(fields.last_tested, datetime.date)
            else fields.last_tested
        ),
        "limitations": fields.limitations,
        "missing": missing,
        "missing_text": (
            "These fields need a person and are not in course.yaml yet: "
            + ", ".join(missing)
            + ". Fill them in before you publish the course."
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
