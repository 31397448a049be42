"""The organisation in chat: registration (/daftar and the registration deep link)."""
