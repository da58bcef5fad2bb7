"""The few lines of Python docs/keys.md gives products to check a license file offline:
taken from the page as they are and run, against files signed by a site key."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from licman.security.signing import SigningKey

DOC = Path(__file__).resolve().parent.parent / "docs" / "keys.md"
BLOCK = re.compile(
    r"<!-- snippet: check_license -->\s*```python\n(.*?)```\s*<!-- /snippet -->", re.DOTALL
)


def documented_check() -> Callable[[str, bytes], dict[str, Any]]:
    """`check_license` exactly as the documentation shows it."""
    found = BLOCK.search(DOC.read_text(encoding="utf-8"))
    assert found is not None, "docs/keys.md lost its check_license snippet"
    namespace: dict[str, Any] = {}
    exec(compile(found.group(1), str(DOC), "exec"), namespace)  # noqa: S102 - our own doc
    check: Callable[[str, bytes], dict[str, Any]] = namespace["check_license"]
    return check


def license_text(key: SigningKey, **facts: Any) -> str:
    signed = {
        "kind": "license",
        "serial": "abc",
        "product": "Acme Studio",
        "licensee": "Exämple Ltd",
        "seats": 25,
        "expires_on": (date.today() + timedelta(days=30)).isoformat(),
        "issued_at": "2026-01-01T00:00:00+00:00",
    }
    signed.update(facts)
    return json.dumps(key.sign(signed), indent=2, ensure_ascii=False)


def test_the_documented_snippet_accepts_a_genuine_license_file() -> None:
    check = documented_check()
    key = SigningKey.generate()
    facts = check(license_text(key), key.public_pem().encode())
    assert (facts["product"], facts["licensee"], facts["seats"]) == (
        "Acme Studio",
        "Exämple Ltd",
        25,
    )
    never = check(license_text(key, expires_on=None, seats=None), key.public_pem().encode())
    assert never["expires_on"] is None


def test_the_documented_snippet_refuses_altered_forged_expired_and_other_kinds() -> None:
    check = documented_check()
    key = SigningKey.generate()
    pem = key.public_pem().encode()
    altered = json.loads(license_text(key))
    altered["signed"]["seats"] = 2500
    with pytest.raises(ValueError, match="altered"):
        check(json.dumps(altered), pem)
    with pytest.raises(ValueError, match="altered"):
        check(license_text(SigningKey.generate()), pem)
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    with pytest.raises(ValueError, match=f"expired on {yesterday}"):
        check(license_text(key, expires_on=yesterday), pem)
    report = json.dumps(key.sign({"kind": "audit_report", "expires_on": None}))
    with pytest.raises(ValueError, match="not a license"):
        check(report, pem)
