"""License secrets at rest: a Fernet key ring (newest key encrypts, older keys decrypt),
ciphertexts bound to their row, and keyed fingerprints for finding duplicates.

The ring lives in `var/secrets/keyring.json` (mode 0600, created on first start) or comes
from the environment (`LICMAN_SECRET_KEYS`, newest first, comma-separated, with
`LICMAN_FINGERPRINT_KEY`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets as random
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from licman.settings import Settings

RING_FILE = "keyring.json"


class SecretError(Exception):
    """A secret cannot be decrypted (wrong row, tampered, or its key is not in the ring)."""


class KeyRingError(Exception):
    """The key ring is missing, unreadable or inconsistent; the message says what to do."""


@dataclass
class KeyRing:
    keys: list[bytes]  # newest first
    fingerprint_key: bytes
    path: Path | None = None  # None when the ring comes from the environment
    # True between adding a key and finishing the re-encryption (see `licman keys rotate`).
    rotating: bool = False
    _fernet: MultiFernet = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if not self.keys:
            raise KeyRingError("the key ring holds no keys")
        try:
            self._fernet = MultiFernet([Fernet(k) for k in self.keys])
        except ValueError as exc:
            raise KeyRingError(f"a key in the ring is not a valid Fernet key: {exc}") from None

    # --- persistence -------------------------------------------------------------------

    @classmethod
    def generate(cls, path: Path | None) -> KeyRing:
        return cls([Fernet.generate_key()], base64.urlsafe_b64encode(random.token_bytes(32)), path)

    @classmethod
    def from_file(cls, path: Path) -> KeyRing:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(
                [k.encode() for k in data["keys"]],
                data["fingerprint_key"].encode(),
                path,
                bool(data.get("rotating", False)),
            )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise KeyRingError(f"cannot read the key ring {path}: {exc}") from None

    def save(self) -> None:
        if self.path is None:
            raise KeyRingError(
                "the key ring comes from LICMAN_SECRET_KEYS; change that variable instead"
            )
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        data = {
            "keys": [k.decode() for k in self.keys],
            "fingerprint_key": self.fingerprint_key.decode(),
            "rotating": self.rotating,
        }
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.path)  # atomic: a crash leaves the old ring or the new one

    def with_new_key(self) -> KeyRing:
        ring = KeyRing([Fernet.generate_key(), *self.keys], self.fingerprint_key, self.path)
        ring.rotating = True
        return ring

    # --- encryption ----------------------------------------------------------------------

    def encrypt(self, license_id: int, value: str) -> str:
        payload = json.dumps({"l": license_id, "f": "secret", "v": value}, separators=(",", ":"))
        return self._fernet.encrypt(payload.encode()).decode()

    def decrypt(self, license_id: int, token: str) -> str:
        try:
            payload = json.loads(self._fernet.decrypt(token.encode()))
        except (InvalidToken, ValueError):
            raise SecretError("the secret cannot be decrypted with the current key ring") from None
        if payload.get("l") != license_id or payload.get("f") != "secret":
            raise SecretError("the secret belongs to another record")
        return str(payload["v"])

    def is_current(self, token: str) -> bool:
        """True if the newest key encrypted this token."""
        try:
            Fernet(self.keys[0]).decrypt(token.encode())
        except InvalidToken:
            return False
        return True

    def reencrypt(self, license_id: int, token: str) -> str:
        self.decrypt(license_id, token)  # refuse to carry over a token bound to another row
        return self._fernet.rotate(token.encode()).decode()

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


_active: KeyRing | None = None


def activate(ring: KeyRing | None) -> None:
    global _active
    _active = ring


def keyring() -> KeyRing:
    if _active is None:
        raise KeyRingError("no secret key ring is active (start-up did not load one)")
    return _active
