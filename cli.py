"""dxmap on the command line: `python cli.py --help` (the commands live in the `cli/` package)."""

import sys

from cli.main import main

sys.exit(main())
