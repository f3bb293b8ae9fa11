"""`python -m cadre`: the same as the `cadre` command."""

from cadre.cli import main

main()
