"""SHACL validation of the store (``ufgraph validate``): pySHACL with ``ontology/shapes.ttl`` over
the union of all named graphs, and its results as readable lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Graph, URIRef
from rdflib.namespace import SH

from ..resources import ontology_path
from .iris import readable

UNION = "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"


@dataclass(frozen=True)
class Finding:
    severity: str  # Violation | Warning | Info
    focus: str
    path: str
    message: str
    value: str | None = None

    def line(self) -> str:
        value = f" (value: {self.value})" if self.value else ""
        return f"{self.severity}: {self.focus} {self.path}: {self.message}{value}"


@dataclass
class Report:
    conforms: bool
    findings: list[Finding] = field(default_factory=list)

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Violation"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != "Violation"]


@lru_cache(maxsize=1)
def shapes() -> Graph:
    return Graph().parse(ontology_path("shapes.ttl"), format="turtle")


def _short(g: Graph, node: object) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        text = readable(str(node))
        if text != str(node):
            return text
        try:
            return g.namespace_manager.normalizeUri(node)
        except Exception:  # noqa: BLE001
            return str(node)
    return str(node)


def validate_graph(data: Graph) -> Report:
    """Validate an rdflib graph against the shapes."""
    from pyshacl import validate as run

    conforms, results, _text = run(data, shacl_graph=shapes(), inference="none", allow_warnings=True, advanced=True)
    findings: list[Finding] = []
    for r in results.subjects(SH.resultSeverity, None):
        severity = str(results.value(r, SH.resultSeverity)).rsplit("#", 1)[-1]
        message = results.value(r, SH.resultMessage)
        findings.append(Finding(
            severity,
            _short(data, results.value(r, SH.focusNode)),
            _short(shapes(), results.value(r, SH.resultPath)),
            str(message) if message else str(results.value(r, SH.sourceConstraintComponent)).rsplit("#", 1)[-1],
            _short(data, results.value(r, SH.value)) or None,
        ))
    findings.sort(key=lambda f: (f.severity != "Violation", f.focus, f.path, f.message))
    return Report(bool(conforms), findings)


def validate_store(store: object) -> Report:
    """Validate the union of the store's graphs."""
    return validate_graph(store.construct(UNION))  # type: ignore[attr-defined]
