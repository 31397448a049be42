"""The organisation: NIP numbers, units, employees and public services, their CSV imports, admin
grants, and who a Telegram account is (registration codes, the chat account)."""
