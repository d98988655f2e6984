"""The ``kroniek`` command line.

Each sub-command is a module in ``kroniek.commands`` (or elsewhere) with
``HELP``, ``add_arguments(parser)`` and ``run(args) -> int``. Modules keep
heavy imports inside ``run`` so that ``kroniek --help`` starts fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from .version import __version__

#: sub-command name -> module implementing it
COMMANDS: dict[str, str] = {
    "extract": "kroniek.commands.extract",
    "eval": "kroniek.evaluate.cli",
    "ingest": "kroniek.commands.ingest",
    "query": "kroniek.commands.query",
    "export": "kroniek.commands.export",
    "reprocess": "kroniek.commands.reprocess",
    "serve": "kroniek.commands.serve",
    "ray": "kroniek.commands.ray",
}


class UserError(Exception):
    """An error the user can fix; printed as one line, never a traceback."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kroniek", description="Structured, traceable event data from news reports.")
    parser.add_argument("--version", action="version", version=f"kroniek {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name in COMMANDS.items():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.startswith("kroniek"):
                continue  # a command whose module is not part of this build
            raise
        command = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.run(args) or 0)
    except UserError as exc:
        print(f"kroniek: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kroniek: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    # Run as ``python -m kroniek.cli`` this module is ``__main__``, a second copy whose
    # UserError is not the one the commands raise; the imported module's main catches theirs.
    from kroniek.cli import main as imported_main

    sys.exit(imported_main())
