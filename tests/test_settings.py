"""Settings: defaults, where each value comes from, and errors an operator can act on."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from licman.settings import ConfigError, Settings, load_settings


def write_env(home: Path, text: str) -> None:
    (home / ".env").write_text(text, encoding="utf-8")


def write_config(home: Path, text: str) -> None:
    (home / ".licman-cfg.yml").write_text(text, encoding="utf-8")


def config_error(**overrides: object) -> str:
    """The message load_settings() refuses with; always a single line."""
    with pytest.raises(ConfigError) as caught:
        load_settings(**overrides)
    message = str(caught.value)
    assert "\n" not in message
    return message


# Defaults -----------------------------------------------------------------------------


def test_defaults_use_sqlite_in_the_home_var_directory(tmp_path: Path) -> None:
    settings = load_settings()
    assert settings.db_engine == "sqlite"
    assert settings.sqlite_path == tmp_path.resolve() / "var" / "licman.sqlite3"
    assert settings.host == "127.0.0.1"
    assert settings.port == 8000


def test_sqlite_migrates_on_start_by_default() -> None:
    assert load_settings().migrate_on_start is True


def test_postgres_does_not_migrate_on_start_unless_asked() -> None:
    url = "postgres://licman:pw@db.internal:5432/licman"
    assert load_settings(database_url=url).migrate_on_start is False
    assert load_settings(database_url=url, auto_migrate=True).migrate_on_start is True


def test_sqlite_migration_on_start_can_be_turned_off() -> None:
    assert load_settings(auto_migrate=False).migrate_on_start is False


# Precedence: overrides > environment > .env > .licman-cfg.yml > defaults -----------------


def test_config_file_beats_defaults(tmp_path: Path) -> None:
    write_config(tmp_path, "port: 8001\nhost: 10.0.0.1\n")
    settings = load_settings()
    assert settings.port == 8001
    assert settings.host == "10.0.0.1"


def test_env_file_beats_config_file(tmp_path: Path) -> None:
    write_config(tmp_path, "port: 8001\nhost: 10.0.0.1\n")
    write_env(tmp_path, "LICMAN_PORT=8002\n")
    settings = load_settings()
    assert settings.port == 8002
    assert settings.host == "10.0.0.1"  # still read from the config file


def test_environment_beats_env_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_config(tmp_path, "port: 8001\n")
    write_env(tmp_path, "LICMAN_PORT=8002\nLICMAN_HOST=10.0.0.2\n")
    monkeypatch.setenv("LICMAN_PORT", "8003")
    settings = load_settings()
    assert settings.port == 8003
    assert settings.host == "10.0.0.2"  # still read from .env


def test_explicit_overrides_beat_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(tmp_path, "port: 8001\n")
    write_env(tmp_path, "LICMAN_PORT=8002\n")
    monkeypatch.setenv("LICMAN_PORT", "8003")
    monkeypatch.setenv("LICMAN_HOST", "10.0.0.3")
    settings = load_settings(port=8004)
    assert settings.port == 8004
    assert settings.host == "10.0.0.3"  # still read from the environment


def test_override_of_none_means_not_given(monkeypatch: pytest.MonkeyPatch) -> None:
    # The CLI passes every flag; an unset flag must not hide the environment.
    monkeypatch.setenv("LICMAN_PORT", "8003")
    assert load_settings(port=None).port == 8003


def test_env_file_with_unrelated_variables_is_fine(tmp_path: Path) -> None:
    write_env(tmp_path, "OTHER=1\nDATABASE_URL=oracle://nope\nLICMAN_PORT=8005\n")
    assert load_settings().port == 8005


def test_empty_config_file_means_defaults(tmp_path: Path) -> None:
    write_config(tmp_path, "")
    assert load_settings().port == 8000


# Database engine ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "engine"),
    [
        ("postgres://licman:pw@db.internal:5432/licman", "postgres"),
        ("postgresql://licman:pw@db.internal/licman", "postgres"),
        ("mysql://licman:pw@db.internal:3306/licman", "mysql"),
    ],
)
def test_database_url_scheme_selects_the_engine(url: str, engine: str) -> None:
    settings = load_settings(database_url=url)
    assert settings.db_engine == engine
    assert settings.sqlite_path is None


def test_database_url_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LICMAN_DATABASE_URL", "postgresql://licman:pw@db.internal/licman")
    assert load_settings().db_engine == "postgres"


# Errors: one line, naming the setting and the problem -----------------------------------


def test_non_integer_port_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LICMAN_PORT", "eighty")
    message = config_error()
    assert "LICMAN_PORT" in message
    assert "valid integer" in message
    assert "'eighty'" in message


@pytest.mark.parametrize(("port", "problem"), [("0", "greater than"), ("70000", "less than")])
def test_port_out_of_range_is_refused(
    monkeypatch: pytest.MonkeyPatch, port: str, problem: str
) -> None:
    monkeypatch.setenv("LICMAN_PORT", port)
    message = config_error()
    assert "LICMAN_PORT" in message
    assert problem in message
    assert port in message


def test_unknown_database_scheme_is_refused() -> None:
    message = config_error(database_url="oracle://licman:pw@db.internal/licman")
    assert "LICMAN_DATABASE_URL" in message
    assert "unsupported scheme 'oracle'" in message
    assert "postgres://" in message  # says what would work


def test_postgres_url_without_host_is_refused() -> None:
    message = config_error(database_url="postgres:///licman")
    assert "LICMAN_DATABASE_URL" in message
    assert "no host" in message


@pytest.mark.parametrize("url", ["postgres://db.internal", "postgres://db.internal:5432/"])
def test_postgres_url_without_database_name_is_refused(url: str) -> None:
    message = config_error(database_url=url)
    assert "LICMAN_DATABASE_URL" in message
    assert "names no database" in message


def test_bad_log_level_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LICMAN_LOG_LEVEL", "loud")
    message = config_error()
    assert "LICMAN_LOG_LEVEL" in message
    assert "debug, info, warning or error" in message
    assert "'loud'" in message


def test_unknown_key_in_config_file_is_refused(tmp_path: Path) -> None:
    write_config(tmp_path, "port: 8001\nprot: 8002\n")
    message = config_error()
    assert str(tmp_path / ".licman-cfg.yml") in message
    assert "unknown setting 'prot'" in message


def test_invalid_yaml_names_the_file_and_line(tmp_path: Path) -> None:
    write_config(tmp_path, "host: 10.0.0.1\nport: 8001\nlog_level: debug: extra\n")
    message = config_error()
    assert str(tmp_path / ".licman-cfg.yml") in message
    assert "not valid YAML" in message
    assert "line 3" in message


def test_yaml_list_instead_of_mapping_is_refused(tmp_path: Path) -> None:
    write_config(tmp_path, "- port\n- 8001\n")
    message = config_error()
    assert str(tmp_path / ".licman-cfg.yml") in message
    assert "must be a mapping" in message


def test_error_in_config_file_value_names_the_setting(tmp_path: Path) -> None:
    write_config(tmp_path, "port: eighty\n")
    message = config_error()
    assert "LICMAN_PORT" in message
    assert "port: in .licman-cfg.yml" in message


# Secrets never shown ------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "postgres://licman:Sup3rSecretPw@db.internal:notaport/licman",
        "postgres://licman:Sup3rSecretPw@db.internal:99999/licman",
        "postgres://licman:Sup3rSecretPw@/licman",
        "postgres://licman:Sup3rSecretPw@db.internal",
        "oracle://licman:Sup3rSecretPw@db.internal/licman",
    ],
)
def test_malformed_database_url_never_shows_the_password(url: str) -> None:
    message = config_error(database_url=url)
    assert "LICMAN_DATABASE_URL" in message
    assert "Sup3rSecretPw" not in message
    assert "Sup3r" not in message


def test_password_with_slash_is_not_shown_in_the_port_error() -> None:
    message = config_error(database_url="postgres://licman:Sup3r/SecretPw@db.internal/licman")
    assert "LICMAN_DATABASE_URL" in message
    assert "Sup3r" not in message


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (
            "postgres://licman:Sup3rSecretPw@db.internal:5432/licman",
            "postgres://licman:***@db.internal:5432/licman",
        ),
        (
            "mysql://licman:p%40ss%3Aword@db.internal/licman",
            "mysql://licman:***@db.internal/licman",
        ),
    ],
)
def test_database_display_hides_the_password(url: str, shown: str) -> None:
    assert load_settings(database_url=url).database_display() == shown


def test_database_display_without_password_is_the_url(tmp_path: Path) -> None:
    url = "postgres://db.internal:5432/licman"
    assert load_settings(database_url=url).database_display() == url
    default = tmp_path.resolve() / "var" / "licman.sqlite3"
    assert load_settings().database_display() == f"sqlite://{default}"


def test_password_with_unescaped_at_and_slash_is_hidden() -> None:
    url = "mysql://lmdoc:p@ss/w:rd#1@db.internal:3306/licman"
    assert load_settings(database_url=url).database_display() == (
        "mysql://lmdoc:***@db.internal:3306/licman"
    )


def test_the_embedded_database_follows_var_dir(tmp_path: Path) -> None:
    settings = load_settings(var_dir="/srv/licman-data")
    assert settings.sqlite_path == Path("/srv/licman-data/licman.sqlite3")


def test_home_cannot_be_set_in_the_config_file(tmp_path: Path) -> None:
    (tmp_path / ".licman-cfg.yml").write_text("home: /elsewhere\n")
    with pytest.raises(ConfigError, match="LICMAN_HOME"):
        load_settings()


def test_the_readme_security_section_states_every_limit_with_its_default() -> None:
    # The README's "Request limits" table: each setting exists with the default it states,
    # and every graphql_max_*/budget/login limit setting is in it.
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    start = readme.index("- **Request limits**")
    section = readme[start : readme.index("- **Audit**: every change", start)]
    stated = dict(re.findall(r"\| `(\w+)` \| `(\d+)` \|", section))
    fields = Settings.model_fields

    assert {name: int(value) for name, value in stated.items()} == {
        name: fields[name].default for name in stated
    }
    limits = {
        name
        for name in fields
        if name.startswith(("graphql_max_", "graphql_cost_", "login_max_", "login_window_"))
    }
    assert limits == set(stated)


def test_web_workers_default_to_every_core_in_production_on_a_server_database(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("os.cpu_count", lambda: 6)
    postgres = "postgres://licman@127.0.0.1:5432/licman"

    assert Settings(environment="production", database_url=postgres).worker_count == 6
    assert Settings(environment="production").worker_count == 1  # SQLite: one writer
    assert Settings(database_url=postgres).worker_count == 1  # development
    assert (
        Settings(environment="production", database_url=postgres, web_workers=2).worker_count == 2
    )


# Money ---------------------------------------------------------------------------------


def test_currency_settings_are_read_and_normalised(tmp_path: Path) -> None:
    write_config(tmp_path, "default_currency: eur\ncurrency_rates: 'usd=0.92, GBP=1.17'\n")
    settings = load_settings()
    assert settings.default_currency == "EUR"
    assert settings.rates == {"USD": Decimal("0.92"), "GBP": Decimal("1.17"), "EUR": 1}
    assert load_settings(default_currency="USD", currency_rates="").rates == {"USD": 1}


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"default_currency": "EURO"}, "default_currency: use an ISO 4217 currency code"),
        ({"default_currency": "XXX"}, "default_currency: use an ISO 4217 currency code"),
        ({"currency_rates": "EUR"}, "currency_rates: 'EUR': write CODE=RATE"),
        ({"currency_rates": "ABC=1"}, "currency_rates: 'ABC=1': write CODE=RATE"),
        ({"currency_rates": "EUR=0"}, "currency_rates: EUR: the rate must be a number above 0"),
        ({"currency_rates": "EUR=abc"}, "currency_rates: EUR: the rate must be a number"),
        ({"currency_rates": "EUR=1e9"}, "currency_rates: EUR: the rate must be a number"),
        ({"currency_rates": "EUR=NaN"}, "currency_rates: EUR: the rate must be a number"),
        ({"currency_rates": "EUR=1.1,EUR=1.2"}, "currency_rates: EUR has two rates"),
        ({"currency_rates": "USD=1"}, "currency_rates: USD is default_currency"),
    ],
)
def test_bad_currency_settings_are_refused_naming_the_setting(
    overrides: dict[str, object], message: str
) -> None:
    name = message.split(":")[0]
    refused = config_error(**overrides)
    assert refused.startswith(f"LICMAN_{name.upper()} (or {name}: in .licman-cfg.yml): ")
    assert message.split(": ", 1)[1] in refused


def test_the_readme_documents_the_currency_settings() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "| `default_currency` | `LICMAN_DEFAULT_CURRENCY` | `USD` |" in readme
    assert "| `currency_rates` | `LICMAN_CURRENCY_RATES` | unset |" in readme
