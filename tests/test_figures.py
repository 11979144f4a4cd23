"""The width below which a diagram scrolls instead of shrinking its labels (finding 15)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from builder.render.figures import (
    LABEL_FLOOR_PX,
    Figure,
    figure_css,
    figure_widths,
    label_floor_width,
)

NS = 'xmlns="http://www.w3.org/2000/svg"'


def svg(body: str, attrs: str = 'viewBox="0 0 600 300"') -> bytes:
    return f"<svg {NS} {attrs}>{body}</svg>".encode()


@given(
    width=st.integers(50, 4000),
    sizes=st.lists(st.floats(4, 60, allow_nan=False), min_size=1, max_size=6),
)
def test_at_the_width_given_the_smallest_label_renders_above_the_floor(width, sizes):
    body = "".join(f'<text font-size="{s}">label</text>' for s in sizes)
    found = label_floor_width(svg(body, f'viewBox="0 0 {width} 100"'))
    assert found is not None
    assert min(sizes) * found / width > LABEL_FLOOR_PX
    assert min(sizes) * (found - 1) / width <= LABEL_FLOOR_PX  # and no wider than that


def test_sizes_are_inherited_from_groups_styles_and_ems():
    body = (
        '<g font-size="20"><text>big</text>'
        '<g style="fill:red; font-size: 10px"><text><tspan font-size="1.5em">x</tspan></text></g>'
        "</g>"
    )
    # The smallest drawn text is the tspan at 1.5 x 10 = 15 units.
    assert label_floor_width(svg(body)) == 600 * 12 // 15 + 1
    # A text's own words count at its size, even when a tspan inside it is larger.
    mixed = svg('<text font-size="10"><tspan font-size="30">b</tspan> a</text>')
    assert label_floor_width(mixed) == 721


def test_title_desc_and_empty_text_do_not_count_and_no_text_means_no_width():
    blank = svg('<title>t</title><desc>d</desc><text font-size="5"> </text>')
    assert label_floor_width(blank) is None
    assert label_floor_width(svg("<rect width='10' height='10'/>")) is None
    assert label_floor_width(b"not xml") is None
    assert label_floor_width(b"<html/>") is None


def test_without_a_viewbox_the_width_attribute_serves_and_the_default_size_is_16():
    assert label_floor_width(svg("<text>a</text>", 'width="400"')) == 400 * 12 // 16 + 1


def test_a_diagram_is_sized_by_its_attributes_else_its_viewbox_and_only_with_labels():
    files = {
        "a.svg": svg(
            '<text font-size="15">a</text>', 'width="520" height="448" viewBox="0 0 520 448"'
        ),
        "b.SVG": svg('<text font-size="20">b</text>', 'viewBox="0 0 300 100.4"'),
        "c.svg": svg("<rect width='1' height='1'/>"),
        "d.png": b"\x89PNG",
    }
    assert figure_widths(files) == {"a.svg": Figure(417, 520, 448), "b.SVG": Figure(181, 300, 100)}


def test_one_rule_per_width():
    css = figure_css(
        {"a.svg": Figure(417, 1, 1), "b.svg": Figure(417, 2, 2), "c.svg": Figure(515, 3, 3)}
    )
    assert css == (
        'img[data-dfc-min-width="417"]{min-width:417px}'
        'img[data-dfc-min-width="515"]{min-width:515px}'
    )
