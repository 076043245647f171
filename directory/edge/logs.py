"""Structured logs that keep secrets: a request id, one access line, no exception message.

Every line is ``key=value`` (logfmt, values quoted and escaped, so no input can forge a
line) or, with ``DIRECTORY_LOG_FORMAT=json``, one JSON object; both carry the request id.

What a line may hold, and what it never holds:

- the access line (logger ``directory.access``): method, path WITHOUT the query string
  (a token pasted into the path redacted), status, duration, request id and the operation
  name (only a name the document itself defines, see ``directory.graphql.error_log``); never a
  header, so never a token;
- an exception is logged by its type and its traceback frames (file, line, function), never
  its message nor its arguments: a database error's message quotes the statement's values
  (PostgreSQL's ``DETAIL: Key (value)=(…)``), and the formatter enforces this for every
  logger, third-party ones included;
- SQL parameters: engines are created with ``hide_parameters=True`` (``directory.db``), and
  aiosqlite's debug lines, which print each call with its arguments, are dropped.

``RequestLog`` is the middleware: it accepts a sane ``X-Request-ID`` (or makes one), echoes
it in the response, and turns an exception that escaped the app into a 500 GraphQL error
body instead of letting the server log it with its message.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import logging
import logging.config
import re
import secrets
import time
import traceback
from dataclasses import dataclass
from typing import Any

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from directory.edge.responses import send_error

access_log = logging.getLogger("directory.access")
error_log = logging.getLogger("directory.errors")

# An incoming id is kept when it looks like one (UUIDs, hex, trace ids), never when it
# looks like one of our tokens: a client must not be able to write a secret into our log.
_SANE_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")
_NOT_AN_ID = "dcna_"


@dataclass
class RequestInfo:
    """What the access line says about the current request; the view fills ``operation``."""

    request_id: str
    operation: str | None = None


_current: contextvars.ContextVar[RequestInfo | None] = contextvars.ContextVar(
    "directory_request", default=None
)


def current_request() -> RequestInfo | None:
    return _current.get()


def request_id_of(header: str | None) -> str:
    if header and _SANE_ID.fullmatch(header) and _NOT_AN_ID not in header.lower():
        return header
    return secrets.token_hex(16)


class RequestLog:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or ())
        incoming = headers.get(b"x-request-id", b"").decode("latin-1")
        info = RequestInfo(request_id_of(incoming))
        token = _current.set(info)
        status, answered = 500, False
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status, answered
            if message["type"] == "http.response.start":
                status, answered = message["status"], True
                message["headers"] = [
                    *(h for h in message.get("headers", ()) if h[0] != b"x-request-id"),
                    (b"x-request-id", info.request_id.encode()),
                ]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception as exc:
            log_exception(error_log, "unhandled error", exc, request_id=info.request_id)
            if answered:  # too late for another answer; the client sees a cut response
                return
            await send_error(
                scope,
                send_with_id,
                500,
                "INTERNAL_SERVER_ERROR",
                f"Unexpected error (request id {info.request_id}).",
            )
        finally:
            access_log.info(
                "request",
                extra={
                    "fields": {
                        "request_id": info.request_id,
                        "method": scope.get("method"),
                        "path": loggable_path(scope.get("path") or ""),
                        "status": status,
                        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                        "operation": info.operation,
                    }
                },
            )
            _current.reset(token)


_TOKEN_IN_PATH = re.compile(r"dcna_[^/?#]*", re.IGNORECASE)
MAX_LOGGED_PATH = 200


def loggable_path(path: str) -> str:
    """The path as the access line shows it: a token pasted into it is redacted, and a
    long one is cut (the router answers 404 to it anyway)."""
    path = _TOKEN_IN_PATH.sub("dcna_[redacted]", path)
    return path if len(path) <= MAX_LOGGED_PATH else path[:MAX_LOGGED_PATH] + "…"


def log_exception(logger: logging.Logger, what: str, exc: BaseException, **fields: Any) -> None:
    """Log ``exc`` by its type and frames only (see the module docstring)."""
    chain = _type_chain(exc)
    info = _current.get()
    fields = {"request_id": info.request_id if info else "-", **fields}
    logger.error(
        f"{what} ({chain})",
        extra={"fields": {**fields, "error": chain, "traceback": _frames(exc)}},
    )


def _type_chain(exc: BaseException) -> str:
    """``IntegrityError <- sqlite3.IntegrityError``: the types down the cause chain."""
    names: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen and len(names) < 8:
        seen.add(id(current))
        kind = type(current)
        module = "" if kind.__module__ == "builtins" else kind.__module__ + "."
        names.append(module + kind.__qualname__)
        current = current.__cause__ or current.__context__
    return " <- ".join(names)


def _frames(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    return " | ".join(f"{f.filename}:{f.lineno} in {f.name}" for f in frames[-12:])


class _RequestIdFilter(logging.Filter):
    """Stamps every record with the current request id (``-`` outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        info = _current.get()
        record.request_id = info.request_id if info else "-"
        return True


class _DropCallArguments(logging.Filter):
    """aiosqlite logs ``executing <functools.partial(… 'INSERT …', (params))>`` at DEBUG."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno > logging.DEBUG


class _Formatter(logging.Formatter):
    def __init__(self, json: bool) -> None:
        super().__init__()
        self.json = json

    def format(self, record: logging.LogRecord) -> str:
        fields: dict[str, Any] = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname.lower(),
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "msg": record.getMessage(),
            **(getattr(record, "fields", None) or {}),
        }
        if record.exc_info and record.exc_info[1] is not None:
            # a third-party logger's exception: its type and frames, never its message
            fields["error"] = _type_chain(record.exc_info[1])
            fields["traceback"] = _frames(record.exc_info[1])
        if self.json:
            return orjson.dumps(fields, default=str).decode()
        return " ".join(f"{k}={_value(v)}" for k, v in fields.items() if v is not None)


_PLAIN = re.compile(r"[A-Za-z0-9_.:/@+-]+")


def _value(value: object) -> str:
    text = str(value)
    if _PLAIN.fullmatch(text):
        return text
    return orjson.dumps(text).decode()  # quoted, with newlines and quotes escaped


_DROP_CALL_ARGUMENTS = _DropCallArguments()


def install_filters() -> None:
    """Filters that must hold whoever configures the handlers (the CLI, a test, a host);
    ``create_app`` installs them. Idempotent."""
    logging.getLogger("aiosqlite").addFilter(_DROP_CALL_ARGUMENTS)


def logging_config(log_format: str, level: str = "INFO") -> dict[str, Any]:
    """A ``logging.config.dictConfig`` for one handler on the root logger, in ``keyvalue``
    or ``json``. ``directory serve`` gives it to uvicorn, which applies it in every worker
    process; uvicorn's own loggers have no handler of their own here, so their lines reach
    the root handler in the same format."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"directory": {"()": f"{__name__}._Formatter", "json": log_format == "json"}},
        "filters": {"request_id": {"()": f"{__name__}._RequestIdFilter"}},
        "handlers": {
            "default": {
                "class": "logging.StreamHandler",
                "formatter": "directory",
                "filters": ["request_id"],
            }
        },
        "loggers": {
            name: {"handlers": [], "propagate": True}
            for name in ("uvicorn", "uvicorn.error", "uvicorn.access")
        },
        "root": {"handlers": ["default"], "level": level},
    }


def configure_logging(log_format: str, level: str = "INFO") -> None:
    """Apply ``logging_config`` in this process (a host that runs the app itself)."""
    logging.config.dictConfig(logging_config(log_format, level))
    install_filters()
