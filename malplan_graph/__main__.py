"""`python -m malplan_graph` runs the command line."""

from .cli import main

# Guarded: validation's worker processes (spawn) import the main module again.
if __name__ == "__main__":
    main()
