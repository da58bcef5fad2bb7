"""Start-up: load (or create) the secret key ring, refusing to start without it when
encrypted secrets exist."""

from __future__ import annotations

from licman.models import License
from licman.security.secrets import KeyRing, KeyRingError, activate, load_keyring, ring_path
from licman.settings import Settings


async def prepare_keyring(settings: Settings) -> KeyRing:
    """Activate the configured ring. With none configured, create one in var/secrets/ (mode
    0600), unless secrets are already stored: then the ring is lost and start-up must stop."""
    ring = load_keyring(settings)
    if ring is None:
        stored = await License.filter(secret_ciphertext__not_isnull=True).count()
        if stored:
            raise KeyRingError(
                f"the secret key ring is missing ({ring_path(settings)} or LICMAN_SECRET_KEYS) "
                f"but {stored} license secret(s) are encrypted with it; restore it from backup"
            )
        ring = KeyRing.generate(ring_path(settings))
        ring.save()
    activate(ring)
    return ring
