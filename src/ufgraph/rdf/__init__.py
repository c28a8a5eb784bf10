"""Records → RDF: the vocabulary (:mod:`.vocab`), deterministic IRIs (:mod:`.iris`), search keys
and romanised labels (:mod:`.keys`) and the mapping of one article to one named graph
(:mod:`.mapping`)."""

from __future__ import annotations

from .mapping import ArticleGraph, record_to_graph, records_to_dataset

__all__ = ["ArticleGraph", "record_to_graph", "records_to_dataset"]
