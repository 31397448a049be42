"""A tiny round-robin load balancer on loopback, for several bot processes in webhook mode.

Telegram (the fake server) POSTs each update to ``balancer.url``; the balancer passes the
request on to the next backend in turn and returns its answer. ``fail_first_delivery`` picks
updates whose first delivery is answered 502 although the backend took it, so Telegram delivers
them again (to the other process): the duplicate a multi-process deployment must drop.
``routes`` records which backend got which update.
"""

from __future__ import annotations

import contextlib
import http.client
import itertools
import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self

FORWARDED_HEADERS = ("Content-Type", "X-Telegram-Bot-Api-Secret-Token")


class RoundRobin:
    def __init__(self, ports: list[int]) -> None:
        self.ports = ports
        self.fail_first_delivery: Callable[[int], bool] = lambda update_id: False
        self._failed: set[int] = set()
        self.routes: list[tuple[int | None, int, int | None]] = []  # update, port, status
        self._turns = itertools.count()
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> Self:
        balancer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {h: v for h in FORWARDED_HEADERS if (v := self.headers.get(h))}
                status, answer = balancer.forward(self.path, body, headers)
                with contextlib.suppress(OSError):
                    self.send_response(status)
                    self.send_header("Content-Length", str(len(answer)))
                    self.end_headers()
                    self.wfile.write(answer)

            def log_message(self, format: str, *args: Any) -> None:
                """Silent: ``routes`` has every delivery."""

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/telegram"

    def forward(self, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        with self._lock:
            port = self.ports[next(self._turns) % len(self.ports)]
        update_id = _update_id(body)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            connection.request("POST", path, body=body, headers=headers)
            response = connection.getresponse()
            status, answer = response.status, response.read()
        except OSError:
            status, answer = 502, b"backend unreachable"
        finally:
            connection.close()
        with self._lock:
            if status == 200 and self._fail_now(update_id):
                status, answer = 502, b"the backend took it; Telegram is told it failed"
            self.routes.append((update_id, port, status))
        return status, answer

    def _fail_now(self, update_id: int | None) -> bool:
        if update_id is None or update_id in self._failed:
            return False
        if self.fail_first_delivery(update_id):
            self._failed.add(update_id)
            return True
        return False


def _update_id(body: bytes) -> int | None:
    try:
        value = json.loads(body).get("update_id")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, int) else None
