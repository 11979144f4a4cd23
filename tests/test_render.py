"""Rendered HTML: escaped, linked together, and pointing only at files in the package."""

from __future__ import annotations

import json
import posixpath
import re
import shutil

import pytest
from helpers import FIXTURES, Package, fixture_text, write_files
from lxml import html

from builder import api

COURSE_NAMES = ["minimal", "two-modules", "bundled"]
EXTERNAL = re.compile(r"^([a-z][a-z0-9+.-]*:|#)", re.IGNORECASE)


def package(built, course: str, target: str = "scorm2004") -> Package:
    return next(p for name, p in built(course).items() if name.endswith(f"-{target}.zip"))


def parse(pkg: Package, name: str) -> html.HtmlElement:
    return html.fromstring(pkg.files[name])


def resolve(page: str, doc: html.HtmlElement, url: str) -> str:
    """The package path a relative URL in `page` points at, honouring <base href>."""
    base = doc.xpath("//base/@href")
    folder = posixpath.dirname(page)
    if base:
        folder = posixpath.normpath(posixpath.join(folder, base[0]))
    path = url.split("#", 1)[0].split("?", 1)[0]
    resolved = posixpath.normpath(posixpath.join(folder, path))
    assert not resolved.startswith(("..", "/")), f"{page}: {url} leaves the package"
    return resolved


def data_block(pkg: Package) -> dict:
    scripts = parse(pkg, "index.html").xpath('//script[@type="application/json"][@id="dfc-data"]')
    assert len(scripts) == 1, "index.html needs exactly one JSON data block"
    return json.loads(scripts[0].text)


# --- escaping -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Package:
    """The minimal course with markup typed into a page title, an option and the body."""
    root = tmp_path_factory.mktemp("hostile") / "course"
    shutil.copytree(FIXTURES / "minimal", root)
    quiz = fixture_text("minimal", "quizzes/fire-basics.yaml")
    write_files(
        root,
        {
            "modules/fire-basics/01-fire-triangle.md": (
                "# Heat <script>alert('title')</script> & fuel\n\n"
                "Some <b>bold</b> words and an <img src=x onerror=alert(1)> image.\n\n"
                '<div class="raw">a raw block</div>\n'
            ),
            "quizzes/fire-basics.yaml": quiz.replace(
                "        text: Water\n",
                "        text: \"Water <script>alert('option')</script>\"\n",
            ),
        },
    )
    report = api.build(root, root / "dist", formats=["scorm12"])
    return Package.read(report.packages[0].path)


def test_titles_and_options_are_escaped(hostile):
    page = hostile.files["pages/fire-basics/fire-triangle.html"].decode()
    assert "<h1>Heat &lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; &amp; fuel</h1>" in page
    quiz = hostile.files["pages/fire-basics/quiz.html"].decode()
    assert "Water &lt;script&gt;alert(&#39;option&#39;)&lt;/script&gt;</label>" in quiz
    for name, data in hostile.files.items():
        if name.endswith(".html"):
            assert b"<script>" not in data, name  # the builder's own scripts all have attributes


def test_titles_in_the_data_block_cannot_close_the_script(hostile):
    index = hostile.files["index.html"].decode()
    block = index.split('<script type="application/json" id="dfc-data">', 1)[1]
    block = block.split("</script>", 1)[0]
    assert "<" not in block and ">" not in block
    titles = [s["title"] for s in json.loads(block)["screens"]]
    assert "Heat <script>alert('title')</script> & fuel" in titles


def test_raw_html_in_markdown_shows_as_text(hostile):
    page = parse(hostile, "pages/fire-basics/fire-triangle.html")
    article = page.xpath("//article")[0]
    assert article.xpath(".//b | .//div[@class='raw'] | .//img | .//script") == []
    text = article.text_content()
    assert "<b>bold</b>" in text
    assert '<div class="raw">a raw block</div>' in text
    assert "<img src=x onerror=alert(1)>" in text


# --- links and images -----------------------------------------------------------------------


@pytest.mark.parametrize("target", ["scorm12", "scorm2004"])
@pytest.mark.parametrize("course", COURSE_NAMES)
def test_prev_next_follow_the_screens_and_exist(built, course, target):
    pkg = package(built, course, target)
    screens = data_block(pkg)["screens"]
    assert screens
    for index, screen in enumerate(screens):
        url = screen["url"]
        assert url in pkg.files, f"screen {screen['id']} has no page in the package"
        doc = parse(pkg, url)
        prev = [resolve(url, doc, h) for h in doc.xpath('//a[@rel="prev"]/@href')]
        nxt = [resolve(url, doc, h) for h in doc.xpath('//a[@rel="next"]/@href')]
        assert prev == ([screens[index - 1]["url"]] if index else [])
        assert nxt == ([screens[index + 1]["url"]] if index + 1 < len(screens) else [])
        for link in prev + nxt:
            assert link in pkg.files


@pytest.mark.parametrize("course", COURSE_NAMES)
def test_every_local_link_image_script_and_style_exists(built, course):
    pkg = package(built, course)
    checked = 0
    for name in pkg.names:
        if not name.endswith(".html"):
            continue
        doc = parse(pkg, name)
        urls = doc.xpath("//a/@href | //img/@src | //script/@src | //link/@href")
        for url in urls:
            if EXTERNAL.match(url):
                continue
            assert resolve(name, doc, url) in pkg.files, f"{name}: {url} is not in the package"
            checked += 1
    assert checked > 0


def test_images_are_rewritten_to_package_paths(built):
    for target in ("scorm12", "scorm2004"):
        pkg = package(built, "two-modules", target)
        page = "pages/first-aid-kit/contents.html"
        doc = parse(pkg, page)
        images = doc.xpath("//article//img")
        assert len(images) == 1
        assert images[0].get("alt") == "A green first aid box with a white cross"
        assert images[0].get("src") == "pages/first-aid-kit/images/kit.png"
        path = resolve(page, doc, images[0].get("src"))
        source = FIXTURES / "two-modules" / "modules" / "first-aid-kit" / "images" / "kit.png"
        assert pkg.files[path] == source.read_bytes()


def test_page_links_are_rewritten_to_pages(built):
    pkg = package(built, "two-modules")
    links = {}
    for page in ("pages/first-aid-kit/contents.html", "pages/first-aid-kit/checks.html"):
        doc = parse(pkg, page)
        links[page] = doc.xpath("//article//p/a/@href")
    assert links["pages/first-aid-kit/contents.html"] == ["pages/first-aid-kit/checks.html"]
    assert links["pages/first-aid-kit/checks.html"] == ["pages/first-aid-kit/contents.html#top"]


# --- index.html -----------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["scorm12", "scorm2004"])
def test_index_holds_the_course_data(built, target):
    pkg = package(built, "two-modules", target)
    data = data_block(pkg)
    assert data["courseId"] == "first-aid"
    assert data["version"] == "2.1.0"
    assert data["target"] == target
    assert data["graded"] == "final"
    assert data["passMark"] == 75
    assert [m["id"] for m in data["modules"]] == ["first-aid-kit", "calling-for-help"]
    assert [s["id"] for s in data["screens"]] == [
        "first-aid-kit/overview",
        "first-aid-kit/contents",
        "first-aid-kit/checks",
        "first-aid-kit/quiz",
        "calling-for-help/overview",
        "calling-for-help/when",
        "calling-for-help/summary",
        "calling-for-help/quiz",
        "readiness",
        "final-assessment",
    ]
    assert set(data["questions"]) == {"kit-01", "kit-02", "call-01", "call-02"}
    assert data["questions"]["call-01"]["correct"] == ["a", "c"]
    assert data["diagnostic"]["questions"] == ["ready-01", "ready-02"]
    scripts = parse(pkg, "index.html").xpath("//script/@src")
    assert f"runtime/lms-{target}.js" in scripts


def test_links_between_modules_and_per_module_packages(make_course, tmp_path):
    page = "modules/first-aid-kit/02-checks.md"
    root = make_course(base="two-modules")
    text = (root / page).read_text(encoding="utf-8")
    (root / page).write_text(
        text + "\nSee [when to call](../calling-for-help/01-when.md#top).\n", encoding="utf-8"
    )
    report = api.build(root, tmp_path / "out", ["scorm12"], per_module=True)
    by_name = {w.path.name: Package.read(w.path) for w in report.packages}
    whole = by_name["first-aid-2.1.0-scorm12.zip"]
    link = parse(whole, "pages/first-aid-kit/checks.html").xpath("//a[.='when to call']")[0]
    assert link.get("href") == "pages/calling-for-help/when.html#top"
    alone = next(p for n, p in by_name.items() if "-first-aid-kit-" in n)
    link = parse(alone, "pages/first-aid-kit/checks.html").xpath("//a[.='when to call']")[0]
    assert link.get("href") is None  # that module is not in this package: text, not a dead link


def test_the_final_assessment_borrows_its_questions(built):
    pkg = package(built, "bundled")
    final = parse(pkg, "pages/final-assessment.html")
    assert final.xpath("//*[@data-dfc-question]") == []  # each question is sent once, in its module
    assert final.xpath("//button[@type='submit']/@disabled") == ["disabled"]
    quiz = parse(pkg, "pages/leadership/quiz.html")
    bank = data_block(pkg)["quizzes"]["leadership"]
    # The page carries the knowledge check and, for the final assessment, the final-only pool.
    assert bank.get("finalOnly"), "the bundled leadership bank has final-only questions"
    assert len(quiz.xpath("//*[@data-dfc-question]")) == len(bank["questions"]) + len(
        bank["finalOnly"]
    )
