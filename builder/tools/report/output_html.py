"""The HTML report: one self-contained page (no request leaves it), readable in print, with a
table behind every chart."""

from __future__ import annotations

from html import escape
from typing import Any

from builder.interface.catalogue import SOURCE, Interface

from .html_dimensions import dimensions_heading, dimensions_section
from .html_parts import _n, _num, _pct, _question, _table
from .svg_charts import facility_chart, role_chart, zone_chart

STYLE = """
:root { color: #1b1b1b; background: #ffffff; font: 16px/1.5 system-ui, sans-serif; }
body { margin: 0 auto; max-width: 70rem; padding: 1rem; }
h1 { font-size: 1.7rem; } h2 { font-size: 1.35rem; margin-top: 2.5rem; } h3 { font-size: 1.1rem; }
a { color: #0b4f9c; }
.scroll { overflow-x: auto; max-width: 100%; }
.scroll:focus { outline: 3px solid #0b4f9c; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; font-size: 0.95rem; }
caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
th, td { border: 1px solid #8c8c8c; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
thead th { background: #e8eef6; }
figure { margin: 1rem 0; }
figcaption { font-weight: bold; margin-bottom: 0.5rem; }
svg.chart { max-width: 100%; height: auto; }
.note { color: #3d3d3d; }
.flags { margin: 0; padding-left: 1.2rem; }
@media print {
  nav { display: none; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  figure, tr { break-inside: avoid; }
  h2 { break-after: avoid; }
  .scroll { overflow: visible; }
  a { color: inherit; text-decoration: none; }
}
"""


def as_html(report: dict[str, Any], language: str | None = None) -> str:
    """The page; `language`: the report's language for the words taken from the catalogues."""
    words = Interface(language or SOURCE)
    hidden = report["suppressed"]
    items = report["items"]
    sections = [_overview(report, hidden)]
    sections.append(_questions(items, hidden))
    sections.append(_flagged(items))
    names = report["role_names"]
    if names:
        sections.append(_roles(report, hidden))
    sections.append(dimensions_section(report, hidden, words))
    sections.append(_choices(items, hidden))
    sections.append(_objectives(report["objectives"], hidden, names))
    if report["scenarios"]:
        sections.append(_scenarios(report["scenarios"], hidden, names))
    if report["self_assessment"]:
        sections.append(_self_assessment(report["self_assessment"], hidden, names))
    sections.append(_reading(report))
    toc = [("questions", "Questions"), ("flags", "Questions to look at again")]
    if names:
        toc.append(("roles", report["roles_heading"]))
    toc.append(("dimensions", dimensions_heading(words)))
    toc += [("choices", "Choices"), ("objectives", "Objectives")]
    if report["scenarios"]:
        toc.append(("scenarios", "Scenarios"))
    if report["self_assessment"]:
        toc.append(("self-assessment", "Self-assessment"))
    toc.append(("reading", "How to read this report"))
    nav = "".join(f'<li><a href="#{i}">{escape(t)}</a></li>' for i, t in toc)
    title = f"Results report: {report['course']}"
    return (
        '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>"
        f"<header><h1>{escape(title)}</h1></header>"
        f'<nav aria-label="Sections"><ul>{nav}</ul></nav>'
        f"<main>{''.join(sections)}</main></body></html>\n"
    )


def _overview(report: dict[str, Any], hidden: str) -> str:
    roles, names = report["learners_by_role"], report["role_names"]
    parts = "".join(f"{escape(n.lower())}: {_n(roles[r], hidden)}; " for r, n in names.items())
    split = f" ({parts}no role given: {_n(report['learners_without_role'], hidden)})" if names else ""
    return (
        f"<p>{_n(report['learners'], hidden)} learners gave {_n(report['answers'], hidden)} "
        f"answers{split}.</p>"
        f'<p class="note">Every figure about fewer than {report["min_group"]} learners is left '
        f'out and shown as "{escape(hidden)}", so that no one can be picked out. The report '
        "names no learner.</p>"
    )


def _questions(items: list[dict[str, Any]], hidden: str) -> str:
    rows = []
    for item in items:
        disc = item["discrimination"] or {}
        attempts = item["attempts"] or {}
        first, every = attempts.get("first") or {}, attempts.get("all") or {}
        blank = hidden if item["n"] is None else "not computed"
        rows.append([_question(item), item["module"], item["type"], _n(item["n"], hidden),
                     _pct(item["facility"], hidden),
                     _num(disc.get("point_biserial"), hidden, blank),
                     _num(disc.get("upper_lower"), hidden, blank),
                     _pct(first.get("facility"), hidden), _n(every.get("n"), hidden),
                     _pct(every.get("facility"), hidden),
                     "; ".join(item["flags"]) or "none"])  # fmt: skip
    head = ["Question", "Module", "Type", "Learners", "Facility", "Point-biserial",
            "Upper-lower 27 %", "First attempts right", "All attempts", "All attempts right",
            "Flags"]  # fmt: skip
    return (
        '<section aria-labelledby="questions"><h2 id="questions">Questions</h2>'
        "<figure><figcaption>Facility and discrimination by question (the table below holds "
        f"the same figures)</figcaption>{facility_chart(items, hidden)}</figure>"
        + _table(
            "Every question: facility, discrimination and attempts",
            head,
            rows,
            "Table of questions",
        )  # fmt: skip
        + "</section>"
    )


def _flagged(items: list[dict[str, Any]]) -> str:
    entries = [
        f"<li><strong>{escape(i['id'])}</strong> ({escape(i['module'])}), "
        f"{escape(i.get('prompt') or '')}: "
        + "; ".join(escape(f) for f in i["flags"]) + "</li>"
        for i in items if i["flags"]
    ]  # fmt: skip
    body = (
        f'<ul class="flags">{"".join(entries)}</ul>'
        if entries
        else "<p>No question is flagged.</p>"
    )
    return (
        '<section aria-labelledby="flags"><h2 id="flags">Questions to look at again</h2>'
        "<p>A question is flagged when its facility is above 0.95 or below 0.30, when its "
        "discrimination is negative, when nobody chose one of its distractors, or when a "
        f"distractor was chosen more often than the key.</p>{body}</section>"
    )


def _roles(report: dict[str, Any], hidden: str) -> str:
    items, names = report["items"], report["role_names"]
    roles = list(names)
    shown = [r for r in roles if any(i["by_role"][r] for i in items)]
    head = ["Question"] + [f"{names[r]}: {w}" for r in roles for w in ("learners", "facility")]
    if len(roles) >= 2:  # the first two roles' gap
        head.append(f"Gap, {names[roles[1]].lower()} minus {names[roles[0]].lower()}")
    rows = []
    for item in items:
        row = [_question(item)]
        for role in roles:
            group = item["by_role"][role]
            row += [_n(group and group["n"], hidden), _pct(group and group["facility"], hidden)]
        if len(roles) >= 2:
            first, second = item["by_role"][roles[0]], item["by_role"][roles[1]]
            gap = second["facility"] - first["facility"] if first and second else None
            row.append(hidden if gap is None else f"{gap * 100:+.0f} points")
        rows.append(row)
    chart = (
        "<figure><figcaption>Facility by role (the table below holds the same figures)"
        f"</figcaption>{role_chart(items, shown, names)}</figure>"
        if len(shown) >= 1 else f"<p>Every role group has {escape(hidden)} learners.</p>"
    )  # fmt: skip
    details = []
    for role in roles:
        section = report["roles"][role]
        name = escape(names[role])
        if section is None:
            details.append(f"<h3>{name}</h3><p>{escape(hidden)} learners.</p>")
            continue
        role_rows = []
        for entry in section["items"]:
            disc = entry["discrimination"] or {}
            blank = hidden if entry["n"] is None else "not computed"
            role_rows.append([entry["id"], _n(entry["n"], hidden), _pct(entry["facility"], hidden),
                              _num(disc.get("point_biserial"), hidden, blank),
                              _num(disc.get("upper_lower"), hidden, blank),
                              "; ".join(entry["flags"]) or "none"])  # fmt: skip
        details.append(
            f"<h3>{name} ({section['learners']:,} learners)</h3>"
            + _table(
                f"{names[role]}: every question",
                ["Question", "Learners", "Facility", "Point-biserial", "Upper-lower 27 %", "Flags"],
                role_rows,
                f"Table of questions for {names[role].lower()}",
            )  # fmt: skip
        )
    return (
        f'<section aria-labelledby="roles"><h2 id="roles">{escape(report["roles_heading"])}</h2>'
        + chart
        + _table("Facility by role", head, rows, "Table of facility by role")
        + "".join(details)
        + "</section>"
    )


def _choices(items: list[dict[str, Any]], hidden: str) -> str:
    rows = []
    for item in items:
        for option in item["options"] or []:
            rows.append([f"{item['id']} {option['id']}", option.get("text", ""),
                         "key" if option["key"] else "distractor",
                         _n(option["chosen"], hidden), _pct(option["rate"], hidden)])  # fmt: skip
    table = _table("How often each option was chosen (first attempts)",
                   ["Question and option", "The option says", "Role of the option", "Chosen by",
                    "Share"], rows, "Table of option choices")  # fmt: skip
    return (
        '<section aria-labelledby="choices"><h2 id="choices">Choices</h2>'
        "<p>For single-choice, multiple-response and true/false questions. Matching and "
        f"ordering questions are counted as right or wrong only.</p>{table}</section>"
    )


def _objectives(objectives: list[dict[str, Any]], hidden: str, names: dict[str, str]) -> str:
    rows = []
    for o in objectives:
        row = [
            o["id"],
            o["module"],
            o["text"],
            _n(o["learners"], hidden),
            _pct(o["mastery"], hidden),
        ]
        for role in names:
            group = o["by_role"][role]
            row.append(_pct(group and group["mastery"], hidden))
        rows.append(row)
    head = ["Objective", "Module", "What the trainee will be able to do", "Learners", "Mastery",
            *[f"Mastery: {n.lower()}" for n in names.values()]]  # fmt: skip
    return (
        '<section aria-labelledby="objectives"><h2 id="objectives">Objectives</h2>'
        "<p>Mastery is the share of learners whose last answers to an objective's questions "
        "reach the pass mark of the questions' knowledge check.</p>"
        + _table("Mastery of each objective", head, rows, "Table of objectives")
        + "</section>"
    )


def _scenarios(scenarios: list[dict[str, Any]], hidden: str, names: dict[str, str]) -> str:
    rows = []
    for node in scenarios:
        for choice, score in node["scores"].items():
            said = node.get("choice_texts", {}).get(choice, "")
            row = [f"{node['scenario']} {node['node']} {choice}", said, str(score)]
            for group in (node["all"], *(node["by_role"][r] for r in names)):
                row.append(_pct(group["choices"][choice], hidden) if group else hidden)
            rows.append(row)
    head = ["Scenario, node and choice", "The choice says", "Score", "Everyone",
            *names.values()]  # fmt: skip
    situations = "".join(
        f"<li><strong>{escape(n['scenario'])} {escape(n['node'])}</strong>: "
        f"{escape(n.get('prompt') or '')}</li>"
        for n in scenarios
    )
    return (
        '<section aria-labelledby="scenarios"><h2 id="scenarios">Scenarios</h2>'
        "<p>The share of learners who reached each decision and took each choice there, on "
        "their first run through the scenario.</p>"
        f'<p>The decisions:</p><ul class="flags">{situations}</ul>'
        + _table("Choices at each scenario decision", head, rows, "Table of scenario choices")
        + "</section>"
    )


def _self_assessment(sa: dict[str, Any], hidden: str, role_names: dict[str, str]) -> str:
    groups = ["all", *role_names]
    names = {"all": "Everyone", **role_names}
    zone_rows = []
    for zone, title in sa["zone_titles"].items():
        row = [title]
        for group in groups:
            data = sa["zones"][group]
            row.append(hidden if data is None else _n(data["counts"][zone], hidden))
        zone_rows.append(row)
    element_rows = []
    top = sa["scale_max"]
    for element in sa["element_names"]:
        row = [element]
        for group in groups:
            data = sa["elements"][group]
            value = None if data is None else data[element]["average"]
            row.append(hidden if data is None else (_num(value, hidden, "no scored answer")))
        element_rows.append(row)
    head = ["", *[names[g] for g in groups]]
    return (
        '<section aria-labelledby="self-assessment"><h2 id="self-assessment">Self-assessment'
        "</h2><figure><figcaption>Self-assessment zones by group (the table below holds the "
        f"counts)</figcaption>{zone_chart(sa['zones'], sa['zone_titles'], hidden, role_names)}</figure>"
        + _table("Learners in each zone", ["Zone", *head[1:]], zone_rows, "Table of zones")
        + f"<p>Each element's average answer, on the scale from 0 to {top:g}; answers "
        "without a score, such as \u201cdon't know\u201d, are left out of the average.</p>"
        + _table(
            "Average answer for each element",
            ["Element", *head[1:]],
            element_rows,
            "Table of element averages",
        )  # fmt: skip
        + "</section>"
    )


def _reading(report: dict[str, Any]) -> str:
    return (
        '<section aria-labelledby="reading"><h2 id="reading">How to read this report</h2><dl>'
        "<dt>Facility</dt><dd>The share of learners who answered a question right at their "
        "first attempt. Below 0.30 the question may be too hard or misleading; above 0.95 it "
        "may be too easy to tell anyone apart.</dd>"
        "<dt>Point-biserial</dt><dd>How far being right on this question goes with doing well "
        "on the rest of the questions (from -1 to 1). Around 0.2 or more is good; a negative "
        "value means stronger learners tend to get it wrong, and the key or the wording needs "
        "checking.</dd>"
        "<dt>Upper-lower 27 %</dt><dd>The facility among the 27 % of learners with the best "
        "rest-of-test scores minus the facility among the 27 % with the lowest.</dd>"
        "<dt>All attempts</dt><dd>Every answer, retries included, beside the first attempts.</dd>"
        "</dl></section>"
    )
