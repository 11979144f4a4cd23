"""A template's tables as the handbook prints them: room to write in the blank columns."""

from __future__ import annotations

import lxml.html
from markupsafe import Markup

WRITE_IN_SHARE = 50  # per cent of the table the blank columns take together, at the least


def widen_write_in_columns(html: Markup) -> Markup:
    """Give each table a <colgroup>: the columns left blank for writing in (every body cell
    empty) share at least half the width, and the columns of printed labels share the rest
    as their text needs; a table all blank gets columns of equal width.
    Left to the browser, a blank column shrinks to a quarter of the page or less."""
    if "<table" not in html:
        return html
    wrapper = lxml.html.fragment_fromstring(str(html), create_parent="div")
    for table in wrapper.iter("table"):
        rows = [row.findall("td") for row in table.iter("tr") if row.findall("td")]
        count = max((len(cells) for cells in rows), default=0)
        blank = [
            all(i >= len(cells) or not cells[i].text_content().strip() for cells in rows)
            for i in range(count)
        ]
        if not rows or not any(blank):
            continue
        share = max(WRITE_IN_SHARE, 100 * sum(blank) / count) / sum(blank)
        colgroup = lxml.html.Element("colgroup")
        for empty in blank:  # the label columns share the rest as their text needs
            col = lxml.html.Element("col")
            if empty:
                col.set("class", "write-in")
                col.set("style", f"width: {share:.1f}%")
            colgroup.append(col)
        table.insert(0, colgroup)
        table.set("class", " ".join(filter(None, [table.get("class"), "write-in-table"])))
    inner = (wrapper.text or "") + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in wrapper
    )
    return Markup(inner)
