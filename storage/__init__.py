"""Persistence for kinerja-bot: SQLModel tables, repositories implementing the domain's ports, the
unit of work, the outbox and Alembic migrations. Works on SQLite and PostgreSQL alike."""
