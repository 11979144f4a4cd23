"""Pieces of the HTML report that every section uses: figures as text, and tables."""

from __future__ import annotations

from html import escape
from typing import Any


def _pct(value: float | None, hidden: str) -> str:
    return hidden if value is None else f"{value:.0%}"


def _num(value: float | None, hidden: str, blank: str) -> str:
    """A figure to two places, or `blank` (in the report's language) when there is none."""
    return blank if value is None else f"{value:.2f}"


def _n(value: int | None, hidden: str) -> str:
    return hidden if value is None else f"{value:,}"


def _table(caption: str, head: list[str], rows: list[list[str]], label: str) -> str:
    """A table in a focusable, labelled region, so a keyboard can scroll it when it is wide."""
    cells = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
    body = []
    for row in rows:
        first, *rest = row
        tds = "".join(
            f'<td class="num">{escape(c)}</td>' if _numeric(c) else f"<td>{escape(c)}</td>"
            for c in rest
        )
        body.append(f'<tr><th scope="row">{escape(first)}</th>{tds}</tr>')
    return (
        f'<div class="scroll" role="region" aria-label="{escape(label)}" tabindex="0">'
        f"<table><caption>{escape(caption)}</caption><thead><tr>{cells}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def _numeric(text: str) -> bool:
    return (
        bool(text) and text.replace(",", "").replace("%", "").replace(".", "").lstrip("-").isdigit()
    )


def _question(item: dict[str, Any]) -> str:
    """A question's id and its prompt, shortened: readable without the course's files."""
    return f"{item['id']}: {item['prompt']}" if item.get("prompt") else item["id"]
