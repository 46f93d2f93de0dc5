"""The tokens of the functions the kit's host executor runs (localstack_lab_host/host_executor.py).

Each execution environment's runtime sends its token with every call back to LocalStack
(`x-labkit-runtime-token`); the kit's request guard (localstack_launcher.py) admits those calls
without a SigV4 signature. A web page can neither know a token nor send a custom header across
origins without a preflight, which the guard refuses. Imports nothing, so the guard's tests run
without LocalStack.
"""
from __future__ import annotations

TOKEN_HEADER = "x-labkit-runtime-token"
_TOKENS: set[str] = set()


def register(token: str) -> None:
    _TOKENS.add(token)


def forget(token: str) -> None:
    _TOKENS.discard(token)


def valid(token: str | None) -> bool:
    return bool(token) and token in _TOKENS
