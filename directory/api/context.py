"""The typed request context every resolver receives (``info.context``), and the ``Info`` alias.

One ``Context`` per HTTP request, built by ``directory.api.view.DirectoryGraphQL``: it owns the
request's only session (closed when the response is ready) and the request's DataLoaders.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import strawberry
from starlette.requests import Request
from starlette.responses import Response

from directory.api.loaders import Loaders
from directory.config import Settings
from directory.db import SerialSession


@dataclass
class Context:
    """What a resolver may use. ``principal`` is the authenticated caller (None = anonymous);
    the accounts domain sets it when it authenticates the request."""

    request: Request
    response: Response
    session: SerialSession
    settings: Settings
    loaders: Loaders
    principal: Any | None = None  # a directory.accounts.permissions.Principal
    # A bad, expired or revoked token: raised by every path that needs the principal
    # (contact details, mutations, history), so no such request is served as anonymous.
    auth_error: Exception | None = None


Info = strawberry.Info[Context, None]
