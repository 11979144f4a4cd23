"""Untrusted text: markup typed into every text field comes out as text, never as markup.

One course puts the same hostile string in every field a trainer can write (titles,
descriptions, page text, block titles, every question, option, feedback, pair and item,
the whole self-assessment), builds SCORM 1.2, SCORM 2004 and web packages, and inspects
every HTML file with lxml: the only scripts are the runtime's files and the JSON data
block, no element has an event attribute, the data block is JSON holding the string as
text, and each page's Content Security Policy allows scripts only from the package.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from helpers import Package, write_files
from lxml import etree, html

from builder import api

INJ = "\"><script>alert(1)</script><img src=x onerror=alert(2)>&amp;'"
Q = json.dumps(INJ)  # a YAML double-quoted scalar holding INJ exactly
FORMATS = ["scorm12", "scorm2004", "web"]


def option(ident: str, correct: bool = False) -> str:
    right = "        correct: true\n" if correct else ""
    return f"      - id: {ident}\n        text: {Q}\n{right}        feedback: {Q}\n"


COURSE = {
    "course/course.yaml": f"""\
id: hostile
title: {Q}
version: "1.0.0"
language: en-GB
description: {Q}
audience: {Q}
modules: [hostile-module]
final_assessment:
  title: {Q}
  questions_per_module: 5
  pass_mark: 80
self_assessment: hostile-check
packages: [scorm12, scorm2004, web]
roles:
  - id: manager
    label: {Q}
    lens: {Q}
    group: {Q}
    person: {Q}
role_question:
  prompt: {Q}
  hint: {Q}
framing:
  activity: {Q}
  activities: {Q}
  action: {Q}
  actions: {Q}
  self_assessment:
    unknowns_heading: {Q}
    unknowns: {Q}
  handbook:
    subtitle: {Q}
    audience: {Q}
    advice_heading: {Q}
    advice: [{Q}]
    pair_up: {Q}
    pairing: [{Q}]
  report:
    roles_heading: {Q}
""",
    "modules/hostile-module/module.md": f"""\
---
title: {Q}
minutes: 5
objectives:
  - id: obj-one
    text: {Q}
---
{INJ}
""",
    "modules/hostile-module/01-page.md": f"""\
# {INJ}

{INJ}

Some *{INJ}* and a [link: {INJ}](02-other.md) and `{INJ}`.

![{INJ}](images/pic.png)

::: case-study {INJ}
{INJ}
:::

::: activity {INJ}
{INJ}
:::

::: lens manager
{INJ}
:::

::: key-points
- {INJ}
:::

| {INJ} | b |
|---|---|
| {INJ} | c |
""",
    "modules/hostile-module/02-other.md": f"# {INJ}\n\n> {INJ}\n\n    {INJ}\n",
    "modules/hostile-module/images/pic.png": b"\x89PNG\r\n\x1a\n",
    "quizzes/hostile-module.yaml": f"""\
module: hostile-module
title: {Q}
questions:
  - id: q-single
    type: single
    objectives: [obj-one]
    prompt: {Q}
    options:
{option("a", True)}{option("b")}
  - id: q-multiple
    type: multiple
    objectives: [obj-one]
    prompt: {Q}
    options:
{option("a", True)}{option("b", True)}{option("c")}
  - id: q-true-false
    type: true-false
    objectives: [obj-one]
    prompt: {Q}
    answer: true
    feedback_true: {Q}
    feedback_false: {Q}
  - id: q-matching
    type: matching
    objectives: [obj-one]
    prompt: {Q}
    pairs:
      - {{id: a, item: {Q}, match: {Q}, feedback: {Q}}}
      - {{id: b, item: {Q}, match: {Q}, feedback: {Q}}}
  - id: q-ordering
    type: ordering
    objectives: [obj-one]
    prompt: {Q}
    items:
      - {{id: a, text: {Q}, feedback: {Q}}}
      - {{id: b, text: {Q}, feedback: {Q}}}
""",
    "quizzes/hostile-check.yaml": f"""\
kind: diagnostic
title: {Q}
intro: {Q}
scale:
  - {{id: a, text: {Q}, score: 0}}
  - {{id: b, text: {Q}, score: 1}}
questions:
  - id: s-one
    prompt: {Q}
  - id: s-two
    prompt: {Q}
bands:
  - id: low
    title: {Q}
    text: {Q}
    next_steps: [{Q}, {Q}]
  - id: high
    title: {Q}
    text: {Q}
    rules:
      - because: {Q}
        when:
          - {{statement: s-one, at_least: b}}
    next_steps:
      - {Q}
""",
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[dict[str, Package], Path]:
    """The hostile course built in every format: ({zip name: Package}, out folder)."""
    root = tmp_path_factory.mktemp("hostile")
    write_files(root, {k: v for k, v in COURSE.items() if isinstance(v, str)})
    write_files(root, {k: v for k, v in COURSE.items() if isinstance(v, bytes)})
    out = root / "dist"
    report = api.build(root, out, formats=FORMATS)
    return {w.path.name: Package.read(w.path) for w in report.packages}, out


def html_files(packages: dict[str, Package]):
    for name, pkg in packages.items():
        for path, data in pkg.files.items():
            if path.endswith(".html"):
                yield f"{name}:{path}", html.fromstring(data)


def test_the_injection_string_is_in_every_field():
    """Guard the test itself: the course really carries the string everywhere."""
    text = "".join(v for v in COURSE.values() if isinstance(v, str))
    assert text.count(INJ) + text.count(Q) >= 60


def test_every_format_was_built(hostile):
    packages, _ = hostile
    assert sorted(name.rsplit("-", 1)[1] for name in packages) == sorted(
        f"{f}.zip" for f in FORMATS
    )


def test_no_script_but_the_runtime_and_the_data_block(hostile):
    packages, _ = hostile
    data_blocks = 0
    checked = 0
    for where, doc in html_files(packages):
        checked += 1
        for script in doc.iter("script"):
            if script.get("type") == "application/json" and script.get("id") == "dfc-data":
                data_blocks += 1
                assert where.endswith(":index.html"), where
                continue
            assert set(script.attrib) <= {"src", "defer"}, (where, dict(script.attrib))
            assert re.fullmatch(r"runtime/[a-z0-9-]+\.js", script.get("src", "")), where
            assert not (script.text or "").strip(), where
    assert data_blocks == len(packages)  # exactly one per package, in index.html
    assert checked >= 7 * len(packages)


def test_no_event_attributes_and_no_injected_image(hostile):
    packages, _ = hostile
    for where, doc in html_files(packages):
        for element in doc.iter():
            if not isinstance(element.tag, str):
                continue  # comments
            events = [a for a in element.attrib if a.lower().startswith("on")]
            assert events == [], (where, element.tag, events)
            for value in element.attrib.values():
                assert not value.strip().lower().startswith("javascript:"), where
        assert doc.xpath("//img[@src='x']") == [], where
        assert doc.xpath("//iframe | //object | //embed | //form[@action]") == [], where


def test_the_text_shows_as_text(hostile):
    """The string appears as visible text (so it was escaped, not dropped)."""
    packages, _ = hostile
    pkg = next(p for n, p in packages.items() if n.endswith("-scorm2004.zip"))
    page = html.fromstring(pkg.files["pages/hostile-module/page.html"])
    assert page.xpath("//h1")[0].text_content() == INJ
    texts = [t for t in page.xpath("//article//text()") if "<script>" in t]
    assert len(texts) >= 8
    titles = [h.text_content() for h in page.xpath("//aside/h2")]
    # The activity label and the lens heading are the course's own words, hostile here too.
    assert f"Case study: {INJ}" in titles and f"{INJ}: {INJ}" in titles and INJ in titles
    quiz = html.fromstring(pkg.files["pages/hostile-module/quiz.html"])
    assert quiz.xpath("//label")[0].text_content().strip() == INJ


def test_the_data_block_is_json_and_keeps_the_string(hostile):
    packages, _ = hostile
    for name, pkg in packages.items():
        index = html.fromstring(pkg.files["index.html"])
        (block,) = index.xpath('//script[@type="application/json"][@id="dfc-data"]')
        data = json.loads(block.text)
        assert data["title"] == INJ, name
        assert data["modules"][0]["title"] == INJ
        assert {s["title"] for s in data["screens"]} == {INJ}
        raw = pkg.files["index.html"].decode()
        inside = raw.split('id="dfc-data">', 1)[1].split("</script>", 1)[0]
        assert "<" not in inside and ">" not in inside, name


def test_manifest_and_metadata_carry_the_title_as_text(hostile):
    packages, _ = hostile
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    seen = 0
    for name, pkg in packages.items():
        for path in ("imsmanifest.xml", "metadata.xml"):
            if path not in pkg.files:
                continue
            root = etree.fromstring(pkg.files[path], parser)
            texts = [e.text for e in root.iter() if isinstance(e.tag, str) and e.text]
            assert INJ in texts, (name, path)
            assert not [e for e in root.iter() if etree.QName(e).localname in ("script", "img")]
            seen += 1
    assert seen == 3  # the SCORM 1.2 manifest and metadata, the SCORM 2004 manifest


def csp_of(doc) -> dict[str, list[str]]:
    metas = doc.xpath('//meta[translate(@http-equiv, "CSP", "csp")="content-security-policy"]')
    assert len(metas) == 1
    policy: dict[str, list[str]] = {}
    for directive in metas[0].get("content").split(";"):
        name, *values = directive.split()
        policy[name] = values
    return policy


def test_every_page_has_a_strict_content_security_policy(hostile):
    packages, _ = hostile
    for where, doc in html_files(packages):
        policy = csp_of(doc)
        assert policy["script-src"] == ["'self'"], where
        assert policy["default-src"] == ["'self'"], where
        assert not any("unsafe" in v for values in policy.values() for v in values), where


def test_the_handbook_is_safe_too(hostile):
    """The facilitator handbook written beside the packages: no scripts run at all."""
    _, out = hostile
    handbooks = [p for p in out.iterdir() if p.suffix == ".html"]
    for path in handbooks:
        doc = html.fromstring(path.read_bytes())
        assert doc.xpath("//script") == [], path.name
        assert doc.xpath("//img[@src='x']") == []
        for element in doc.iter():
            if isinstance(element.tag, str):
                assert not [a for a in element.attrib if a.lower().startswith("on")]
        policy = csp_of(doc)
        assert "script-src" not in policy and policy["default-src"] == ["'none'"]


def test_packages_are_valid_zips(hostile):
    packages, _ = hostile
    for pkg in packages.values():
        with zipfile.ZipFile(pkg.path) as archive:
            assert archive.testzip() is None
