"""``kinerja --help`` works whatever the settings; a command checks only the settings it needs
and names them."""

from __future__ import annotations

import pytest

from bot.cli import main

PLACEHOLDER = "change-me-change-me-change-me-change-me"
GOOD_SECRET = "cli-test-4f9c2e7a1b8d3f6e0a5c9b2d7e4f1a8c3b6d"


@pytest.fixture(autouse=True)
def clean(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no .env of the developer's
    for name in ("KINERJA_BOT_TOKEN", "KINERJA_LANGUAGE", "KINERJA_MODE", "KINERJA_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KINERJA_DATABASE_URL", f"sqlite:///{tmp_path / 'k.db'}")


@pytest.mark.parametrize("argv", [["--help"], ["report", "ikm", "--help"], ["codes", "--help"]])
def test_help_works_with_a_placeholder_secret_key(monkeypatch, capsys, argv):
    monkeypatch.setenv("KINERJA_SECRET_KEY", PLACEHOLDER)
    monkeypatch.setenv("KINERJA_TIMEZONE", "Nowhere/Else")
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 0
    assert "usage: kinerja" in capsys.readouterr().out


def test_help_is_in_the_language_asked_for_even_with_invalid_settings(monkeypatch, capsys):
    monkeypatch.setenv("KINERJA_SECRET_KEY", PLACEHOLDER)
    monkeypatch.setenv("KINERJA_LANGUAGE", "en")
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "Run the bot" in capsys.readouterr().out


def test_a_command_names_the_invalid_setting_it_needs(monkeypatch, capsys):
    monkeypatch.setenv("KINERJA_SECRET_KEY", PLACEHOLDER)
    monkeypatch.setenv("KINERJA_BOT_USERNAME", "sukamaju_bot")
    assert main(["codes", "issue", "--out", "codes.csv"]) == 2  # codes are keyed with it
    err = capsys.readouterr().err
    assert "kinerja codes" in err
    assert "KINERJA_SECRET_KEY" in err


def test_a_command_that_keys_nothing_runs_with_a_placeholder_secret_key(monkeypatch):
    monkeypatch.setenv("KINERJA_SECRET_KEY", PLACEHOLDER)
    assert main(["period", "list"]) == 0


def test_without_a_secret_key_issuing_codes_is_refused_naming_it(monkeypatch, capsys):
    monkeypatch.delenv("KINERJA_SECRET_KEY", raising=False)
    monkeypatch.setenv("KINERJA_BOT_USERNAME", "sukamaju_bot")
    assert main(["demo"]) == 0
    assert main(["codes", "issue", "--nip", "199608182022042001", "--out", "codes.csv"]) == 2
    assert "KINERJA_SECRET_KEY" in capsys.readouterr().err


def test_a_half_done_webhook_configuration_stops_only_the_bot(monkeypatch, capsys):
    monkeypatch.setenv("KINERJA_SECRET_KEY", GOOD_SECRET)
    monkeypatch.setenv("KINERJA_MODE", "webhook")  # no URL, no secret yet
    monkeypatch.setenv("KINERJA_WEBHOOK_PORT", "not-a-port")
    assert main(["period", "list"]) == 0
    assert main(["run"]) == 2
    assert "KINERJA_WEBHOOK_PORT" in capsys.readouterr().err


def test_a_malformed_token_stops_only_what_asks_telegram(monkeypatch, capsys):
    monkeypatch.setenv("KINERJA_SECRET_KEY", GOOD_SECRET)
    monkeypatch.setenv("KINERJA_BOT_TOKEN", "not-a-token")
    assert main(["period", "list"]) == 0
    assert main(["codes", "issue", "--out", "codes.csv"]) == 2
    assert "KINERJA_BOT_TOKEN" in capsys.readouterr().err
