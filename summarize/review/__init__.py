"""Review: a reviewer's corrections, checks and approvals, kept in SQLite beside the briefs.

``summarize review BRIEFS_DIR`` (``summarize.cli.review``) serves a local web app over the
briefs (``app``: its routes; ``reviewing``: the folder and database they work on; ``pages``: their
rendering; ``forms``: what a change's form carries): a "needs attention" queue across the day's
briefs (``queue``) and each brief's aligned pairs with the model's alternatives from the
translation cache (``alternatives``), the repair history, an edit box with a live number check,
"Checked" per unit and "Approve brief" (what a save stores: ``units``).  Every change is stored
(``store``) and the brief and the daily brief are re-rendered from their JSON (``briefs``) at
once; the next ``summarize`` run puts the stored reviews onto its articles again
(``state.apply_reviews``).

Nothing here is imported by a ``summarize`` run except ``store`` (the database's queries; its
file and tables: ``schema``) and ``state`` (standard library only); the web framework is an
optional extra (``pip install -e '.[review]'``).
"""
