"""dxmap on the command line: `python cli.py --help`. The parser is built in `cli.main`, one module per group
of commands (data, plan, export, imports, serve, bench); `cli.common` holds what they share."""
