"""The briefs: one module per output format, and writing them safely.

- ``marks``: what every format shows the same way (⚠ ↻ ✎ ✓, repairs and figures in words, the signature);
- ``markdown``: the Markdown briefs (an article's and the day's);
- ``html``: the HTML pages, from the Jinja2 templates in ``templates/``;
- ``json``: the JSON briefs, written and read back (the review app reads them);
- ``write``: the day's set of files written atomically under a folder lock, the manifest, names;
- ``flush``: fsync of many temporary files in batches.
"""
