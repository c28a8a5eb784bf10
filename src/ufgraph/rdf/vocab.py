"""The ufgraph vocabulary (``ufg:``) as an rdflib :class:`DefinedNamespace`, plus the standard
namespaces the mapping reuses. The terms are defined, with English and Chinese labels, in
``ontology/ufgraph.ttl``; ``tests/test_rdf_ontology.py`` checks that the two agree."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace, FOAF, ORG, PROV, RDF, RDFS, SKOS, XSD

UFG_NS = "https://w3id.org/ufgraph/ns#"
ID_BASE = "https://w3id.org/ufgraph/id/"

SCHEMA = Namespace("https://schema.org/")


class UFG(DefinedNamespace):
    """Own terms: only the n-ary claims and their evidence, which no standard vocabulary covers."""

    _NS = Namespace(UFG_NS)
    _fail = True

    # classes
    Article: URIRef
    Evidence: URIRef
    Occupancy: URIRef
    Participation: URIRef
    AwardConferral: URIRef
    Award: URIRef
    Task: URIRef
    Meeting: URIRef
    # concept schemes
    titles: URIRef
    roles: URIRef
    workAreas: URIRef
    # evidence and article
    evidence: URIRef
    deploymentEvidence: URIRef
    quote: URIRef
    rawStart: URIRef
    rawEnd: URIRef
    article: URIRef
    outlet: URIRef
    published: URIRef
    sourceFile: URIRef
    contentHash: URIRef
    encoding: URIRef
    damaged: URIRef
    jurisdiction: URIRef
    searchKey: URIRef
    # occupancy
    holder: URIRef
    post: URIRef
    observedOn: URIRef
    asWritten: URIRef
    # participation
    participant: URIRef
    meeting: URIRef
    participatedIn: URIRef
    attendanceNote: URIRef
    # award conferral
    recipient: URIRef
    award: URIRef
    year: URIRef
    conferredBy: URIRef
    supervisedBy: URIRef
    received: URIRef
    # task
    workArea: URIRef
    order: URIRef
    subTaskOf: URIRef
    deployedBy: URIRef
    heading: URIRef


__all__ = ["UFG", "UFG_NS", "ID_BASE", "SCHEMA", "FOAF", "ORG", "PROV", "RDF", "RDFS", "SKOS", "XSD"]
