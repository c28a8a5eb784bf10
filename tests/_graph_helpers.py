"""Helpers shared by the graph tests: gold records, a hand-made record with evidence and a
traditional written form, and a store built from them."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = sorted((ROOT / "tests" / "seeds_gold").glob("*.json"))
GOLDEN = ROOT / "tests" / "golden"


def gold_records() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in GOLD]


def handmade() -> dict:
    """A Beijing article: traditional written name, evidence everywhere, a person award, tasks."""
    ev = lambda q, s: {"quote": q, "raw_start": s, "raw_end": s + len(q)}  # noqa: E731
    return {
        "source": "bj_001.txt",
        "headline": "北京市委统战部召开座谈会",
        "jurisdiction": "北京市",
        "outlet": "北京日报",
        "published": "2024-05-07",
        "content_hash": "ab" * 32,
        "encoding": "utf-8",
        "warnings": ["a warning"],
        "damaged": [],
        "meeting": {"name": "2024年民营经济座谈会", "date": "2024-05-06", "place": "北京会议中心",
                    "organiser": "中共北京市委统一战线工作部", "evidence": [ev("2024年民营经济座谈会", 20)]},
        "people": [
            {"name": "陈通", "written": "陳通",
             "posts": [{"title": "部长", "org": "中共北京市委统一战线工作部", "org_as_written": "市委統戰部",
                        "as_written": "市委統戰部部長", "parent_org": "中共北京市委", "evidence": [ev("市委統戰部部長", 40)]}],
             "roles": ["chaired", "spoke"], "evidence": [ev("陳通", 47)],
             "role_evidence": [{"role": "chaired", "quote": "陳通主持", "raw_start": 47, "raw_end": 51}]},
            {"name": "欧阳明", "posts": [{"title": "副主席", "org": "北京市工商业联合会", "org_as_written": "市工商联",
                                          "as_written": "市工商联副主席", "evidence": [ev("市工商联副主席", 60)]}],
             "roles": ["attended"], "evidence": [ev("欧阳明", 67)]},
        ],
        "awards": [{"award": "2023年度优秀信息员", "year": 2023, "conferred_by": "中共北京市委统一战线工作部",
                    "supervised_by": None, "recipients": ["欧阳明", "北京市总商会"], "evidence": [ev("获评2023年度优秀信息员", 90)]}],
        "work_areas": [{"name": "民营经济统战工作", "heading": "2024年民营经济统战工作重点任务", "deployed_by": "陈通",
                        "year": 2024, "evidence": [ev("2024年民营经济统战工作重点任务", 120)],
                        "tasks": [{"text": "召开民营经济统战工作会议", "order": 1, "subtasks": ["筹备会议", "发布报告"],
                                   "evidence": [ev("召开民营经济统战工作会议", 140)]}]}],
    }
