"""The ``kinerja`` command: run the bot, manage the database, import the organisation, issue
registration codes, grant admins, load the demo. ``kinerja --help`` lists everything.

Exit codes: 0 done; 1 refused (invalid data: nothing was changed); 2 wrong usage or settings.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from types import MappingProxyType

from bot.app import Runtime, build_runtime, run_bot
from bot.cli import catalogue, org, peers, periods, reminders, skm
from bot.cli.output import LISTING_FORMATS, Output
from bot.i18n import t
from bot.logs import configure_logging
from bot.settings import (
    BOT_PROCESS_ONLY,
    HOW_TO_GET_A_BOT,
    TELEGRAM_ONLY,
    InvalidSettings,
    Settings,
    SettingsError,
    load_settings,
    load_settings_ignoring,
)
from domain.errors import DomainError

Command = Callable[[Runtime, Output, argparse.Namespace], Awaitable[int]]


def _parser(lang: str) -> argparse.ArgumentParser:
    def h(key: str) -> str:
        return t(lang, f"cli.help.{key}")

    parser = argparse.ArgumentParser(prog="kinerja", description=h("kinerja"))
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("run", help=h("run"), description=h("run"))
    commands.add_parser("demo", help=h("demo"), description=h("demo"))

    db = commands.add_parser("db", help=h("db"), description=h("db")).add_subparsers(
        dest="action", required=True
    )
    db.add_parser("upgrade", help=h("db_upgrade"))

    imports = commands.add_parser("import", help=h("import"), description=h("import"))
    imports.add_argument("kind", choices=sorted([*org.IMPORTERS, "skm", "skp"]))
    imports.add_argument("file", type=Path, help=h("file"))
    imports.add_argument("--dry-run", action="store_true", help=h("dry_run"))
    imports.add_argument("--force", action="store_true", help=t(lang, "skm.cli.help.import_force"))
    imports.add_argument("--errors", type=Path, metavar="FILE.csv", help=h("errors_file"))

    codes = commands.add_parser("codes", help=h("codes")).add_subparsers(
        dest="action", required=True
    )
    issue = codes.add_parser("issue", help=h("codes_issue"), description=h("codes_issue"))
    scope = issue.add_mutually_exclusive_group()
    scope.add_argument("--unit", help=h("unit"))
    scope.add_argument("--nip", help=h("nip"))
    issue.add_argument("--out", type=Path, required=True, help=h("codes_out"))
    issue.add_argument("--days", type=int, help=h("codes_days"))
    issue.add_argument("--include-registered", action="store_true", help=h("codes_registered"))

    admin = commands.add_parser("admin", help=h("admin")).add_subparsers(
        dest="action", required=True
    )
    grant = admin.add_parser("grant", help=h("admin_grant"))
    grant.add_argument("nip")
    grant.add_argument("--unit", help=h("admin_unit"))
    revoke = admin.add_parser("revoke", help=h("admin_revoke"))
    revoke.add_argument("nip")
    skm.add_parsers(commands, lang)
    periods.add_parsers(commands, lang)
    catalogue.add_parsers(commands, lang)
    peers.add_parsers(commands, lang)
    reminders.add_parsers(commands, lang)
    return parser


async def _db(runtime: Runtime, out: Output, args: argparse.Namespace) -> int:
    revision = await runtime.migrate()
    out.say("cli.db.upgraded", revision=revision or "-")
    return 0


COMMANDS: MappingProxyType[tuple[str, str | None], Command] = MappingProxyType(
    {
        ("db", "upgrade"): _db,
        ("demo", None): lambda r, o, a: org.load_demo(r, o),
        ("import", None): lambda r, o, a: (
            skm.import_paper(r, o, a.file, dry_run=a.dry_run, force=a.force)
            if a.kind == "skm"
            else periods.import_skp(r, o, a.file, dry_run=a.dry_run)
            if a.kind == "skp"
            else org.import_file(r, o, a.kind, a.file, dry_run=a.dry_run)
        ),
        ("codes", "issue"): lambda r, o, a: org.issue_codes(
            r,
            o,
            unit=a.unit,
            nip=a.nip,
            path=a.out,
            days=a.days,
            include_registered=a.include_registered,
        ),
        ("admin", "grant"): lambda r, o, a: org.grant(r, o, a.nip, a.unit),
        ("admin", "revoke"): lambda r, o, a: org.revoke(r, o, a.nip),
        **skm.COMMANDS,
        **periods.COMMANDS,
        **catalogue.COMMANDS,
        **peers.COMMANDS,
        **reminders.COMMANDS,
    }
)


async def _execute(settings: Settings, out: Output, args: argparse.Namespace) -> int:
    runtime = build_runtime(settings)
    try:
        command = COMMANDS[(args.command, getattr(args, "action", None))]
        return await command(runtime, out, args)
    finally:
        await runtime.close()


def main(argv: Sequence[str] | None = None) -> int:
    # Help first, whatever the settings: only the command asked for checks what it needs.
    args = _parser(_language()).parse_args(argv)
    try:
        settings = load_settings_ignoring(_unneeded(args))
    except InvalidSettings as error:
        print(f"kinerja {args.command}: {error}", file=sys.stderr)  # noqa: T201
        return 2
    configure_logging(settings.log_level, _secrets(settings))
    out = Output(settings.language, settings.timezone)
    if getattr(args, "format", None) in LISTING_FORMATS:
        out.listing = args.format
    out.errors_file = getattr(args, "errors", None)
    try:
        if args.command == "run":
            return _run(settings)
        return asyncio.run(_execute(settings, out, args))
    except SettingsError as error:
        out.errors.print(str(error), markup=False, style="bold red")
        return 2
    except OSError as error:
        if error.filename is None:  # not about a file the admin named: a real failure
            raise
        missing = isinstance(error, FileNotFoundError)
        key = "cli.error.file_not_found" if missing else "cli.error.file_access"
        out.warn(key, file=str(error.filename), reason=error.strerror or "")
        return 2

    except DomainError as error:
        out.error(error)
        return 1


def _language() -> str:
    """The command line's language (``KINERJA_LANGUAGE``), read even when other settings are
    invalid, so that ``--help`` always works."""
    try:
        return load_settings().language
    except InvalidSettings:
        wanted = os.environ.get("KINERJA_LANGUAGE", "id").strip().lower()
        return wanted if wanted in ("id", "en") else "id"


def _unneeded(args: argparse.Namespace) -> frozenset[str]:
    """The settings ``args``' command does not use (their errors do not stop it)."""
    if args.command == "run":
        return frozenset()
    command = (args.command, getattr(args, "action", None))
    unneeded = BOT_PROCESS_ONLY
    if command not in TELEGRAM_COMMANDS:
        unneeded |= TELEGRAM_ONLY
    if args.command not in SECRET_USERS and command not in SECRET_USERS:
        unneeded |= {"secret_key"}
    return unneeded


# Commands that ask Telegram the bot's @username for deep links (when it is not configured).
TELEGRAM_COMMANDS = frozenset({("codes", "issue"), ("qr", None)})
# Commands that key hashes with KINERJA_SECRET_KEY: registration codes, and peer feedback (its
# frozen comment order). Any other command runs without one (a use would still be refused).
SECRET_USERS = frozenset({("codes", "issue"), "peers"})


def _run(settings: Settings) -> int:
    if settings.bot_token is None:
        print(HOW_TO_GET_A_BOT, file=sys.stderr)  # noqa: T201
        return 2
    settings.require_secret_key()
    from telegram.error import InvalidToken, TelegramError

    from bot.logs import TOKEN_REJECTED, RedactSecrets

    try:
        run_bot(settings)
    except InvalidToken:
        print(TOKEN_REJECTED, file=sys.stderr)  # noqa: T201
        return 2
    except TelegramError as error:  # at start-up: Telegram unreachable, or refusing the bot
        reason = RedactSecrets(_secrets(settings)).redact(f"{type(error).__name__}: {error}")
        print(f"The bot could not start: Telegram answered {reason}", file=sys.stderr)  # noqa: T201
        return 1
    return 0


def _secrets(settings: Settings) -> list[str]:
    secrets = [settings.bot_token, settings.secret_key, settings.webhook_secret]
    return [s.get_secret_value() for s in secrets if s is not None]


if __name__ == "__main__":
    sys.exit(main())
