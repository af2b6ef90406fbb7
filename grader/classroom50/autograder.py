#!/usr/bin/env python3
"""Classroom 50 autograder of the gradient descent kit (built by `npm run classroom50`).

Classroom 50's runner runs this once per submission, with the student's checkout as the working
folder, inside the image the assignment's runtime block names (runtime.json, beside this file).
It installs nothing: Node.js 24 and the grader's locked dependencies come with that image, the
grader itself with this bundle (kit/). It runs the kit's sandboxed grader on the checkout, which
writes result.json (classroom50/result/v1) and release-body.md there.

Exit 0 when the result is written, whatever the score. Any other exit is an infrastructure error
(the image is missing or stale, the grader failed): Classroom 50 then reports an error, never a
score the student did not earn.

To try it elsewhere: GRADIENT_DESCENT_KIT_DEPS names a folder holding the kit's node_modules and
the package-lock.json they were installed from (default /opt/gradient-descent-kit, as in the
image), and GRADIENT_DESCENT_KIT_SEED replays a grading's seed. Python's standard library only.
"""

import os
import pathlib
import shutil
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
KIT = HERE / "kit"
DEPS = pathlib.Path(os.environ.get("GRADIENT_DESCENT_KIT_DEPS") or "/opt/gradient-descent-kit")
# The kit's package.json engines.
OLDEST_NODE = (20, 19)
# Classroom 50's grade job stops at 15 minutes; a whole grading takes well under one.
TIMEOUT_SECONDS = 600


def fail(message: str) -> None:
    """An infrastructure error: said as a workflow error annotation, then a non-zero exit."""
    print(f"::error::autograder.py: {message}", file=sys.stderr, flush=True)
    sys.exit(1)


def node_executable() -> str:
    node = shutil.which("node")
    if node is None:
        fail("node is not on PATH: grade in the image runtime.json names (see README.md beside this file)")
    probe = subprocess.run([node, "-p", "process.versions.node"], capture_output=True, text=True, check=False)
    try:
        version = tuple(int(part) for part in probe.stdout.strip().split(".")[:2])
    except ValueError:
        version = ()
    if len(version) != 2 or version < OLDEST_NODE:
        fail(f"Node.js {probe.stdout.strip() or '(unknown)'} is too old: the grader needs 20.19 or later (the image has 24)")
    return node


def link_dependencies() -> None:
    """Puts the image's node_modules where the kit looks for them, after checking they are the kit's own."""
    modules = DEPS / "node_modules"
    installed_from = DEPS / "package-lock.json"
    if not modules.is_dir() or not installed_from.is_file():
        fail(
            f"no grader dependencies in {DEPS} (node_modules and package-lock.json): grade in the image "
            "runtime.json names, or set GRADIENT_DESCENT_KIT_DEPS"
        )
    if installed_from.read_bytes() != (KIT / "package-lock.json").read_bytes():
        fail(
            f"the dependencies in {DEPS} were installed from another package-lock.json than this bundle's: "
            "build and push the image this bundle's README.md names, and give the assignment its runtime.json"
        )
    link = KIT / "node_modules"
    if os.path.lexists(link):
        if link.is_symlink() and link.resolve() == modules.resolve():
            return
        fail(f"{link} is in the way of the image's dependencies: rebuild the bundle with npm run classroom50")
    link.symlink_to(modules, target_is_directory=True)


def main() -> int:
    checkout = pathlib.Path.cwd()
    node = node_executable()
    link_dependencies()
    command = [
        node,
        str(KIT / "node_modules" / "ts-node" / "dist" / "bin.js"),
        str(KIT / "grader" / "cli" / "classroom50.ts"),
        "run",
        "--checkout",
        str(checkout),
    ]
    seed = os.environ.get("GRADIENT_DESCENT_KIT_SEED", "").strip()
    if seed:
        command += ["--seed", seed]
    try:
        graded = subprocess.run(command, cwd=KIT, timeout=TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        fail(f"the grader did not finish in {TIMEOUT_SECONDS} s; no result was written")
    if graded.returncode != 0:
        fail(f"the grader stopped with exit code {graded.returncode} (its message is above); no result was written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
