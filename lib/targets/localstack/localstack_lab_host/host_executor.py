"""A LocalStack Lambda runtime executor that runs Node.js functions as host processes.

LocalStack's own executor starts a container per execution environment, whose init process takes
invocations on /invoke and reports back to LocalStack's executor endpoint. This one starts
host_runtime.cjs under the `node` on LocalStack's PATH (the kit puts a Node 24 first there) and
speaks the same protocol, so event source mappings, destinations, API Gateway and Step Functions
reach the functions through LocalStack's own machinery. Select with LAMBDA_RUNTIME_EXECUTOR=labhost.

Each environment gets the variables LocalStack gives a function (its role's credentials from
LocalStack's STS, never the user's), PATH and HOME, and the function's unpacked code; it listens on
127.0.0.1 only.
"""
from __future__ import annotations

import os
import pathlib
import secrets
import shutil
import subprocess
import threading
from concurrent.futures import Future

from localstack import config
from localstack.services.lambda_.invocation.executor_endpoint import ExecutorEndpoint
from localstack.services.lambda_.invocation.runtime_executor import (
    LambdaRuntimeException,
    RuntimeExecutor,
)
from localstack.utils.net import get_free_tcp_port

# Next to the launcher (on sys.path): the guard checks the environments' tokens there.
import lambda_runtime_tokens

RUNTIME_SCRIPT = pathlib.Path(__file__).resolve().parent / "host_runtime.cjs"
LOG_LIMIT = 200_000


class HostRuntimeExecutor(RuntimeExecutor):
    def __init__(self, id, function_version) -> None:
        super().__init__(id=id, function_version=function_version)
        self.port = get_free_tcp_port()
        self.executor_endpoint = ExecutorEndpoint(
            self.id, container_address="127.0.0.1", container_port=self.port
        )
        self.process: subprocess.Popen | None = None
        self.env_vars: dict[str, str] = {}
        self.logs: list[str] = []
        self.lock = threading.Lock()
        self.token = secrets.token_hex(16)

    def _code_dir(self) -> str:
        code = self.function_version.config.code
        if code is None:
            raise LambdaRuntimeException("only functions with a zip package run on the host")
        return str(code.get_unzipped_code_location())

    def _spawn(self) -> None:
        node = shutil.which("node")
        if node is None:
            raise LambdaRuntimeException("no `node` on LocalStack's PATH to run the function with")
        env = {key: str(value) for key, value in self.env_vars.items()}
        env.update(
            LAMBDA_TASK_ROOT=self._code_dir(),
            LABKIT_INVOKE_PORT=str(self.port),
            LABKIT_RUNTIME_TOKEN=self.token,
            PATH=os.environ.get("PATH", ""),
            HOME=os.environ.get("HOME", "/tmp"),
        )
        self.process = subprocess.Popen(
            [node, str(RUNTIME_SCRIPT)],
            env=env,
            cwd=env["LAMBDA_TASK_ROOT"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            # In LocalStack's process group: stopping the emulator stops its functions too.
            stderr=subprocess.STDOUT,
        )
        threading.Thread(target=self._collect_logs, args=(self.process,), daemon=True).start()

    def _collect_logs(self, process: subprocess.Popen) -> None:
        for line in iter(process.stdout.readline, b""):
            with self.lock:
                self.logs.append(line.decode("utf-8", "replace"))
                while sum(len(entry) for entry in self.logs) > LOG_LIMIT:
                    self.logs.pop(0)

    def start(self, env_vars: dict[str, str]) -> None:
        runtime = self.function_version.config.runtime or ""
        if not runtime.startswith("nodejs"):
            raise LambdaRuntimeException(
                f"the kit's host executor runs Node.js functions only, not {runtime or 'images'}"
            )
        self.env_vars = env_vars
        lambda_runtime_tokens.register(self.token)
        self.executor_endpoint.start()
        self._spawn()
        self.executor_endpoint.wait_for_startup()

    def _restart(self) -> None:
        """A new process for the next invocation after a timeout (the old one exited)."""
        if self.process is not None:
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.executor_endpoint.startup_future = Future()
        self._spawn()
        self.executor_endpoint.wait_for_startup()

    def stop(self) -> None:
        lambda_runtime_tokens.forget(self.token)
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
        try:
            self.executor_endpoint.shutdown()
        except Exception:  # already unregistered
            pass

    def get_address(self) -> str:
        return "127.0.0.1"

    def get_endpoint_from_executor(self) -> str:
        return "127.0.0.1"

    def get_runtime_endpoint(self) -> str:
        port = config.GATEWAY_LISTEN[0].port
        return f"http://127.0.0.1:{port}{self.executor_endpoint.get_endpoint_prefix()}"

    def invoke(self, payload: dict[str, str]):
        result = self.executor_endpoint.invoke(payload)
        if result.is_error and b'"Sandbox.Timedout"' in (result.payload or b""):
            self._restart()
        return result

    def get_logs(self) -> str:
        with self.lock:
            return "".join(self.logs)

    @classmethod
    def prepare_version(cls, function_version) -> None:
        if function_version.config.code:
            function_version.config.code.prepare_for_execution()

    @classmethod
    def cleanup_version(cls, function_version) -> None:
        pass
