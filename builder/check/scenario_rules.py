"""Scenario questions: every choice leads somewhere real, every node is reached, every path ends."""

from __future__ import annotations

from collections.abc import Callable

from builder.check.block_rules import nearest
from builder.check.locations import COURSE_FILE, field_line
from builder.load.loader import Loaded
from builder.model.course import Scenario
from builder.model.problems import Location, Problems

Where = Callable[..., Location]


def check_scenario(
    loaded: Loaded, path: str, index: int, scenario: Scenario, problems: Problems
) -> None:
    label = f'question "{scenario.id}"'

    def where(*loc: str | int) -> Location:
        return field_line(loaded, path, "questions", index, *loc)

    _check_parts(loaded, scenario, label, where, problems)
    nodes = list(dict.fromkeys(n.id for n in scenario.nodes))
    endings = list(dict.fromkeys(e.id for e in scenario.endings))
    before = len(problems.items)
    _unique(
        [n.id for n in scenario.nodes], "node", label, lambda n: where("nodes", n, "id"), problems
    )
    _unique(
        [e.id for e in scenario.endings],
        "ending",
        label,
        lambda n: where("endings", n, "id"),
        problems,
    )
    if scenario.start not in nodes:
        problems.error(
            where("start"),
            f'{label}: start: "{scenario.start}" is not a node of this scenario '
            f"(nodes: {', '.join(nodes)})",
        )
    leads: dict[str, set[str]] = {}  # node -> the nodes its choices lead to
    ends_from: set[str] = set()  # nodes with a choice that ends the scenario
    ended: set[str] = set()  # endings some choice reaches
    for n, node in enumerate(scenario.nodes):
        node_label = f'{label}, node "{node.id}"'
        _unique(
            [c.id for c in node.choices],
            "choice",
            node_label,
            lambda c, n=n: where("nodes", n, "choices", c, "id"),
            problems,
        )
        leads.setdefault(node.id, set())
        for c, choice in enumerate(node.choices):
            choice_label = f'{node_label}, choice "{choice.id}"'
            at = ("nodes", n, "choices", c)
            if choice.next is not None and choice.end is not None:
                problems.error(
                    where(*at, "end"), f"{choice_label}: has both next and end: keep one"
                )
            elif choice.next is None and choice.end is None:
                problems.error(
                    where(*at, "id"),
                    f"{choice_label}: the path stops here: give the choice `next: <node>` "
                    "or `end: <ending>`",
                )
            if choice.next is None or choice.next not in nodes or choice.end is not None:
                ends_from.add(node.id)  # a way out, or a fault reported on its own line
            if choice.next is not None:
                if choice.next in nodes:
                    leads[node.id].add(choice.next)
                else:
                    problems.error(
                        where(*at, "next"),
                        f'{choice_label}: next: "{choice.next}" is not a node of this scenario '
                        f"(nodes: {', '.join(nodes)})",
                    )
            if choice.end is not None:
                if choice.end in endings:
                    ended.add(choice.end)
                else:
                    problems.error(
                        where(*at, "end"),
                        f'{choice_label}: end: "{choice.end}" is not an ending of this scenario '
                        f"(endings: {', '.join(endings)})",
                    )
    if len(problems.items) > before:
        return  # what else could be said follows from the mistakes already reported
    reached = _reachable({scenario.start}, leads)
    for n, node in enumerate(scenario.nodes):
        if node.id not in reached:
            problems.error(
                where("nodes", n, "id"),
                f'{label}, node "{node.id}": no path from the start reaches this node',
            )
    if _check_loops(scenario, reached, leads, ends_from, label, where, problems):
        return
    for e, ending in enumerate(scenario.endings):
        if ending.id not in ended:
            problems.error(
                where("endings", e, "id"),
                f'{label}, ending "{ending.id}": no choice leads to this ending',
            )


def _check_parts(
    loaded: Loaded, scenario: Scenario, label: str, where: Where, problems: Problems
) -> None:
    """Each part of the debrief names a role the course has."""
    if scenario.debrief is None or loaded.course is None:
        return
    roles = [r.id for r in loaded.course.roles]
    for n, part in enumerate(scenario.debrief.parts):
        if part.role in roles:
            continue
        at = where("debrief", "parts", n, "role")
        if not roles:
            problems.error(
                at,
                f'{label}, debrief: role "{part.role}": this course has no roles; list them '
                f"under roles: in {COURSE_FILE}, or remove the parts",
            )
            continue
        hint = nearest(part.role, roles)
        more = f'did you mean "{hint}"?' if hint else f"the roles are {', '.join(roles)}"
        problems.error(
            at, f'{label}, debrief: no role "{part.role}" in {COURSE_FILE}; {more}'
        )


def _check_loops(
    scenario: Scenario,
    reached: set[str],
    leads: dict[str, set[str]],
    ends_from: set[str],
    label: str,
    where: Where,
    problems: Problems,
) -> bool:
    """Nodes the trainee can reach but never leave for an ending: a loop with no way out."""
    # Walk backwards from the nodes that can end: whatever they are reached from can end too.
    can_end = set(ends_from)
    changed = True
    while changed:
        changed = False
        for node, targets in leads.items():
            if node not in can_end and targets & can_end:
                can_end.add(node)
                changed = True
    trapped = [n for n in scenario.nodes if n.id in reached and n.id not in can_end]
    if trapped:
        first = next(i for i, n in enumerate(scenario.nodes) if n.id == trapped[0].id)
        names = ", ".join(f'"{n.id}"' for n in trapped)
        noun = "node" if len(trapped) == 1 else "nodes"
        problems.error(
            where("nodes", first, "id"),
            f"{label}: a loop with no way out: no choice from {noun} {names} "
            "ever leads to an ending",
        )
    return bool(trapped)


def _reachable(start: set[str], leads: dict[str, set[str]]) -> set[str]:
    seen = set(start)
    todo = list(start)
    while todo:
        for target in leads.get(todo.pop(), ()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def _unique(
    ids: list[str], noun: str, label: str, where: Callable[[int], Location], problems: Problems
) -> None:
    seen: set[str] = set()
    for n, ident in enumerate(ids):
        if ident in seen:
            problems.error(where(n), f'{label}: {noun} id "{ident}" is used twice')
        seen.add(ident)
