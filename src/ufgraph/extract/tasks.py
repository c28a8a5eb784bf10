"""Work areas and their tasks, in order, with sub-tasks; deployments linked to areas.

* A heading ``2024年民族宗教工作重点任务`` opens an area (name: the heading without year and
  ``重点任务``); its bullets are tasks, the unbulleted lines under a bullet its sub-tasks.
* A yearbook heading ``【统战工作】`` opens an area whose tasks are the ``一是…二是…`` items (or the
  numbered bullets) under it.
* ``…王珏部署民族宗教工作`` links the person to the area, by name or by an alias from
  work_areas.tsv, else by the area sharing most of its characters (港澳台侨工作 ↔ 港澳台、海外统战和
  侨务工作).
"""

from __future__ import annotations

import re

from .context import Context
from .people import Deployment
from .records import Task, WorkArea

_STRIP = re.compile(r"(?:重点任务|主要任务|工作要点|重点工作|工作任务|主要工作)$")
_YEAR = re.compile(r"^(\d{4})年度?")
_SCOPE = re.compile(r"^(?:全国|全省|全市|全区|全县|全州)")  # 全市民族宗教工作 names the area 民族宗教工作
_GENERIC = re.compile(r"^(?:各项)?(?:重点任务|主要任务|工作要点|重点工作|工作任务|主要工作|工作|任务)?$")


def _area_name(heading: str) -> tuple[str, int | None]:
    y = _YEAR.match(heading)
    name = heading[y.end():] if y else heading
    name = _STRIP.sub("", name)
    name = re.sub(r"^[一二三四五六七八九十]{1,3}、", "", name)
    name = _SCOPE.sub("", name) or heading  # 二、重点任务: no area named, keep the heading
    return name, int(y.group(1)) if y else None


def extract_work_areas(ctx: Context, deployments: list[Deployment]) -> list[WorkArea]:
    doc = ctx.doc
    areas: list[WorkArea] = []
    by_heading: dict[int, WorkArea] = {}
    task_of_bullet: dict[int, Task] = {}
    for i, b in enumerate(doc.blocks):
        if b.kind == "heading":
            name, year = _area_name(b.text)
            area = WorkArea(name, b.text if not b.marker else f"【{b.text}】", None, [], year, [ctx.evidence(b.start, b.end)])
            by_heading[i] = area
            areas.append(area)
        elif b.kind in ("bullet", "enum") and b.heading is not None and b.heading in by_heading:
            area = by_heading[b.heading]
            task = Task(b.text, [], len(area.tasks) + 1, [ctx.evidence(b.start, b.end)])
            area.tasks.append(task)
            task_of_bullet[i] = task
        elif b.kind == "subitem" and b.parent in task_of_bullet:
            task_of_bullet[b.parent].subtasks.append(b.text)
            task_of_bullet[b.parent].subtask_evidence.append(ctx.evidence(b.start, b.end))
    areas = [a for a in areas if a.tasks]
    _link(ctx, areas, deployments)
    return areas


def _key(s: str) -> str:
    return re.sub(r"[，、。；\s和与及]", "", s)


def _link(ctx: Context, areas: list[WorkArea], deployments: list[Deployment]) -> None:
    """Set ``deployed_by`` of the area each deployment names. A generic deployment (部署了2024年重点
    工作) goes to the only area left; a specific one naming no listed area becomes an area of its
    own, without tasks (部署了2024年全省侨务工作)."""
    for d in deployments:
        target = re.sub(r"^了", "", d.area_text.strip())
        y = _YEAR.match(target)
        target = _SCOPE.sub("", target[y.end():] if y else target)
        if _GENERIC.match(target):
            free = [a for a in areas if not a.deployed_by]
            if len(free) == 1:
                free[0].deployed_by = d.person
            continue
        target = re.sub(r"(?:的)?(?:重点任务|主要任务|工作要点|重点工作|相关工作|有关工作)$", "", target)
        best, best_score = None, 0.0
        tkey = ctx.gaz.work_area_key(target)
        for a in areas:
            if a.deployed_by:
                continue
            if _key(a.name) == _key(target) or (tkey and tkey == ctx.gaz.work_area_key(a.name)):
                best, best_score = a, 2.0
                break
            score = _overlap(a.name, target)
            if score > best_score:
                best, best_score = a, score
        if best is not None and best_score >= 0.6:
            best.deployed_by = d.person
        elif target.endswith("工作") and len(target) <= 20:
            areas.append(WorkArea(target, None, d.person, [], int(y.group(1)) if y else None, [d.evidence]))


def _overlap(a: str, b: str) -> float:
    """Share of the shorter string's characters (without 工作) found in the longer."""
    a, b = _key(a).replace("工作", ""), _key(b).replace("工作", "")
    if not a or not b:
        return 0.0
    short, long_ = sorted((a, b), key=len)
    return sum(1 for c in short if c in long_) / len(short)
