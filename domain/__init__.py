"""The rules of kinerja-bot, free of any framework.

This package knows the regulations the bot follows (PermenPANRB 6/2022 for ASN performance,
PermenPANRB 14/2017 for citizen surveys, BKN's NIP structure) and the conversation engine every
guided flow runs on. It imports the Python standard library only, so every rule can be tested in
milliseconds; import-linter and ``tests/unit/test_layers.py`` enforce that. Time is always a
parameter, never read from the system clock here.
"""
