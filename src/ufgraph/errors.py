"""The one small error hierarchy of ufgraph.

Every error a user can cause (bad input, a store in use, an unreachable endpoint, a bad query)
is an instance of :class:`UfgraphError`; the CLI maps these to one friendly line each (see
``ufgraph.cli._errors``) and shows a traceback only with ``--debug``.
"""

from __future__ import annotations


class UfgraphError(Exception):
    """Base class of every error ufgraph reports to a user."""

    exit_code = 1


class InputError(UfgraphError):
    """An input file cannot be read, decoded or parsed. Carries the file name and the reason."""

    exit_code = 2

    def __init__(self, source: str, reason: str):
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class StoreError(UfgraphError):
    """The store cannot be opened, read or written."""

    exit_code = 3


class StoreInUseError(StoreError):
    """Another process holds the embedded store open for writing."""


class EndpointError(StoreError):
    """A remote SPARQL endpoint is down, slow or answered with an error."""


class QueryError(UfgraphError):
    """A query is unknown, malformed, missing a parameter, or not allowed (an update)."""

    exit_code = 4


class ValidationFailed(UfgraphError):
    """SHACL validation found violations."""

    exit_code = 5
