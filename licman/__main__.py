"""`python -m licman` runs the command line."""

from licman.cli import main

main()
