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


def say(words: Interface, key: str, number: int | None = None, **html: str) -> str:
    """A catalogue message as HTML: its own words escaped, its placeholders filled with `html`
    (already HTML). A plural message takes the form for `number` (None: a suppressed count)
    and shows `html["count"]` as the number."""
    marks = {name: f"\x00{n}\x00" for n, name in enumerate(html)}
    params = {k: v for k, v in marks.items() if k != "count"}
    if isinstance(words.messages.get(key, words.source[key]), dict):
        text = words.plural(key, number, shown=marks.get("count"), **params)
    else:
        text = words.text(key, **marks)
    text = escape(text, quote=False)
    for name, mark in marks.items():
        text = text.replace(mark, html[name])
    return text


def _section(name: str, heading: str, inner: str) -> str:
    return (
        f'<section aria-labelledby="{name}"><h2 id="{name}">{escape(heading)}</h2>{inner}</section>'
    )


def as_html(report: dict[str, Any], language: str | None = None) -> str:
    """The report as one page, its own words in `language` (en-GB by default)."""
    w = Interface(language or SOURCE)
    hidden = report["suppressed"]
    items = report["items"]
    names = report["role_names"]
    roles_heading = report["roles_heading"] or w.text("report.roles_compared")
    sections = [_overview(report, hidden, w), _questions(items, hidden, w), _flagged(items, w)]
    if names:
        sections.append(_roles(report, hidden, w, roles_heading))
    sections.append(dimensions_section(report, hidden, w))
    sections.append(_choices(items, hidden, w))
    sections.append(_objectives(report["objectives"], hidden, names, w))
    if report["scenarios"]:
        sections.append(_scenarios(report["scenarios"], hidden, names, w))
    if report["self_assessment"]:
        sections.append(_self_assessment(report["self_assessment"], hidden, names, w))
    sections.append(_reading(w))
    toc = [("questions", w.text("report.questions")), ("flags", w.text("report.flagged"))]
    if names:
        toc.append(("roles", roles_heading))
    toc.append(("dimensions", dimensions_heading(w)))
    toc += [("choices", w.text("report.choices")), ("objectives", w.text("report.objectives"))]
    if report["scenarios"]:
        toc.append(("scenarios", w.text("report.scenarios")))
    if report["self_assessment"]:
        toc.append(("self-assessment", w.text("report.self_assessment")))
    toc.append(("reading", w.text("report.reading")))
    nav = "".join(f'<li><a href="#{i}">{escape(t)}</a></li>' for i, t in toc)
    title = w.text("report.title", course=report["course"])
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(w.language)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>"
        f"<header><h1>{escape(title)}</h1></header>"
        f'<nav aria-label="{escape(w.text("report.sections"))}"><ul>{nav}</ul></nav>'
        f"<main>{''.join(sections)}</main></body></html>\n"
    )


def _overview(report: dict[str, Any], hidden: str, w: Interface) -> str:
    roles, names = report["learners_by_role"], report["role_names"]
    parts = "".join(
        say(w, "report.overview_role", role=escape(n.lower()), count=_n(roles[r], hidden))
        for r, n in names.items()
    )
    without = _n(report["learners_without_role"], hidden)
    split = say(w, "report.overview_roles", roles=parts, count=without) if names else ""
    learners, answers = report["learners"], report["answers"]
    said = say(
        w,
        "report.overview",
        learners=say(w, "report.learners", learners, count=_n(learners, hidden)),
        answers=say(w, "report.answers", answers, count=_n(answers, hidden)),
        split=split,
    )
    privacy = say(w, "report.privacy", report["min_group"], hidden=escape(hidden))
    return f'<p>{said}</p><p class="note">{privacy}</p>'


def _questions(items: list[dict[str, Any]], hidden: str, w: Interface) -> str:
    rows = []
    for item in items:
        disc = item["discrimination"] or {}
        attempts = item["attempts"] or {}
        first, every = attempts.get("first") or {}, attempts.get("all") or {}
        blank = hidden if item["n"] is None else w.text("report.not_computed")
        rows.append([_question(item), item["module"], item["type"], _n(item["n"], hidden),
                     _pct(item["facility"], hidden),
                     _num(disc.get("point_biserial"), hidden, blank),
                     _num(disc.get("upper_lower"), hidden, blank),
                     _pct(first.get("facility"), hidden), _n(every.get("n"), hidden),
                     _pct(every.get("facility"), hidden),
                     "; ".join(item["flags"]) or w.text("report.none")])  # fmt: skip
    head = [w.text(f"report.col.{c}") for c in ("question", "module", "type", "learners",
            "facility", "point_biserial", "upper_lower", "first_right", "all_attempts",
            "all_right", "flags")]  # fmt: skip
    return _section(
        "questions",
        w.text("report.questions"),
        f"<figure><figcaption>{say(w, 'report.questions_figure')}</figcaption>"
        f"{facility_chart(items, hidden, w)}</figure>"
        + _table(w.text("report.questions_caption"), head, rows, w.text("report.questions_table")),
    )


def _flagged(items: list[dict[str, Any]], w: Interface) -> str:
    entries = [
        f"<li><strong>{escape(i['id'])}</strong> ({escape(i['module'])}), "
        f"{escape(i.get('prompt') or '')}: "
        + "; ".join(escape(f) for f in i["flags"]) + "</li>"
        for i in items if i["flags"]
    ]  # fmt: skip
    body = (
        f'<ul class="flags">{"".join(entries)}</ul>'
        if entries
        else f"<p>{say(w, 'report.flagged_none')}</p>"
    )
    intro = say(w, "report.flagged_intro")
    return _section("flags", w.text("report.flagged"), f"<p>{intro}</p>{body}")


def _roles(report: dict[str, Any], hidden: str, w: Interface, heading: str) -> str:
    items, names = report["items"], report["role_names"]
    roles = list(names)
    shown = [r for r in roles if any(i["by_role"][r] for i in items)]
    head = [w.text("report.col.question")] + [
        w.text(f"report.role_{what}", role=names[r])
        for r in roles
        for what in ("learners", "facility")
    ]
    if len(roles) >= 2:  # the first two roles' gap
        first, second = names[roles[0]].lower(), names[roles[1]].lower()
        head.append(w.text("report.role_gap", first=first, second=second))
    rows = []
    for item in items:
        row = [_question(item)]
        for role in roles:
            group = item["by_role"][role]
            row += [_n(group and group["n"], hidden), _pct(group and group["facility"], hidden)]
        if len(roles) >= 2:
            first, second = item["by_role"][roles[0]], item["by_role"][roles[1]]
            gap = second["facility"] - first["facility"] if first and second else None
            row.append(hidden if gap is None else _points(gap, w))
        rows.append(row)
    chart = (
        f"<figure><figcaption>{say(w, 'report.roles_figure')}"
        f"</figcaption>{role_chart(items, shown, names, w)}</figure>"
        if len(shown) >= 1
        else f"<p>{say(w, 'report.roles_all_hidden', hidden=escape(hidden))}</p>"
    )
    details = []
    for role in roles:
        section = report["roles"][role]
        name = escape(names[role])
        if section is None:
            learners = say(w, "report.learners", None, count=escape(hidden))
            details.append(f"<h3>{name}</h3><p>{learners}.</p>")
            continue
        role_rows = []
        for entry in section["items"]:
            disc = entry["discrimination"] or {}
            blank = hidden if entry["n"] is None else w.text("report.not_computed")
            role_rows.append([entry["id"], _n(entry["n"], hidden), _pct(entry["facility"], hidden),
                              _num(disc.get("point_biserial"), hidden, blank),
                              _num(disc.get("upper_lower"), hidden, blank),
                              "; ".join(entry["flags"]) or w.text("report.none")])  # fmt: skip
        count = section["learners"]
        learners = say(w, "report.learners", count, count=f"{count:,}")
        details.append(
            f"<h3>{say(w, 'report.role_heading', role=name, learners=learners)}</h3>"
            + _table(
                w.text("report.role_caption", role=names[role]),
                [
                    w.text(f"report.col.{c}")
                    for c in (
                        "question",
                        "learners",
                        "facility",
                        "point_biserial",
                        "upper_lower",
                        "flags",
                    )
                ],
                role_rows,
                w.text("report.role_table", role=names[role].lower()),
            )  # fmt: skip
        )
    return _section(
        "roles",
        heading,
        chart
        + _table(w.text("report.roles_caption"), head, rows, w.text("report.roles_table"))
        + "".join(details),
    )


def _points(gap: float, w: Interface) -> str:
    return w.text("report.gap_points", gap=f"{gap * 100:+.0f}")


def _choices(items: list[dict[str, Any]], hidden: str, w: Interface) -> str:
    rows = []
    for item in items:
        for option in item["options"] or []:
            rows.append([f"{item['id']} {option['id']}", option.get("text", ""),
                         w.text("report.key" if option["key"] else "report.distractor"),
                         _n(option["chosen"], hidden), _pct(option["rate"], hidden)])  # fmt: skip
    head = [w.text(f"report.col.{c}")
            for c in ("option", "option_says", "option_role", "chosen_by", "share")]  # fmt: skip
    table = _table(w.text("report.choices_caption"), head, rows, w.text("report.choices_table"))
    intro = say(w, "report.choices_intro")
    return _section("choices", w.text("report.choices"), f"<p>{intro}</p>{table}")


def _objectives(
    objectives: list[dict[str, Any]], hidden: str, names: dict[str, str], w: Interface
) -> str:
    rows = []
    for o in objectives:
        row = [o["id"], o["module"], o["text"], _n(o["learners"], hidden),
               _pct(o["mastery"], hidden)]  # fmt: skip
        for role in names:
            group = o["by_role"][role]
            row.append(_pct(group and group["mastery"], hidden))
        rows.append(row)
    head = [
        w.text(f"report.col.{c}")
        for c in ("objective", "module", "objective_text", "learners", "mastery")
    ]
    head += [w.text("report.role_mastery", role=n.lower()) for n in names.values()]
    return _section(
        "objectives",
        w.text("report.objectives"),
        f"<p>{say(w, 'report.objectives_intro')}</p>"
        + _table(
            w.text("report.objectives_caption"), head, rows, w.text("report.objectives_table")
        ),
    )


def _scenarios(
    scenarios: list[dict[str, Any]], hidden: str, names: dict[str, str], w: Interface
) -> str:
    rows = []
    for node in scenarios:
        for choice, score in node["scores"].items():
            said = node.get("choice_texts", {}).get(choice, "")
            row = [f"{node['scenario']} {node['node']} {choice}", said, str(score)]
            for group in (node["all"], *(node["by_role"][r] for r in names)):
                row.append(_pct(group["choices"][choice], hidden) if group else hidden)
            rows.append(row)
    head = [w.text(f"report.col.{c}") for c in ("scenario_choice", "choice_says", "score")]
    head += [w.text("report.everyone"), *names.values()]
    situations = "".join(
        f"<li><strong>{escape(n['scenario'])} {escape(n['node'])}</strong>: "
        f"{escape(n.get('prompt') or '')}</li>"
        for n in scenarios
    )
    return _section(
        "scenarios",
        w.text("report.scenarios"),
        f"<p>{say(w, 'report.scenarios_intro')}</p>"
        f'<p>{say(w, "report.decisions")}</p><ul class="flags">{situations}</ul>'
        + _table(w.text("report.scenarios_caption"), head, rows, w.text("report.scenarios_table")),
    )


def _self_assessment(
    sa: dict[str, Any], hidden: str, role_names: dict[str, str], w: Interface
) -> str:
    groups = ["all", *role_names]
    names = {"all": w.text("report.everyone"), **role_names}
    zone_rows = []
    for zone, title in sa["zone_titles"].items():
        row = [title]
        for group in groups:
            data = sa["zones"][group]
            row.append(hidden if data is None else _n(data["counts"][zone], hidden))
        zone_rows.append(row)
    element_rows = []
    none_scored = w.text("report.no_scored_answer")
    for element in sa["element_names"]:
        row = [element]
        for group in groups:
            data = sa["elements"][group]
            value = None if data is None else data[element]["average"]
            row.append(hidden if data is None else _num(value, hidden, none_scored))
        element_rows.append(row)
    columns = [names[g] for g in groups]
    chart = zone_chart(sa["zones"], sa["zone_titles"], hidden, role_names, w)
    elements = say(w, "report.elements_intro", top=f"{sa['scale_max']:g}")
    return _section(
        "self-assessment",
        w.text("report.self_assessment"),
        f"<figure><figcaption>{say(w, 'report.zones_figure')}</figcaption>{chart}</figure>"
        + _table(
            w.text("report.zones_caption"),
            [w.text("report.col.zone"), *columns],
            zone_rows,
            w.text("report.zones_table"),
        )  # fmt: skip
        + f"<p>{elements}</p>"
        + _table(
            w.text("report.elements_caption"),
            [w.text("report.col.element"), *columns],
            element_rows,
            w.text("report.elements_table"),
        ),  # fmt: skip
    )


def _reading(w: Interface) -> str:
    terms = [
        (w.text(f"report.col.{term}"), say(w, f"report.read.{term}"))
        for term in ("facility", "point_biserial", "upper_lower", "all_attempts")
    ]
    entries = "".join(f"<dt>{escape(t)}</dt><dd>{d}</dd>" for t, d in terms)
    return _section("reading", w.text("report.reading"), f"<dl>{entries}</dl>")
