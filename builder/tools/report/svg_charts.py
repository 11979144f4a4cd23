"""The report's SVG charts. Each is drawn for reading beside a table that holds the same figures:
it has a title and a description, and shape and text as well as colour tell its marks apart."""

from __future__ import annotations

from html import escape
from typing import Any

from builder.interface.catalogue import Interface

ROW = 20
LABEL_W = 150
PLOT_W = 300
GAP = 40
INK, MUTED, BAND = "#1b1b1b", "#595959", "#e8eef6"
BAR, FLAGGED = "#1d4e89", "#9a3d00"
MARKS = ("circle", "square", "triangle")  # by the role's place; more roles reuse them
ZONE_FILLS = ("#8a1c1c", "#7a5200", "#1d4e89", "#2e6b30", "#5b3a7a", "#3f3f3f")


def _svg(chart_id: str, width: int, height: int, title: str, desc: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'class="chart" font-family="system-ui, sans-serif" font-size="12">'
        f'<title id="{chart_id}-t">{escape(title)}</title>'
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>' + "".join(body) + "</svg>"
    )


def _axis(
    x0: float, width: float, y: float, low: float, high: float, ticks: list[float]
) -> list[str]:
    out = [f'<line x1="{x0}" y1="{y}" x2="{x0 + width}" y2="{y}" stroke="{MUTED}"/>']
    for tick in ticks:
        x = x0 + (tick - low) / (high - low) * width
        out.append(f'<line x1="{x:.1f}" y1="{y}" x2="{x:.1f}" y2="{y + 4}" stroke="{MUTED}"/>')
        out.append(
            f'<text x="{x:.1f}" y="{y + 16}" text-anchor="middle" fill="{INK}">{tick:g}</text>'
        )
    return out


def facility_chart(items: list[dict[str, Any]], hidden: str, words: Interface) -> str:
    """Facility (0 to 1) and point-biserial discrimination (-0.5 to 1), one row per question."""
    top, height = 34, 34 + ROW * len(items) + 50
    x_f, x_d = LABEL_W, LABEL_W + PLOT_W + GAP
    d_low, d_high = -0.5, 1.0
    body = [
        f'<text x="{x_f}" y="14" fill="{INK}" font-weight="bold">'
        f'{escape(words.text("report.chart.facility"))}</text>',
        f'<text x="{x_d}" y="14" fill="{INK}" font-weight="bold">'
        f'{escape(words.text("report.chart.discrimination"))}</text>',
        f'<rect x="{x_f + 0.30 * PLOT_W}" y="{top - 6}" width="{0.65 * PLOT_W}" '
        f'height="{ROW * len(items) + 6}" fill="{BAND}"/>',
    ]  # fmt: skip
    not_computed = escape(words.text("report.not_computed"))
    zero = x_d + (0 - d_low) / (d_high - d_low) * PLOT_W
    for n, item in enumerate(items):
        y = top + n * ROW
        flagged = bool(item["flags"])
        label = item["id"] + (" *" if flagged else "")
        body.append(
            f'<text x="{LABEL_W - 8}" y="{y + 13}" text-anchor="end" fill="{INK}">{escape(label)}</text>'
        )
        if item["facility"] is None:
            body.append(f'<text x="{x_f + 4}" y="{y + 13}" fill="{MUTED}">{escape(hidden)}</text>')
            continue
        fill = FLAGGED if flagged else BAR
        body.append(
            f'<rect x="{x_f}" y="{y + 3}" width="{item["facility"] * PLOT_W:.1f}" height="{ROW - 6}" fill="{fill}"/>'
        )
        pb = (item["discrimination"] or {}).get("point_biserial")
        if pb is None:
            body.append(f'<text x="{zero + 4}" y="{y + 13}" fill="{MUTED}">{not_computed}</text>')
            continue
        x = x_d + (max(d_low, min(d_high, pb)) - d_low) / (d_high - d_low) * PLOT_W
        left, width = min(x, zero), abs(x - zero)
        body.append(
            f'<rect x="{left:.1f}" y="{y + 3}" width="{width:.1f}" height="{ROW - 6}" fill="{fill}"/>'
        )
    bottom = top + ROW * len(items) + 4
    body += _axis(x_f, PLOT_W, bottom, 0, 1, [0, 0.3, 0.5, 0.95])
    body += _axis(x_d, PLOT_W, bottom, d_low, d_high, [-0.5, 0, 0.5, 1])
    body.append(
        f'<line x1="{zero:.1f}" y1="{top - 6}" x2="{zero:.1f}" y2="{bottom}" stroke="{MUTED}"/>'
    )
    body.append(
        f'<text x="{x_f}" y="{bottom + 36}" fill="{INK}">'
        f"{escape(words.text('report.chart.legend'))}</text>"
    )
    title, desc = (
        words.text("report.chart.facility_title"),
        words.text("report.chart.facility_desc"),
    )
    return _svg("chart-facility", x_d + PLOT_W + 20, height, title, desc, body)


def _mark(shape: str, x: float, y: float) -> str:
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{BAR}"/>'
    if shape == "square":
        return f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="none" stroke="{FLAGGED}" stroke-width="2"/>'
    return (f'<path d="M{x:.1f} {y - 6:.1f} L{x + 6:.1f} {y + 5:.1f} L{x - 6:.1f} {y + 5:.1f} Z" '
            f'fill="{INK}"/>')  # fmt: skip


def role_chart(
    items: list[dict[str, Any]], roles: list[str], names: dict[str, str], words: Interface
) -> str:
    """Each question's facility for each role shown, as marks on one line: the gap is the line.

    `names` are all the course's roles, in order: a role's mark is the same in every chart."""
    marks = {role: MARKS[n % len(MARKS)] for n, role in enumerate(names)}
    top, height = 40, 40 + ROW * len(items) + 30
    x0 = LABEL_W
    body = []
    for n, role in enumerate(roles):  # the legend
        x = x0 + n * 110
        body.append(_mark(marks[role], x + 6, 14))
        body.append(f'<text x="{x + 16}" y="18" fill="{INK}">{escape(names[role])}</text>')
    for n, item in enumerate(items):
        y = top + n * ROW + ROW / 2
        body.append(
            f'<text x="{LABEL_W - 8}" y="{y + 4}" text-anchor="end" fill="{INK}">{escape(item["id"])}</text>'
        )
        values = [(r, item["by_role"][r]["facility"]) for r in roles if item["by_role"][r]]
        if len(values) >= 2:
            xs = [x0 + v * PLOT_W for _, v in values]
            body.append(
                f'<line x1="{min(xs):.1f}" y1="{y}" x2="{max(xs):.1f}" y2="{y}" stroke="{MUTED}"/>'
            )
        for role, value in values:
            body.append(_mark(marks[role], x0 + value * PLOT_W, y))
    bottom = top + ROW * len(items) + 4
    body += _axis(x0, PLOT_W, bottom, 0, 1, [0, 0.25, 0.5, 0.75, 1])
    groups = words.join([names[r].lower() for r in roles])
    desc = words.text("report.chart.roles_desc", groups=groups)
    title = words.text("report.chart.roles_title")
    return _svg("chart-roles", x0 + PLOT_W + 30, height, title, desc, body)


def zone_chart(
    zones: dict[str, Any],
    titles: dict[str, str],
    hidden: str,
    role_names: dict[str, str],
    words: Interface,
) -> str:
    """One bar a group (everyone, then each role), split by the share of learners in each zone."""
    groups = ["all", *role_names]
    names = {"all": words.text("report.everyone"), **role_names}
    ids = list(titles)
    top = 24 + 18 * ((len(ids) + 1) // 2)
    height = top + 30 * len(groups) + 10
    body = []
    for n, zone in enumerate(ids):  # the legend, two to a line
        x, y = LABEL_W + (n % 2) * 220, 10 + 18 * (n // 2)
        body.append(
            f'<rect x="{x}" y="{y}" width="12" height="12" fill="{ZONE_FILLS[n % len(ZONE_FILLS)]}"/>'
        )
        body.append(f'<text x="{x + 18}" y="{y + 11}" fill="{INK}">{escape(titles[zone])}</text>')
    for n, group in enumerate(groups):
        y = top + n * 30
        body.append(
            f'<text x="{LABEL_W - 8}" y="{y + 17}" text-anchor="end" fill="{INK}">{escape(names[group])}</text>'
        )
        data = zones.get(group)
        if data is None:
            body.append(
                f'<text x="{LABEL_W + 4}" y="{y + 17}" fill="{MUTED}">{escape(hidden)}</text>'
            )
            continue
        x = float(LABEL_W)
        for k, zone in enumerate(ids):
            share = data["shares"].get(zone)
            if not share:
                continue
            width = share * PLOT_W * 1.4
            fill = ZONE_FILLS[k % len(ZONE_FILLS)]
            body.append(
                f'<rect x="{x:.1f}" y="{y + 2}" width="{width:.1f}" height="22" fill="{fill}" stroke="#ffffff"/>'
            )
            if width >= 34:
                body.append(
                    f'<text x="{x + width / 2:.1f}" y="{y + 17}" text-anchor="middle" fill="#ffffff">{share:.0%}</text>'
                )
            x += width
    desc = words.text("report.chart.zones_desc")
    title = words.text("report.chart.zones_title")
    return _svg("chart-zones", int(LABEL_W + PLOT_W * 1.4 + 20), height, title, desc, body)
