"""The whole report as one plain structure: what `--format json` writes and the others show.

Privacy: every figure computed over fewer than `min_group` learners is left out (None, shown as
"fewer than N"); learner ids never leave the Collector.
"""

from __future__ import annotations

from typing import Any

from builder.interface.catalogue import Interface

from .analysis import Table, flags, item_figures, mastery, tabulate
from .course_index import CourseIndex, Item
from .records import Collector, parse_response
from .tally import EMPTY


def summarise(collector: Collector, index: CourseIndex, min_group: int) -> dict[str, Any]:
    table = tabulate(collector.finish(), index)
    np = table.np
    items = list(index.items.values())
    everyone = np.ones(table.learners, dtype=bool)
    role_masks = {role: table.role == n for n, role in enumerate(index.roles)}
    overall = item_figures(table, items, everyone, min_group)
    per_role = {
        role: item_figures(table, items, mask, min_group) for role, mask in role_masks.items()
    }
    dimensions = {
        name: _dimension(table, items, overall, _values(table, name, index), min_group)
        for name in ("version", "language")
    }
    answered_items = {c for c in table.codes if c in index.items}
    report_items = []
    for n, item in enumerate(items):
        if item.id not in answered_items:
            continue
        figures = overall[n]
        entry: dict[str, Any] = {
            "id": item.id,
            "prompt": item.prompt,
            "module": item.module,
            "type": item.type,
            "n": figures["n"] if figures else None,
            "facility": _round(figures["facility"]) if figures else None,
            "discrimination": {
                "point_biserial": _round(figures["point_biserial"]),
                "upper_lower": _round(figures["upper_lower"]),
            } if figures else None,
            "by_role": {
                role: {"n": f["n"], "facility": _round(f["facility"])} if f else None
                for role, f in ((r, per_role[r][n]) for r in index.roles)
            },
            **{
                f"by_{name}": {
                    value: {"n": f[n]["n"], "facility": _round(f[n]["facility"])} if f[n] else None
                    for value, f in figures_by.items()
                }
                for name, (_, figures_by) in dimensions.items()
            },
            "objectives": item.objectives,
            "attempts": _attempts(figures),
            "options": _options(figures, item),
            "flags": flags(figures, Interface(index.words)) if figures else [],
        }  # fmt: skip
        report_items.append(entry)
    learners = int(table.learners)
    role_counts = {role: int(mask.sum()) for role, mask in role_masks.items()}
    return {
        "course": index.title,
        "min_group": min_group,
        "suppressed": Interface(index.words).text("report.suppressed", count=min_group),
        "learners": _count(learners, min_group),
        "answers": table.answers if learners >= min_group else None,
        "learners_by_role": {r: _count(c, min_group) for r, c in role_counts.items()},
        "learners_without_role": _count(int((table.role < 0).sum()), min_group),
        **{
            f"learners_by_{name}": {v: _count(int(m.sum()), min_group) for v, m in masks.items()}
            for name, (masks, _) in dimensions.items()
        },
        "items": report_items,
        "objectives": _objectives(table, index, everyone, role_masks, min_group),
        "roles": {
            role: _role_section(table, index, items, per_role[role], role_masks[role], min_group)
            for role in index.roles
        },
        "role_names": index.role_names,
        "roles_heading": index.roles_heading
        or Interface(index.words).text("report.roles_compared"),
        "scenarios": _scenarios(table, index, role_masks, min_group),
        "self_assessment": _self_assessment(table, index, role_masks, min_group),
    }


def _values(table: Table, name: str, index: CourseIndex) -> list[str | None]:
    """Each learner's version or language: the latest their records say, else (version) the
    course's own."""
    said: list[str] = getattr(table, f"{name}s")
    default = index.version if name == "version" else None
    return [said[v] if v >= 0 else default for v in getattr(table, name).tolist()]


def _dimension(table: Table, items: list[Item], overall: list, values: list[str | None],
               min_group: int) -> tuple[dict[str, Any], dict[str, list]]:  # fmt: skip
    """A dimension beside role (version, language): each value's learners as a mask, and the
    item figures over them; a value every learner shares has the figures of everyone."""
    np = table.np
    names = sorted({v for v in values if v is not None})
    position = {name: n for n, name in enumerate(names)}
    codes = np.array([-1 if v is None else position[v] for v in values], dtype=np.int32)
    masks = {name: codes == n for n, name in enumerate(names)}
    figures = {
        name: overall if mask.all() else item_figures(table, items, mask, min_group)
        for name, mask in masks.items()
    }
    return masks, figures


def _round(value: float | None, places: int = 4) -> float | None:
    return None if value is None else round(value, places)


def _count(number: int, min_group: int) -> int | None:
    """A head count, or None (shown as "fewer than N") for a non-empty group below the minimum."""
    return number if number == 0 or number >= min_group else None


def _attempts(figures: dict[str, Any] | None) -> dict[str, Any] | None:
    if not figures:
        return None
    return {
        "first": {"n": figures["n"], "facility": _round(figures["facility"])},
        "all": {
            "n": figures["all_attempts"]["n"],
            "facility": _round(figures["all_attempts"]["facility"]),
        },
    }


def _options(figures: dict[str, Any] | None, item: Item) -> list[dict[str, Any]] | None:
    """Each option's figures, with what the option says beside its id."""
    if not figures or not figures["options"]:
        return None
    return [
        {"id": o["id"], "text": item.texts.get(o["id"], ""),
         **{k: v for k, v in o.items() if k != "id"}, "rate": _round(o["rate"])}
        for o in figures["options"]
    ]  # fmt: skip


def _objectives(table: Table, index: CourseIndex, everyone, role_masks, min_group: int) -> list:  # type: ignore[no-untyped-def]
    rows = mastery(table, index, everyone, min_group)
    by_role = {r: mastery(table, index, m, min_group) for r, m in role_masks.items()}
    for n, row in enumerate(rows):
        row["mastery"] = _round(row["mastery"])
        row["by_role"] = {
            r: {"learners": by_role[r][n]["learners"], "mastery": _round(by_role[r][n]["mastery"])}
            if by_role[r][n]["learners"] is not None else None
            for r in index.roles
        }  # fmt: skip
    return [row for row in rows if row["learners"] != 0]


def _role_section(table, index, items, figures, mask, min_group: int) -> dict[str, Any] | None:  # type: ignore[no-untyped-def]
    """All the item figures for one role, or None when the role has too few learners."""
    learners = int(mask.sum())
    if learners < min_group:
        return None
    out = []
    for item, f in zip(items, figures, strict=True):
        if item.id not in table.codes:
            continue
        out.append({"id": item.id, "module": item.module, "type": item.type,
                    "n": f["n"] if f else None,
                    "facility": _round(f["facility"]) if f else None,
                    "discrimination": {"point_biserial": _round(f["point_biserial"]),
                                       "upper_lower": _round(f["upper_lower"])} if f else None,
                    "attempts": _attempts(f), "options": _options(f, item),
                    "flags": flags(f, Interface(index.words)) if f else []})  # fmt: skip
    objectives = [
        {"id": r["id"], "learners": r["learners"], "mastery": _round(r["mastery"])}
        for r in mastery(table, index, mask, min_group)
        if r["learners"] != 0
    ]
    return {"learners": learners, "items": out, "objectives": objectives}


def _first_choices(table: Table, code: int, choices: list[str], mask) -> tuple[int, dict[str, int]]:  # type: ignore[no-untyped-def]
    counts = dict.fromkeys(choices, 0)
    for resp, learners in table.counts("first", code, mask)[1]:
        parsed = parse_response(None if resp < 0 else table.responses[resp], "choice", choices)
        if parsed:
            counts[parsed[0]] += learners
    return sum(counts.values()), counts


def _shares(total: int, counts: dict[str, int], min_group: int) -> dict[str, Any] | None:
    if total < min_group:
        return None
    return {"n": total, "choices": {c: _round(k / total) for c, k in counts.items()}}


def _scenarios(table: Table, index: CourseIndex, role_masks, min_group: int) -> list[dict]:  # type: ignore[no-untyped-def]
    """For each decision point reached: the share of learners taking each choice (first run)."""
    np = table.np
    everyone = np.ones(table.learners, dtype=bool)
    out: list[dict[str, Any]] = []
    for decision, node in index.nodes.items():
        code = table.codes.get(decision)
        if code is None:
            continue
        total, counts = _first_choices(table, code, node.choices, everyone)
        entry = {"scenario": node.scenario, "module": node.module, "node": node.id,
                 "prompt": node.prompt, "choice_texts": node.texts, "scores": node.scores,
                 "all": _shares(total, counts, min_group),
                 "by_role": {r: _shares(*_first_choices(table, code, node.choices, m), min_group)
                             for r, m in role_masks.items()}}  # fmt: skip
        out.append(entry)
    return out


def _self_assessment(table, index, role_masks, min_group):  # type: ignore[no-untyped-def]
    """The zones learners reached, and each element's average answer, for all and by role."""
    sa = index.self_assessment
    zoned = table.zone >= 0
    if sa is None or (not zoned.any() and not any(s in table.codes for s in sa.statements)):
        return None
    groups = {"all": None, **{r: n for n, r in enumerate(index.roles)}}
    zones, elements = {}, {}
    top = max((v for v in sa.scale.values() if v is not None), default=None)
    for name, role in groups.items():
        group = zoned if role is None else zoned & (table.role == role)
        members = [table.zones[z] for z in table.zone[group].tolist()]
        zones[name] = _zone_counts(members, sa.zones, min_group)
        mask = role_masks[name] if role is not None else table.np.ones(table.learners, dtype=bool)
        elements[name] = _element_averages(table, sa, mask, min_group)
    return {"zones": zones, "zone_titles": sa.zones, "elements": elements,
            "element_names": sa.elements, "scale_max": top}  # fmt: skip


def _zone_counts(members: list[str], titles: dict[str, str], min_group: int) -> dict | None:
    if len(members) < min_group:
        return None
    ids = list(titles) or sorted(set(members))
    counts = {z: members.count(z) for z in ids}
    return {
        "n": len(members),
        "counts": {z: _count(c, min_group) for z, c in counts.items()},
        "shares": {z: _round(c / len(members)) if _count(c, min_group) is not None else None
                   for z, c in counts.items()},
    }  # fmt: skip


def _element_averages(table: Table, sa, mask, min_group: int) -> dict | None:  # type: ignore[no-untyped-def]
    """Mean score of each element's latest answers; "don't know" and unscored answers apart."""
    np = table.np
    sums: dict[str, list[float]] = {e: [] for e in sa.elements}
    unscored = dict.fromkeys(sa.elements, 0)
    people = np.zeros(table.learners, dtype=bool)
    scale = sa.answers or list(sa.scale)
    for statement, element in sa.statements.items():
        code = table.codes.get(statement)
        if code is None:
            continue
        chosen = mask & (table.last_out[:, code] != EMPTY)
        people |= chosen
        scores = {}
        for resp in set(table.last_resp[chosen, code].tolist()):
            answer = parse_response(None if resp < 0 else table.responses[resp], "likert", scale)
            scores[resp] = sa.scale.get(answer[0]) if answer else None
        for resp in table.last_resp[chosen, code].tolist():  # learners in order, as they were
            score = scores[resp]
            if score is None:
                unscored[element] += 1
            else:
                sums[element].append(score)
    if int(people.sum()) < min_group:
        return None
    return {
        e: {"answers": len(sums[e]) + unscored[e],
            "average": _round(sum(sums[e]) / len(sums[e])) if sums[e] else None,
            "unscored": unscored[e]}
        for e in sa.elements
    }  # fmt: skip
