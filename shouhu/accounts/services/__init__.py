"""Account services: users and roles, passwords, lockout, MFA, API tokens."""
