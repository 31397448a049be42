"""Two ways for a bot to reach :class:`~benchmarks.fake_bot_api.FakeBotApi`.

* :class:`FakeRequest`: a PTB ``BaseRequest`` in the bot's own process and event loop. It encodes
  the parameters exactly as PTB's ``HTTPXRequest`` does (``RequestData.json_parameters``), so the
  bot pays for building its requests, but there is no socket, no HTTP and no second process.
* :class:`FakeBotApiServer`: a small HTTP/1.1 server (keep-alive, ``Content-Length`` bodies,
  form-encoded or JSON parameters) on 127.0.0.1 for real bot processes pointed at it with
  ``KINERJA_TELEGRAM_API_URL``; several processes then share one fake and its rate counter.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from telegram.request import BaseRequest, RequestData

from benchmarks.fake_bot_api import FakeBotApi
from benchmarks.fake_bot_records import JsonDict

REASONS = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 404: "Not Found",
           429: "Too Many Requests"}  # fmt: skip


def _unauthorized() -> tuple[int, JsonDict]:
    return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}


class FakeRequest(BaseRequest):
    """PTB's request layer answered by the fake, in-process (build one per bot request slot)."""

    def __init__(self, api: FakeBotApi) -> None:
        self._api = api

    @property
    def read_timeout(self) -> float | None:
        return 5.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        prefix, _, name = url.rpartition("/")
        if not prefix.endswith(f"/bot{self._api.token}"):
            status, body = _unauthorized()
        else:
            params = request_data.json_parameters if request_data is not None else {}
            status, body = await self._api.call(name, params)
        return status, json.dumps(body).encode()


class FakeBotApiServer:
    """The fake over HTTP: ``async with FakeBotApiServer(api) as server: server.url``."""

    def __init__(self, api: FakeBotApi, host: str = "127.0.0.1", port: int = 0) -> None:
        self.api = api
        self._host, self._port = host, port
        self._server: asyncio.Server | None = None
        self._connections: set[asyncio.Task[None]] = set()

    @property
    def url(self) -> str:
        """What ``KINERJA_TELEGRAM_API_URL`` is set to (the bot adds ``/bot<token>``)."""
        assert self._server is not None
        host, port = self._server.sockets[0].getsockname()[:2]
        return f"http://{host}:{port}"

    async def __aenter__(self) -> FakeBotApiServer:
        self._server = await asyncio.start_server(self._serve, self._host, self._port)
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        self.api.release_pollers()
        if self._connections:
            await asyncio.wait(self._connections, timeout=2.0)
        await self._server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._connections.add(task)
        try:
            while await self._one_request(reader, writer):
                pass
        except (asyncio.IncompleteReadError, ConnectionError):
            pass  # the bot closed its connection
        finally:
            self._connections.discard(task)
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()

    async def _one_request(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> bool:
        """Read one request, answer it; whether the connection stays open."""
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError:
            return False
        request_line, *lines = head.decode("latin-1").rstrip("\r\n").split("\r\n")
        target = request_line.split(" ")[1]
        headers = {name.strip().lower(): value.strip()
                   for name, _, value in (line.partition(":") for line in lines)}  # fmt: skip
        body = await reader.readexactly(int(headers.get("content-length", "0")))
        status, answer = await self._answer(target, headers.get("content-type", ""), body)
        data = json.dumps(answer).encode()
        writer.write(
            f"HTTP/1.1 {status} {REASONS.get(status, 'Error')}\r\nContent-Type: application/json"
            f"\r\nContent-Length: {len(data)}\r\n\r\n".encode()
            + data
        )
        await writer.drain()
        return headers.get("connection", "").lower() != "close"

    async def _answer(self, target: str, content_type: str, body: bytes) -> tuple[int, JsonDict]:
        parts = urlsplit(target)
        prefix, _, method = parts.path.rpartition("/")
        if prefix != f"/bot{self.api.token}":
            return _unauthorized()
        params = dict(parse_qsl(parts.query))
        if content_type.startswith("application/json") and body:
            params |= {k: v if isinstance(v, str) else json.dumps(v)
                       for k, v in json.loads(body).items()}  # fmt: skip
        elif content_type.startswith("application/x-www-form-urlencoded"):
            params |= dict(parse_qsl(body.decode()))
        elif body:
            refusal = f"the benchmark fake reads no {content_type} bodies"
            return 400, {"ok": False, "error_code": 400, "description": refusal}
        return await self.api.call(method, params)
