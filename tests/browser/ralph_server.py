"""Ralph, a real Learning Record Store, run from its own virtual environment (.venv-ralph).

`make test` installs it (see the Makefile). It listens on a socket this process opens on
127.0.0.1 with an ephemeral port, keeps statements in a temporary folder with its
filesystem backend and takes basic auth. `stop()` ends it; nothing is left running.
"""

from __future__ import annotations

import base64
import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
VENV = HERE.parents[1] / ".venv-ralph"
PYTHON = VENV / "bin" / "python"
USER, PASSWORD = "test-lms", "lrs-password-for-tests"

HASH_AUTH = """
import bcrypt, json, sys
hashed = bcrypt.hashpw(sys.argv[2].encode(), bcrypt.gensalt()).decode()
users = [{"username": sys.argv[1], "hash": hashed, "scopes": ["all"],
          "agent": {"mbox": "mailto:test-lms@example.org"}}]
print(json.dumps(users))
"""

VALIDATE = """
import json, sys
from ralph.models.xapi.base.statements import BaseXapiStatement
bad = []
for s in json.load(sys.stdin):
    try:
        BaseXapiStatement.model_validate(s)
    except Exception as e:
        bad.append([s.get("id"), str(e)])
print(json.dumps(bad))
"""


def _end_with_parent() -> None:
    """Linux: Ralph gets SIGTERM if the test process dies without stopping it."""
    import ctypes
    import signal

    pr_set_pdeathsig = 1
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


class Ralph:
    def __init__(self, folder: Path):
        if not PYTHON.exists():
            raise RuntimeError(f"Ralph is not installed in {VENV}: run `make test`")
        self.folder = folder
        auth_file = folder / "auth.json"
        users = subprocess.run(
            [str(PYTHON), "-c", HASH_AUTH, USER, PASSWORD],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        auth_file.write_text(users)
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        env = {
            **os.environ,
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(folder),
            "RALPH_AUTH_FILE": str(auth_file),
            "RALPH_RUNSERVER_AUTH_BACKENDS": "basic",
            "RALPH_APP_DIR": str(folder / "app"),
        }
        self.log = open(folder / "ralph.log", "wb")  # noqa: SIM115
        self.process = subprocess.Popen(
            [str(PYTHON), str(HERE / "ralph_lrs.py"), str(self.sock.fileno())],
            pass_fds=[self.sock.fileno()],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            preexec_fn=_end_with_parent,
        )
        self.auth = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        self._wait_until_up()

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Ralph stopped: {(self.folder / 'ralph.log').read_text()}")
            try:
                with urllib.request.urlopen(f"{self.url}/__heartbeat__", timeout=2):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("Ralph did not start within a minute")

    def post(self, statements: list[dict[str, Any]]) -> tuple[int, bytes]:
        """POST statements as the LMS forwards them: (status, body)."""
        request = urllib.request.Request(
            f"{self.url}/xAPI/statements",
            data=json.dumps(statements).encode(),
            headers={
                "Authorization": self.auth,
                "Content-Type": "application/json",
                "X-Experience-API-Version": "1.0.3",
            },
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def statements(self, registration: str) -> list[dict[str, Any]]:
        """Every statement Ralph stored for `registration` (its verb filters do not work)."""
        query = urllib.parse.urlencode({"registration": registration, "limit": 1000})
        request = urllib.request.Request(
            f"{self.url}/xAPI/statements?{query}",
            headers={"Authorization": self.auth, "X-Experience-API-Version": "1.0.3"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())["statements"]

    def invalid(self, statements: list[dict[str, Any]]) -> list[list[str]]:
        """[id, error] for each statement Ralph's strict model refuses."""
        out = subprocess.run(
            [str(PYTHON), "-c", VALIDATE],
            input=json.dumps(statements),
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return json.loads(out)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.sock.close()
        self.log.close()
