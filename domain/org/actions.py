"""What a person can ask for about the organisation, as typed actions (:mod:`domain.actions`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from domain.actions import Action


@dataclass(frozen=True, slots=True)
class StartRegistration(Action):
    """Link this chat account to an employee (NIP, then the registration code)."""

    name: ClassVar[str] = "org/register"
