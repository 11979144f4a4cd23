"""`dfc-course preview`: build in memory, serve on 127.0.0.1 inside a test LMS, rebuild on change.

The test LMS (preview_static/) records every API call and shows the tracked data beside the
course; like an LMS, it stores each commit on this server (/__dfc/lms), in memory for as long
as the preview runs. It is never put into a package.
"""

from __future__ import annotations

import html
import json
import mimetypes
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from builder.model.problems import CourseError
from builder.tools.preview_languages import (
    PREFIX,
    build_languages,
    course_page,
    language_of,
    switch,
)
from builder.tools.preview_lrs import PreviewLrs
from builder.tools.preview_review import ReviewDesk

STATIC = Path(__file__).parent / "preview_static"
WATCHED = ("course", "modules", "quizzes")
SCORM = {"12": "scorm12", "2004": "scorm2004"}
PAGE = """<!doctype html>
<html lang="en" data-scorm="{version}" data-course="{course}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Preview: {title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/__dfc/static/preview.css">
<script src="/__dfc/static/fake-lms.js"></script>
<script src="/__dfc/static/preview-dom.js" defer></script>
<script src="/__dfc/static/panel.js" defer></script>
<script src="/__dfc/static/phone.js" defer></script>
{review_script}</head>
<body>
<header><h1>Preview: {title}</h1><p>SCORM {label} test LMS. Nothing here is sent anywhere.</p>
<button type="button" id="reset">Reset attempt</button>{phone}{languages}</header>
<div id="build-error" role="alert" hidden></div>
<div class="preview">
<iframe id="course" title="The course, as a trainee sees it" src="{page}"></iframe>
<section id="panel" aria-label="What the LMS holds"></section>
{review_panel}</div>
</body>
</html>
"""
REVIEW_SCRIPT = '<script src="/__dfc/static/review.js" defer></script>\n'
REVIEW_PANEL = '<section id="review" aria-labelledby="review-heading"></section>\n'
CMI5_PAGE = """<!doctype html>
<html lang="en" data-course="{course}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Preview: {title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/__dfc/static/preview.css">
<script src="/__dfc/static/preview-dom.js" defer></script>
<script src="/__dfc/static/panel-cmi5.js" defer></script>
<script src="/__dfc/static/phone.js" defer></script>
</head>
<body>
<header><h1>Preview: {title}</h1><p>cmi5 test LMS and record store. Nothing here is sent anywhere.</p>
<button type="button" id="reset">Reset attempt</button>{phone}{languages}</header>
<div id="build-error" role="alert" hidden></div>
<div class="preview">
<iframe id="course" title="The course, as a trainee sees it" src="/__dfc/launch?language={language}"></iframe>
<section id="panel" aria-label="The statements the course sent"></section>
</div>
</body>
</html>
"""


# Shows the course at a phone's width (375 px), with the LMS panel beside it.
PHONE = '<button type="button" id="phone" aria-pressed="false">Phone width (375 px)</button>'
# A browser that closes or reloads while a reply is on its way: normal, never reported.
GONE = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError)


class QuietServer(ThreadingHTTPServer):
    """The preview's HTTP server: a browser that goes away mid-request prints nothing, and
    any other failure of one request prints one line, never a traceback."""

    daemon_threads = True
    report: Callable[[str], None] = staticmethod(lambda message: None)

    def handle_error(self, request: object, client_address: object) -> None:
        import sys

        failure = sys.exc_info()[1]
        if failure is None or isinstance(failure, GONE):
            return
        self.report(f"preview: a request failed ({type(failure).__name__}: {failure})")


@dataclass
class Snapshot:
    """The last good build and the latest error, shared between the watcher and the server."""

    files: dict[str, bytes] = field(default_factory=dict)
    languages: dict[str, dict[str, bytes]] = field(default_factory=dict)  # the others, by tag
    build: int = 0
    error: str | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


def source_stamp(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and times of every source file: any edit changes it."""
    entries = []
    for folder in WATCHED:
        for path in sorted((root / folder).rglob("*")) if (root / folder).is_dir() else []:
            if path.is_file():
                stat = path.stat()
                entries.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(entries)


class PreviewServer:
    """Serves the latest good build and rebuilds when the course files change."""

    def __init__(
        self,
        root: Path,
        scorm: str = "12",
        port: int = 0,
        host: str = "127.0.0.1",
        report: Callable[[str], None] | None = None,
        interval: float = 0.3,
        cmi5: bool = False,
        reviewer: str | None = None,
    ):
        self.root = root
        # `preview --review --as NAME`: a comment desk beside the course (preview_review.py).
        self.review = ReviewDesk.for_reviewer(root, reviewer) if reviewer else None
        self.target = "cmi5" if cmi5 else SCORM[scorm]
        self.lrs = PreviewLrs() if cmi5 else None
        self.scorm = scorm
        self.report = report or (lambda message: None)
        self.interval = interval
        self.snapshot = Snapshot()
        self.lms_data: dict[str, str] = {}  # what the test LMS committed last
        self.lms_attempt = 0  # "Reset attempt" starts a new one; older commits are ignored
        self.title = "course"
        self.own_language = ""
        self._stop = threading.Event()
        self.rebuild()
        self.httpd = QuietServer((host, port), self._handler())
        self.httpd.report = self.report
        self.url = f"http://{host}:{self.httpd.server_port}/"
        self._threads = [
            threading.Thread(target=self.httpd.serve_forever, daemon=True),
            threading.Thread(target=self._watch, daemon=True),
        ]

    def start(self) -> PreviewServer:
        for thread in self._threads:
            thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def rebuild(self) -> None:
        """Build again; on failure keep serving the last good build and show the error."""
        started = time.perf_counter()
        try:
            files, languages = build_languages(self.root, self.target)
        except CourseError as exc:
            text = "\n".join(p.format() for p in exc.problems) + f"\nerror: {exc.summary()}"
            with self.snapshot.lock:
                repeated = text == self.snapshot.error
                self.snapshot.error = text
                self.snapshot.build += 1
                served = bool(self.snapshot.files)
            if not repeated:  # an editor saving twice gives the same errors: print them once
                still = "the last good build is still being served" if served else (
                    "the preview shows the course once it builds"
                )
                self.report(f"{text}\n({still})")
            return
        with self.snapshot.lock:
            self.snapshot.files = files
            self.snapshot.languages = languages
            self.snapshot.error = None
            self.snapshot.build += 1
        self.title = _title_of(files)
        self.own_language = language_of(files)
        self.report(f"built in {time.perf_counter() - started:.2f} s")

    def _watch(self) -> None:
        stamp = source_stamp(self.root)
        while not self._stop.wait(self.interval):
            current = source_stamp(self.root)
            if current != stamp:
                stamp = current
                self.rebuild()

    def language(self, query: str) -> str:
        """The language `?language=` asks for, else the course's own."""
        return (parse_qs(query).get("language") or [self.own_language])[0]

    def switch(self, chosen: str) -> str:
        return switch(self.own_language, list(self.snapshot.languages), chosen)

    def served(self, path: str) -> bytes | None:
        """A file of the latest good build: /course/… in the course's language, /lang/<tag>/…"""
        if path.startswith("/course/"):
            return self.snapshot.files.get(path[len("/course/") :])
        language, _, name = path[len(PREFIX) :].partition("/")
        return self.snapshot.languages.get(language, {}).get(name)

    def au(self) -> tuple[str, float | None]:
        """The AU id and masteryScore of the latest good build's cmi5.xml."""
        from lxml import etree

        with self.snapshot.lock:
            xml = self.snapshot.files.get("cmi5.xml", b"")
        if not xml:
            return "http://127.0.0.1/preview/au", None
        ns = {"c": "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"}
        au = etree.fromstring(xml, etree.XMLParser(no_network=True)).find("c:au", ns)
        mastery = au.get("masteryScore")
        return au.get("id"), float(mastery) if mastery is not None else None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                """Requests are not logged; rebuilds and errors are."""

            def do_POST(self) -> None:  # noqa: N802
                path = urlsplit(self.path).path
                if server.review is not None and path.startswith("/__dfc/reviews"):
                    body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                    status, answer = server.review.post(path, body)
                    return self._send(json.dumps(answer).encode(), "application/json", status)
                if server.lrs is None:
                    self._scorm_lms()
                else:
                    self._cmi5("POST")

            def do_PUT(self) -> None:  # noqa: N802
                self._cmi5("PUT")

            def _cmi5(self, method: str) -> bool:
                """The cmi5 LMS and LRS routes; False when the request is not one of them."""
                url = urlsplit(self.path)
                lrs = server.lrs
                if lrs is None or not url.path.startswith("/__dfc/"):
                    self.send_error(404)
                    return True
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if url.path == "/__dfc/launch":
                    origin = f"http://{self.headers.get('Host')}"
                    au_id, mastery = server.au()
                    page = course_page(server.language(url.query), server.snapshot.languages)
                    self.send_response(302)
                    self.send_header("Location", lrs.launch_url(origin, au_id, mastery, page))
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return True
                if url.path.startswith("/__dfc/fetch/") and method == "POST":
                    answer = lrs.fetch(url.path.rsplit("/", 1)[1])
                    self._send(json.dumps(answer).encode(), "application/json")
                    return True
                if url.path == "/__dfc/reset" and method == "POST":
                    lrs.reset()
                    self._send(b"{}", "application/json")
                    return True
                if url.path == "/__dfc/statements":
                    self._send(json.dumps(lrs.summary()).encode(), "application/json")
                    return True
                if url.path.startswith("/__dfc/xapi/"):
                    resource = url.path.removeprefix("/__dfc/xapi/")
                    auth = self.headers.get("Authorization", "")
                    status, answer = lrs.handle(method, resource, url.query, auth, body)
                    payload = b"" if answer is None else json.dumps(answer).encode()
                    self._send(payload, "application/json", status)
                    return True
                return False

            def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
                path = unquote(urlsplit(self.path).path)
                language = server.language(urlsplit(self.path).query)
                if server.lrs is not None and path.startswith("/__dfc/") and self._cmi5("GET"):
                    return
                if path == "/" and server.lrs is not None:
                    page = CMI5_PAGE.format(
                        title=_escape(server.title),
                        course=_escape(str(server.root.name)),
                        phone=PHONE,
                        languages=server.switch(language),
                        language=_escape(language),
                    )
                    return self._send(page.encode(), "text/html; charset=utf-8")
                if path == "/":
                    page = PAGE.format(
                        version="1.2" if server.scorm == "12" else "2004",
                        label="1.2" if server.scorm == "12" else "2004 4th Edition",
                        title=_escape(server.title),
                        course=_escape(str(server.root.name)),
                        review_script=REVIEW_SCRIPT if server.review else "",
                        review_panel=REVIEW_PANEL if server.review else "",
                        phone=PHONE,
                        languages=server.switch(language),
                        page=course_page(language, server.snapshot.languages),
                    )
                    return self._send(page.encode(), "text/html; charset=utf-8")
                if path == "/__dfc/reviews" and server.review is not None:
                    body = json.dumps(server.review.listing()).encode()
                    return self._send(body, "application/json")
                if path == "/__dfc/lms":
                    with server.snapshot.lock:
                        body = json.dumps({"attempt": server.lms_attempt, "data": server.lms_data})
                    return self._send(body.encode(), "application/json")
                if path == "/__dfc/status":
                    with server.snapshot.lock:
                        body = {"build": server.snapshot.build, "error": server.snapshot.error}
                    return self._send(json.dumps(body).encode(), "application/json")
                if path.startswith("/__dfc/static/"):
                    name = path.rsplit("/", 1)[1]
                    file = STATIC / name
                    if file.is_file():
                        return self._send(file.read_bytes(), _type(name))
                if path.startswith(("/course/", PREFIX)):
                    with server.snapshot.lock:
                        data = server.served(path)
                    if data is not None:
                        return self._send(data, _type(path))
                self.send_error(404)

            def _scorm_lms(self) -> None:
                """The SCORM test LMS's store: each commit, and Reset attempt."""
                path = unquote(urlsplit(self.path).path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                if path == "/__dfc/lms/reset":
                    with server.snapshot.lock:
                        server.lms_attempt += 1
                        server.lms_data = {}
                        reply = {"attempt": server.lms_attempt}
                    return self._send(json.dumps(reply).encode(), "application/json")
                if path != "/__dfc/lms":
                    return self.send_error(404)
                try:
                    sent = json.loads(body or b"{}")
                    attempt, data = sent["attempt"], sent["data"]
                except (ValueError, KeyError, TypeError):
                    return self.send_error(400)
                if not isinstance(data, dict):
                    return self.send_error(400)
                with server.snapshot.lock:
                    if attempt == server.lms_attempt:
                        server.lms_data = {str(k): str(v) for k, v in data.items()}
                return self._send(b"{}", "application/json")

            def _send(self, body: bytes, content_type: str, status: int = 200) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)

        return Handler


def _type(name: str) -> str:
    guessed = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return (
        f"{guessed}; charset=utf-8"
        if guessed.startswith("text/") or guessed.endswith("javascript")
        else guessed
    )


def _title_of(files: dict[str, bytes]) -> str:
    page = files.get("index.html", b"").decode("utf-8", "replace")
    start = page.find("<title>")
    end = page.find("</title>", start)
    return html.unescape(page[start + 7 : end]) if start >= 0 and end > start else "course"


def _escape(text: str) -> str:
    return html.escape(text, quote=True)
