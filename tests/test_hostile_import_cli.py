"""Hostile review: a JSON import holding a number too long for Python's int (over 4,300
digits; a 5 KB file) crashed the process that read it: ijson's C backend segfaults on it, so
an upload took the whole server (and its in-process jobs) down. It must be a problem of the
file, said in words, from `licman import` as from the web client's upload."""

from __future__ import annotations

import signal
from pathlib import Path

from tests.live import run_cli


def test_a_json_number_with_thousands_of_digits_is_a_problem_not_a_crash(
    tmp_path: Path,
) -> None:
    # Given an installation, and a JSON file whose seats hold a 5,000-digit number
    assert run_cli(tmp_path, "init").returncode == 0
    path = tmp_path / "huge.json"
    path.write_text('[{"vendor": "V", "product": "P", "name": "n", "seats": ' + "9" * 5000 + "}]")

    # When it is imported (a dry run: reading the file is enough)
    done = run_cli(tmp_path, "import", str(path))

    # Then the process was not killed (SIGSEGV), and it says what is wrong with the file
    assert done.returncode != -signal.SIGSEGV, "the import crashed the process"
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "too large" in done.stdout + done.stderr, (done.stdout, done.stderr)
