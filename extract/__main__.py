"""`python -m extract`: see `extract.commands`."""

import sys

from extract.commands import main

if __name__ == "__main__":
    sys.exit(main())
