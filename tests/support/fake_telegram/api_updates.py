"""Bot API methods about the bot itself: getMe, getUpdates, webhooks and commands."""

from __future__ import annotations

import re
import time
from typing import Any
from urllib.parse import urlsplit

from .constants import COMMAND_SCOPES, DEFAULT_UPDATE_TYPES, UPDATE_TYPES
from .errors import ApiError, bad_request
from .records import JsonDict
from .state import State, Webhook
from .wire import Params


def get_me(state: State, params: Params) -> JsonDict:
    return state.bot_json | {
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


def get_updates(state: State, params: Params) -> list[JsonDict]:
    if state.webhook is not None:
        raise ApiError(
            409,
            "Conflict: can't use getUpdates method while webhook is active; "
            "use deleteWebhook to delete the webhook first",
        )
    offset = params.integer("offset")
    limit = min(max(params.integer("limit") or 100, 1), 100)
    timeout = max(params.integer("timeout") or 0, 0)
    _set_allowed_updates(state, params)
    state.confirm_updates(offset)
    state.poll_generation += 1
    state.cond.notify_all()  # a superseded long poll answers 409, as on Telegram
    _long_poll(state, state.poll_generation, time.monotonic() + timeout)
    return state.updates[:limit]


def _long_poll(state: State, generation: int, deadline: float) -> None:
    while not (state.updates or state.closing or state.webhook):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return
        state.cond.wait(remaining)
        if state.poll_generation != generation:
            raise ApiError(
                409,
                "Conflict: terminated by other getUpdates request; "
                "make sure that only one bot instance is running",
                violation=False,
            )


def _set_allowed_updates(state: State, params: Params) -> None:
    if not params.has("allowed_updates"):
        return
    types = params.json("allowed_updates")
    if not isinstance(types, list) or not set(types) <= UPDATE_TYPES:
        raise bad_request(f"allowed_updates must be a list of update types, got {types!r}")
    state.allowed_updates = frozenset(types) or DEFAULT_UPDATE_TYPES


def set_webhook(state: State, params: Params) -> bool:
    url = params.required_string("url")
    if not url:
        return delete_webhook(state, params)
    parts = urlsplit(url)
    # Telegram requires HTTPS on ports 443, 80, 88 or 8443; tests run the bot on local HTTP.
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise bad_request(f"bad webhook: invalid URL {url!r}")
    secret = params.string("secret_token")
    if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
        raise bad_request("secret token contains unallowed characters")
    max_connections = params.integer("max_connections") or 40
    if not 1 <= max_connections <= 100:
        raise bad_request("bad webhook: max_connections must be 1-100")
    _set_allowed_updates(state, params)
    if params.flag("drop_pending_updates"):
        state.updates.clear()
    ip_address = params.string("ip_address")
    has_certificate = params.has("certificate")
    state.webhook = Webhook(url, secret, max_connections, ip_address, has_certificate)
    state.webhook_error = None
    state.cond.notify_all()
    return True


def delete_webhook(state: State, params: Params) -> bool:
    if params.flag("drop_pending_updates"):
        state.updates.clear()
    state.webhook = None
    state.cond.notify_all()
    return True


def get_webhook_info(state: State, params: Params) -> JsonDict:
    hook = state.webhook
    info: JsonDict = {
        "url": hook.url if hook else "",
        "has_custom_certificate": bool(hook and hook.has_custom_certificate),
        "pending_update_count": len(state.updates),
    }
    if hook is not None:
        info["max_connections"] = hook.max_connections
        if hook.ip_address:
            info["ip_address"] = hook.ip_address
        if state.allowed_updates != DEFAULT_UPDATE_TYPES:
            info["allowed_updates"] = sorted(state.allowed_updates)
    if state.webhook_error is not None:
        info["last_error_date"], info["last_error_message"] = state.webhook_error
    return info


def set_my_commands(state: State, params: Params) -> bool:
    commands = params.json("commands")
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request(f"commands must be a list of at most 100, got {commands!r}")
    state.commands[_command_key(params)] = [_bot_command(command) for command in commands]
    return True


def get_my_commands(state: State, params: Params) -> list[JsonDict]:
    commands = state.commands.get(_command_key(params), [])
    return [{"command": command, "description": text} for command, text in commands]


def delete_my_commands(state: State, params: Params) -> bool:
    state.commands.pop(_command_key(params), None)
    return True


def _command_key(params: Params) -> tuple[str, str]:
    """(scope, language_code), the scope written as e.g. "default" or "chat:42"."""
    scope = params.json("scope") or {"type": "default"}
    if not isinstance(scope, dict) or scope.get("type") not in COMMAND_SCOPES:
        raise bad_request(f"invalid command scope {scope!r}")
    needed = {"chat": ["chat_id"], "chat_administrators": ["chat_id"]}.get(scope["type"], [])
    needed = ["chat_id", "user_id"] if scope["type"] == "chat_member" else needed
    if any(key not in scope for key in needed):
        raise bad_request(f"command scope {scope['type']} needs {needed}")
    language = params.string("language_code") or ""
    if language and not re.fullmatch(r"[a-z]{2}", language):
        raise bad_request(f"invalid language_code {language!r}")
    return ":".join([scope["type"], *(str(scope[key]) for key in needed)]), language


def _bot_command(command: Any) -> tuple[str, str]:
    if not isinstance(command, dict):
        raise bad_request(f"a bot command must be an object, got {command!r}")
    name, description = command.get("command"), command.get("description")
    if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9_]{1,32}", name):
        raise bad_request(f"BOT_COMMAND_INVALID: {name!r} (1-32 of a-z, 0-9, _)")
    if not isinstance(description, str) or not 1 <= len(description) <= 256:
        raise bad_request(f"BOT_COMMAND_DESCRIPTION_INVALID for /{name}: 1-256 characters")
    return name, description
