"""``Sql<Thing>Repository`` classes implementing the protocols of :mod:`domain.ports`."""
