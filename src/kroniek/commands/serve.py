"""kroniek serve: a local web app over the event store."""

from __future__ import annotations

import argparse

from .store_args import add_db

HELP = "start the web app (map, timeline, evidence) over the event store; read-only, on 127.0.0.1"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db(parser)
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=int, default=8000)


def run(args: argparse.Namespace) -> int:
    from ..cli import UserError
    from ..store import StoreError

    try:
        import uvicorn

        from ..serve.app import create_app
    except ImportError:
        raise UserError("the web app needs its extra: pip install 'kroniek[serve]'") from None
    try:
        app = create_app(args.db)
    except StoreError as exc:
        raise UserError(str(exc)) from None
    print(f"kroniek: serving {args.db} on http://{args.host}:{args.port}/ (read-only; Ctrl-C to stop)")
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
