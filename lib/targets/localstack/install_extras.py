"""Finishes the kit's LocalStack venv after `pip install -r requirements.txt` (idempotent).

Run by the venv's own python (lib/targets/localstack-host.ts):

    <venv>/bin/python install_extras.py

localstack-core 4.13.1 is written for Python 3.13 (upstream's image); the kit runs it on the
machine's Python 3.11+ as a host process, without Docker or Java. Three things make that work:

1. One source line changed (below): before Python 3.13 `threading.Lock` is a function, so the
   annotation `Lock | None` raises when `localstack.packages.api` is imported (every package
   installer, Lambda CreateFunction, Step Functions, Kinesis...).
2. A startup shim (localstack_py311_compat.py, loaded by a .pth file) backports two Python 3.12
   behaviours LocalStack relies on: bytes names in uuid3/uuid5 (KMS CreateKey) and
   `value in SomeEnum` for plain values (SNS).
3. The plugin package localstack_lab_host (DynamoDB and Streams served by moto in-process instead of
   DynamoDB Local, a Java program under the vendor's terms; a Lambda executor that needs no
   container). It is copied into site-packages with hand-written distribution metadata, so that
   LocalStack's plugin loader (entry points) finds it without building anything from the network.
"""

from __future__ import annotations

import compileall
import pathlib
import shutil
import sys
import sysconfig

HERE = pathlib.Path(__file__).resolve().parent
PLUGIN = "localstack_lab_host"
PLUGIN_VERSION = "0.1.0"

PATCHES = [
    # threading.Lock is a function before Python 3.13, so `Lock | None` fails when the def is evaluated.
    ("packages/api.py", "install_lock: Lock | None = None", 'install_lock: "Lock | None" = None'),
]

ENTRY_POINTS = f"""[localstack.aws.provider]
dynamodb:moto = {PLUGIN}:dynamodb_moto
dynamodbstreams:moto = {PLUGIN}:dynamodbstreams_moto

[localstack.lambda.runtime_executor]
noexec = {PLUGIN}:NoExecRuntimeExecutorPlugin
labhost = {PLUGIN}:HostRuntimeExecutorPlugin
"""


def patch_sources() -> None:
    import localstack

    root = pathlib.Path(list(localstack.__path__)[0])
    for rel, old, new in PATCHES:
        path = root / rel
        text = path.read_text()
        if new in text:
            continue
        if text.count(old) != 1:
            raise SystemExit(f"unexpected source in localstack/{rel}: not LocalStack 4.13.1?")
        path.write_text(text.replace(old, new))


def install_shim(site: pathlib.Path) -> None:
    if sys.version_info >= (3, 12):
        return  # nothing to backport
    shutil.copyfile(HERE / "localstack_py311_compat.py", site / "localstack_py311_compat.py")
    (site / "localstack_py311_compat.pth").write_text("import localstack_py311_compat\n")


def install_plugin(site: pathlib.Path) -> None:
    target = site / PLUGIN
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(HERE / PLUGIN, target, ignore=shutil.ignore_patterns("__pycache__"))
    dist = site / f"{PLUGIN}-{PLUGIN_VERSION}.dist-info"
    shutil.rmtree(dist, ignore_errors=True)
    dist.mkdir()
    (dist / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: localstack-lab-host\nVersion: {PLUGIN_VERSION}\n"
        "Summary: the lab kit's LocalStack host plugins (moto DynamoDB, host Lambda executor)\n"
    )
    (dist / "entry_points.txt").write_text(ENTRY_POINTS)
    (dist / "INSTALLER").write_text("labkit\n")
    files = [f"{PLUGIN}/{p.name}" for p in target.iterdir() if p.is_file()]
    files += [f"{dist.name}/{n}" for n in ("METADATA", "entry_points.txt", "INSTALLER", "RECORD")]
    (dist / "RECORD").write_text("".join(f"{f},,\n" for f in files))


def main() -> None:
    site = pathlib.Path(sysconfig.get_paths()["purelib"])
    patch_sources()
    install_shim(site)
    install_plugin(site)
    # Byte-compiled ahead: the first start would otherwise compile thousands of modules.
    for package in ("localstack", "moto", PLUGIN):
        compileall.compile_dir(str(site / package), quiet=2, workers=0)


if __name__ == "__main__":
    main()
