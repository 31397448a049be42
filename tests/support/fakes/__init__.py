"""In-memory implementations of the areas' repositories, for fast use-case tests; one module per
area (``org``, ``engine``, ``appraisal``, ``skm``, ``outbox``, ``audit``) over one fake database
(``state``), with the unit of work in ``unit_of_work`` and test set-up in ``seeding``.

Each fake passes the same contract tests as its SQL twin (``tests/contract/``: same results,
orderings, import counts, version checks, dedupe keys), and the unit of work is a real
transaction:

* a write unit of work takes a deep copy of the shared :class:`~.state.FakeState` on entry; its
  changes reach the shared state only on :meth:`~.unit_of_work.FakeUnitOfWork.commit`, and
  leaving the block without committing discards them;
* writers are serialised by an asyncio lock, as ``storage.database`` serialises SQLite writers
  (``BEGIN IMMEDIATE`` behind an in-process lock), so a writer always starts from the latest
  committed state and a row read ``for_update`` is never changed under it; a writer nested
  inside another writer of the same task raises instead of hanging;
* a read-only unit of work reads a snapshot and refuses to commit.

There are no fake report queries (``domain/<area>/queries.py``): ``uow.skm_queries`` and
``uow.appraisal_queries`` raise :class:`~.unit_of_work.NoReportQueries`, and a use case that reads
them is tested on SQLite and PostgreSQL.

Tests inspect :attr:`~.unit_of_work.FakeUnitOfWorkFactory.state` (rows, not domain objects) and
:attr:`~.unit_of_work.FakeUnitOfWorkFactory.commits` to assert what was, and was not, written.
"""
