#!/usr/bin/env python3
"""(Copy of ../shared/tools/score.py, so that the tests do not depend on /work/shared.)

Score extracted article records against hand-made gold records.

Usage: score.py GOLD_DIR PRED.json [--min-f1 X] [--field triples|triples_loose|pairs|people|roles|awards|tasks|meeting_date]

PRED.json is what `ufgraph extract FILES... --format json` prints: a JSON array with one
object per article, each carrying "source" (the file name it came from) and the keys of
the gold files (people, meeting, awards, work_areas).  Gold files are GOLD_DIR/<stem>.json
where <stem> is the article file name without its extension.

Matching rules (deliberately lenient on spelling of organisations, strict on people):
- a person matches by exact simplified name;
- "triples": a post matches when the title is equal and the canonical "org" names the same body
  as the gold "org" once common abbreviations are folded (统一战线工作部 -> 统战部,
  工商业联合会 -> 工商联, 中国民主促进会 -> 民进, ...), 中共 is dropped and parenthesised aliases are
  dropped;
- "triples_loose": as "triples", but the predicted "org" or "org_as_written" may also lack the
  jurisdiction prefix that the gold carries (市知联会 vs 上海市知联会);
- tasks match on their text with punctuation and spaces removed.
"""
import json, re, sys, pathlib, unicodedata

FOLD = [
    ("中国共产党", ""), ("中共", ""),
    ("统一战线工作部", "统战部"), ("工商业联合会", "工商联"), ("归国华侨联合会", "侨联"),
    ("民族和宗教事务局", "民宗局"), ("民族宗教事务局", "民宗局"), ("民族宗教局", "民宗局"),
    ("人民政府", "政府"), ("侨务办公室", "侨办"), ("台湾事务办公室", "台办"),
    ("政治协商会议", "政协"), ("知识分子联谊会", "知联会"), ("新的社会阶层人士联谊会", "新联会"),
    ("中国国民党革命委员会", "民革"), ("中国民主同盟", "民盟"), ("中国民主建国会", "民建"),
    ("中国民主促进会", "民进"), ("中国农工民主党", "农工党"), ("中国致公党", "致公党"),
    ("台湾民主自治同盟", "台盟"),
    ("委员会", "委"),
]
PUNCT = re.compile(r"[\s\u3000-\u303f\uff00-\uffef\u2000-\u206f!-/:-@\[-`{-~·•●]")


def nfkc(s):
    return unicodedata.normalize("NFKC", s or "").strip()


def fold_org(s):
    s = nfkc(s)
    s = re.sub(r"[(（][^)）]*[)）]", "", s)
    for a, b in FOLD:
        s = s.replace(a, b)
    return s


def same_org(a, b):
    """Strict: the same body once abbreviations are folded."""
    a, b = fold_org(a), fold_org(b)
    return bool(a) and a == b


def same_org_loose(a, b):
    """Loose: also when one is the other with a jurisdiction prefix (上海市知联会 vs 市知联会)."""
    a, b = fold_org(a), fold_org(b)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    prefix = long_[: len(long_) - len(short)]
    return len(short) >= 4 and long_.endswith(short) and re.search(r"[省市区县州盟旗]$|^.{2,3}$", prefix) is not None


def text_key(s):
    return PUNCT.sub("", nfkc(s))


def prf(tp, n_pred, n_gold):
    p = tp / n_pred if n_pred else (1.0 if n_gold == 0 else 0.0)
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def match_count(gold, pred, eq):
    used, tp = set(), 0
    for g in gold:
        for i, p in enumerate(pred):
            if i not in used and eq(g, p):
                used.add(i); tp += 1; break
    return tp


def people_items(rec):
    out = []
    for person in rec.get("people") or []:
        name = nfkc(person.get("name"))
        for post in person.get("posts") or []:
            out.append((name, nfkc(post.get("title")), post.get("org") or "", post.get("org_as_written") or ""))
    return out


def score(gold_dir, preds):
    totals = {k: [0, 0, 0] for k in ("people", "pairs", "triples", "triples_loose", "roles", "awards", "tasks", "meeting_date")}
    missing = []
    by_stem = {}
    for rec in preds:
        src = pathlib.Path(str(rec.get("source", ""))).name
        by_stem[src.rsplit(".", 1)[0]] = rec
    for gf in sorted(pathlib.Path(gold_dir).glob("*.json")):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        pred = by_stem.get(gf.stem)
        if pred is None:
            missing.append(gf.stem); pred = {}
        gp = {nfkc(p["name"]) for p in gold.get("people") or []}
        pp = {nfkc(p.get("name")) for p in pred.get("people") or []}
        t = totals["people"]; t[0] += len(gp & pp); t[1] += len(pp); t[2] += len(gp)
        gi, pi = people_items(gold), people_items(pred)
        t = totals["pairs"]; t[0] += match_count(gi, pi, lambda g, p: g[:2] == p[:2]); t[1] += len(pi); t[2] += len(gi)
        t = totals["triples"]; t[0] += match_count(gi, pi, lambda g, p: g[:2] == p[:2] and same_org(g[2], p[2])); t[1] += len(pi); t[2] += len(gi)
        t = totals["triples_loose"]; t[0] += match_count(gi, pi, lambda g, p: g[:2] == p[:2] and any(same_org_loose(g[2], b) for b in p[2:])); t[1] += len(pi); t[2] += len(gi)
        gr = {(nfkc(p["name"]), r) for p in gold.get("people") or [] for r in p.get("roles") or []}
        pr = {(nfkc(p.get("name")), r) for p in pred.get("people") or [] for r in p.get("roles") or []}
        t = totals["roles"]; t[0] += len(gr & pr); t[1] += len(pr); t[2] += len(gr)
        ga = [(a["award"], r) for a in gold.get("awards") or [] for r in a.get("recipients") or []]
        pa = [(a.get("award", ""), r) for a in pred.get("awards") or [] for r in a.get("recipients") or []]
        t = totals["awards"]; t[0] += match_count(ga, pa, lambda g, p: text_key(g[0]) == text_key(p[0]) and (same_org_loose(g[1], p[1]) or text_key(g[1]) == text_key(p[1]))); t[1] += len(pa); t[2] += len(ga)
        def tasks(rec):
            out = []
            for area in rec.get("work_areas") or []:
                for task in area.get("tasks") or []:
                    out.append(text_key(task.get("text", "") if isinstance(task, dict) else task))
                    for sub in (task.get("subtasks") or [] if isinstance(task, dict) else []):
                        out.append(text_key(sub))
            return out
        gt, pt = tasks(gold), tasks(pred)
        t = totals["tasks"]; t[0] += match_count(gt, pt, lambda g, p: g == p); t[1] += len(pt); t[2] += len(gt)
        gd = (gold.get("meeting") or {}).get("date")
        if gd:
            pd = (pred.get("meeting") or {}).get("date")
            t = totals["meeting_date"]; t[0] += int(pd == gd); t[1] += int(bool(pd)); t[2] += 1
    return {k: prf(*v) + tuple(v) for k, v in totals.items()}, missing


def main(argv):
    if len(argv) < 3:
        print(__doc__); return 2
    gold_dir, pred_path = argv[1], argv[2]
    field, min_f1 = "triples", None
    if "--field" in argv: field = argv[argv.index("--field") + 1]
    if "--min-f1" in argv: min_f1 = float(argv[argv.index("--min-f1") + 1])
    text = pathlib.Path(pred_path).read_text(encoding="utf-8")
    try:
        preds = json.loads(text)
    except json.JSONDecodeError:  # JSON Lines: one article per line
        preds = [json.loads(line) for line in text.splitlines() if line.strip()]
    if isinstance(preds, dict):
        preds = [preds]
    result, missing = score(gold_dir, preds)
    for k, (p, r, f, tp, npred, ngold) in result.items():
        print(f"{k:13s} P={p:.3f} R={r:.3f} F1={f:.3f}  (tp={tp} pred={npred} gold={ngold})")
    if missing:
        print("articles with no prediction:", ", ".join(missing))
    f1 = result[field][2]
    print(f"{field} F1={f1:.3f}")
    return 0 if min_f1 is None or f1 >= min_f1 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
