"""Read every source file into the course model, collecting every problem on the way."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.discover.sources import (
    COURSE_FILE,
    PAGE_NAME,
    ModuleSources,
    Sources,
    discover_sources,
)
from builder.load import markup
from builder.load.theme_files import read_theme_files
from builder.load.validation import validate
from builder.load.yamlfile import YamlDoc, YamlSyntaxError, parse_yaml
from builder.model.course import Course, Diagnostic, Module, ModuleMeta, Page, Quiz
from builder.model.problems import Location, Problems


@dataclass
class Loaded:
    """The course as read, plus the YAML line maps that checks use to point at lines."""

    course: Course | None
    modules: dict[str, Module] = field(default_factory=dict)
    quizzes: dict[str, Quiz] = field(default_factory=dict)
    diagnostics: dict[str, Diagnostic] = field(default_factory=dict)
    docs: dict[str, YamlDoc] = field(default_factory=dict)
    quiz_paths: dict[str, str] = field(default_factory=dict)
    module_dirs: dict[str, str] = field(default_factory=dict)
    # Quiz files that could not be read (their stem and, when readable, their `module`):
    # checks skip follow-on errors such as "has no question bank" for these.
    unreadable_quizzes: set[str] = field(default_factory=set)
    # Links refused by discover (they lead out of the course): reported there already.
    refused: set[str] = field(default_factory=set)
    theme_files: dict[str, bytes] = field(default_factory=dict)


def load_sources(root: Path, problems: Problems) -> Loaded:
    """Discover and read every file; shape errors go to `problems`."""
    sources = discover_sources(root, problems)
    loaded = Loaded(None, refused=sources.refused)
    if COURSE_FILE not in sources.refused:
        loaded.course = _load_yaml_model(root, COURSE_FILE, Course, problems, loaded.docs)
        if loaded.course is not None:
            loaded.theme_files = read_theme_files(
                root, loaded.course, loaded.docs.get(COURSE_FILE), problems
            )
    for module_sources in sources.modules.values():
        loaded.module_dirs[module_sources.id] = module_sources.dir
        if module_sources.module_file in sources.refused:
            continue
        module = load_module(root, module_sources, problems, loaded.docs)
        if module is not None:
            loaded.modules[module.id] = module
    _load_quizzes(root, sources, loaded, problems)
    return loaded


def _load_quizzes(root: Path, sources: Sources, loaded: Loaded, problems: Problems) -> None:
    for stem, path in sources.quizzes.items():
        doc = _read_yaml(root, path, problems)
        if doc is None:
            loaded.unreadable_quizzes.add(stem)
            continue
        loaded.docs[path] = doc
        loaded.quiz_paths[stem] = path
        # A `kind:` without a `module:` is a questionnaire, so `kind: diagnostc` is told
        # about kind rather than about every questionnaire field a bank does not have.
        data = doc.data if isinstance(doc.data, dict) else {}
        is_diagnostic = "kind" in data and (data["kind"] == "diagnostic" or "module" not in data)
        model, found = validate(Diagnostic if is_diagnostic else Quiz, doc)
        problems.extend(found)
        if isinstance(model, Diagnostic):
            loaded.diagnostics[stem] = model
        elif model is not None:
            loaded.quizzes[stem] = model
        else:
            loaded.unreadable_quizzes.add(stem)
            if isinstance(doc.data, dict) and isinstance(doc.data.get("module"), str):
                loaded.unreadable_quizzes.add(doc.data["module"])


def load_module(
    root: Path, sources: ModuleSources, problems: Problems, docs: dict[str, YamlDoc]
) -> Module | None:
    """Read module.md and the module's pages and assets."""
    path = sources.module_file
    text = read_text(root, path, problems, required=True)
    if text is None:
        return None
    split = split_front_matter(text, path, problems)
    if split is None:
        return None
    front, body, body_line = split
    meta_doc = _parse(front, path, problems, first_line=2)
    if meta_doc is None:
        return None
    docs[path] = meta_doc
    if meta_doc.data is None:
        *names, last = [name for name, f in ModuleMeta.model_fields.items() if f.is_required()]
        problems.error(
            Location(path, 1), f"the front matter is empty: it needs {', '.join(names)} and {last}"
        )
        return None
    meta, found = validate(ModuleMeta, meta_doc)
    problems.extend(found)
    if meta is None:
        return None
    module = Module(sources.id, path, meta, markup.parse("\n" * (body_line - 1) + body))
    for page_path in sources.pages:
        page = load_page(root, page_path, problems)
        if page is not None:
            module.pages.append(page)
    for asset in sources.assets:
        module.assets[asset] = (root / asset).read_bytes()
    if not sources.pages:
        problems.error(Location(sources.dir), "the module has no pages (files named 01-title.md)")
    return module


def load_page(root: Path, path: str, problems: Problems) -> Page | None:
    """Read one page; its first line is `# Title`."""
    text = read_text(root, path, problems, required=True)
    if text is None:
        return None
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        problems.error(Location(path, 1), "the page is empty")
        return None
    heading = lines[first]
    if not heading.startswith("# ") or not heading[2:].strip():
        problems.error(
            Location(path, first + 1), "a page must start with its title as a heading: # Title"
        )
        return None
    lines[first] = ""
    tokens = markup.parse("\n".join(lines))
    match = PAGE_NAME.match(Path(path).name)
    page_id = match.group(2) if match else Path(path).stem
    title = heading[2:].strip()
    return Page(page_id, title, path, tokens, markup.count_words(tokens) + len(title.split()))


def split_front_matter(text: str, path: str, problems: Problems) -> tuple[str, str, int] | None:
    """Split `---` front matter from the body; return (front, body, body's first line)."""
    lines = text.split("\n")
    if not text.strip():
        problems.error(
            Location(path, 1),
            "the file is empty: it needs front matter: a line ---, the YAML, then ---",
        )
        return None
    if lines[0].strip() != "---":
        problems.error(
            Location(path, 1), "must start with front matter: a line ---, the YAML, then ---"
        )
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    problems.error(Location(path, 1), "the front matter is never closed: add a line ---")
    return None


def read_text(root: Path, path: str, problems: Problems, required: bool = False) -> str | None:
    """Read a UTF-8 text file; accept a byte-order mark and Windows line endings."""
    file = root / path
    if not file.is_file():
        if required:
            problems.error(Location(path), "is missing")
        return None
    data = file.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.error(
            Location(path, line),
            f"is not UTF-8 text (byte 0x{data[exc.start]:02x}): save it as UTF-8",
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_yaml(root: Path, path: str, problems: Problems) -> YamlDoc | None:
    text = read_text(root, path, problems, required=True)
    return None if text is None else _parse(text, path, problems)


def _parse(text: str, path: str, problems: Problems, first_line: int = 1) -> YamlDoc | None:
    try:
        return parse_yaml(text, path, first_line)
    except YamlSyntaxError as exc:
        problems.error(Location(path, exc.line), exc.message)
        return None
    except RecursionError:
        problems.error(Location(path), "is nested too deeply to read: simplify it")
        return None


def _load_yaml_model(
    root: Path, path: str, model: type[Any], problems: Problems, docs: dict[str, YamlDoc] | None
) -> Any:
    if not (root / path).is_file():
        return None
    doc = _read_yaml(root, path, problems)
    if doc is None:
        return None
    if docs is not None:
        docs[path] = doc
    result, found = validate(model, doc)
    problems.extend(found)
    return result
