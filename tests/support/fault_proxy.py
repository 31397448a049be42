"""A fault-injecting HTTP proxy on loopback, between the bot and a Bot API server (the fake).

Point the bot at ``proxy.url`` instead of the server's; every request is forwarded unchanged
unless a rule (``proxy.on(...)``) or the schedule (``proxy.schedule = FaultSchedule(...)``)
gives it a fault (``tests.support.faults``). File downloads are always forwarded.

``HOLD`` keeps a request until the test calls ``release_held(forward=...)``: while
``wait_held(n)`` reports it, the bot is provably inside that call, e.g. to SIGKILL it there.
``log`` lists every request with the fault it got, for assertions and failure messages.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self
from urllib.parse import parse_qsl, urlsplit

from tests.support.faults import Fault, FaultSchedule, Held, JsonDict, Kind, Match, Passage, Rule

_API_PATH = re.compile(r"/bot[^/]*/(?P<method>[A-Za-z]+)/?(?:\?.*)?")
_MULTIPART_FIELD = re.compile(rb'name="(?P<name>[a-z_]+)"\r\n\r\n(?P<value>[^\r]{0,4096})\r\n')
UPSTREAM_TIMEOUT = 60.0
HOLD_LIMIT = 300.0


class FaultProxy:
    def __init__(self, upstream: str) -> None:
        parts = urlsplit(upstream)
        assert parts.hostname is not None
        assert parts.port is not None
        self.upstream = (parts.hostname, parts.port)
        self.schedule: FaultSchedule | None = None
        self._rules: list[Rule] = []
        self._log: list[Passage] = []
        self._held: list[Held] = []
        self._cond = threading.Condition()
        self._closing = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # ----- lifecycle

    def start(self) -> Self:
        self._server = _Server(self)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.01},
            name="fault-proxy",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is None:
            return
        self._closing.set()
        self.release_held(forward=False)
        server.shutdown()
        server.close_connections()
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=10)

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
        assert self._server is not None, "the proxy is not running"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    # ----- faults

    def on(
        self,
        *methods: str,
        fault: Fault,
        match: Match | None = None,
        times: int | None = None,
    ) -> Rule:
        """Give ``fault`` to requests for ``methods`` (any method when none) matching ``match``."""
        rule = Rule(fault, frozenset(m.lower() for m in methods), match, times)
        with self._cond:
            self._rules.append(rule)
        return rule

    def clear(self) -> None:
        """No more rules and no schedule: everything is forwarded from now on."""
        with self._cond:
            self._rules.clear()
            self.schedule = None

    def decide(self, method: str, params: JsonDict) -> Fault | None:
        with self._cond:
            rule = next((r for r in self._rules if r.applies(method, params)), None)
            if rule is not None:
                rule.used += 1
                fault: Fault | None = rule.fault
            else:
                fault = self.schedule.decide(method, params) if self.schedule else None
            self._log.append(Passage(method, params, fault))
            return fault

    # ----- held requests

    def hold(self, method: str, params: JsonDict) -> Held:
        held = Held(method, params)
        with self._cond:
            self._held.append(held)
            self._cond.notify_all()
        return held

    def held(self, method: str | None = None) -> list[Held]:
        with self._cond:
            return [h for h in self._held if method is None or h.method.lower() == method.lower()]

    def wait_held(self, count: int = 1, method: str | None = None, timeout: float = 30.0) -> None:
        """Block until at least ``count`` requests (for ``method``) are being held."""
        deadline = time.monotonic() + timeout
        while len(self.held(method)) < count:
            if time.monotonic() > deadline:
                seen = [p.method for p in self.log[-10:]]
                raise AssertionError(
                    f"{len(self.held(method))} of {count} requests held after {timeout}s; "
                    f"last requests: {seen}"
                )
            with self._cond:
                self._cond.wait(0.05)

    def release_held(self, *, forward: bool) -> int:
        """Let every held request go: to the server (``forward``) or nowhere (the bot is dead)."""
        with self._cond:
            held, self._held = self._held, []
        for request in held:
            request.forward = forward
            request.released.set()
        return len(held)

    # ----- observations

    @property
    def log(self) -> list[Passage]:
        with self._cond:
            return list(self._log)

    def faults(self) -> dict[str, int]:
        """How many requests got each kind of fault (by ``kind:status``)."""
        counts: dict[str, int] = {}
        for passage in self.log:
            if passage.fault is not None:
                status = passage.fault.status
                key = f"{passage.fault.kind.value}:{status}" if status else passage.fault.kind.value
                counts[key] = counts.get(key, 0) + 1
        return counts

    @property
    def closing(self) -> threading.Event:
        return self._closing


def decode_params(content_type: str, body: bytes, query: str) -> JsonDict:
    """The request's parameters as far as rules need them (JSON, form or multipart fields)."""
    values: JsonDict = dict(parse_qsl(query))
    media = content_type.split(";", 1)[0].strip().lower()
    with contextlib.suppress(ValueError, UnicodeDecodeError):
        if media == "application/json" and body:
            decoded = json.loads(body)
            values.update(decoded if isinstance(decoded, dict) else {})
        elif media == "application/x-www-form-urlencoded":
            values.update(parse_qsl(body.decode()))
        elif media == "multipart/form-data":
            for found in _MULTIPART_FIELD.finditer(body):
                values[found["name"].decode()] = found["value"].decode()
    return values


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server: _Server

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: ``FaultProxy.log`` has every request."""

    def _handle(self) -> None:
        expected = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(expected)
        if len(body) < expected:
            # The bot died in the middle of its request (a test's SIGKILL): a torn request goes
            # nowhere, as it would not reach Telegram whole either.
            self.close_connection = True
            return
        match = _API_PATH.fullmatch(self.path)
        if match is None:  # a file download
            self._relay(*self._forward(body))
            return
        query = self.path.partition("?")[2]
        params = decode_params(self.headers.get("Content-Type", ""), body, query)
        fault = self.server.proxy.decide(match["method"], params)
        if fault is None:
            self._relay(*self._forward(body))
        elif fault.kind is Kind.REFUSE:
            self._relay(fault.status, json.dumps(fault.envelope()).encode(), "application/json")
        elif fault.kind is Kind.DELIVER_THEN_FAIL:
            self._forward(body)
            self._fail_after_delivery(fault)
        elif fault.kind is Kind.HANG:
            self._hang(fault.seconds)
        elif fault.kind is Kind.DELAY:
            self.server.proxy.closing.wait(fault.seconds)
            self._relay(*self._forward(body))
        else:
            self._held(self.server.proxy.hold(match["method"], params), body)

    def _fail_after_delivery(self, fault: Fault) -> None:
        if fault.status:
            self._relay(fault.status, json.dumps(fault.envelope()).encode(), "application/json")
        else:
            self._hang(fault.seconds)

    def _held(self, held: Held, body: bytes) -> None:
        held.released.wait(HOLD_LIMIT)
        if held.forward:
            self._relay(*self._forward(body))
        else:
            self.close_connection = True

    def _hang(self, seconds: float) -> None:
        self.server.proxy.closing.wait(seconds)
        self.close_connection = True

    def _forward(self, body: bytes) -> tuple[int, bytes, str]:
        host, port = self.server.proxy.upstream
        connection = http.client.HTTPConnection(host, port, timeout=UPSTREAM_TIMEOUT)
        try:
            headers = {"Content-Type": self.headers.get("Content-Type", "application/json")}
            connection.request(self.command, self.path, body=body, headers=headers)
            response = connection.getresponse()
            payload = response.read()
            return response.status, payload, response.getheader("Content-Type") or "text/plain"
        except OSError as error:
            return 502, f"upstream failed: {error}".encode(), "text/plain"
        finally:
            connection.close()

    def _relay(self, status: int, payload: bytes, content_type: str) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except OSError:  # the bot went away (killed, or it timed out)
            self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, proxy: FaultProxy) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.proxy = proxy
        self._connections: set[socket.socket] = set()
        self._lock = threading.Lock()

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
