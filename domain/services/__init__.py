"""Use cases: short functions and small services that load aggregates through the ports, apply
the rules, and commit one unit of work. Entry points (Telegram handlers, CLI commands) call these
and only translate input and errors."""
