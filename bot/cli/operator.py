"""Who acts at the command line: the server's operator, with every administrative right.

Use cases check their :class:`~domain.actors.Actor` like any other; this one passes every
administrative check (``domain/org/access.py``) and the audit trail names it ``cli``.
"""

from __future__ import annotations

from domain.actors import Actor

OPERATOR = Actor.operator()
