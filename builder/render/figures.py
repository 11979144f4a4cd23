"""Diagrams that stay readable on a phone.

An SVG diagram drawn with `<img>` shrinks with the screen, and its labels with it: at 320 px a
600-unit-wide chart with 14-unit labels shows them at about 7 px. So the build reads each SVG in
a module, finds its smallest label, and gives the picture a minimum width at which that label
renders at `LABEL_FLOOR_PX` or more. Below that width the diagram keeps its size and its
wrapper scrolls sideways (WCAG 1.4.10 allows two-dimensional content such as diagrams to
scroll in both directions); the runtime makes a scrolling wrapper focusable, names it and
says that it scrolls.

The floor is 12 px: the smallest type that Android's Material scale (12 sp captions) and
Apple's guidance (11 pt at the least) use for secondary text people are meant to read, and
two thirds of the runtime's 18 px body text. Diagram labels are short words read beside their
shapes, so this floor keeps them legible while the widest bundled diagram needs about 1.7
phone screens, not the two a 14 px floor would take. On wider screens diagrams keep their
natural size, which is larger.
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

from lxml import etree

LABEL_FLOOR_PX = 12
DEFAULT_FONT_PX = 16.0  # CSS `medium`, what an SVG label gets with no font-size of its own
SVG = "{http://www.w3.org/2000/svg}"
LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(px|pt|em|rem|%)?\s*$")
STYLE_SIZE = re.compile(r"font-size\s*:\s*([^;]+)")
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _size(value: str | None, inherited: float) -> float:
    """A font-size as an SVG attribute or style gives it, in user units."""
    found = LENGTH.match(value or "")
    if not found:
        return inherited
    number, unit = float(found.group(1)), found.group(2) or "px"
    return {
        "px": number,
        "pt": number * 4 / 3,
        "em": number * inherited,
        "rem": number * DEFAULT_FONT_PX,
        "%": number * inherited / 100,
    }[unit]


def _own_size(element: etree._Element, inherited: float) -> float:
    size = _size(element.get("font-size"), inherited)
    style = STYLE_SIZE.search(element.get("style") or "")
    return _size(style.group(1), size) if style else size


def smallest_label(root: etree._Element) -> float | None:
    """The smallest font-size, in user units, of any text an SVG shows (None without text)."""
    smallest: float | None = None

    def walk(element: etree._Element, inherited: float) -> None:
        nonlocal smallest
        if not isinstance(element.tag, str) or element.tag in (SVG + "title", SVG + "desc"):
            return
        size = _own_size(element, inherited)
        if element.tag in (SVG + "text", SVG + "tspan", SVG + "textPath"):
            if (element.text or "").strip() and size > 0:
                smallest = size if smallest is None else min(smallest, size)
        for child in element:
            walk(child, size)
            if element.tag in (SVG + "text", SVG + "tspan") and (child.tail or "").strip():
                smallest = size if smallest is None else min(smallest, size)

    walk(root, DEFAULT_FONT_PX)
    return smallest


def drawing_width(root: etree._Element) -> float | None:
    """The width of the SVG's own coordinate system: its viewBox, else its width."""
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) == 4:
        try:
            return float(box[2]) if float(box[2]) > 0 else None
        except ValueError:
            return None
    found = LENGTH.match(root.get("width") or "")
    return float(found.group(1)) if found and found.group(2) in (None, "px") else None


class Figure(NamedTuple):
    """A diagram's least readable width and its natural size, in CSS px."""

    min_width: int
    width: int
    height: int


def _read(data: bytes) -> etree._Element | None:
    try:
        root = etree.fromstring(data, PARSER)
    except etree.XMLSyntaxError:
        return None
    return root if root.tag == SVG + "svg" else None


def label_floor_width(data: bytes) -> int | None:
    """The narrowest width, in CSS px, at which the SVG's smallest label renders at the floor;
    None when it has no text or cannot be read."""
    root = _read(data)
    if root is None:
        return None
    smallest, width = smallest_label(root), drawing_width(root)
    if smallest is None or width is None:
        return None
    # One whole pixel past the exact width, so that a label lands above the floor, not on it,
    # whatever rounding the browser's transforms make.
    return math.floor(width * LABEL_FLOOR_PX / smallest) + 1


def natural_size(root: etree._Element) -> tuple[int, int] | None:
    """The SVG's own width and height in px (its attributes, else its viewBox)."""
    sizes = [LENGTH.match(root.get(name) or "") for name in ("width", "height")]
    numbers = [float(s.group(1)) for s in sizes if s and s.group(2) in (None, "px")]
    if len(numbers) < 2:
        box = (root.get("viewBox") or "").replace(",", " ").split()
        try:
            numbers = [float(n) for n in box[2:]] if len(box) == 4 else []
        except ValueError:
            return None
    return (round(numbers[0]), round(numbers[1])) if len(numbers) == 2 else None


def figure_widths(files: dict[str, bytes]) -> dict[str, Figure]:
    """Path -> size of every SVG among `files` that has labels. The picture carries its natural
    size as width and height, so the page lays it out right before the file has loaded."""
    found = {}
    for path, data in files.items():
        if not path.lower().endswith(".svg") or not (least := label_floor_width(data)):
            continue
        root = _read(data)
        size = natural_size(root) if root is not None else None
        if size and all(size):
            found[path] = Figure(least, *size)
    return found


def figure_css(figures: dict[str, Figure]) -> str:
    """One rule per minimum width: the style policy allows no inline styles, so each picture
    carries its width as `data-dfc-min-width` and the stylesheet holds the rule."""
    widths = sorted({f.min_width for f in figures.values()})
    return "".join(f'img[data-dfc-min-width="{w}"]{{min-width:{w}px}}' for w in widths)
