"""The site's Ed25519 signing key, and the signed documents made with it: audit reports,
audit checkpoints (retention) and license files.

The key lives in `var/secrets/signing-key.pem` beside the key ring (PKCS#8 PEM, mode 0600),
created by `licman init` (or the first start of the server or a worker) when there is none
and never overwritten; or it comes from `LICMAN_SIGNING_KEY` (the 32-byte private key in
base64). `licman keys public-key` prints the public half, which is all a verifier needs.

A signed document is JSON:

    {"format": "licman-signed-v1", "key_id": "<16 hex>", "signed": {"kind": "...", ...},
     "signature": "<base64 Ed25519 signature>", ...other top-level keys (e.g. "content")}

The signature covers the canonical JSON of `signed` only (keys sorted, no spaces, UTF-8):
`json.dumps(signed, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()`.
`signed.kind` says what it is, so a signature made for one kind is never accepted as another.
Content too large to sign directly (a report) is covered by its SHA-256 in `signed`.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from licman.settings import Settings

SIGNING_FILE = "signing-key.pem"
FORMAT = "licman-signed-v1"


class SigningError(Exception):
    """The signing key is missing or unreadable; the message says what to do."""


class BadSignature(Exception):
    """A signed document is malformed, altered, or signed by another key."""


def canonical(value: Any) -> bytes:
    """The bytes a signature covers: sorted keys, no spaces, UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def key_id(public: Ed25519PublicKey) -> str:
    """A short name for a public key: the first 16 hex digits of SHA-256 of its raw bytes."""
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def public_pem(public: Ed25519PublicKey) -> str:
    return public.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


def load_public_key(data: bytes | str) -> Ed25519PublicKey:
    """A public key from PEM (as `licman keys public-key` prints it) or raw base64."""
    raw = data.encode() if isinstance(data, str) else data
    try:
        if b"-----BEGIN" in raw:
            key = serialization.load_pem_public_key(raw)
        else:
            key = Ed25519PublicKey.from_public_bytes(base64.b64decode(raw.strip(), validate=True))
    except (ValueError, binascii.Error) as exc:
        raise BadSignature(f"the public key cannot be read: {exc}") from None
    if not isinstance(key, Ed25519PublicKey):
        raise BadSignature("the public key is not an Ed25519 key")
    return key


@dataclass
class SigningKey:
    private: Ed25519PrivateKey
    path: Path | None = None  # None when it comes from LICMAN_SIGNING_KEY (or a test)

    @classmethod
    def generate(cls, path: Path | None = None) -> SigningKey:
        return cls(Ed25519PrivateKey.generate(), path)

    @property
    def public(self) -> Ed25519PublicKey:
        return self.private.public_key()

    @property
    def key_id(self) -> str:
        return key_id(self.public)

    def public_pem(self) -> str:
        return public_pem(self.public)

    def sign(self, signed: dict[str, Any], **extra: Any) -> dict[str, Any]:
        """A signed document: `signed` (which must name its `kind`) and its signature, plus
        unsigned top-level keys (`extra`, e.g. content covered by a hash inside `signed`)."""
        if not isinstance(signed.get("kind"), str):
            raise ValueError("a signed document must say what kind it is")
        signature = self.private.sign(canonical(signed))
        return {
            "format": FORMAT,
            "key_id": self.key_id,
            "signed": signed,
            "signature": base64.b64encode(signature).decode(),
            **extra,
        }

    def save_new(self) -> bool:
        """Write the key to its file unless one is there: a signing key is never overwritten,
        or everything signed with it would stop verifying. Written whole to a temporary file
        and linked into place (a link never replaces a file), so a process that starts at the
        same moment reads either no key or the whole one. False if one was there."""
        assert self.path is not None
        directory = self.path.parent
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        pem = self.private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        tmp = directory / f".{SIGNING_FILE}.{os.getpid()}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(pem)
                handle.flush()
                os.fsync(handle.fileno())
            try:
                os.link(tmp, self.path)
            except FileExistsError:
                return False
        finally:
            tmp.unlink(missing_ok=True)
        return True


def verify_document(
    document: Any, public: Ed25519PublicKey, kind: str | None = None
) -> dict[str, Any]:
    """The `signed` part of a document whose signature `public` made; else BadSignature
    saying why. With `kind`, a document of another kind is refused too."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BadSignature(f'not a Licman signed document (no "format": "{FORMAT}")')
    signed = document.get("signed")
    signature = document.get("signature")
    if not isinstance(signed, dict) or not isinstance(signature, str):
        raise BadSignature('the document has no "signed" object or no "signature"')
    if kind is not None and signed.get("kind") != kind:
        raise BadSignature(f"the document is a {signed.get('kind')!r}, not a {kind!r}")
    if document.get("key_id") != key_id(public):
        raise BadSignature(
            f"the document was signed by key {document.get('key_id')!r}, not by this public "
            f"key ({key_id(public)})"
        )
    try:
        public.verify(base64.b64decode(signature, validate=True), canonical(signed))
    except (InvalidSignature, ValueError, binascii.Error):
        raise BadSignature("the signature does not match: the document was altered") from None
    return signed


def signing_path(settings: Settings) -> Path:
    return settings.runtime_dir / "secrets" / SIGNING_FILE


def _from_env(value: str) -> SigningKey:
    try:
        raw = base64.b64decode(value.strip(), validate=True)
        return SigningKey(Ed25519PrivateKey.from_private_bytes(raw))
    except (ValueError, binascii.Error):
        raise SigningError(
            "LICMAN_SIGNING_KEY is not a base64-encoded 32-byte Ed25519 private key"
        ) from None


def _from_file(path: Path) -> SigningKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise SigningError(f"cannot read the signing key {path}: {exc}") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningError(f"the signing key {path} is not an Ed25519 key")
    return SigningKey(key, path)


def load_signing_key(settings: Settings) -> SigningKey | None:
    """The configured key, or None if there is none yet."""
    if settings.signing_key:
        return _from_env(settings.signing_key)
    path = signing_path(settings)
    return _from_file(path) if path.exists() else None


def prepare_signing_key(settings: Settings) -> SigningKey:
    """Load the site's signing key, creating it (once, under the ring's lock) if there is
    none; activate it for this process."""
    key = load_signing_key(settings)
    if key is None:
        key = SigningKey.generate(signing_path(settings))
        if not key.save_new():  # another process made it first: use theirs
            key = _from_file(signing_path(settings))
    activate(key)
    return key


_active: SigningKey | None = None


def activate(key: SigningKey | None) -> None:
    global _active
    _active = key


def signing_key() -> SigningKey:
    """The active signing key."""
    if _active is None:
        raise SigningError("no signing key is active (start-up did not load one)")
    return _active
