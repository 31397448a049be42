"""In-memory implementations of the areas' ports, for fast use-case tests; one module per area
(``org``, ``engine``, ``appraisal``, ``skm``, ``outbox``, ``audit``) over one fake database
(``state``), with the unit of work in ``unit_of_work`` and test set-up in ``seeding``.

They behave like the SQL repositories in ``storage/`` (same orderings, same import counts, the
same optimistic version check on sessions, the same outbox dedupe), and the unit of work is a
real transaction:

* a write unit of work takes a deep copy of the shared :class:`~.state.FakeState` on entry; its
  changes reach the shared state only on :meth:`~.unit_of_work.FakeUnitOfWork.commit`, and
  leaving the block without committing discards them;
* writers are serialised by an asyncio lock, as ``storage.database`` serialises SQLite writers
  (``BEGIN IMMEDIATE`` behind an in-process lock), so a writer always starts from the latest
  committed state; a writer nested inside another writer of the same task raises instead of
  hanging;
* a read-only unit of work reads a snapshot and refuses to commit.

Tests inspect :attr:`~.unit_of_work.FakeUnitOfWorkFactory.state` (rows, not domain objects) and
:attr:`~.unit_of_work.FakeUnitOfWorkFactory.commits` to assert what was, and was not, written.

One deliberate difference: :meth:`~.org.FakeOrgRepository.services` matches ``query`` as a plain
case-insensitive substring, where the SQL repository hands it to ``LIKE`` (so ``%`` and ``_``
typed by a person act as wildcards there).
"""
