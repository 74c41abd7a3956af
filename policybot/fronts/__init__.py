"""Front ends: each renders the engine's structured answers (the terminal, Slack)."""
