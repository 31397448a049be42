"""The rules of kinerja-bot, free of any framework.

This package knows the regulations the bot follows (PermenPANRB 6/2022 for ASN performance,
PermenPANRB 14/2017 for citizen surveys, BKN's NIP structure) and the conversation engine every
guided flow runs on. It imports the Python standard library only, so every rule can be tested in
milliseconds; the import-linter contracts in ``pyproject.toml`` enforce that, and the allowed
dependencies between its packages. Time is always a parameter, never read from the system clock
here.

One package per area, each with its model, its use cases and flows, and its own ``ports.py``:
``engine`` (questionnaires and conversations; it imports no area), ``org``, ``appraisal`` and
``skm``. The small modules at the top (``errors``, ``clock``, ``messages``, ``outbox``,
``audit``, ``actors``, ``unit_of_work``) are shared by all of them and import no area.
"""
