"""Interactive network views and graph analytics over the store.

* :mod:`.render` — a networkx graph → one offline, escaped, interactive HTML page (pyvis).
* :mod:`.projection` — the store → a networkx graph of people, bodies, meetings, awards, areas, tasks.
* :mod:`.rank` — who bridges the most bodies, which bodies have the most office-holders.
* :mod:`.chromium` — drive headless Chromium over the DevTools protocol (tests, benchmarks, screenshots).
"""

from __future__ import annotations

from .render import NODE_TYPES, Page, check_offline, render_html, size_warning, write_html

__all__ = ["NODE_TYPES", "Page", "check_offline", "render_html", "size_warning", "write_html"]
