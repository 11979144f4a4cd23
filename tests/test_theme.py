"""`theme:`: contrast worked out for every pair, light and dark, and the theme in the packages."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from builder import api
from builder.check.contrast import contrast_failures, nearest_passing, shown
from builder.load.loader import load_sources
from builder.model.palette import PAIRS, contrast, palette
from builder.model.problems import Problems
from builder.model.theme import Colours
from tests.helpers import FIXTURES, REPO

colour = st.integers(0, 0xFFFFFF).map(lambda n: f"#{n:06x}")
TOKENS = ("brand", "text", "background", "link", "accent", "right", "wrong")


def test_a_ratio_is_never_rounded_up():
    ratio = contrast("#777777", "#ffffff")
    assert 4.47 < ratio < 4.5
    assert shown(ratio) == "4.47:1"
    failures = dict(contrast_failures(Colours(right="#777777")))
    assert (
        "would be #777777 on #ffffff, a contrast ratio of 4.47:1, below the 4.5:1"
        in failures["right"]
    )
    assert contrast_failures(Colours(right="#767676")) == []  # 4.54:1


def test_the_bundled_course_keeps_its_look_and_passes():
    problems = Problems()
    course = load_sources(REPO, problems).course
    assert course is not None and not problems.has_errors()
    light = palette(course.theme.colours)
    # The colours the stylesheet had before themes existed.
    assert (light["text"], light["bg"], light["brand"], light["accent"], light["link"]) == (
        "#1b1b1b", "#ffffff", "#1d4f91", "#1d4f91", "#1d4f91"
    )  # fmt: skip
    assert (light["muted"], light["panel"], light["right"], light["wrong"]) == (
        "#4a4a4a", "#f3f2f1", "#00703c", "#b3261e"
    )  # fmt: skip
    assert contrast_failures(course.theme.colours) == []


@settings(max_examples=60, deadline=None)
@given(token=st.sampled_from(TOKENS), value=colour)
def test_the_nearest_passing_shade_passes_every_pair_of_its_token(token, value):
    colours = Colours(**{token: value})
    failing = [t for t, _ in contrast_failures(colours) if t == token]
    if not failing:
        return
    fix = nearest_passing(colours, token)
    if fix is None:
        return
    fixed = colours.model_copy(update={token: fix})
    assert [t for t, _ in contrast_failures(fixed) if t == token] == []
    message = dict(contrast_failures(colours))[token]
    assert message.endswith(f"the nearest {token} colour that passes is {fix}")


@settings(max_examples=60, deadline=None)
@given(values=st.fixed_dictionaries({t: colour for t in TOKENS}))
def test_a_theme_without_failures_has_every_pair_at_aa(values):
    colours = Colours(**values)
    if contrast_failures(colours):
        return
    for dark in (False, True):
        p = palette(colours, dark)
        for pair in PAIRS:
            assert contrast(p[pair.fg], p[pair.bg]) >= pair.minimum


def test_a_passing_theme_builds_with_its_colours_logo_and_font(tmp_path: Path):
    course = tmp_path / "course"
    shutil.copytree(FIXTURES / "minimal", course)
    (course / "course" / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    (course / "course" / "font.woff2").write_bytes(b"wOF2 test")
    yaml_file = course / "course" / "course.yaml"
    yaml_file.write_text(
        yaml_file.read_text()
        + "theme:\n  organisation: Northshire Council\n  colours:\n    brand: '#0b4f4a'\n"
        "  logo:\n    file: course/logo.svg\n    alt: Northshire Council\n"
        "  font:\n    family: [Example Sans, Arial, sans-serif]\n"
        "    files: [course/font.woff2]\n    licence: SIL Open Font Licence 1.1\n"
    )
    report = api.build(course, tmp_path / "dist", ["scorm12"])
    with zipfile.ZipFile(report.packages[0].path) as archive:
        names = archive.namelist()
        css = archive.read("runtime/dfc.css").decode()
        index = archive.read("index.html").decode()
        manifest = archive.read("imsmanifest.xml").decode()
    assert "theme/logo.svg" in names and "theme/font.woff2" in names
    assert 'href="theme/logo.svg"' in manifest
    assert css.startswith(":root{--text:#1b1b1b;") and "--brand:#0b4f4a;" in css
    assert "@media (prefers-color-scheme:dark){:root{" in css
    assert '@font-face{font-family:"Example Sans";src:url("../theme/font.woff2")' in css
    assert '--font:"Example Sans","Arial",sans-serif' in css
    assert '<img class="dfc-logo" src="theme/logo.svg" alt="Northshire Council">' in index
