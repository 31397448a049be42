"""Read-side report queries in SQL, one module per area, each implementing the ``queries.py`` of
its area (``domain/skm/queries.py``, ``domain/appraisal/queries.py``).

A query computes what a report shows (sums, counts, the newest saran) in the database, over many
rows of many aggregates; it never loads aggregates to add them up in Python. Queries are tested
on SQLite and PostgreSQL only (``tests/integration/queries/``): the in-memory fakes have no
copy of them, since a second implementation in Python would need a proof of its own.
"""
