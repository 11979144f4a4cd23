"""Sign and check with OpenSSH's `ssh-keygen -Y`, the mechanism git uses for signed commits.

No cryptography is done here: every signature is made and checked by ssh-keygen.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from builder.model.problems import TrainerError

NAMESPACE = "dfc-course-approval"


def ssh_keygen() -> str:
    found = shutil.which("ssh-keygen")
    if found is None:
        raise TrainerError(
            "ssh-keygen was not found: install OpenSSH's client "
            "(on Debian or Ubuntu: apt-get install openssh-client)"
        )
    return found


def sign(key: Path, message: bytes) -> str:
    """An armoured SSH signature over `message` with the private key at `key`.

    ssh-keygen asks for the key's passphrase itself, on the terminal, when it has one.
    """
    if not key.is_file():
        raise TrainerError(f"{key}: no such key file")
    with tempfile.TemporaryDirectory(prefix="dfc-sign-") as tmp:
        data = Path(tmp) / "record"
        data.write_bytes(message)
        result = subprocess.run(
            [ssh_keygen(), "-q", "-Y", "sign", "-f", str(key), "-n", NAMESPACE, str(data)],
            capture_output=True,
            check=False,
        )
        signature = data.with_name("record.sig")
        if result.returncode != 0 or not signature.is_file():
            reason = result.stderr.decode("utf-8", "replace").strip().splitlines()
            raise TrainerError(f"{key}: ssh-keygen could not sign with this key ({_last(reason)})")
        return signature.read_text(encoding="ascii")


def verify(allowed_signers: Path, name: str, message: bytes, signature: str) -> bool:
    """True when `signature` is `name`'s, over `message`, in our namespace."""
    with tempfile.TemporaryDirectory(prefix="dfc-verify-") as tmp:
        sig = Path(tmp) / "record.sig"
        sig.write_text(signature, encoding="ascii")
        result = subprocess.run(
            [ssh_keygen(), "-Y", "verify", "-f", str(allowed_signers), "-I", name]
            + ["-n", NAMESPACE, "-s", str(sig)],
            input=message,
            capture_output=True,
            check=False,
        )
        return result.returncode == 0


def find_principals(allowed_signers: Path, signature: str) -> list[str]:
    """Who in allowed_signers holds the key that made `signature` (not a check of it)."""
    with tempfile.TemporaryDirectory(prefix="dfc-find-") as tmp:
        sig = Path(tmp) / "record.sig"
        sig.write_text(signature, encoding="ascii")
        result = subprocess.run(
            [ssh_keygen(), "-Y", "find-principals", "-f", str(allowed_signers)]
            + ["-n", NAMESPACE, "-s", str(sig)],
            capture_output=True,
            check=False,
        )
    if result.returncode != 0:
        return []
    return result.stdout.decode("utf-8", "replace").split()


def fingerprint(public_key: str) -> str:
    """The key's SHA256 fingerprint, as `ssh-keygen -l` prints it."""
    with tempfile.TemporaryDirectory(prefix="dfc-key-") as tmp:
        path = Path(tmp) / "key.pub"
        path.write_text(public_key + "\n", encoding="ascii")
        result = subprocess.run(
            [ssh_keygen(), "-l", "-E", "sha256", "-f", str(path)], capture_output=True, check=False
        )
    words = result.stdout.decode("ascii", "replace").split()
    return words[1] if result.returncode == 0 and len(words) > 1 else "unknown"


def _last(lines: list[str]) -> str:
    return lines[-1] if lines else "no reason given"
