"""Reminders: who is due what, when — pure rules with ``now`` always a parameter.

``calendar`` (office hours, weekends, holidays in the recipient's unit's zone), ``holidays``
(the admin's additions and removals, checked before anything is stored), ``model`` (the world
the rules read and the reminders they write), ``rules`` (employees' reminders), ``digest`` (the
pejabat penilai's and the atasan's morning digest), ``planning`` (the plan use case: ask the
rules, queue the outbox rows under a dedupe key per recipient, purpose, period and occasion).
"""
