"""The signing key's commands as an operator runs them, in subprocesses on SQLite (embedded
mode: the commands run their jobs themselves): the site key and its public half, a signed
audit report checked and found altered, retention, product keys and license files."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from tests.imports import FIXTURES
from tests.live import run_cli


def ok(home: Path, *args: str) -> str:
    done = run_cli(home, *args)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def refused(home: Path, *args: str) -> str:
    done = run_cli(home, *args)
    assert done.returncode == 1, done.stdout + done.stderr
    return done.stderr


def test_the_site_key_is_made_once_and_its_public_half_printed(tmp_path: Path) -> None:
    ok(tmp_path, "init")
    path = tmp_path / "var" / "secrets" / "signing-key.pem"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    first = path.read_bytes()
    pem = ok(tmp_path, "keys", "public-key")
    assert pem.startswith("-----BEGIN PUBLIC KEY-----")
    assert "PRIVATE" not in pem
    ok(tmp_path, "init")  # never overwritten
    assert path.read_bytes() == first
    assert ok(tmp_path, "keys", "public-key") == pem


def test_a_signed_report_is_checked_and_an_altered_one_refused(tmp_path: Path) -> None:
    ok(tmp_path, "init")
    for email in ("ana@example.com", "ben@example.com"):
        ok(tmp_path, "user", "create", "--email", email)
    (tmp_path / "public.pem").write_text(ok(tmp_path, "keys", "public-key"))
    report = tmp_path / "report.json"
    out = ok(tmp_path, "audit", "report", "--action", "user.", "--format", "csv", "-o", str(report))
    assert "3 event(s)" in out  # the first admin and two users
    checked = ok(
        tmp_path, "audit", "verify-report", str(report), "--extract", str(tmp_path / "r.csv")
    )
    assert "valid audit report, 3 event(s) (csv)" in checked
    assert (tmp_path / "r.csv").read_text().count("user.create") == 3
    # Anyone with the public key, without the installation (another home).
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    ok(
        elsewhere,
        "audit",
        "verify-report",
        str(report),
        "--public-key",
        str(tmp_path / "public.pem"),
    )

    document = json.loads(report.read_text())
    document["content"] = document["content"].replace("ben@example.com", "eve@example.com")
    report.write_text(json.dumps(document))
    assert "NOT VALID: the content was altered" in refused(
        tmp_path, "audit", "verify-report", str(report)
    )


def test_purge_and_verify(tmp_path: Path) -> None:
    ok(tmp_path, "init")
    out = ok(tmp_path, "audit", "purge", "--older-than", "30")
    assert "No audit event is older than 30 day(s)." in out
    assert "Purged 0 API request(s)." in out
    assert "The audit log is intact" in ok(tmp_path, "audit", "verify")


def test_product_keys_and_license_files(tmp_path: Path) -> None:
    ok(tmp_path, "init")
    for email in ("ana@example.com", "ben@example.com"):
        ok(tmp_path, "user", "create", "--email", email)
    ok(tmp_path, "import", str(FIXTURES / "licenses.csv"), "--apply")
    assert "2 available" in ok(tmp_path, "keys", "generate", "--license", "1", "--count", "2")
    key = ok(tmp_path, "keys", "issue", "--license", "1", "--licensee", "Example Ltd").strip()
    assert len(key) == 29
    assert key.count("-") == 4
    lic = tmp_path / "example.lic"
    ok(tmp_path, "keys", "issue", "--license", "1", "--licensee", "Example Ltd", "--file",
       "--seats", "5", "--expires", "2099-12-31", "--with-key", "-o", str(lic))  # fmt: skip
    verified = ok(tmp_path, "keys", "verify", str(lic))
    assert "valid license" in verified
    assert "seats:    5" in verified
    assert "expires:  2099-12-31" in verified
    assert "1 issued" not in ok(tmp_path, "keys", "generate", "--license", "1", "--count", "1")
    document = json.loads(lic.read_text())
    document["signed"]["seats"] = 500
    lic.write_text(json.dumps(document))
    assert "NOT VALID: the signature does not match" in refused(
        tmp_path, "keys", "verify", str(lic)
    )
    # An empty pool is refused with a plain message.
    ok(tmp_path, "keys", "issue", "--license", "1", "--licensee", "X")
    assert "no key left" in refused(tmp_path, "keys", "issue", "--license", "1", "--licensee", "Y")
