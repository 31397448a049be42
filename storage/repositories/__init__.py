"""``Sql<Thing>Repository`` classes, each implementing a port of its area's ``ports.py``."""
