"""License secrets at rest: a Fernet key ring (newest key encrypts, older keys decrypt),
ciphertexts bound to their row, and keyed fingerprints for finding duplicates.

The ring lives in `var/secrets/keyring.json` (mode 0600, created on first start) or comes
from the environment (`LICMAN_SECRET_KEYS`, newest first, comma-separated, with
`LICMAN_FINGERPRINT_KEY`).
"""

from __future__ import annotations

import base64
import fcntl
import hashlib
import hmac
import json
import os
import secrets as random
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from licman.settings import Settings

RING_FILE = "keyring.json"
LOCK_FILE = "keyring.lock"
ENV_SOURCE = "LICMAN_SECRET_KEYS"

# What identifies one version of the ring file: (device, inode, size, mtime). Not ctime:
# the rename that puts a saved ring in place changes it.
Stamp = tuple[int, int, int, int]


# json.dumps(..., separators=(",", ":")), built once: thousands of secrets per import batch.
_PAYLOAD = json.JSONEncoder(separators=(",", ":"))


class SecretError(Exception):
    """A secret cannot be decrypted (wrong row, tampered, or its key is not in the ring)."""


class KeyRingError(Exception):
    """The key ring is missing, unreadable or inconsistent; the message says what to do."""


def _stamp(st: os.stat_result) -> Stamp:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass
class KeyRing:
    keys: list[bytes]  # newest first
    fingerprint_key: bytes
    path: Path | None = None  # None when the ring comes from the environment
    # True between adding a key and finishing the re-encryption (see `licman keys rotate`).
    rotating: bool = False
    _fernet: MultiFernet = field(init=False, repr=False)
    _newest: Fernet = field(init=False, repr=False)
    # The version of the file this ring was read from or written to (see `keyring()`).
    _stamp: Stamp | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.keys:
            raise KeyRingError("the key ring holds no keys")
        try:
            fernets = [Fernet(k) for k in self.keys]
        except ValueError as exc:
            raise KeyRingError(f"a key in the ring is not a valid Fernet key: {exc}") from None
        self._fernet = MultiFernet(fernets)
        self._newest = fernets[0]

    @property
    def source(self) -> str:
        """Where the ring comes from, for messages: its file, or the environment variable."""
        return str(self.path) if self.path is not None else ENV_SOURCE

    # --- persistence -------------------------------------------------------------------

    @classmethod
    def generate(cls, path: Path | None) -> KeyRing:
        return cls([Fernet.generate_key()], base64.urlsafe_b64encode(random.token_bytes(32)), path)

    @classmethod
    def from_file(cls, path: Path) -> KeyRing:
        try:
            with path.open("rb") as handle:
                stamp = _stamp(os.fstat(handle.fileno()))
                data = json.loads(handle.read())
            ring = cls(
                [k.encode() for k in data["keys"]],
                data["fingerprint_key"].encode(),
                path,
                bool(data.get("rotating", False)),
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError, KeyRingError) as exc:
            raise KeyRingError(f"cannot read the key ring {path}: {exc}") from None
        ring._stamp = stamp
        return ring

    def save(self) -> None:
        if self.path is None:
            raise KeyRingError(
                "the key ring comes from LICMAN_SECRET_KEYS; change that variable instead"
            )
        directory = self.path.parent
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        if stat.S_IMODE(directory.stat().st_mode) & 0o077:
            directory.chmod(0o700)
        data = {
            "keys": [k.decode() for k in self.keys],
            "fingerprint_key": self.fingerprint_key.decode(),
            "rotating": self.rotating,
        }
        tmp = self.path.with_name(f"{self.path.name}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            os.fchmod(handle.fileno(), 0o600)  # a stale .tmp keeps its old mode through O_TRUNC
            json.dump(data, handle)
            handle.flush()
            os.fsync(handle.fileno())
            stamp = _stamp(os.fstat(handle.fileno()))
        os.replace(tmp, self.path)  # atomic: a crash leaves the old ring or the new one
        # Make the rename itself durable before anything is encrypted with a new key.
        _fsync_dir(directory)
        self._stamp = stamp

    def with_new_key(self) -> KeyRing:
        ring = KeyRing([Fernet.generate_key(), *self.keys], self.fingerprint_key, self.path)
        ring.rotating = True
        return ring

    # --- encryption ----------------------------------------------------------------------

    def encrypt(self, license_id: int, value: str) -> str:
        payload = _PAYLOAD.encode({"l": license_id, "f": "secret", "v": value})
        return self._fernet.encrypt(payload.encode()).decode()

    @staticmethod
    def _value(license_id: int, raw: bytes) -> str:
        try:
            payload: Any = json.loads(raw)
        except ValueError:
            raise SecretError("the secret cannot be decrypted with the current key ring") from None
        if (
            not isinstance(payload, dict)
            or payload.get("l") != license_id
            or payload.get("f") != "secret"
        ):
            raise SecretError("the secret belongs to another record")
        value = payload.get("v")
        if not isinstance(value, str):
            raise SecretError("the secret cannot be decrypted with the current key ring")
        return value

    def decrypt(self, license_id: int, token: str) -> str:
        try:
            raw = self._fernet.decrypt(token.encode())
        except InvalidToken:
            raise SecretError("the secret cannot be decrypted with the current key ring") from None
        return self._value(license_id, raw)

    def is_current(self, token: str) -> bool:
        """True if the newest key encrypted this token."""
        try:
            self._newest.decrypt(token.encode())
        except InvalidToken:
            return False
        return True

    def under_newest_key(self, license_id: int, token: str) -> bool:
        """Whether this row's token is under the newest key (True) or an older one (False).
        Raises SecretError if it does not decrypt for this row at all."""
        try:
            raw = self._newest.decrypt(token.encode())
        except InvalidToken:
            self.decrypt(license_id, token)
            return False
        self._value(license_id, raw)
        return True

    def reencrypt(self, license_id: int, token: str) -> str:
        self.decrypt(license_id, token)  # refuse to carry over a token bound to another row
        return self._fernet.rotate(token.encode()).decode()

    def encrypt_blob(self, binding: str, data: bytes) -> bytes:
        """Encrypt bytes (a chunk of an uploaded file) bound to `binding`, e.g. "file:7:0",
        so a token copied to another file or position fails to decrypt."""
        return self._fernet.encrypt(binding.encode() + b"\n" + data)

    def decrypt_blob(self, binding: str, token: bytes) -> bytes:
        try:
            raw = self._fernet.decrypt(token)
        except InvalidToken:
            raise SecretError("the data cannot be decrypted with the current key ring") from None
        head, sep, data = raw.partition(b"\n")
        if not sep or head != binding.encode():
            raise SecretError("the data belongs to another record")
        return data

    def fingerprint(self, value: str) -> str:
        """HMAC-SHA256 of the trimmed secret: equal secrets match, nothing is revealed."""
        return hmac.new(self.fingerprint_key, value.strip().encode(), hashlib.sha256).hexdigest()


def ring_path(settings: Settings) -> Path:
    return settings.runtime_dir / "secrets" / RING_FILE


def load_keyring(settings: Settings) -> KeyRing | None:
    """The configured ring, or None if there is none yet."""
    if settings.secret_keys:
        if not settings.fingerprint_key:
            raise KeyRingError("LICMAN_SECRET_KEYS is set but LICMAN_FINGERPRINT_KEY is not")
        keys = [k.strip().encode() for k in settings.secret_keys.split(",") if k.strip()]
        return KeyRing(keys, settings.fingerprint_key.encode())
    path = ring_path(settings)
    return KeyRing.from_file(path) if path.exists() else None


@contextmanager
def ring_lock(settings: Settings, *, wait: bool = False) -> Iterator[None]:
    """Hold the ring's lock file, so that two processes never change the ring at once (two
    rotations would each add a key and the second save would drop the first one's key).
    Without `wait`, a held lock is an error rather than a wait."""
    with ring_lock_at(ring_path(settings), wait=wait):
        yield


@contextmanager
def ring_lock_at(ring_file: Path, *, wait: bool = False) -> Iterator[None]:
    """`ring_lock` for the ring saved at `ring_file` (a job knows its ring, not settings)."""
    path = ring_file.with_name(LOCK_FILE)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise KeyRingError(
                f"another licman process is changing the key ring ({path} is locked); "
                "wait for it to finish, then try again"
            ) from None
        yield
    finally:
        os.close(fd)  # closing releases the lock


_active: KeyRing | None = None


def activate(ring: KeyRing | None) -> None:
    global _active
    _active = ring


def keyring() -> KeyRing:
    """The active ring. A ring read from a file follows that file: when `licman keys rotate`
    saves a new key, running servers use it from their next call on, without a restart, so
    they can read what the rotation re-encrypts and encrypt new secrets under the new key."""
    global _active
    ring = _active
    if ring is None:
        raise KeyRingError("no secret key ring is active (start-up did not load one)")
    if ring.path is None:
        return ring
    try:
        changed = _stamp(os.stat(ring.path)) != ring._stamp
    except OSError:
        return ring  # the file went away: keep the ring we have (start-up will refuse)
    if changed:
        try:
            _active = ring = KeyRing.from_file(ring.path)
        except KeyRingError:
            return ring  # a broken edit: keep the ring we have; the next start-up says why
    return ring
