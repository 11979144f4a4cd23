"""`::: template` blocks: a printable sheet with a print button, left out of reading time."""

from __future__ import annotations

import lxml.html

from builder.load import markup

PAGE = """Read this short paragraph first.

::: template Pilot plan
**Working alone?** Draft it, then check it with the other side.

| Part | What you agreed |
|---|---|
| The measure | |
:::
"""


def test_a_template_renders_as_a_titled_sheet_with_a_print_button():
    html = markup.render(markup.parse(PAGE))
    (sheet,) = lxml.html.fragment_fromstring(html, create_parent="div").find_class("dfc-template")
    assert sheet.tag == "section"
    assert sheet.xpath("h2")[0].text_content() == "Template: Pilot plan"
    (button,) = sheet.xpath(".//button")
    assert button.get("type") == "button" and button.get("data-dfc-print") is not None
    assert button.text_content() == "Print this template"
    assert sheet.xpath(".//table/thead/tr/th")[1].text_content() == "What you agreed"


def test_template_words_are_not_reading_time():
    with_template = markup.count_words(markup.parse(PAGE))
    assert with_template == len("Read this short paragraph first.".split())
