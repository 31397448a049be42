"""Facts about the bot that the CLI needs without running it (its @username for deep links)."""

from __future__ import annotations

from telegram import Bot

from bot.settings import Settings, SettingsError


async def bot_username(settings: Settings) -> str:
    """``KINERJA_BOT_USERNAME`` if set, else asked from Telegram with the token."""
    if settings.bot_username:
        return settings.bot_username
    if settings.bot_token is None:
        raise SettingsError(
            "Deep links need the bot's @username: set KINERJA_BOT_USERNAME (without @) or "
            "KINERJA_BOT_TOKEN in .env so it can be asked from Telegram."
        )
    api = settings.telegram_api_url
    bot = Bot(
        settings.bot_token.get_secret_value(),
        base_url=f"{api}/bot",
        base_file_url=f"{api}/file/bot",
    )
    async with bot:
        me = await bot.get_me()
    return me.username or ""
