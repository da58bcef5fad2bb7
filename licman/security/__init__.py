"""Passwords, sessions, API tokens, the principal, secret encryption and permissions."""
