"""Serves LocalStack (community 4.13.1) as a host process behind the kit's request guard.

Started by the kit (lib/targets/localstack-host.ts) instead of `localstack start` (which wants
Docker):

    <venv>/bin/python localstack_launcher.py --port 4660

The guard is the one MiniStack runs behind (../ministack_launcher.py, `guard_refusal`): a request
with a non-loopback Origin, a CORS preflight, `Sec-Fetch-Site: cross-site` or a non-loopback Host,
and an unsigned request that changes state, is refused with 403 before LocalStack sees it. It is put first in LocalStack's own request handler
chain (LocalstackAwsGateway.request_handlers), so it covers every path on the port, HTTP and HTTPS,
`/_localstack/*` included. It also makes LocalStack listen on 127.0.0.1 only (see
bind_loopback_only). The environment LocalStack reads (GATEWAY_LISTEN and the rest) is set by
the kit; this only makes the port on the command line the one LocalStack binds.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

# The guard lives next to MiniStack's launcher, and LocalStack imports the plugin localstack_lab_host
# from this directory (the script's, first on sys.path): no __pycache__ written into the kit's source
# tree, for the whole run (the kit also sets PYTHONDONTWRITEBYTECODE). LocalStack's own modules were
# byte-compiled at install.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from ministack_launcher import guard_refusal  # noqa: E402  (imports nothing from MiniStack)

import lambda_runtime_tokens  # noqa: E402  (this directory, imports nothing)


def guard_handler(chain, context, response) -> None:
    """A LocalStack request handler: refuses what a web page can send."""
    request = context.request
    if request.path.startswith("/_localstack_lambda/") and lambda_runtime_tokens.valid(
        request.headers.get(lambda_runtime_tokens.TOKEN_HEADER)
    ):
        return  # a function the kit's host executor runs, reporting back (its token proves it)
    headers = [(name.lower(), value) for name, value in request.headers.items()]
    query = request.query_string
    reason = guard_refusal(
        request.method,
        headers,
        request.path,
        query.decode("latin-1") if isinstance(query, bytes) else str(query or ""),
    )
    if reason is None:
        return
    logging.getLogger("labkit.guard").warning("refused %s %s: %s", request.method, request.path, reason)
    chain.respond(
        403,
        f"refused by the lab kit's emulator guard: {reason}\n",
        {"Content-Type": "text/plain; charset=utf-8"},
    )


def install_guard() -> None:
    from localstack.aws.app import LocalstackAwsGateway

    original_init = LocalstackAwsGateway.__init__

    def init_with_guard(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        self.request_handlers.insert(0, guard_handler)

    LocalstackAwsGateway.__init__ = init_with_guard


def bind_loopback_only() -> None:
    """LocalStack's Twisted server binds 0.0.0.0 whatever GATEWAY_LISTEN names for IPv4
    (localstack/runtime/server/twisted.py: "TODO: interface = host?"): every IPv4 listener it opens
    without an interface gets 127.0.0.1 instead."""
    from twisted.internet import endpoints

    tcp4 = endpoints.TCP4ServerEndpoint

    def loopback_tcp4(reactor, port, backlog=50, interface=""):
        return tcp4(reactor, port, backlog, interface or "127.0.0.1")

    endpoints.TCP4ServerEndpoint = loopback_tcp4


def main() -> None:
    parser = argparse.ArgumentParser(description="LocalStack behind the lab kit's request guard")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    # LocalStack reads these when its config module is imported: one loopback port, and URLs it
    # returns (QueueUrl...) name 127.0.0.1, not localhost.localstack.cloud (public DNS).
    os.environ["GATEWAY_LISTEN"] = f"127.0.0.1:{args.port}"
    os.environ["LOCALSTACK_HOST"] = f"127.0.0.1:{args.port}"
    bind_loopback_only()
    install_guard()
    from localstack.runtime.main import main as localstack_main

    localstack_main()


if __name__ == "__main__":
    sys.exit(main())
