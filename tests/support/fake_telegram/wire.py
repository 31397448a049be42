"""Decoding a Bot API request (query string, JSON, form or multipart body) into parameters."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qsl

from .errors import bad_request
from .records import JsonDict, Upload


class Params:
    """The parameters of one request, typed on access; bad values raise a 400 ``ApiError``."""

    def __init__(self, values: JsonDict, uploads: dict[str, Upload]) -> None:
        self._values = {key: value for key, value in values.items() if value is not None}
        self.uploads = uploads

    def has(self, name: str) -> bool:
        return name in self._values or name in self.uploads

    def raw(self, name: str) -> Any:
        return self._values.get(name)

    def _required(self, name: str) -> Any:
        if name not in self._values:
            raise bad_request(f"parameter {name!r} is required")
        return self._values[name]

    def string(self, name: str) -> str | None:
        return None if name not in self._values else self.required_string(name)

    def required_string(self, name: str) -> str:
        value = self._required(name)
        if isinstance(value, str):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        raise bad_request(f"parameter {name!r} must be a string, got {value!r}")

    def integer(self, name: str) -> int | None:
        return None if name not in self._values else self.required_integer(name)

    def required_integer(self, name: str) -> int:
        value = self._required(name)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and re.fullmatch(r"-?\d{1,19}", value):
            return int(value)
        raise bad_request(f"parameter {name!r} must be an integer, got {value!r}")

    def flag(self, name: str) -> bool:
        value = self._values.get(name, False)
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in {"true", "false", "1", "0"}:
            return value.lower() in {"true", "1"}
        raise bad_request(f"parameter {name!r} must be a boolean, got {value!r}")

    def json(self, name: str) -> Any:
        value = self._values.get(name)
        if not isinstance(value, str):
            return value
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            raise bad_request(f"can't parse {name} JSON object") from None

    def summary(self) -> JsonDict:
        shown = {key: _shorten(value) for key, value in self._values.items()}
        for key, upload in self.uploads.items():
            shown[key] = f"<upload {upload.filename!r}, {len(upload.data)} bytes>"
        return shown


def _shorten(value: Any, limit: int = 300) -> Any:
    if isinstance(value, str) and len(value) > limit:
        return f"{value[:limit]}... ({len(value)} characters)"
    return value


def decode_request(content_type: str, body: bytes, query: str) -> Params:
    values: JsonDict = dict(parse_qsl(query, keep_blank_values=True))
    uploads: dict[str, Upload] = {}
    media_type = content_type.split(";", maxsplit=1)[0].strip().lower()
    if not body:
        pass
    elif media_type == "application/json":
        decoded = json.loads(body)
        if not isinstance(decoded, dict):
            raise bad_request("the JSON body must be an object")
        values.update(decoded)
    elif media_type == "application/x-www-form-urlencoded":
        values.update(parse_qsl(body.decode(), keep_blank_values=True, strict_parsing=True))
    elif media_type == "multipart/form-data":
        fields, uploads = _parse_multipart(body, content_type)
        values.update(fields)
    else:
        raise bad_request(f"unsupported Content-Type {content_type!r}")
    return Params(values, uploads)


def _header_parameter(header: str, name: str) -> str | None:
    match = re.search(rf'(?:^|;)\s*{name}="((?:[^"\\]|\\.)*)"', header) or re.search(
        rf"(?:^|;)\s*{name}=([^;\s]+)", header
    )
    if match is None:
        return None
    return match.group(1).replace("%22", '"').replace("\\\\", "\\")


def _parse_multipart(body: bytes, content_type: str) -> tuple[dict[str, str], dict[str, Upload]]:
    boundary = _header_parameter(content_type, "boundary")
    if not boundary:
        raise bad_request("multipart/form-data without a boundary")
    fields: dict[str, str] = {}
    uploads: dict[str, Upload] = {}
    for part in body.split(b"--" + boundary.encode())[1:]:
        if part.startswith(b"--"):
            break
        head, _, data = part.removeprefix(b"\r\n").partition(b"\r\n\r\n")
        lines = (line.partition(":") for line in head.decode().split("\r\n"))
        headers = {key.strip().lower(): value.strip() for key, _, value in lines}
        disposition = headers.get("content-disposition", "")
        name = _header_parameter(disposition, "name") or ""
        filename = _header_parameter(disposition, "filename")
        content = data.removesuffix(b"\r\n")
        if filename is None:
            fields[name] = content.decode()
        else:
            uploads[name] = Upload(filename, headers.get("content-type"), content)
    return fields, uploads
