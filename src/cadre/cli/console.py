"""Where the CLI writes: results to standard output, problems to standard error."""

from rich.console import Console

console = Console()
err_console = Console(stderr=True)
