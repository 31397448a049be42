#!/usr/bin/env python3
"""Quick start with nothing but Python 3.11+:

    python3 dev.py run     set everything up, then run the bot (``kinerja run``)
    python3 dev.py test    set everything up, then run every check and the whole test suite

Setting up means: a virtual environment in ``.venv`` with kinerja-bot and its development tools
installed (again only when pyproject.toml or constraints.txt changed), and for ``run`` a
``.env`` made from ``.env.example`` with a freshly generated KINERJA_SECRET_KEY. Extra arguments
after ``test`` go to pytest (e.g. ``python3 dev.py test -k ikm``); after ``run`` they go to
``kinerja``. The tests run in parallel (pytest-xdist, one worker per core, at most four); pass
``-n 0`` to run them in one process, or ``-n N`` for N workers.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".kinerja-installed"

# pytest-xdist: a worker per core, at most four (each worker opens its own database connections
# and starts its own bot processes). Every test makes its own files, ports and databases.
PARALLEL = ("-n", "auto", "--maxprocesses", "4")
CHECKS = (
    ("ruff", "check", "."),
    ("ruff", "format", "--check", "."),
    ("mypy", "domain", "storage", "bot"),
    ("lint-imports",),
)


def say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def ensure_environment() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - explain to an older interpreter
        sys.exit("kinerja-bot needs Python 3.11 or newer; this is " + sys.version.split()[0])
    if not _has_pip():
        if VENV.exists():
            say("the virtual environment in .venv is incomplete; making it again")
            shutil.rmtree(VENV)
        say("creating the virtual environment in .venv")
        try:
            venv.EnvBuilder(with_pip=True).create(VENV)
        except (OSError, subprocess.CalledProcessError):
            shutil.rmtree(VENV, ignore_errors=True)
            sys.exit(
                "Could not create a virtual environment with pip. On Debian or Ubuntu install "
                "it first:  sudo apt install python3-venv   then run this command again."
            )
    files = (ROOT / "pyproject.toml", ROOT / "constraints.txt")
    wanted = hashlib.sha256(b"".join(path.read_bytes() for path in files)).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    say("installing kinerja-bot and its tools (first time, or the requirements changed)")
    pip = [str(BIN / "python"), "-m", "pip", "--disable-pip-version-check"]
    # constraints.txt pins every version that was tested, so a new release of a library or a
    # linter cannot change the result of these checks without a change in this repository.
    constraints = ["-c", str(ROOT / "constraints.txt")]
    subprocess.run([*pip, "install", "--quiet", *constraints, "-e", f"{ROOT}[dev]"], check=True)
    STAMP.write_text(wanted)


def _has_pip() -> bool:
    python = BIN / "python"
    if not python.exists():
        return False
    probe = [str(python), "-m", "pip", "--version"]
    return subprocess.run(probe, capture_output=True, check=False).returncode == 0


def ensure_env_file() -> None:
    env = ROOT / ".env"
    if env.exists():
        return
    template = (ROOT / ".env.example").read_text(encoding="utf-8")
    secret = secrets.token_urlsafe(32)
    lines = [
        f"KINERJA_SECRET_KEY={secret}" if line.startswith("KINERJA_SECRET_KEY=") else line
        for line in template.splitlines()
    ]
    env.write_text("\n".join(lines) + "\n", encoding="utf-8")
    env.chmod(0o600)
    say("created .env with a new KINERJA_SECRET_KEY; put your bot token in it")


def run(args: list[str]) -> int:
    ensure_environment()
    ensure_env_file()
    os.chdir(ROOT)
    command = [str(BIN / "kinerja"), *(args or ["run"])]
    return subprocess.run(command, check=False).returncode


def test(args: list[str]) -> int:
    ensure_environment()
    for check in CHECKS:
        say("$ " + " ".join(check))
        if subprocess.run([str(BIN / check[0]), *check[1:]], cwd=ROOT, check=False).returncode:
            say(f"{check[0]} failed")
            return 1
    parallel = () if _chooses_workers(args) else PARALLEL
    pytest = [str(BIN / "python"), "-m", "pytest", *parallel, *args]
    say("$ " + " ".join(["pytest", *parallel, *args]))
    return subprocess.run(pytest, cwd=ROOT, check=False).returncode


def _chooses_workers(args: list[str]) -> bool:
    """Whether the caller set the number of pytest workers (``-n 0``, ``--numprocesses=2``) or
    turned pytest-xdist off (``-p no:xdist``)."""
    for index, arg in enumerate(args):
        if arg.startswith(("-n", "--numprocesses", "--maxprocesses", "--dist")):
            return True
        if arg == "-p" and index + 1 < len(args) and args[index + 1] == "no:xdist":
            return True
    return False


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in ("run", "test"):
        print(__doc__)
        return 2
    command, rest = sys.argv[1], sys.argv[2:]
    return run(rest) if command == "run" else test(rest)


if __name__ == "__main__":
    sys.exit(main())
