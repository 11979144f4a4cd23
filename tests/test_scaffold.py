"""`new module` and `new quiz`: examples that build and validate, and nothing ever overwritten."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from builder import api
from builder.tools.scaffold import ScaffoldError, add_module_to_course, new_module, new_quiz

COURSE = "course/course.yaml"
ALL_TYPES = {"single", "multiple", "true-false", "matching", "ordering", "scenario"}


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root, to show that a refused command changed nothing."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_new_module_builds_and_its_pages_are_in_the_package(course_copy, tmp_path):
    root = course_copy("minimal")
    written = new_module(root, "working-together", "Working together: the basics")
    folder = root / "modules" / "working-together"
    assert written == [
        folder / "module.md",
        folder / "01-introduction.md",
        folder / "02-in-practice.md",
        folder / "03-summary.md",
        root / "quizzes" / "working-together.yaml",
        root / COURSE,
    ]
    report = api.build(root, tmp_path / "dist")
    assert len(report.packages) == 2
    for package in report.packages:
        with zipfile.ZipFile(package.path) as archive:
            names = set(archive.namelist())
            for page in ("overview", "introduction", "in-practice", "summary", "quiz"):
                assert f"pages/working-together/{page}.html" in names
            practice = archive.read("pages/working-together/in-practice.html").decode()
    for block in ('class="case-study"', 'class="activity"', "key-points"):
        assert block in practice
    # A lens box for each of the course's roles, and nothing of the bundled course.
    assert practice.count("data-dfc-lens=") == 3 and "Joint" not in practice
    assert "Say how a staff representative may see this point" in practice


def test_new_module_writes_a_lens_box_for_each_of_the_course_roles(course_copy, tmp_path):
    root = course_copy("minimal")
    course = root / COURSE
    before_roles, after_roles = course.read_text(encoding="utf-8").split("roles:")
    course.write_text(
        before_roles
        + "roles:\n  - {id: carer, label: A home carer}\n"
        + "  - {id: coordinator, label: A care coordinator, lens: For coordinators}\n"
        + after_roles[after_roles.index("accessibility:") :],
        encoding="utf-8",
    )
    new_module(root, "visits", "Visits")
    page = (root / "modules/visits/02-in-practice.md").read_text(encoding="utf-8")
    assert "::: lens carer\nSay how a home carer may see" in page
    assert "::: lens coordinator\nSay how a care coordinator may see" in page
    report = api.build(root, tmp_path / "dist", strict=True)
    with zipfile.ZipFile(report.packages[0].path) as archive:
        practice = archive.read("pages/visits/in-practice.html").decode()
    assert ">For coordinators</h2>" in practice and ">A home carer</h2>" in practice


def test_new_module_passes_validate_strict_with_every_question_type(course_copy):
    root = course_copy("minimal")
    new_module(root, "working-together")
    model, warnings = api.validate(root, strict=True)
    assert warnings == []
    module = model.module("working-together")
    assert module.meta.title == "Working together"
    assert [p.id for p in module.pages] == ["introduction", "in-practice", "summary"]
    assert module.quiz is not None
    assert {q.type for q in module.quiz.questions} == ALL_TYPES
    objective_ids = [o.id for o in module.meta.objectives]
    assert len(objective_ids) == 2
    assert all(o.startswith("working-together-") for o in objective_ids)
    assert {o for q in module.quiz.questions for o in q.objectives} == set(objective_ids)


def test_course_yaml_keeps_every_byte_but_the_new_entry(course_copy):
    root = course_copy("minimal")
    before = (root / COURSE).read_bytes()
    assert b"# A tiny fictional course" in before
    new_module(root, "working-together")
    after = (root / COURSE).read_bytes()
    old_lines = before.splitlines(keepends=True)
    new_lines = after.splitlines(keepends=True)
    added = [line for line in new_lines if line not in old_lines]
    assert added == [b"  - working-together\n"]
    new_lines.remove(added[0])
    assert new_lines == old_lines
    assert new_lines.index(b"  - fire-basics\n") + 1 == after.splitlines(keepends=True).index(
        added[0]
    )


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(
            "# Course\nid: x\nmodules:   # in teaching order\n  - one   # first\n"
            "  # - parked-module\n  - two\n\n# The rest\npackages: [web]\n",
            "# Course\nid: x\nmodules:   # in teaching order\n  - one   # first\n"
            "  # - parked-module\n  - two\n  - new-one\n\n# The rest\npackages: [web]\n",
            id="comments between and after items",
        ),
        pytest.param(
            "id: x\r\nmodules:\r\n    -   one\r\ntitle: T\r\n",
            "id: x\r\nmodules:\r\n    -   one\r\n    -   new-one\r\ntitle: T\r\n",
            id="crlf and wide indentation",
        ),
        pytest.param(
            "id: x\nmodules:\n- one\n- two",
            "id: x\nmodules:\n- one\n- two\n- new-one\n",
            id="no indentation, no final newline",
        ),
        pytest.param(
            "id: x\nmodules: [one, two]  # order\n",
            "id: x\nmodules: [one, two, new-one]  # order\n",
            id="flow list",
        ),
        pytest.param("modules: []\n", "modules: [new-one]\n", id="empty flow list"),
        pytest.param("modules:\nid: x\n", "modules:\n  - new-one\nid: x\n", id="empty key"),
    ],
)
def test_adding_to_modules_changes_nothing_else(before, after):
    assert add_module_to_course(before, "new-one") == after


def test_a_module_already_listed_leaves_course_yaml_alone(course_copy):
    root = course_copy("minimal")
    course = root / COURSE
    text = course.read_text(encoding="utf-8").replace(
        "  - fire-basics\n", "  - fire-basics\n  - later  # written before the module\n"
    )
    course.write_text(text, encoding="utf-8")
    written = new_module(root, "later")
    assert root / COURSE not in written
    assert course.read_text(encoding="utf-8") == text
    api.validate(root, strict=True)


def test_a_course_yaml_that_cannot_be_edited_safely_stops_everything(course_copy):
    root = course_copy("minimal")
    course = root / COURSE
    text = course.read_text(encoding="utf-8").replace(
        "modules:\n  - fire-basics\n", "modules: [\n  fire-basics,\n]\n"
    )
    course.write_text(text, encoding="utf-8")
    before = snapshot(root)
    with pytest.raises(ScaffoldError, match=r"add the line `  - new-one`"):
        new_module(root, "new-one")
    assert snapshot(root) == before


def test_an_existing_module_folder_is_never_overwritten(course_copy):
    root = course_copy("minimal")
    before = snapshot(root)
    with pytest.raises(ScaffoldError, match=r"modules/fire-basics/ already exists.*new quiz"):
        new_module(root, "fire-basics")
    assert snapshot(root) == before


def test_an_existing_quiz_is_never_overwritten(course_copy):
    root = course_copy("minimal")
    (root / "quizzes" / "spare.yaml").write_text("# someone's draft\n", encoding="utf-8")
    before = snapshot(root)
    with pytest.raises(ScaffoldError, match=r"quizzes/spare.yaml already exists"):
        new_module(root, "spare")
    assert snapshot(root) == before
    with pytest.raises(ScaffoldError, match=r"quizzes/fire-basics.yaml already exists"):
        new_quiz(root, "fire-basics")
    assert snapshot(root) == before


@pytest.mark.parametrize(
    ("module_id", "suggestion"),
    [
        ("Fire Basics", "fire-basics"),
        ("fire_basics", "fire-basics"),
        ("1st-module", "module-1st-module"),
        ("-lead", "lead"),
        ("", None),
        ("a" * 65, None),
        ("../escape", "escape"),
    ],
)
def test_an_invalid_id_is_refused_with_a_suggestion(course_copy, module_id, suggestion):
    root = course_copy("minimal")
    before = snapshot(root)
    with pytest.raises(ScaffoldError, match="lower-case letters, digits and hyphens") as caught:
        new_module(root, module_id)
    if suggestion:
        assert f'"{suggestion}"' in str(caught.value)
    with pytest.raises(ScaffoldError):
        new_quiz(root, module_id)
    assert snapshot(root) == before


def test_an_id_with_a_trailing_hyphen_is_valid_in_the_model_pattern_but_builds(course_copy):
    # ID_PATTERN allows "lead-": the scaffold accepts what the model accepts, no more, no less.
    root = course_copy("minimal")
    new_module(root, "lead-")
    api.validate(root, strict=True)


def test_not_a_course_folder(tmp_path):
    with pytest.raises(ScaffoldError, match="is not a course folder"):
        new_module(tmp_path, "anything")
    assert list(tmp_path.iterdir()) == []


def test_new_quiz_uses_the_module_objectives_and_validates(course_copy):
    root = course_copy("minimal")
    (root / "quizzes" / "fire-basics.yaml").unlink()
    path = new_quiz(root, "fire-basics")
    assert path == root / "quizzes" / "fire-basics.yaml"
    model, warnings = api.validate(root, strict=True)
    assert warnings == []
    quiz = model.module("fire-basics").quiz
    assert quiz is not None
    assert {q.type for q in quiz.questions} == ALL_TYPES
    assessed = {o for q in quiz.questions for o in q.objectives}
    assert assessed == {"fire-triangle", "fire-response"}


def test_new_quiz_needs_an_existing_module(course_copy):
    root = course_copy("minimal")
    before = snapshot(root)
    with pytest.raises(
        ScaffoldError, match=r"modules/nowhere/module.md does not exist.*new module"
    ):
        new_quiz(root, "nowhere")
    assert snapshot(root) == before


def test_example_ids_never_clash_with_ids_already_in_the_course(course_copy):
    root = course_copy("minimal")
    module_md = root / "modules" / "fire-basics" / "module.md"
    module_md.write_text(
        module_md.read_text(encoding="utf-8").replace("id: fire-triangle", "id: extra-explain"),
        encoding="utf-8",
    )
    quiz = root / "quizzes" / "fire-basics.yaml"
    quiz.write_text(
        quiz.read_text(encoding="utf-8")
        .replace("[fire-triangle]", "[extra-explain]")
        .replace("id: fire-01", "id: extra-q1"),
        encoding="utf-8",
    )
    new_module(root, "extra")
    model, warnings = api.validate(root, strict=True)
    assert warnings == []
    ids = [o.id for o in model.module("extra").meta.objectives]
    assert "extra-explain" not in ids
    assert "extra-q1" not in [q.id for q in model.module("extra").quiz.questions]


def test_a_long_module_id_still_gives_valid_example_ids(course_copy):
    root = course_copy("minimal")
    module_id = "a" + "-b" * 31  # 63 characters
    new_module(root, module_id)
    api.validate(root, strict=True)


def test_a_title_with_yaml_characters_is_kept_exactly(course_copy):
    root = course_copy("minimal")
    title = 'Leading: "together" # not a comment'
    new_module(root, "leading", title)
    model, _ = api.validate(root, strict=True)
    assert model.module("leading").meta.title == title
