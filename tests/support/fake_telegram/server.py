"""The HTTP side: ``/bot{token}/{method}`` and ``/file/bot{token}/{file_path}``."""

from __future__ import annotations

import contextlib
import json
import re
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote

from .api import BotApi

_API_PATH = re.compile(r"/bot(?P<token>[^/]*)/(?P<method>[A-Za-z]+)/?")
_FILE_PATH = re.compile(r"/file/bot(?P<token>[^/]*)/(?P<path>.+)")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: without TCP_NODELAY each keep-alive response
    # waits ~40 ms for a delayed ACK.
    disable_nagle_algorithm = True
    server: Server

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: every request is in ``FakeTelegram.requests``."""

    def _handle(self) -> None:
        body = self._read_body()
        if body is None:
            # The client died in the middle of its request (a test's SIGKILL): Telegram acts only
            # on a whole request, so a torn one is neither a call nor a violation.
            self.close_connection = True
            return
        raw_path, _, query = self.path.partition("?")
        path = unquote(raw_path)  # PTB percent-encodes file paths, so ':' in a token is '%3A'
        api = self.server.api
        if match := _FILE_PATH.fullmatch(path):
            status, payload, content_type = api.download(match["token"], match["path"])
            self._respond(status, payload, content_type)
            return
        match = _API_PATH.fullmatch(path)
        if match is None:
            envelope = api.unknown_path(path)
        else:
            content_type = self.headers.get("Content-Type", "")
            envelope = api.call(match["token"], match["method"], content_type, body, query)
        status = envelope.get("error_code", 200)
        self._respond(status, json.dumps(envelope).encode(), "application/json")

    def _read_body(self) -> bytes | None:
        """The request's body, or None when the connection ended before all of it came."""
        if self.headers.get("Transfer-Encoding", "").lower() != "chunked":
            expected = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(expected)
            return body if len(body) == expected else None
        chunks = []
        while True:
            line = self.rfile.readline()
            if not line:
                return None
            size = int(line.split(b";")[0].strip() or b"0", 16)
            if not size:
                break
            chunk = self.rfile.read(size)
            if len(chunk) < size:
                return None
            chunks.append(chunk)
            self.rfile.readline()
        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
            pass
        return b"".join(chunks)

    def _respond(self, status: int, payload: bytes, content_type: str) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except OSError:  # the client went away (e.g. a cancelled long poll)
            self.close_connection = True


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, api: BotApi) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.api = api
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        """Ends idle keep-alive connections so their handler threads finish."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
