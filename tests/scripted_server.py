"""A real HTTP server on 127.0.0.1 that answers chat-completion requests from a script.

Each request takes the next step of the script: an HTTP error (with headers and a body), a 200
with an OpenAI-shaped completion whose content the test chose, or a fault of the connection
itself (`Step(fault=...)`): a reset, a hang, a body cut off mid-JSON, a 200 with a body that is
not JSON, an empty 200. The last step repeats. The server records every request body, so tests
can count requests and inspect what was sent, and the client address (host, port) it came from,
so that a test can tell which process sent it.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Literal

from extract.config import Settings

Fault = Literal["reset", "hang", "cut_body", "not_json", "empty_body"]


@dataclass(frozen=True)
class Step:
    status: int = 200
    content: str | None = "{}"  # the assistant message for a 200 (None: JSON null)
    body: str | None = None  # raw body for an error status
    headers: dict[str, str] = field(default_factory=dict)
    prompt_tokens: int = 11
    completion_tokens: int = 7
    finish_reason: str = "stop"  # "length" says the answer hit max_tokens
    # reset: close the connection with a TCP RST before answering; hang: answer nothing for
    # `hang_seconds`; cut_body: promise the whole completion, send half, close; not_json: a 200
    # whose body is half a completion; empty_body: a 200 with no body at all.
    fault: Fault | None = None
    hang_seconds: float = 30.0
    delay_seconds: float = 0.0  # think before answering, like a real model


def completion_body(step: Step) -> str:
    return json.dumps(
        {
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "created": 0,
            "model": "scripted",
            "choices": [
                {
                    "index": 0,
                    "finish_reason": step.finish_reason,
                    "message": {"role": "assistant", "content": step.content},
                }
            ],
            "usage": {
                "prompt_tokens": step.prompt_tokens,
                "completion_tokens": step.completion_tokens,
                "total_tokens": step.prompt_tokens + step.completion_tokens,
            },
        },
        ensure_ascii=False,
    )


Responder = Callable[[dict[str, Any]], Step]


class ScriptedServer:
    """Answers with `steps` in order, or with `respond(request_body)` when given."""

    def __init__(self, steps: list[Step], respond: Responder | None = None) -> None:
        self.steps = list(steps)
        self.respond = respond
        self.requests: list[dict[str, Any]] = []
        self.clients: list[tuple[str, int]] = []  # who sent each request, in the same order
        self._lock = threading.Lock()
        self._stopping = threading.Event()  # ends every hang at once when the test is over
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def next_step(self, body: dict[str, Any], client: tuple[str, int] = ("", 0)) -> Step:
        """The answer to `body`; a responder may read `clients[-1]` to know who asks."""
        with self._lock:
            self.requests.append(body)
            self.clients.append(client)
            if self.respond is not None:
                return self.respond(body)
            index = min(len(self.requests) - 1, len(self.steps) - 1)
            return self.steps[index]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                step = server.next_step(body, self.client_address[:2])
                if step.delay_seconds:
                    server._stopping.wait(step.delay_seconds)
                payload = (
                    completion_body(step)
                    if step.status == 200
                    else (step.body or '{"error": {"message": "scripted failure"}}')
                ).encode("utf-8")
                if step.fault == "reset":
                    self.reset_connection()
                    return
                if step.fault == "hang":
                    server._stopping.wait(step.hang_seconds)
                    self.close_connection = True
                    return
                sent = {"not_json": payload[: len(payload) // 2], "empty_body": b""}
                body_bytes = sent.get(step.fault or "", payload)
                self.send_response(step.status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(body_bytes)))
                for name, value in step.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                if step.fault == "cut_body":
                    self.wfile.write(body_bytes[: len(body_bytes) // 2])
                    self.wfile.flush()
                    self.reset_connection()
                    return
                self.wfile.write(body_bytes)

            def reset_connection(self) -> None:
                # Linger 0: close() sends RST, as a crashed or killed server's kernel would.
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                )
                self.connection.close()
                self.close_connection = True

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()


@contextmanager
def scripted_server(
    steps: list[Step], respond: Responder | None = None
) -> Iterator[ScriptedServer]:
    server = ScriptedServer(steps, respond)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def http_settings(server: ScriptedServer, tmp_path: Path) -> Settings:
    """Settings that send every request to the scripted server, caching under `tmp_path`."""
    return Settings(
        backend="http",
        base_url=server.base_url,
        model="scripted",
        schema_mode="json_object_schema",
        cache_dir=tmp_path / "cache",
    )
