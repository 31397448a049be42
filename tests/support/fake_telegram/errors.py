"""Bot API error answers."""

from __future__ import annotations

from .records import JsonDict


class ApiError(Exception):
    """A Bot API error answer. ``violation`` marks answers a correct bot never provokes."""

    def __init__(
        self,
        status: int,
        description: str,
        *,
        violation: bool = True,
        retry_after: int | None = None,
        note: str | None = None,
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.violation = violation
        self.retry_after = retry_after
        self.note = note

    def envelope(self) -> JsonDict:
        body: JsonDict = {"ok": False, "error_code": self.status, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def bad_request(detail: str, *, violation: bool = True, note: str | None = None) -> ApiError:
    return ApiError(400, f"Bad Request: {detail}", violation=violation, note=note)
