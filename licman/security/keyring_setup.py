"""Start-up: load (or create) the secret key ring, refusing to start without it, or with a
ring that does not open the stored secrets."""

from __future__ import annotations

from licman.models import License
from licman.security.secrets import (
    KeyRing,
    KeyRingError,
    SecretError,
    activate,
    load_keyring,
    ring_lock,
    ring_path,
)
from licman.security.signing import prepare_signing_key
from licman.settings import Settings

# How many of the newest stored secrets start-up tries to decrypt.
SAMPLE = 5


async def _stored_secrets() -> int:
    return await License.filter(secret_ciphertext__not_isnull=True).count()


async def _check_opens_stored_secrets(ring: KeyRing) -> None:
    """Refuse a ring that decrypts none of the newest stored secrets: it is not the one they
    were encrypted with, and encrypting new secrets with it would mix two rings."""
    rows: list[tuple[int, str]] = await (
        License.filter(secret_ciphertext__not_isnull=True)
        .order_by("-id")
        .limit(SAMPLE)
        .values_list("id", "secret_ciphertext")
    )
    failed: list[int] = []
    for license_id, token in rows:
        try:
            ring.decrypt(license_id, token)
        except SecretError:
            failed.append(license_id)
        else:
            return
    if failed:
        ids = ", ".join(str(i) for i in sorted(failed))
        raise KeyRingError(
            f"the secret key ring ({ring.source}) decrypts none of the {len(failed)} newest "
            f"stored license secrets (license ids {ids}); it is not the ring they were "
            "encrypted with: restore the right one from backup"
        )


async def prepare_keyring(settings: Settings) -> KeyRing:
    """Activate the configured ring. With none configured, create one in var/secrets/ (mode
    0600), unless secrets are already stored: then the ring is lost and start-up must stop."""
    ring = load_keyring(settings)
    if ring is None:
        stored = await _stored_secrets()
        if stored:
            raise KeyRingError(
                f"the secret key ring is missing ({ring_path(settings)} or LICMAN_SECRET_KEYS) "
                f"but {stored} license secret(s) are encrypted with it; restore it from backup"
            )
        # Several workers may start at once on a new installation: one creates the ring,
        # the others wait and read it (two rings would leave secrets nobody can decrypt).
        # Nothing is awaited under the lock, so tasks of one process cannot deadlock on it.
        with ring_lock(settings, wait=True):
            ring = load_keyring(settings)
            if ring is None:
                ring = KeyRing.generate(ring_path(settings))
                ring.save()
    else:
        await _check_opens_stored_secrets(ring)
    activate(ring)
    # The site's signing key lives beside the ring and is made at the same moments.
    prepare_signing_key(settings)
    return ring
