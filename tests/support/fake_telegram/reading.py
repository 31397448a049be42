"""Reading a chat: what the bot sent, edited and deleted, with a read cursor per chat."""

from __future__ import annotations

import time
from collections.abc import Callable

from .records import ChatEvent, MessagePredicate, SentMessage
from .state import State

EventPredicate = Callable[[ChatEvent], bool]


class ChatReader:
    """The driver's reading half; see "Reading a chat" in the package docstring."""

    _state: State

    def messages(self, chat_id: int) -> list[SentMessage]:
        """The current state of every message the bot sent to the chat, oldest first."""
        with self._state.cond:
            chat = self._state.chats.get(chat_id)
            return sorted(chat.bot_messages.values(), key=lambda m: m.message_id) if chat else []

    def events(self, chat_id: int) -> list[ChatEvent]:
        with self._state.cond:
            chat = self._state.chats.get(chat_id)
            return list(chat.events) if chat else []

    def mark_read(self, chat_id: int) -> None:
        """Moves the chat's read cursor past everything the bot did so far."""
        with self._state.cond:
            if chat := self._state.chats.get(chat_id):
                chat.cursor = len(chat.events)

    def wait_for_event(
        self, chat_id: int, predicate: EventPredicate | None = None, *, timeout: float = 10.0
    ) -> ChatEvent:
        """The first unread event in the chat matching ``predicate``; earlier ones are skipped."""
        state = self._state
        with state.cond:
            found = state.cond.wait_for(lambda: self._read_next(chat_id, predicate), timeout)
            if found is None:
                raise AssertionError(self._describe_timeout(chat_id, timeout))
            return found

    def _read_next(self, chat_id: int, predicate: EventPredicate | None) -> ChatEvent | None:
        chat = self._state.chats.get(chat_id)
        while chat is not None and chat.cursor < len(chat.events):
            event = chat.events[chat.cursor]
            chat.cursor += 1
            if predicate is None or predicate(event):
                return event
        return None

    def wait_for_message(
        self, chat_id: int, predicate: MessagePredicate | None = None, *, timeout: float = 10.0
    ) -> SentMessage:
        """The next new or edited bot message in the chat (matching ``predicate``)."""

        def wanted(event: ChatEvent) -> bool:
            return event.kind != "deleted" and (predicate is None or predicate(event.message))

        return self.wait_for_event(chat_id, wanted, timeout=timeout).message

    def wait_for_messages(
        self, chat_id: int, count: int, *, timeout: float = 10.0
    ) -> list[SentMessage]:
        """The next ``count`` new or edited bot messages in the chat."""
        deadline = time.monotonic() + timeout
        return [
            self.wait_for_message(chat_id, timeout=max(deadline - time.monotonic(), 0))
            for _ in range(count)
        ]

    def assert_no_new_messages(self, chat_id: int, *, within: float = 0.3) -> None:
        """Waits ``within`` seconds and fails if the bot sent, edited or deleted anything unread."""
        with self._state.cond:
            unread = self._state.cond.wait_for(lambda: self._unread(chat_id), within)
        if unread:
            raise AssertionError(f"the bot unexpectedly did {unread} in chat {chat_id}")

    def _unread(self, chat_id: int) -> list[ChatEvent]:
        chat = self._state.chats.get(chat_id)
        return chat.events[chat.cursor :] if chat else []

    def _describe_timeout(self, chat_id: int, timeout: float) -> str:
        chat = self._state.chats.get(chat_id)
        recent = chat.events[-5:] if chat else []
        return (
            f"nothing matching from the bot in chat {chat_id} within {timeout}s.\n"
            f"  last events there: {recent}\n"
            f"  violations: {self._state.violations}\n"
            f"  last requests: {self._state.requests[-5:]}"
        )
