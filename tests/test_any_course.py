"""Any course, not only the bundled one: `new course` from nothing, and courses of other kinds
whose packages, handbook and report say nothing the course's own files do not say."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder import api
from builder.cli import main
from builder.tools.new_course import new_course
from builder.tools.report.run import make_report
from builder.tools.scaffold import ScaffoldError

# What the bundled course is about: none of it may come from the builder into another course.
ITS_WORDS = re.compile(r"manager|union|steward|joint|\brep\b|\breps\b", re.IGNORECASE)
ROLES = """roles:
  - id: carer
    label: A home carer
    lens: For home carers
    group: Home carers
  - id: coordinator
    label: A care coordinator
    group: Coordinators
"""


def everything_built(out: Path) -> dict[str, str]:
    """Every text file of every package, and the handbook, by name."""
    texts: dict[str, str] = {}
    for path in sorted(out.iterdir()):
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    if name.endswith((".html", ".js", ".css", ".xml", ".json")):
                        texts[f"{path.name}:{name}"] = archive.read(name).decode("utf-8")
        elif path.suffix == ".html":
            texts[path.name] = path.read_text(encoding="utf-8")
    return texts


def stray_words(texts: dict[str, str]) -> list[str]:
    return [
        f"{name}: {m.group(0)!r} in …{text[max(0, m.start() - 40) : m.end() + 40]}…"
        for name, text in texts.items()
        for m in ITS_WORDS.finditer(text)
    ]


def test_new_course_then_build_gives_no_warning(tmp_path):
    folder = tmp_path / "lone-working"
    result = CliRunner().invoke(
        main, ["new", "course", str(folder), "--title", "Safe lone working", "--language", "en"]
    )
    assert result.exit_code == 0, result.output
    names = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert names == [
        ".gitignore",
        "README.md",
        "course/course.yaml",
        "modules/getting-started/01-introduction.md",
        "modules/getting-started/02-in-practice.md",
        "modules/getting-started/module.md",
        "quizzes/getting-started.yaml",
    ]
    assert (folder / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "dist/"
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for step in ("dfc-course validate", "dfc-course preview", "dfc-course build"):
        assert step in readme
    report = api.build(folder, folder / "dist", strict=True)  # strict: a warning fails
    assert report.warnings == []
    model, _ = api.validate(folder)
    assert model is not None and model.course.title == "Safe lone working"
    assert model.course.id == "lone-working" and model.course.language == "en"
    bank = model.modules[0].quiz
    assert bank is not None
    assert sorted({q.type for q in bank.questions}) == sorted(
        ["single", "multiple", "true-false", "matching", "ordering", "scenario"]
    )
    assert [p.id for p in model.modules[0].pages] == ["introduction", "in-practice"]
    assert stray_words(everything_built(folder / "dist")) == []


def test_every_course_yaml_field_is_written_with_a_comment(tmp_path):
    new_course(tmp_path / "c")
    text = (tmp_path / "c/course/course.yaml").read_text(encoding="utf-8")
    model, _ = api.validate(tmp_path / "c")
    assert model is not None
    for name in type(model.course).model_fields:
        line = next((ln for ln in text.splitlines() if re.match(rf"#? ?{name}:", ln)), None)
        assert line is not None, f"{name} is not in the new course.yaml"
        before = text.splitlines()[text.splitlines().index(line) - 1]
        assert before.lstrip().startswith("#"), f"{name} has no comment above it"
    for name in type(model.course.final_assessment).model_fields:
        assert re.search(rf"^  {name}: .*# ", text, re.M), f"final_assessment.{name}: no comment"


def test_new_course_refuses_a_folder_that_holds_a_course(tmp_path):
    new_course(tmp_path / "c")
    before = {p: p.read_bytes() for p in (tmp_path / "c").rglob("*") if p.is_file()}
    with pytest.raises(ScaffoldError) as error:
        new_course(tmp_path / "c", title="Another")
    assert str(error.value) == (
        f"{tmp_path / 'c'} already holds a course (course/course.yaml exists), so nothing was "
        "created. Choose an empty folder, or add a module to this course with: "
        "dfc-course new module MODULE_ID"
    )
    assert {p: p.read_bytes() for p in (tmp_path / "c").rglob("*") if p.is_file()} == before


def test_new_course_never_overwrites_a_file(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "README.md").write_text("mine\n", encoding="utf-8")
    with pytest.raises(ScaffoldError) as error:
        new_course(folder)
    assert str(error.value) == (
        f"{folder} already has README.md, so nothing was created. Choose an empty folder"
    )
    assert (folder / "README.md").read_text(encoding="utf-8") == "mine\n"
    assert sorted(p.name for p in folder.iterdir()) == ["README.md"]


def test_new_course_refuses_a_language_that_is_not_a_tag(tmp_path):
    result = CliRunner().invoke(main, ["new", "course", str(tmp_path / "c"), "--language", "English!"])
    assert result.exit_code != 0
    assert 'error: --language "English!" is not a language tag; write it like en-GB, en or cy' in (
        result.output
    )
    assert not (tmp_path / "c").exists()


def _other_kind(tmp_path: Path, roles: str) -> Path:
    """A course of another kind: its own roles (or none) and no activity boxes."""
    folder = tmp_path / "course"
    new_course(folder, title="Safe lone working for home carers")
    course = folder / "course/course.yaml"
    # Without its role question and framing sections, so that the defaults are what show.
    settings = course.read_text(encoding="utf-8").split("# The role question on")[0]
    course.write_text(settings + roles, encoding="utf-8")
    page = folder / "modules/getting-started/02-in-practice.md"
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"::: activity.*?\n:::\n", "", text, flags=re.S)
    if roles:
        text += (
            "\n::: lens carer\nCheck in by phone when you arrive and when you leave.\n:::\n"
            "\n::: lens coordinator\nKnow where each carer is, and when they are due back.\n:::\n"
        )
    page.write_text(text, encoding="utf-8")
    return folder


ANSWERS = [("l1", "carer"), ("l2", "carer"), ("l3", "coordinator"), ("l4", "coordinator")]


def _answers_csv(with_roles: bool) -> str:
    rows = ["learner,attempt,interaction_id,type,response,result,timestamp"]
    for n, (learner, role) in enumerate(ANSWERS):
        when = f"2026-01-0{n + 1}T10:00:00Z"
        if with_roles:
            rows.append(f"{learner},1,role,other,{role},neutral,{when}")
        right = "correct" if n % 2 else "incorrect"
        rows.append(f"{learner},1,getting-started-q1,choice,a,{right},{when}")
    return "\n".join(rows) + "\n"


@pytest.mark.parametrize("roles", [ROLES, ""], ids=["own roles", "no roles"])
def test_a_course_of_another_kind_carries_none_of_the_bundled_course_words(tmp_path, roles):
    folder = _other_kind(tmp_path, roles)
    build = api.build(folder, folder / "dist", strict=True)
    assert build.warnings == []
    texts = everything_built(folder / "dist")
    assert stray_words(texts) == []
    index = next(t for n, t in texts.items() if n.endswith("scorm12.zip:index.html"))
    page = next(t for n, t in texts.items() if n.endswith("scorm12.zip:pages/getting-started/in-practice.html"))
    handbook = next(t for n, t in texts.items() if n.endswith("handbook.html"))
    if roles:
        assert "A home carer" in index and "A care coordinator" in index
        assert '"roles":["carer","coordinator"]' in index
        assert ">For home carers</h2>" in page and ">A care coordinator</h2>" in page
        assert "Home carers:" in handbook or "as a home carer" in handbook
    else:
        assert "dfc-role" not in index and '"roles"' not in index
        assert "data-dfc-lens" not in page
    assert 'class="activity"' not in page
    csv = tmp_path / "answers.csv"
    csv.write_text(_answers_csv(bool(roles)), encoding="utf-8")
    report = make_report([str(csv)], folder, "html", min_group=2)
    assert stray_words({"report": report}) == []
    if roles:
        assert '<h2 id="roles">Roles compared</h2>' in report
        assert "Home carers" in report and "Coordinators" in report
    else:
        assert 'id="roles"' not in report and "no role given" not in report
