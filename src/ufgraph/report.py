"""Human-readable report of what normalisation repaired and what it left damaged."""

from __future__ import annotations

from .normalise import Normalised


def format_report(n: Normalised) -> str:
    lines = [f"--- report: encoding {n.encoding}"]
    for kind, count in sorted(n.counts.items()):
        lines.append(f"changed by {kind}: {count} characters")
    for r in n.repairs:
        lines.append(f"repaired {r.kind} raw[{r.raw_start}:{r.raw_end}]: {r.before!r} -> {r.after!r}")
    for d in n.damaged:
        lines.append(f"DAMAGED raw[{d.raw_start}:{d.raw_end}]: {d.text!r} ({d.reason})")
    if not n.repairs and not n.damaged:
        lines.append("no mojibake found")
    return "\n".join(lines)
