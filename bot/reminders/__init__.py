"""Reminders in chat: ``/pengingat``, the digest's buttons, the digest's wording, the national
holidays from the ``holidays`` library."""
