"""Serves MiniStack's ASGI app behind a guard that refuses what a web page can send.

Started by the kit (lib/targets/ministack-host.ts) instead of `python -m ministack`:

    <venv>/bin/python ministack_launcher.py --port 4566

MiniStack answers unsigned requests from any origin with `Access-Control-Allow-Origin: *`, and it
runs Lambda code on this machine: any web page could create a function and invoke it. The guard sits
in front of the app on the only port MiniStack listens on (a proxy on another port would not help: a
page can reach every loopback port). It refuses, with 403 and a one-line reason:

- a request with an `Origin` header that is not a loopback origin (`Origin: null` included);
- any CORS preflight (OPTIONS with `Access-Control-Request-Method`);
- a request marked `Sec-Fetch-Site: cross-site` (browsers send it even on no-Origin GETs, <img>);
- a `Host` that is not a loopback name (DNS rebinding);
- a request that changes state (any method but GET, HEAD and OPTIONS, and a GET or HEAD whose
  `Action=` query parameter is not a Get*, List* or Describe* read) without a SigV4 signature: an
  `Authorization: AWS4-HMAC-SHA256 ...` header, or a presigned URL's `X-Amz-Algorithm` and
  `X-Amz-Signature`. A web page cannot add either (a form or an <img> sends no Authorization; an old
  browser sends no Origin or Sec-Fetch-Site), and neither can a program that does not know to.

SDKs, the CLI, the CDK and cdklocal sign every request and send no browser headers: they pass. So do
the functions MiniStack runs (their SDK, or MiniStack's stub of it, signs). The one unsigned write
the kit needs is MiniStack's stand-in for a presigned S3 URL: a custom resource's response and a wait
condition's signal, PUT to `/_ministack/cfn-response/<uuid>` and `/_ministack/cfn-signal/<uuid>`,
where the random token plays the signature's part (an unknown one is ignored); and a request to a
load balancer a stack deployed (the data plane, unsigned on AWS too). `guard_refusal` imports
nothing from MiniStack, so it can be tested with any Python 3.

Behind the guard, one read-only endpoint of the kit's own, `GET /_labkit/lambda/in-flight`: the Lambda
work still running (see `lambda_in_flight`), so that `labs destroy` waits only as long as needed.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import logging
import os
import re
import sys
from collections.abc import Callable
from urllib.parse import parse_qsl, urlsplit

# Host names cdklocal uses by default: public DNS names that resolve to 127.0.0.1.
_LOCALSTACK_CLOUD = "localhost.localstack.cloud"


def _is_loopback_name(hostname: str, allow_localstack_cloud: bool) -> bool:
    name = hostname.lower().rstrip(".")
    if name.startswith("[") and name.endswith("]"):
        name = name[1:-1]
    if name == "localhost" or name.endswith(".localhost"):
        return True
    if allow_localstack_cloud and (name == _LOCALSTACK_CLOUD or name.endswith("." + _LOCALSTACK_CLOUD)):
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    # 127.0.0.0/8 and ::1 only; an IPv4-mapped ::ffff:127.0.0.1 is loopback too.
    mapped = getattr(address, "ipv4_mapped", None)
    return address.is_loopback or (mapped is not None and mapped.is_loopback)


def _host_name(host_header: str) -> str | None:
    """The name part of a Host header (`name`, `name:port`, `[v6]`, `[v6]:port`)."""
    host = host_header.strip()
    if host.startswith("["):
        end = host.find("]")
        if end == -1:
            return None
        rest = host[end + 1 :]
        if rest and not (rest.startswith(":") and rest[1:].isdigit()):
            return None
        return host[: end + 1]
    name, sep, port = host.rpartition(":")
    if sep and port.isdigit():
        return name
    return host if ":" not in host else None


def _is_loopback_origin(origin: str) -> bool:
    try:
        parts = urlsplit(origin.strip())
        hostname = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not hostname:
        return False
    if parts.username or parts.password or parts.path not in ("", "/") or parts.query or parts.fragment:
        return False
    return _is_loopback_name(hostname, allow_localstack_cloud=False)


# Methods that change nothing by themselves (a GET can still name a mutating query API: see below).
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# The query APIs (SQS, SNS, IAM, STS, EC2...) take any Action by GET; these are the reads.
_READ_ACTION = re.compile(r"(?:Get|List|Describe)[A-Z0-9]\w*")
# MiniStack's stand-ins for the presigned S3 URLs CloudFormation hands out (see the module docstring).
_CFN_CALLBACK_PATH = re.compile(r"/_ministack/cfn-(?:response|signal)/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_SIGV4 = "AWS4-HMAC-SHA256"


def _changes_state(method: str, query: list[tuple[str, str]]) -> bool:
    if method.upper() not in _SAFE_METHODS:
        return True
    return any(name.lower() == "action" and not _READ_ACTION.fullmatch(value.strip()) for name, value in query)


def _is_signed(headers: list[tuple[str, str]], query: list[tuple[str, str]]) -> bool:
    if any(name == "authorization" and value.strip().startswith(_SIGV4) for name, value in headers):
        return True
    params = {name.lower(): value for name, value in query}
    return params.get("x-amz-algorithm") == _SIGV4 and bool(params.get("x-amz-signature"))


def guard_refusal(
    method: str,
    headers: list[tuple[str, str]],
    path: str = "/",
    query: str = "",
    load_balancer: Callable[[str, str], bool] | None = None,
) -> str | None:
    """Why a request must be refused, or None when it may reach MiniStack.

    `headers` are (lower-case name, value) pairs, repeated names kept; `path` is the request path
    and `query` the raw query string (without `?`). `load_balancer(host, path)` says whether the
    emulator serves the request as a deployed load balancer's (see `ministack_load_balancer`).
    """
    for name, value in headers:
        if name == "origin" and not _is_loopback_origin(value):
            return f"Origin {value.strip()[:100]!r} is not a loopback origin"
        if name == "sec-fetch-site" and value.strip().lower() == "cross-site":
            return "Sec-Fetch-Site: cross-site (a request from a web page)"
        if name == "host":
            hostname = _host_name(value)
            if hostname is None or not _is_loopback_name(hostname, allow_localstack_cloud=True):
                return f"Host {value.strip()[:100]!r} is not a loopback name (DNS rebinding?)"
    if method.upper() == "OPTIONS" and any(name == "access-control-request-method" for name, _ in headers):
        return "CORS preflight (cross-origin requests from web pages are not served)"
    params = parse_qsl(query, keep_blank_values=True)
    if _changes_state(method, params) and not _is_signed(headers, params):
        if method.upper() == "PUT" and _CFN_CALLBACK_PATH.fullmatch(path):
            return None
        host = next((value for name, value in headers if name == "host"), "")
        if load_balancer is not None and load_balancer(host, path):
            return None
        what = f"{method.upper()} {path[:100]}" + (f" ({_action_of(params)})" if _action_of(params) else "")
        return (
            f"{what} changes state and carries no AWS SigV4 signature (an Authorization: AWS4-HMAC-SHA256 header "
            "or a presigned URL); send it with an AWS SDK, the AWS CLI or the CDK, which sign every request"
        )
    return None


def _action_of(query: list[tuple[str, str]]) -> str:
    return ", ".join(f"Action={value[:60]}" for name, value in query if name.lower() == "action")


def ministack_load_balancer(host: str, path: str) -> bool:
    """True when MiniStack serves this request as a deployed load balancer's: lab code behind it
    (lab-01's function POSTs to its internal service), as unsigned as on AWS. Asked of MiniStack's
    own routing, so that a path that merely looks like a load balancer's (`/_alb/<no such lb>`,
    which MiniStack passes on to its AWS APIs) is not let through."""
    try:
        from ministack import app as ministack_app
        from ministack.services import alb
    except ImportError:
        return False
    try:
        if not ministack_app._is_potential_alb_request(host, path):
            return False
        if alb.find_lb_for_host(host) is not None:
            return True
        if path.startswith("/_alb/"):
            return alb._find_lb_by_name(path[len("/_alb/") :].split("/", 1)[0]) is not None
    except AttributeError:  # private to MiniStack (pinned by hash): another version, no exception
        return False
    return False


def with_transport(scope: dict) -> dict:
    """The scope as MiniStack should see it: a SigV4-signed request marked as sent over TLS.

    The kit's one port serves plain HTTP, but the SDKs, the CLI and the CDK that sign a request here
    stand for clients that would reach AWS's endpoints over HTTPS. MiniStack's policy evaluator takes
    `aws:SecureTransport` from `X-Forwarded-Proto` (it sets it itself only when it terminates TLS), so
    without this mark every signed request would be plain HTTP to it: under `AUTH=true` the CDK
    bootstrap's asset bucket policy, which denies `aws:SecureTransport` false, refused the asset
    upload, and so would every bucket a lab creates with `enforceSSL`. Unsigned requests (a load
    balancer's or a CloudFront distribution's data plane, a health check) keep plain HTTP, and a
    request that names its own `X-Forwarded-Proto` keeps it.
    """
    headers = scope.get("headers", [])
    if any(name.lower() == b"x-forwarded-proto" for name, _ in headers):
        return scope
    query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    if not _is_signed(_decoded_headers(scope), query):
        return scope
    return {**scope, "headers": [*headers, (b"x-forwarded-proto", b"https")]}


def _decoded_headers(scope: dict) -> list[tuple[str, str]]:
    return [(name.decode("latin-1").lower(), value.decode("latin-1")) for name, value in scope.get("headers", [])]


# The kit's own read-only endpoint: which Lambda work is still running (see lambda_in_flight).
LAMBDA_IN_FLIGHT_PATH = "/_labkit/lambda/in-flight"


def lambda_in_flight() -> dict | None:
    """The Lambda work this MiniStack has started and not finished, or None if it cannot tell.

    `functions`: invocations executing, per function name (MiniStack counts them at the one point
    every executor passes through, and a count drops only after the invocation's logs are written).
    `eventSourceMappingBatches`: SQS batches an event source mapping has taken and not finished,
    per mapping id (a batch is taken before its invocation starts).

    After `labs destroy`, the kit waits until none of the destroyed stack's functions or mappings is
    listed here, then deletes any log group a late invocation recreated (late-log-groups.ts).
    """
    try:
        from ministack.services import lambda_svc

        _, executing = lambda_svc.executions_in_flight()
        # Private to MiniStack (the version is pinned by hash); guarded by its own lock.
        with lambda_svc._esm_inflight_lock:
            batches = dict(lambda_svc._esm_inflight)
    except (ImportError, AttributeError):
        return None
    functions: dict[str, int] = {}
    for key, count in executing.items():
        name = key.rsplit(":", 1)[-1]  # account:region:name
        functions[name] = functions.get(name, 0) + count
    return {"functions": functions, "eventSourceMappingBatches": batches}


async def _send_json(send, status: int, payload) -> None:
    body = (json.dumps(payload) + "\n").encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


def guarded(app):
    """Wraps an ASGI app: refused requests never reach it; the kit's endpoint is answered here."""

    async def guarded_app(scope, receive, send):
        if scope["type"] in ("http", "websocket"):
            reason = guard_refusal(
                scope.get("method", "GET"),
                _decoded_headers(scope),
                scope.get("path", "/"),
                scope.get("query_string", b"").decode("latin-1"),
                ministack_load_balancer,
            )
            if reason is not None:
                logging.getLogger("labkit.guard").warning("refused %s %s: %s", scope.get("method", "WS"), scope.get("path", ""), reason)
                if scope["type"] == "websocket":
                    # Closing before accept makes the server answer the upgrade with 403.
                    await send({"type": "websocket.close", "code": 1008})
                    return
                body = f"refused by the lab kit's emulator guard: {reason}\n".encode()
                await send(
                    {
                        "type": "http.response.start",
                        "status": 403,
                        "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())],
                    }
                )
                await send({"type": "http.response.body", "body": body})
                return
        if scope["type"] == "http" and scope.get("path") == LAMBDA_IN_FLIGHT_PATH:
            if scope.get("method", "GET") != "GET":
                await _send_json(send, 405, {"message": "GET only"})
                return
            in_flight = lambda_in_flight()
            if in_flight is None:
                await _send_json(send, 501, {"message": "this MiniStack does not report Lambda work in flight"})
            else:
                await _send_json(send, 200, in_flight)
            return
        if scope["type"] == "http":
            scope = with_transport(scope)
        await app(scope, receive, send)

    return guarded_app


def main() -> None:
    parser = argparse.ArgumentParser(description="MiniStack behind the lab kit's request guard")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args()
    # MiniStack reads its port from the environment when it is imported (Lambda workers use it).
    os.environ["GATEWAY_PORT"] = str(args.port)

    import asyncio

    from hypercorn.asyncio import serve
    from hypercorn.config import Config

    import ministack.app as ministack_app

    # What `ministack.app.main` does before serving, minus its pid file in /tmp and its extra
    # listener on 443 (the kit binds one loopback port only).
    health_paths = getattr(ministack_app, "_HEALTH_PATHS", ())
    log_level = str(getattr(ministack_app, "LOG_LEVEL", "INFO")).upper()

    class _HealthLogFilter(logging.Filter):
        def filter(self, record):
            return log_level == "DEBUG" or not any(p in record.getMessage() for p in health_paths)

    logging.getLogger("hypercorn.access").addFilter(_HealthLogFilter())
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if soft < hard:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    except (ImportError, ValueError, OSError):
        pass

    config = Config()
    config.bind = [f"{args.host}:{args.port}"]
    config.keep_alive_timeout = 75
    config.loglevel = log_level
    # Hypercorn handles SIGTERM/SIGINT itself (graceful shutdown, MiniStack's lifespan cleanup).
    asyncio.run(serve(guarded(ministack_app.app), config, mode="asgi"))


if __name__ == "__main__":
    sys.exit(main())
