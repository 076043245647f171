"""The HTTP edge: what every request passes before (and after) the GraphQL view.

Outermost first, as ``directory.app.create_app`` stacks them:

    SecurityHeaders   headers.py   CSP, nosniff, no-referrer, DENY framing, HSTS if configured
    RequestLog        logs.py      a request id, one access line, no exception escapes
    CORSMiddleware    headers.py   only the configured origins (none by default)
    RequestGuard      limits.py    body and query-string size, no token in a query string

``clients.py`` says who the client is (the proxy-aware address rate limits key on), for the
API and the pages alike.

Refusals made here are GraphQL error bodies too (``responses.py``), with a stable
``extensions.code``, so a client reads every failure the same way. The edge imports no
surface: the API uses it, never the reverse.
"""
