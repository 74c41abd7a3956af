"""The terminal: the typer CLI, the chat session, and text/JSON/CSV rendering."""
