"""The records extraction produces, and their JSON shape (the shape of the gold files + extras).

Key order follows the gold files; the extra keys (evidence, raw offsets, provenance) come after.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

Evidence = dict  # {"quote": str, "raw_start": int, "raw_end": int}


@dataclass
class Post:
    title: str
    org: str | None
    org_as_written: str
    as_written: str
    parent_org: str | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def key(self) -> tuple[str, str | None]:
        return (self.title, self.org)

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "org": self.org, "org_as_written": self.org_as_written,
                "as_written": self.as_written, "parent_org": self.parent_org, "evidence": self.evidence}


@dataclass
class Person:
    name: str
    posts: list[Post] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    written: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    role_evidence: list[dict] = field(default_factory=list)

    def merge(self, other: "Person") -> None:
        """Fold another mention of the same person into this one."""
        have = {p.key() for p in self.posts}
        for p in other.posts:
            if p.key() not in have:
                self.posts.append(p)
                have.add(p.key())
        for r in other.roles:
            self.add_role(r, None)
        self.role_evidence += [e for e in other.role_evidence if e not in self.role_evidence]
        self.evidence += [e for e in other.evidence if e not in self.evidence]
        self.written = self.written or other.written

    def add_role(self, role: str, evidence: Evidence | None) -> None:
        if role not in self.roles:
            self.roles.append(role)
        if evidence is not None:
            item = {"role": role, **evidence}
            if item not in self.role_evidence:
                self.role_evidence.append(item)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "posts": [p.to_dict() for p in self.posts], "roles": list(self.roles),
                "written": self.written, "evidence": self.evidence, "role_evidence": self.role_evidence}


@dataclass
class Meeting:
    name: str | None = None
    date: str | None = None
    place: str | None = None
    organiser: str | None = None
    attendance_note: str | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "date": self.date, "place": self.place, "organiser": self.organiser,
                "attendance_note": self.attendance_note, "evidence": self.evidence}


@dataclass
class Award:
    award: str
    supervised_by: str | None = None
    count_stated: int | None = None
    recipients: list[str] = field(default_factory=list)
    year: int | None = None
    conferred_by: str | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"award": self.award, "supervised_by": self.supervised_by, "count_stated": self.count_stated,
                "recipients": list(self.recipients), "year": self.year, "conferred_by": self.conferred_by,
                "evidence": self.evidence}


@dataclass
class Task:
    text: str
    subtasks: list[str] = field(default_factory=list)
    order: int = 0
    evidence: list[Evidence] = field(default_factory=list)
    subtask_evidence: list[Evidence] = field(default_factory=list)  # one per sub-task, in order

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "subtasks": list(self.subtasks), "evidence": self.evidence, "order": self.order,
                "subtask_evidence": self.subtask_evidence}


@dataclass
class WorkArea:
    name: str
    heading: str | None = None
    deployed_by: str | None = None
    tasks: list[Task] = field(default_factory=list)
    year: int | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "heading": self.heading, "deployed_by": self.deployed_by,
                "tasks": [t.to_dict() for t in self.tasks], "evidence": self.evidence, "year": self.year}


@dataclass
class ArticleRecord:
    source: str
    headline: str | None = None
    jurisdiction: str | None = None
    meeting: Meeting = field(default_factory=Meeting)
    people: list[Person] = field(default_factory=list)
    awards: list[Award] = field(default_factory=list)
    work_areas: list[WorkArea] = field(default_factory=list)
    outlet: str | None = None
    published: str | None = None
    content_hash: str = ""
    encoding: str = ""
    warnings: list[str] = field(default_factory=list)
    damaged: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source, "headline": self.headline, "jurisdiction": self.jurisdiction,
            "meeting": self.meeting.to_dict(), "people": [p.to_dict() for p in self.people],
            "awards": [a.to_dict() for a in self.awards], "work_areas": [w.to_dict() for w in self.work_areas],
            "outlet": self.outlet, "published": self.published, "content_hash": self.content_hash,
            "encoding": self.encoding, "warnings": list(self.warnings), "damaged": list(self.damaged),
        }

    def to_json(self, indent: int | None = 1) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)
