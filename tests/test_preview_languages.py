"""The preview's language switch: the course in each of its `languages:`, chosen on the page,
with untranslated texts falling back to the source language as `--allow-partial` does."""

from __future__ import annotations

import urllib.request

from translate_helpers import welsh_course

from builder.tools.preview import PreviewServer


def fetch(server: PreviewServer, path: str) -> str:
    with urllib.request.urlopen(server.url + path) as reply:
        return reply.read().decode("utf-8")


def test_the_preview_switches_between_the_course_languages(tmp_path):
    root = welsh_course(tmp_path)
    quiz = root / "translations/cy/quizzes/fire-basics.yaml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("xxxWaterxxx", "Dŵr"), "utf-8")
    (root / "translations/cy/modules/fire-basics/02-alarm.yaml").unlink()  # under way
    server = PreviewServer(root, port=0).start()
    try:
        english, welsh = fetch(server, ""), fetch(server, "?language=cy")
        assert '<iframe id="course" title="The course, as a trainee sees it" src="/course/index.html">' in english
        assert 'src="/lang/cy/index.html"' in welsh
        for page, current in ((english, "en-GB"), (welsh, "cy")):
            assert f'<a href="/?language={current}" aria-current="page">' in page
        assert '<a href="/?language=cy"><span lang="cy">Cymraeg (cy)</span></a>' in english
        assert '<html lang="en-GB">' in fetch(server, "course/index.html")
        assert '<html lang="cy">' in fetch(server, "lang/cy/index.html")
        assert "Dŵr" in fetch(server, "lang/cy/pages/fire-basics/quiz.html")
        assert "Dŵr" not in fetch(server, "course/pages/fire-basics/quiz.html")
        # The untranslated page falls back to English, marked as English.
        alarm = fetch(server, "lang/cy/pages/fire-basics/alarm.html")
        assert 'lang="en-GB"' in alarm and '<html lang="cy">' in alarm
        # An unknown language shows the course's own.
        assert 'src="/course/index.html"' in fetch(server, "?language=fr")
    finally:
        server.stop()


def test_a_course_in_one_language_has_no_switch(course_copy):
    server = PreviewServer(course_copy("minimal"), port=0).start()
    try:
        assert 'id="languages"' not in fetch(server, "")
    finally:
        server.stop()


def test_the_cmi5_preview_launches_the_chosen_language(tmp_path):
    root = welsh_course(tmp_path, "iri: https://example.org/courses/fire\n")
    server = PreviewServer(root, port=0, cmi5=True).start()
    try:
        assert 'src="/__dfc/launch?language=cy"' in fetch(server, "?language=cy")
        with urllib.request.urlopen(server.url + "__dfc/launch?language=cy") as reply:
            assert reply.geturl().startswith(server.url + "lang/cy/index.html?")
            assert '<html lang="cy">' in reply.read().decode("utf-8")
    finally:
        server.stop()
