"""Running behind nginx with TLS, and with its helpers (Redis) down."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from licman.app import create_app
from licman.models import License, Product, Role, User, Vendor
from licman.resolvers.errors import DomainError
from licman.resolvers.license import license_reveal_secret
from licman.security.passwords import hash_password
from licman.security.principal import Principal, PrincipalKind
from licman.settings import ConfigError, Settings, load_settings
from tests.backends import TestDatabase

pytestmark = pytest.mark.usefixtures("db")
PASSWORD = "a long enough password"
FORWARDED = {
    "origin": "https://licman.example",
    "x-forwarded-proto": "https",
    "x-forwarded-host": "licman.example",
    "x-forwarded-for": "198.51.100.7",
}


async def login(settings: Settings, headers: dict[str, str]) -> httpx.Response:
    await User.create(email="ann@example.com", password_hash=await hash_password(PASSWORD))
    transport = httpx.ASGITransport(app=create_app(settings))  # the peer is 127.0.0.1
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
        return await client.post(
            "/auth/login", json={"email": "ann@example.com", "password": PASSWORD}, headers=headers
        )


async def test_behind_a_trusted_tls_proxy_the_https_origin_is_ours(tmp_path: Path) -> None:
    response = await login(Settings(home=tmp_path, trusted_proxies="127.0.0.1"), FORWARDED)
    assert response.status_code == 200, response.text
    assert "secure" in response.headers["set-cookie"].lower()


async def test_forwarded_headers_from_an_untrusted_peer_are_ignored(tmp_path: Path) -> None:
    response = await login(Settings(home=tmp_path), FORWARDED)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "CSRF_FAILED"


async def test_sign_in_with_redis_down_still_works(tmp_path: Path) -> None:
    # Sign-in failures are counted in the database while Redis is unreachable (security/
    # throttle.py), so people still sign in; tests/web/test_fault_redis_60s.py checks that
    # the throttle still holds meanwhile.
    settings = Settings(home=tmp_path, redis_url="redis://127.0.0.1:1/0")
    response = await login(settings, {})
    assert response.status_code == 200, response.text
    assert response.json()["user"]["email"] == "ann@example.com"


def test_a_typo_in_trusted_proxies_stops_start_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LICMAN_TRUSTED_PROXIES", "10.0.0.0/8,10.0.0.300")
    with pytest.raises(ConfigError, match=r"LICMAN_TRUSTED_PROXIES.*10\.0\.0\.300"):
        load_settings()


async def test_an_auditor_never_reads_a_secret_even_of_their_own_license(
    db: TestDatabase,
) -> None:
    from licman.security.secrets import keyring

    auditor = await User.create(email="audit@example.com", role=Role.AUDITOR)
    vendor = await Vendor.create(name="V")
    license_ = await License.create(product=await Product.create(vendor=vendor, name="P"),
                                    owner=auditor)  # fmt: skip
    license_.secret_ciphertext = keyring().encrypt(license_.id, "top secret")
    await license_.save(update_fields=["secret_ciphertext"])
    with pytest.raises(DomainError) as refused:
        await license_reveal_secret(Principal(PrincipalKind.SESSION, user=auditor), license_.id)
    assert refused.value.code == "FORBIDDEN"
