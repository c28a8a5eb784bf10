"""ufgraph: Chinese united-front work news -> a knowledge graph of officials, bodies and tasks.

The pipeline follows the data:  normalise -> document -> extract -> resolve -> rdf -> store.
Each stage is a module (or a small package) with one responsibility; the CLI is a thin layer
over this library.
"""

__version__ = "0.1.0"
