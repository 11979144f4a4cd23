"""The preview's server, without a browser: a browser that goes away is no error, each build
error is printed once, and the page offers a phone-width view."""

from __future__ import annotations

import socket
import struct
import urllib.request

from builder.tools.preview import PreviewServer

PAGE = "modules/fire-basics/01-fire-triangle.md"


def test_a_browser_that_closes_mid_request_prints_nothing(course_copy, capfd):
    messages: list[str] = []
    server = PreviewServer(course_copy("minimal"), port=0, report=messages.append).start()
    try:
        host, port = server.httpd.server_address[:2]
        for _ in range(20):
            with socket.create_connection((host, port)) as conn:
                conn.sendall(b"GET /course/runtime/quiz.js HTTP/1.1\r\nHost: x\r\n\r\n")
                # Reset the connection at once, as a closing tab does.
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        with urllib.request.urlopen(server.url) as reply:  # and it still answers
            assert reply.status == 200
    finally:
        server.stop()
    assert "Traceback" not in capfd.readouterr().err
    assert [m for m in messages if not m.startswith("built in")] == []


def test_a_failed_request_is_one_line_and_a_closed_browser_none(course_copy, capfd):
    messages: list[str] = []
    server = PreviewServer(course_copy("minimal"), port=0, report=messages.append)
    try:
        for failure in (BrokenPipeError(32, "Broken pipe"), ConnectionResetError(104, "reset")):
            try:
                raise failure
            except OSError:
                server.httpd.handle_error(None, ("127.0.0.1", 1))
        try:
            raise ValueError("bad header")
        except ValueError:
            server.httpd.handle_error(None, ("127.0.0.1", 1))
    finally:
        server.httpd.server_close()
    assert capfd.readouterr().err == ""
    assert messages[1:] == ["preview: a request failed (ValueError: bad header)"]


def test_each_build_error_is_printed_once(course_copy):
    root = course_copy("minimal")
    messages: list[str] = []
    server = PreviewServer(root, port=0, report=messages.append)
    try:
        page = root / PAGE
        good = page.read_text(encoding="utf-8")
        page.write_text(good + "\n::: keypoints\nText.\n:::\n", encoding="utf-8")
        server.rebuild()
        server.rebuild()  # an editor that saves twice: the same errors, not printed again
        assert len(messages) == 2 and messages[0].startswith("built in")
        assert messages[1].count('"::: keypoints" is not a block') == 1
        assert messages[1].endswith("(the last good build is still being served)")
        page.write_text(good, encoding="utf-8")
        server.rebuild()
        page.write_text(good + "\n::: keypoints\nText.\n:::\n", encoding="utf-8")
        server.rebuild()  # broken again after a good build: shown again
        assert len(messages) == 4 and messages[3] == messages[1]
    finally:
        server.httpd.server_close()


def test_a_course_that_never_built_says_so(course_copy):
    root = course_copy("minimal")
    (root / PAGE).write_text("# Title\n\n::: keypoints\nText.\n:::\n", encoding="utf-8")
    messages: list[str] = []
    server = PreviewServer(root, port=0, report=messages.append)
    server.httpd.server_close()
    assert len(messages) == 1
    assert messages[0].endswith("(the preview shows the course once it builds)")


def test_the_page_offers_a_phone_width_view(course_copy):
    server = PreviewServer(course_copy("minimal"), port=0).start()
    try:
        with urllib.request.urlopen(server.url) as reply:
            page = reply.read().decode()
        with urllib.request.urlopen(server.url + "__dfc/static/phone.js") as reply:
            assert b"aria-pressed" in reply.read()
    finally:
        server.stop()
    assert '<button type="button" id="phone" aria-pressed="false">Phone width (375 px)</button>' in page
    assert '<script src="/__dfc/static/phone.js" defer></script>' in page
