"""Render the outline to HTML: jinja2 with autoescape, Markdown rendered once per page.

Returns bytes keyed by their path in the package; touches no files.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from builder.interface.catalogue import SOURCE, Interface
from builder.interface.foreign import plain, wrap
from builder.load import markup
from builder.model.course import ChoiceQuestion, CourseModel, Matching, Module, TrueFalse
from builder.model.weights import weight_of
from builder.outline.screens import Outline, Screen
from builder.render.figures import figure_css, figure_widths
from builder.render.quiz_data import (
    diagnostic_data,
    diagnostic_view,
    distractor_ids,
    families,
    question_data,
)
from builder.render.scenario_text import step_question
from builder.render.template_cache import template_cache
from builder.render.theme_css import shipped_name, theme_css
from builder.targets.base import Target

TEMPLATES = Path(__file__).parent / "templates"
RUNTIME = Path(__file__).parents[1] / "runtime"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src {connect}; font-src 'self'; media-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'none'"
)


@dataclass
class ChoiceView:
    id: str
    text: str
    feedback: str


def make_environment(template_folder: Path | None = None) -> jinja2.Environment:
    """The one jinja2 environment: autoescape on, strict about undefined names.

    Compiled templates are kept in `template_folder` between builds, when one is given.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
        bytecode_cache=template_cache(template_folder),
    )
    env.globals["choices"] = choice_views
    env.globals["targets"] = match_targets
    env.globals["step_question"] = step_question
    env.filters["inline"] = lambda text: wrap(text, markup.inline(text))
    env.filters["plain"] = plain
    env.globals["t"] = interface_text
    env.globals["tp"] = interface_plural
    env.globals["th"] = interface_html
    return env


@jinja2.pass_context
def interface_text(context: Any, key: str, **params: Any) -> str:
    """`{{ t("start.button") }}`: interface text in the language of the course rendered."""
    return Interface(context["course"].language).text(key, **params)


@jinja2.pass_context
def interface_plural(context: Any, key: str, count: int, **params: Any) -> str:
    """`{{ tp("overview.pages", 3) }}`: the plural form the language uses for `count`."""
    return Interface(context["course"].language).plural(key, count, **params)


@jinja2.pass_context
def interface_html(context: Any, key: str, **params: Any) -> Any:
    """`{{ th("statement.applies", title=course.title) }}`: a message as HTML, its values
    escaped (a fallback keeps its `lang`), for messages around links and markup."""
    return Interface(context["course"].language).html(key, **params)


@jinja2.pass_context
def choice_views(context: Any, question: Any) -> list[ChoiceView]:
    """Options as the template shows them; true/false gets its two options here."""
    if isinstance(question, TrueFalse):
        words = Interface(context["course"].language)
        return [
            ChoiceView("true", words.text("question.true"), question.feedback_true),
            ChoiceView("false", words.text("question.false"), question.feedback_false),
        ]
    assert isinstance(question, ChoiceQuestion)
    return [ChoiceView(o.id, o.text, o.feedback) for o in question.options]


def match_targets(question: Matching) -> list[tuple[str, str]]:
    """(value, text) of every match a matching item offers, spare ones included, by text."""
    real = [(p.id, p.match) for p in question.pairs]
    spare = list(zip(distractor_ids(question), question.distractors, strict=True))
    return sorted(real + spare, key=lambda target: target[1])


class Renderer:
    """Renders every screen of an outline; the shell (index.html) per target."""

    def __init__(self, outline: Outline, env: jinja2.Environment | None = None):
        self.outline = outline
        self.env = env or make_environment()
        self.course = outline.model.course
        self.words = markup.BlockWords.of(self.course)
        self._urls: dict[str, str] | None = None
        self.figure_widths = {
            package_asset(m.id, path): figure
            for m in outline.modules
            for path, figure in figure_widths(m.assets).items()
        }
        logo = self.course.theme.logo
        self.logo_src = shipped_name(logo.file) if logo else None
        # Looked up once per screen: dicts, so a course of thousands of modules stays linear.
        self._modules = {m.id: m for m in outline.model.modules}
        self._screens_of: dict[str | None, list[Screen]] = {}
        for screen in outline.screens:
            self._screens_of.setdefault(screen.module, []).append(screen)

    def render_screens(self, tick: Callable[[], None] | None = None) -> dict[str, bytes]:
        """Every page, overview and quiz, plus the module assets; `tick` after each screen."""
        files: dict[str, bytes] = {}
        for screen in self.outline.screens:
            files[screen.url] = self._render_screen(screen).encode("utf-8")
            if tick:
                tick()
        for module in self.outline.modules:
            for path, data in module.assets.items():
                files[package_asset(module.id, path)] = data
        return files

    def render_shell(self, target: Target) -> bytes:
        """index.html: the SCO the LMS launches, with the runtime and the course data."""
        data = json.dumps(self.runtime_data(target), ensure_ascii=False, separators=(",", ":"))
        # Stop the JSON from ever closing its script element early.
        data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        template = self.env.get_template("index.html")
        html = template.render(
            course=self.course,
            csp=CSP.format(connect=target.connect_src),
            root=None,
            logo_src=self.logo_src,
            screens=self.outline.screens,
            menu=self._menu(),
            roles=self.course.roles,
            role_question=self.course.role_question,
            approved=(
                release.approved_line(self.course.language)
                if (release := self.outline.model.release)
                else None
            ),
            data=Markup(data),
            scripts=[f"runtime/{name}" for name in runtime_scripts(target)],
        )
        return html.encode("utf-8")

    def runtime_data(self, target: Target) -> dict[str, Any]:
        """What the runtime reads: screens, quizzes, answers, pass mark."""
        screens = [
            {"id": s.id, "title": s.title, "url": s.url, "kind": s.kind, "module": s.module}
            for s in self.outline.screens
        ]
        questions: dict[str, Any] = {}
        quizzes: dict[str, Any] = {}
        family = families([q for m in self.outline.modules if m.quiz for q in m.quiz.questions])
        for module in self.outline.modules:
            if module.quiz is None:
                continue
            quiz = module.quiz
            quizzes[module.id] = {
                "title": quiz.title,
                "passMark": quiz.pass_mark,
                "draw": quiz.draw,
                "attempts": quiz.attempts,
                "shuffle": quiz.shuffle,
                "questions": [q.id for q in quiz.questions if q.use != "final"],
            }
            final_only = [q.id for q in quiz.questions if q.use == "final"]
            if final_only:
                quizzes[module.id]["finalOnly"] = final_only
            for q in quiz.questions:
                weight = weight_of(q, self.outline.model.course)
                questions[q.id] = question_data(q, module.id, family.get(q.id), weight)
        final = self.course.final_assessment
        data: dict[str, Any] = {
            "courseId": self.course.id,
            "version": self.course.version,
            "target": target.name,
            "title": self.course.title,
            "screens": screens,
            "quizzes": quizzes,
            "questions": questions,
            "graded": self.outline.graded,
            "passMark": self.outline.pass_mark,
            "modules": [
                {"id": m.id, "title": m.meta.title, "objectives": [o.id for o in m.meta.objectives]}
                for m in self.outline.modules
            ],
        }
        if self.outline.graded == "final" and final is not None:
            data["final"] = {
                "title": final.title,
                "perModule": final.questions_per_module,
                "attempts": final.attempts,
                "shuffle": final.shuffle,
                "passMark": final.pass_mark,
                "draw": "by-objective",  # how attempts are drawn; saved progress depends on it
            }
        if self.course.roles:
            data["roles"] = [role.id for role in self.course.roles]
            if not self.course.role_question.skippable:
                data["roleRequired"] = True
        if final is not None:
            data["retryStatus"] = final.failed_with_attempts_left
        diagnostic = self.outline.model.self_assessment
        if diagnostic is not None and any(s.kind == "diagnostic" for s in self.outline.screens):
            data["diagnostic"] = diagnostic_data(diagnostic)
        if self.outline.model.release is not None:
            data["contentHash"] = self.outline.model.release.content_hash
        data.update(target.runtime_data(self.outline))
        if self.course.language != SOURCE:  # English is the runtime's own default
            data["language"] = self.course.language
            data["interface"] = Interface(self.course.language).messages
        data["fingerprint"] = fingerprint(data)
        return data

    def _menu(self) -> list[dict[str, Any]]:
        groups: list[dict[str, Any]] = []
        for module in self.outline.modules:
            groups.append(
                {"title": module.meta.title, "screens": self._screens_of.get(module.id, [])}
            )
        for screen in self.outline.screens:
            if screen.module is None:
                groups.append({"title": screen.title, "screens": [screen]})
        return groups

    def page_csp(self) -> str:
        """The content security policy of every page but the shell."""
        return CSP.format(connect="'self'")

    def _render_screen(self, screen: Screen) -> str:
        common = {
            "course": self.course,
            "csp": CSP.format(connect="'self'"),
            "root": "../../" if screen.module else "../",
            "logo_src": self.logo_src,
            "screen": screen,
        }
        if screen.kind in ("page", "overview"):
            module = self._modules[screen.module or ""]
            if screen.kind == "overview":
                body = self._markdown(module, module.intro_tokens)
                contents = self._screens_of.get(module.id, [])[1:]
                return self.env.get_template("overview.html").render(
                    common, module=module, body=Markup(body), contents=contents
                )
            page = next(p for p in module.pages if f"{module.id}/{p.id}" == screen.id)
            return self.env.get_template("page.html").render(
                common, body=Markup(self._markdown(module, page.tokens))
            )
        if screen.kind == "quiz":
            module = self._modules[screen.module or ""]
            assert module.quiz is not None
            graded = self.outline.graded == module.id
            words = Interface(self.course.language)
            intro = words.text("quiz.intro_graded" if graded else "quiz.intro_practice")
            return self.env.get_template("quiz.html").render(
                common,
                heading=f"{screen.title}: {module.meta.title}",
                quiz_id=module.id,
                graded=graded,
                intro=intro,
                questions=module.quiz.questions,
                markdown=lambda text: wrap(text, self._markdown(module, markup.parse(text))),
            )
        if screen.kind == "final":
            final = self.course.final_assessment
            assert final is not None
            intro = Interface(self.course.language).plural(
                "final.intro", final.questions_per_module, pass_mark=final.pass_mark
            )
            return self.env.get_template("quiz.html").render(
                common,
                heading=screen.title,
                quiz_id="final",
                graded=True,
                intro=intro,
                questions=[],  # the runtime takes each attempt's questions from the module pages
                markdown=None,
            )
        diagnostic = self.outline.model.self_assessment
        assert diagnostic is not None
        return self.env.get_template("diagnostic.html").render(
            common, **diagnostic_view(diagnostic)
        )

    def _markdown(self, module: Module, tokens: list[Any]) -> str:
        folder = f"modules/{module.id}"
        pages = self._page_urls()

        def rewrite(kind: str, target: str) -> str | None:
            anchor = "#" + target.split("#", 1)[1] if "#" in target else ""
            resolved = markup.resolve(folder, target)
            if kind == "link" and target.split("#")[0].endswith(".md"):
                # A page of a module this package leaves out (--per-module) is not linked.
                return pages[resolved] + anchor if resolved in pages else None
            return f"pages/{module.id}/{resolved.removeprefix(folder + '/')}{anchor}"

        return markup.render(
            tokens, rewrite, self.outline.model.course.language, self.words, self.figure_widths
        )

    def _page_urls(self) -> dict[str, str]:
        """Source path of every page in this package -> its URL in the package."""
        if self._urls is None:
            self._urls = {
                page.path: f"pages/{m.id}/{page.id}.html"
                for m in self.outline.modules
                for page in m.pages
            }
        return self._urls


def package_asset(module_id: str, path: str) -> str:
    """Where a module's file (an image, say) goes in a package."""
    return f"pages/{module_id}/{path.removeprefix(f'modules/{module_id}/')}"


def runtime_scripts(target: Target) -> list[str]:
    """Runtime scripts in load order; the target adds its own LMS adapter and its fallbacks."""
    own = [target.adapter_script, *target.adapter_parts] if target.adapter_script else []
    adapters = ["lms-local.js", *own, *target.fallback_scripts]
    return [
        "dfc-core.js",
        "lms.js",
        *adapters,
        "state.js",
        "quiz-form.js",
        "quiz-marking.js",
        "quiz.js",
        "self-assessment.js",
        "scenario.js",
        "nav.js",
        "main.js",
    ]


def runtime_files(target: Target, model: CourseModel) -> dict[str, bytes]:
    """The runtime's CSS and scripts for `target`, and the theme's files, keyed by their path
    in the package. The stylesheet opens with the course's theme."""
    import rcssmin

    files = {f"runtime/{name}": shipped_runtime(name) for name in runtime_scripts(target)}
    widths = {p: w for m in model.modules for p, w in figure_widths(m.assets).items()}
    theme = rcssmin.cssmin(theme_css(model.course.theme) + figure_css(widths)).encode("utf-8")
    files["runtime/dfc.css"] = theme + b"\n" + shipped_runtime("dfc.css")
    for path, data in model.theme_files.items():
        files[shipped_name(path)] = data
    return files


@functools.lru_cache(maxsize=64)
def shipped_runtime(name: str) -> bytes:
    """A runtime file as packages carry it: minified, so trainees download less. The source in
    builder/runtime/ keeps its comments; rjsmin and rcssmin only drop comments and spaces."""
    import rcssmin
    import rjsmin

    text = (RUNTIME / name).read_text(encoding="utf-8")
    small = rcssmin.cssmin(text) if name.endswith(".css") else rjsmin.jsmin(text)
    return small.encode("utf-8")


def fingerprint(data: dict[str, Any]) -> str:
    """A short hash of the course's structure; saved progress from another structure is stale."""
    shape = [data["screens"], sorted(data["questions"]), data.get("final")]
    return hashlib.sha256(json.dumps(shape, sort_keys=True).encode()).hexdigest()[:12]
