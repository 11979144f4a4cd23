"""The order trainees meet the course in: screens, with previous/next worked out once."""

from __future__ import annotations

from dataclasses import dataclass, field

from builder.model.course import CourseModel, Module, Quiz

FINAL_ID = "final-assessment"


@dataclass
class Screen:
    """One place the trainee can be: a module overview, a page, a quiz or an assessment."""

    id: str
    title: str
    url: str
    kind: str  # overview | page | quiz | final | diagnostic
    module: str | None = None
    index: int = 0
    prev: Screen | None = field(default=None, repr=False)
    next: Screen | None = field(default=None, repr=False)


@dataclass
class Outline:
    """Screens in order, and which quiz (if any) is graded in this package."""

    model: CourseModel
    modules: list[Module]
    screens: list[Screen]
    graded: str | None  # "final", a module id whose quiz is graded, or None
    pass_mark: int | None
    suffix: str = ""  # added to package names, e.g. "-leadership"

    def module_screens(self, module_id: str) -> list[Screen]:
        return [s for s in self.screens if s.module == module_id]


def build_outline(model: CourseModel, only_module: str | None = None) -> Outline:
    """Lay out the whole course, or one module whose knowledge check becomes graded."""
    modules = [model.module(only_module)] if only_module else list(model.modules)
    screens: list[Screen] = []
    for module in modules:
        screens.extend(_module_screens(module))
    final = model.course.final_assessment
    if only_module is None and model.self_assessment is not None:
        diagnostic_id = model.course.self_assessment or "self-assessment"
        screens.append(
            Screen(
                diagnostic_id,
                model.self_assessment.title,
                f"pages/{diagnostic_id}.html",
                "diagnostic",
            )
        )
    if only_module is None and final is not None:
        screens.append(Screen(FINAL_ID, final.title, f"pages/{FINAL_ID}.html", "final"))
    _link(screens)
    if only_module:
        quiz: Quiz | None = modules[0].quiz
        graded = only_module if quiz else None
        return Outline(
            model, modules, screens, graded, quiz.pass_mark if quiz else None, f"-{only_module}"
        )
    graded_final = "final" if final is not None else None
    return Outline(model, modules, screens, graded_final, final.pass_mark if final else None)


def _module_screens(module: Module) -> list[Screen]:
    base = f"pages/{module.id}"
    screens = [
        Screen(
            f"{module.id}/overview",
            module.meta.title,
            f"{base}/overview.html",
            "overview",
            module.id,
        )
    ]
    for page in module.pages:
        screens.append(
            Screen(
                f"{module.id}/{page.id}", page.title, f"{base}/{page.id}.html", "page", module.id
            )
        )
    if module.quiz is not None:
        screens.append(
            Screen(f"{module.id}/quiz", module.quiz.title, f"{base}/quiz.html", "quiz", module.id)
        )
    return screens


def _link(screens: list[Screen]) -> None:
    for index, screen in enumerate(screens):
        screen.index = index
        screen.prev = screens[index - 1] if index else None
        screen.next = screens[index + 1] if index + 1 < len(screens) else None
