"""Settings: defaults, plain database URLs, and messages that name the bad variable."""

from __future__ import annotations

from fractions import Fraction

import pytest

from bot.cli import main
from bot.settings import Settings, SettingsError, load_settings
from storage.database import UnsupportedDatabase, normalise_url

GOOD_SECRET = "9f3b1c7e2a4d6f8091b3c5e7a9d1f3b5c7e9a1d3"
TOKEN = "123456789:AAH-fake-token-for-kinerja-tests-0123"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    """No KINERJA_* variable or .env of the machine leaks into these tests."""
    import os

    for name in list(os.environ):
        if name.startswith("KINERJA_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


def test_the_defaults_are_an_sqlite_file_polling_and_jakarta_time():
    settings = Settings()
    assert settings.database_url == "sqlite:///kinerja.db"
    assert settings.mode == "polling"
    assert settings.timezone == "Asia/Jakarta"
    assert settings.telegram_api_url == "https://api.telegram.org"
    assert settings.bot_token is None


def test_empty_values_in_the_env_file_count_as_unset(tmp_path):
    (tmp_path / ".env").write_text("KINERJA_BOT_TOKEN=\nKINERJA_TIMEZONE=Asia/Makassar\n")
    settings = Settings()
    assert settings.bot_token is None
    assert settings.timezone == "Asia/Makassar"


@pytest.mark.parametrize(
    ("variable", "value", "named"),
    [
        ("KINERJA_TIMEZONE", "Mars/Olympus", "KINERJA_TIMEZONE"),
        ("KINERJA_BOT_TOKEN", "not-a-token", "KINERJA_BOT_TOKEN"),
        ("KINERJA_SECRET_KEY", "change-me-change-me-change-me-change-me", "KINERJA_SECRET_KEY"),
        ("KINERJA_SECRET_KEY", "short", "KINERJA_SECRET_KEY"),
        ("KINERJA_MODE", "carrier-pigeon", "KINERJA_MODE"),
        ("KINERJA_TELEGRAM_API_URL", "ftp://example", "KINERJA_TELEGRAM_API_URL"),
        ("KINERJA_OUTBOX_RATE", "1001", "KINERJA_OUTBOX_RATE"),
        ("KINERJA_DISTRIBUTION_RULES", '{"baik_baik_max": 130}', "KINERJA_DISTRIBUTION_RULES"),
        ("KINERJA_DISTRIBUTION_RULES", '{"nope": 1}', "KINERJA_DISTRIBUTION_RULES"),
        ("KINERJA_PEER_WEAK_THRESHOLD", "1", "KINERJA_PEER_WEAK_THRESHOLD"),
        ("KINERJA_PEER_WEAK_THRESHOLD", "5.5", "KINERJA_PEER_WEAK_THRESHOLD"),
        ("KINERJA_COACHING_SCALE_POINTS", "7", "KINERJA_COACHING_SCALE_POINTS"),
    ],
)
def test_an_invalid_setting_stops_with_a_message_naming_it(monkeypatch, variable, value, named):
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as error:
        load_settings()
    assert named in str(error.value)


def test_webhook_mode_needs_an_https_url_and_a_secret(monkeypatch):
    monkeypatch.setenv("KINERJA_MODE", "webhook")
    monkeypatch.setenv("KINERJA_WEBHOOK_URL", "http://kinerja.example.go.id/telegram")
    with pytest.raises(SettingsError, match="KINERJA_WEBHOOK_URL"):
        load_settings()
    monkeypatch.setenv("KINERJA_WEBHOOK_URL", "https://kinerja.example.go.id/telegram")
    with pytest.raises(SettingsError, match="KINERJA_WEBHOOK_SECRET"):
        load_settings()
    monkeypatch.setenv("KINERJA_WEBHOOK_SECRET", "a_good-secret")
    assert load_settings().webhook_url == "https://kinerja.example.go.id/telegram"


def test_a_loopback_webhook_may_use_plain_http(monkeypatch):
    monkeypatch.setenv("KINERJA_MODE", "webhook")
    monkeypatch.setenv("KINERJA_WEBHOOK_URL", "http://127.0.0.1:8443/telegram")
    monkeypatch.setenv("KINERJA_WEBHOOK_SECRET", "s")
    assert load_settings().mode == "webhook"


def test_healthz_gets_its_own_port_only_when_asked_and_never_the_webhooks(monkeypatch):
    assert load_settings().health_port is None  # no extra listener unless configured
    monkeypatch.setenv("KINERJA_HEALTH_PORT", "8080")
    assert (load_settings().health_port, load_settings().health_listen) == (8080, "127.0.0.1")
    monkeypatch.setenv("KINERJA_MODE", "webhook")
    monkeypatch.setenv("KINERJA_WEBHOOK_URL", "http://127.0.0.1:8443/telegram")
    monkeypatch.setenv("KINERJA_WEBHOOK_SECRET", "s")
    monkeypatch.setenv("KINERJA_HEALTH_PORT", "8443")  # the webhook port serves it already
    with pytest.raises(SettingsError, match="KINERJA_HEALTH_PORT"):
        load_settings()


def test_the_distribution_percentages_can_be_configured(monkeypatch):
    monkeypatch.setenv("KINERJA_DISTRIBUTION_RULES", '{"baik_baik_max": 75}')
    rules = load_settings().pola_distribusi()
    assert rules.baik_baik_max == 75
    assert rules.istimewa_sangat_baik_max == 70


def test_a_missing_secret_key_explains_how_to_make_one():
    with pytest.raises(SettingsError, match="token_urlsafe"):
        Settings().require_secret_key()


@pytest.mark.parametrize(
    ("url", "driver"),
    [
        ("sqlite:///kinerja.db", "sqlite+aiosqlite"),
        ("sqlite:////var/lib/kinerja/kinerja.db", "sqlite+aiosqlite"),
        ("postgresql://kinerja@127.0.0.1:5432/kinerja", "postgresql+asyncpg"),
        ("postgres://kinerja@db/kinerja", "postgresql+asyncpg"),
        ("postgresql+asyncpg://kinerja@db/kinerja", "postgresql+asyncpg"),
    ],
)
def test_plain_database_urls_get_the_bots_own_driver(url, driver):
    assert normalise_url(url).drivername == driver


@pytest.mark.parametrize("url", ["mysql://root@localhost/x", "postgresql+psycopg2://u@h/d"])
def test_other_databases_and_drivers_are_refused(url):
    with pytest.raises(UnsupportedDatabase):
        normalise_url(url)


def test_running_without_a_token_explains_botfather_and_exits_without_a_traceback(capsys):
    assert main(["run"]) == 2
    err = capsys.readouterr().err
    assert "@BotFather" in err
    assert "KINERJA_BOT_TOKEN" in err
    assert "Traceback" not in err


def test_the_cli_reports_invalid_settings_by_name(monkeypatch, capsys):
    monkeypatch.setenv("KINERJA_TIMEZONE", "Nowhere/Else")
    assert main(["db", "upgrade"]) == 2
    assert "KINERJA_TIMEZONE" in capsys.readouterr().err


def test_a_token_and_a_secret_are_enough_to_load(monkeypatch):
    monkeypatch.setenv("KINERJA_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("KINERJA_SECRET_KEY", GOOD_SECRET)
    settings = load_settings()
    assert settings.require_secret_key() == GOOD_SECRET
    assert settings.bot_token is not None
    assert TOKEN not in repr(settings)  # secrets never print


def test_the_weak_threshold_and_the_coaching_scale_can_be_configured(monkeypatch):
    assert load_settings().weak_threshold() == 3
    assert load_settings().coaching_scale_points == 4
    monkeypatch.setenv("KINERJA_PEER_WEAK_THRESHOLD", "3.25")
    monkeypatch.setenv("KINERJA_COACHING_SCALE_POINTS", "5")
    settings = load_settings()
    assert settings.weak_threshold() == Fraction(13, 4)
    assert settings.coaching_scale_points == 5


@pytest.mark.parametrize("value", ["2", "1", "0"])
def test_a_peer_threshold_below_three_is_refused_at_start_up(value, monkeypatch):
    monkeypatch.setenv("KINERJA_PEER_MIN_RATERS", value)
    with pytest.raises(SettingsError, match="KINERJA_PEER_MIN_RATERS"):
        load_settings()


def test_the_peer_threshold_is_three_unless_set_higher(monkeypatch):
    assert load_settings().peer_min_raters == 3
    monkeypatch.setenv("KINERJA_PEER_MIN_RATERS", "5")
    assert load_settings().peer_min_raters == 5
