"""Applies the kit's pinned patches to the MiniStack installed in this venv (idempotent).

Run by the venv's own python after the hash-checked `pip install` (lib/targets/ministack-host.ts):

    <venv>/bin/python apply.py              patch <venv>'s site-packages, record what was done
    <venv>/bin/python apply.py --root DIR   patch the `ministack/` tree under DIR (tests)

Each `*.patch` file beside this script is one fix: a header (Subject, Experiments, one `Sha256:
<path> <sha256>` line per file it changes) and a unified diff. A file is patched only when its
SHA-256 is the one the header names, so a patch never meets other code than the pinned wheel's;
hunks must match exactly (no fuzz). All patches are checked before any file is
written. Several patches may change one file (each written against the wheel's file): they are
applied in name order, a hunk that an earlier one moved is found at the nearest exact match. The
stock files are kept under <venv>/labkit-stock/, so a changed patch set starts again from the
wheel's code. Only the standard library is used.
"""

from __future__ import annotations

import hashlib
import json
import pathlib
import py_compile
import re
import shutil
import sys
import sysconfig

HERE = pathlib.Path(__file__).resolve().parent
RECORD = "labkit-patches.json"
STOCK = "labkit-stock"
HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


class PatchError(Exception):
    pass


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parse(path: pathlib.Path) -> dict:
    """A patch file: its header fields and, per target file, the list of hunks."""
    lines = path.read_text(encoding="utf-8").split("\n")
    patch = {"name": path.stem, "subject": "", "experiments": [], "sha256": {}, "files": {}}
    i = 0
    while i < len(lines) and not lines[i].startswith("--- "):
        key, _, value = lines[i].partition(": ")
        if key == "Subject":
            patch["subject"] = value.strip()
        elif key == "Experiments":
            patch["experiments"] = value.split()
        elif key == "Sha256":
            target, digest = value.split()
            patch["sha256"][target] = digest
        i += 1
    while i < len(lines):
        if not lines[i].startswith("--- "):
            i += 1
            continue
        target = lines[i + 1][len("+++ b/"):].strip()
        if not lines[i + 1].startswith("+++ b/") or not target:
            raise PatchError(f"{path.name}: '+++ b/<path>' expected after line {i + 1}")
        hunks = patch["files"].setdefault(target, [])
        i += 2
        while i < len(lines) and lines[i].startswith("@@"):
            match = HUNK.match(lines[i])
            if not match:
                raise PatchError(f"{path.name}: bad hunk header on line {i + 1}")
            old_start = int(match.group(1))
            old_count, new_count = int(match.group(2) or 1), int(match.group(4) or 1)
            old, new = [], []
            i += 1
            # The counts in the header say where the hunk ends (a removed line may start with "--").
            while i < len(lines) and (len(old) < old_count or len(new) < new_count or lines[i][:1] == "\\"):
                tag, text = lines[i][:1], lines[i][1:]
                if tag not in (" ", "-", "+", "\\"):
                    raise PatchError(f"{path.name}: line {i + 1} is not part of a hunk")
                if tag in (" ", "-"):
                    old.append(text)
                if tag in (" ", "+"):
                    new.append(text)
                i += 1
            hunks.append((old_start, old, new))
    missing = set(patch["files"]) - set(patch["sha256"])
    if not patch["files"] or missing:
        raise PatchError(f"{path.name}: no diff, or no Sha256 line for {', '.join(sorted(missing))}")
    return patch


def apply_hunks(text: str, hunks: list, where: str) -> str:
    """Each hunk where its context and removed lines match exactly: at its line, or (when an earlier
    patch to the same file moved it) at the nearest place they match. Never fuzzy."""
    lines = text.split("\n")
    shift = 0
    for old_start, old, new in hunks:
        expected = old_start - 1 + shift
        places = [at for at in range(len(lines) - len(old) + 1) if lines[at:at + len(old)] == old]
        if not places:
            raise PatchError(f"{where}: hunk at line {old_start} does not match")
        at = min(places, key=lambda place: abs(place - expected))
        lines[at:at + len(old)] = new
        shift = at - (old_start - 1) + len(new) - len(old)
    return "\n".join(lines)


def load_patches() -> list[dict]:
    """The patches in name order. Patches that change the same file were each written against the
    wheel's file, so they must name the same hash for it; they are applied one after the other."""
    patches = [parse(p) for p in sorted(HERE.glob("*.patch"))]
    stock: dict[str, tuple[str, str]] = {}
    for patch in patches:
        for target, digest in patch["sha256"].items():
            first = stock.setdefault(target, (digest, patch["name"]))
            if first[0] != digest:
                raise PatchError(f"{patch['name']} and {first[1]} name different files as {target}")
    return patches


def restore_stock(root: pathlib.Path, state: pathlib.Path) -> None:
    """Puts back the wheel's files that an earlier run patched (unless pip has replaced them since)."""
    record_file = state / RECORD
    if not record_file.exists():
        return
    record = json.loads(record_file.read_text(encoding="utf-8"))
    for target, digests in record.get("files", {}).items():
        current, stock = root / target, state / STOCK / target
        if current.exists() and stock.exists() and sha256(current.read_bytes()) == digests["patched"]:
            if sha256(stock.read_bytes()) != digests["stock"]:
                raise PatchError(f"the kept stock copy of {target} was changed: reinstall MiniStack")
            shutil.copyfile(stock, current)
    record_file.unlink()


def main(argv: list[str]) -> int:
    if argv[:1] == ["--root"] and len(argv) == 2:
        root = state = pathlib.Path(argv[1]).resolve()
    elif not argv:
        root, state = pathlib.Path(sysconfig.get_paths()["purelib"]), pathlib.Path(sys.prefix)
    else:
        print("usage: apply.py [--root DIR]", file=sys.stderr)
        return 2
    try:
        patches = load_patches()
        restore_stock(root, state)
        # Check and apply everything in memory first: a failure leaves the files as they were.
        planned: dict[str, list] = {}  # target -> [path, stock bytes, patched text]
        for patch in patches:
            for target, hunks in patch["files"].items():
                if target not in planned:
                    path = root / target
                    if not path.exists():
                        raise PatchError(f"{patch['name']}: {target} is not installed")
                    data = path.read_bytes()
                    if sha256(data) != patch["sha256"][target]:
                        raise PatchError(
                            f"{patch['name']}: {target} is not the file this patch was written for "
                            f"(sha256 {sha256(data)[:12]}..., expected {patch['sha256'][target][:12]}...)"
                        )
                    planned[target] = [path, data, data.decode("utf-8")]
                planned[target][2] = apply_hunks(planned[target][2], hunks, f"{patch['name']}: {target}")
    except (PatchError, OSError, ValueError, IndexError) as error:
        print(f"MiniStack patches: {error}", file=sys.stderr)
        return 1
    files = {}
    for target, (path, stock, text) in planned.items():
        patched = text.encode("utf-8")
        keep = state / STOCK / target
        keep.parent.mkdir(parents=True, exist_ok=True)
        keep.write_bytes(stock)
        path.write_bytes(patched)
        py_compile.compile(str(path), doraise=True)
        files[target] = {"stock": sha256(stock), "patched": sha256(patched)}
    record = {
        "patches": [
            {"name": p["name"], "subject": p["subject"], "experiments": p["experiments"]} for p in patches
        ],
        "files": files,
    }
    (state / RECORD).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
