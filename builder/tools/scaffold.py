"""Start a new module or question bank from examples that already pass `validate --strict`.

`new_module` writes modules/<id>/ (module.md and three pages showing every block type),
quizzes/<id>.yaml (one example of every question type) and adds the id to `modules:` in
course/course.yaml, changing nothing else in that file. `new_quiz` writes only the question
bank, for a module that exists. Neither ever overwrites a file: when something is in the way
they raise ScaffoldError (a ValueError) saying what exists and what to do, and change nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

from builder.discover.sources import COURSE_FILE, MODULE_FILE
from builder.load.loader import split_front_matter
from builder.load.yamlfile import YamlSyntaxError, parse_yaml
from builder.model.audience import Role
from builder.model.course import ID_PATTERN
from builder.model.problems import Problems, TrainerError
from builder.tools.scaffold_examples import INTRODUCTION, SUMMARY, in_practice, module_md, quiz_yaml

ID_MAX = 64  # builder.model.course.Id's max_length
OBJECTIVE_SUFFIXES = ("explain", "apply")
QUESTION_SUFFIXES = ("q1", "q2", "q3", "q4", "q5", "s1")
ID_LINE = re.compile(r"""^\s*(?:-\s+)?id:\s*["']?([a-z][a-z0-9-]*)""", re.MULTILINE)


class ScaffoldError(TrainerError):
    """Nothing was written: the message says why, in the trainer's words."""


def new_module(root: Path, module_id: str, title: str | None = None) -> list[Path]:
    """Create a module, its question bank and its entry in course/course.yaml.

    Returns the files written, in order; course/course.yaml comes last when it was changed
    (it is left alone when it already lists the module).
    """
    check_id(module_id, "module")
    course_file = _course_file(root)
    folder = root / "modules" / module_id
    quiz = root / "quizzes" / f"{module_id}.yaml"
    if folder.exists():
        raise ScaffoldError(
            f"modules/{module_id}/ already exists, so nothing was created. Choose another id, "
            f"or to add only a question bank to that module run: new quiz {module_id}"
        )
    if quiz.exists():
        raise ScaffoldError(
            f"quizzes/{module_id}.yaml already exists, so nothing was created. Choose another "
            "module id, or rename or remove that file first"
        )
    title = (title or "").strip() or title_from_id(module_id)
    taken = _existing_ids(root)
    objective_ids = _fresh_ids(module_id, OBJECTIVE_SUFFIXES, taken)
    question_ids = _fresh_ids(module_id, QUESTION_SUFFIXES, taken)

    # Work out every change first, so a problem stops everything before anything is written.
    course_text, course_bytes = _read_course(course_file)
    new_course = add_module_to_course(course_text, module_id)
    files = {
        folder / MODULE_FILE: module_md(title, objective_ids),
        folder / "01-introduction.md": introduction(module_id, "summary", "03-summary.md"),
        folder / "02-in-practice.md": in_practice(course_roles(course_text)),
        folder / "03-summary.md": SUMMARY,
        quiz: quiz_yaml(module_id, objective_ids, question_ids),
    }
    written = write_new(files, make_dirs=[folder])
    if new_course is not None:
        bom = b"\xef\xbb\xbf" if course_bytes.startswith(b"\xef\xbb\xbf") else b""
        course_file.write_bytes(bom + new_course.encode("utf-8"))
        written.append(course_file)
    return written


def new_quiz(root: Path, module_id: str) -> Path:
    """Create quizzes/<module_id>.yaml for an existing module, using its objective ids."""
    check_id(module_id, "module")
    _course_file(root)
    module_file = root / "modules" / module_id / MODULE_FILE
    quiz = root / "quizzes" / f"{module_id}.yaml"
    if not module_file.is_file():
        raise ScaffoldError(
            f"modules/{module_id}/{MODULE_FILE} does not exist, so there is no module to add a "
            f"question bank to. To start a whole new module run: new module {module_id}"
        )
    if quiz.exists():
        raise ScaffoldError(
            f"quizzes/{module_id}.yaml already exists, so nothing was created. Edit that file, "
            "or rename it first if you want to start again from the examples"
        )
    objective_ids = _module_objectives(root, module_id)
    question_ids = _fresh_ids(module_id, QUESTION_SUFFIXES, _existing_ids(root))
    return write_new({quiz: quiz_yaml(module_id, objective_ids, question_ids)})[0]


# --- ids ------------------------------------------------------------------------------------


def check_id(value: str, what: str) -> None:
    """Refuse an id the course would reject, suggesting one it would accept."""
    if re.fullmatch(ID_PATTERN, value or "") and len(value) <= ID_MAX:
        return
    suggestion = re.sub(r"[^a-z0-9]+", "-", (value or "").lower()).strip("-")
    if suggestion[:1].isdigit():
        suggestion = f"{what}-{suggestion}"
    suggestion = suggestion[:ID_MAX].rstrip("-")
    hint = f' such as "{suggestion}"' if suggestion else ', such as "fire-safety"'
    if len(value or "") > ID_MAX:
        problem = f"is longer than {ID_MAX} characters"
    else:
        problem = "is not a valid id"
    raise ScaffoldError(
        f'"{value}" {problem}: a {what} id uses lower-case letters, digits and hyphens and '
        f"starts with a letter{hint}"
    )


def title_from_id(module_id: str) -> str:
    """`fire-basics` -> `Fire basics`."""
    words = module_id.replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def _fresh_ids(module_id: str, suffixes: tuple[str, ...], taken: set[str]) -> list[str]:
    """`<prefix>-<suffix>` ids that fit ID_MAX and clash with no id already in the course."""
    longest = max(len(s) for s in suffixes) + 1
    base = module_id[: ID_MAX - longest - 3].rstrip("-")
    for n in range(1, 100):
        prefix = base if n == 1 else f"{base}-{n}"
        ids = [f"{prefix}-{s}" for s in suffixes]
        if not taken.intersection(ids):
            taken.update(ids)
            return ids
    raise ScaffoldError(f'could not find free example ids for "{module_id}"')  # pragma: no cover


def _existing_ids(root: Path) -> set[str]:
    """Every `id:` in module front matter and question banks: new ids must not repeat them."""
    files = sorted((root / "modules").glob(f"*/{MODULE_FILE}")) + sorted(
        (root / "quizzes").glob("*.yaml")
    )
    ids: set[str] = set()
    for file in files:
        try:
            ids.update(ID_LINE.findall(file.read_text(encoding="utf-8-sig")))
        except (OSError, UnicodeDecodeError):
            continue
    return ids


def _module_objectives(root: Path, module_id: str) -> list[str]:
    path = f"modules/{module_id}/{MODULE_FILE}"
    unreadable = ScaffoldError(
        f"{path} has no readable objectives, so the new questions would have nothing to "
        "assess. Run `validate`, fix what it reports in that file, then try again"
    )
    try:
        text = (root / path).read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError):
        raise unreadable from None
    split = split_front_matter(text, path, Problems())
    if split is None:
        raise unreadable
    try:
        doc = parse_yaml(split[0], path, 2)
    except YamlSyntaxError:
        raise unreadable from None
    objectives = doc.data.get("objectives") if isinstance(doc.data, dict) else None
    ids = [
        o["id"]
        for o in objectives or []
        if isinstance(o, dict)
        and isinstance(o.get("id"), str)
        and re.fullmatch(ID_PATTERN, o["id"])
    ]
    if not ids:
        raise unreadable
    return ids


# --- files ----------------------------------------------------------------------------------


def introduction(module_id: str, next_title: str, next_file: str) -> str:
    return (
        INTRODUCTION.replace("{id}", module_id)
        .replace("{next_title}", next_title)
        .replace("{next_file}", next_file)
    )


def course_roles(course_text: str) -> list[tuple[str, str]]:
    """(id, one person) of each role course.yaml lists; a role that does not read is left out."""
    try:
        data = parse_yaml(course_text, COURSE_FILE).data
    except YamlSyntaxError:
        return []
    found = []
    for entry in (data.get("roles") if isinstance(data, dict) else None) or []:
        try:
            role = Role.model_validate(entry)
        except ValueError:
            continue
        found.append((role.id, role.one_person))
    return found


def _course_file(root: Path) -> Path:
    course_file = root / COURSE_FILE
    if not course_file.is_file():
        raise ScaffoldError(
            f"{root} is not a course folder: it has no {COURSE_FILE}. Run this in the folder "
            "that holds course/, modules/ and quizzes/, or start a new course there with: "
            "dfc-course new course FOLDER"
        )
    return course_file


def _read_course(course_file: Path) -> tuple[str, bytes]:
    data = course_file.read_bytes()
    try:
        return data.decode("utf-8-sig"), data
    except UnicodeDecodeError:
        raise ScaffoldError(
            f"{COURSE_FILE} is not UTF-8 text, so the module could not be added to it. Save it "
            "as UTF-8 and try again"
        ) from None


def write_new(files: dict[Path, str], make_dirs: list[Path] | None = None) -> list[Path]:
    """Write each file, refusing to replace anything (even a file created a moment ago)."""
    for folder in make_dirs or []:
        folder.mkdir(parents=True, exist_ok=False)
    written = []
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        written.append(path)
    return written


# --- course/course.yaml ---------------------------------------------------------------------


def add_module_to_course(text: str, module_id: str) -> str | None:
    """`text` with `module_id` added at the end of `modules:`; None if it is listed already.

    A text edit, not a YAML rewrite: every other byte of the file, comments, quotes and
    blank lines included, stays as it was.
    """
    try:
        doc = parse_yaml(text, COURSE_FILE)
    except YamlSyntaxError as exc:
        raise ScaffoldError(
            f"{COURSE_FILE} cannot be read (line {exc.line}: {exc.message}), so the module "
            "could not be added to it. Fix it and try again"
        ) from None
    data = doc.data if isinstance(doc.data, dict) else {}
    modules = data.get("modules")
    if isinstance(modules, list) and module_id in modules:
        return None
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    edited = None
    if isinstance(modules, list) and modules and ("modules", len(modules) - 1) in doc.lines:
        edited = _append_block_item(lines, doc.lines[("modules", len(modules) - 1)], module_id)
        edited = edited or _append_flow_item(lines, doc.line(("modules",)), module_id)
    elif isinstance(modules, list) or modules is None:
        line = doc.lines.get(("modules",))
        edited = _append_flow_item(lines, line, module_id) if line else None
        if edited is None and line is not None and modules is None:
            edited = _insert_lines(lines, line, [f"  - {module_id}{newline}"])
    if edited is None:
        raise ScaffoldError(
            f"could not add {module_id} to `modules:` in {COURSE_FILE}: add the line "
            f"`  - {module_id}` to its list of modules yourself, then run validate"
        )
    _check_only_modules_changed(doc.data, edited, module_id)
    return edited


def _append_block_item(lines: list[str], last_line: int, module_id: str) -> str | None:
    """After the last `  - item` line, a new line with the same indentation."""
    line = lines[last_line - 1]
    match = re.match(r"^(\s*-\s+)", line)
    if match is None:
        return None
    body = line.rstrip("\r\n")
    newline = line[len(body) :] or ("\r\n" if any(x.endswith("\r\n") for x in lines) else "\n")
    if not line.endswith(("\n", "\r")):
        lines = [*lines[:-1], body + newline]
    return _insert_lines(lines, last_line, [f"{match.group(1)}{module_id}{newline}"])


def _append_flow_item(lines: list[str], key_line: int | None, module_id: str) -> str | None:
    """`modules: [a, b]` -> `modules: [a, b, new]`, when the list is on the key's line."""
    if key_line is None:
        return None
    line = lines[key_line - 1]
    match = re.match(r"^(modules:\s*\[)([^\]#]*)(\].*)$", line, re.DOTALL)
    if match is None:
        return None
    items = match.group(2)
    sep = ", " if items.strip() else ""
    new = f"{match.group(1)}{items.rstrip()}{sep}{module_id}{match.group(3)}"
    return "".join([*lines[: key_line - 1], new, *lines[key_line:]])


def _insert_lines(lines: list[str], after: int, new: list[str]) -> str:
    return "".join([*lines[:after], *new, *lines[after:]])


def _check_only_modules_changed(before: dict[str, object], text: str, module_id: str) -> None:
    """The edit must add exactly one module and leave every other value alone."""
    after = parse_yaml(text, COURSE_FILE).data
    old = list(before.get("modules") or [])
    if (
        not isinstance(after, dict)
        or after.get("modules") != [*old, module_id]
        or {k: v for k, v in after.items() if k != "modules"}
        != {k: v for k, v in before.items() if k != "modules"}
    ):
        raise ScaffoldError(
            f"could not add {module_id} to `modules:` in {COURSE_FILE} safely: add the line "
            f"`  - {module_id}` to its list of modules yourself, then run validate"
        )
