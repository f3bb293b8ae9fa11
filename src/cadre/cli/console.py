"""Where the CLI writes: results to standard output, problems to standard error.

No emoji codes: a line such as "course :01:" means what it says (and the table of codes takes
a while to load)."""

from rich.console import Console

console = Console(emoji=False)
err_console = Console(stderr=True, emoji=False)
