"""The typer application, its global options and domain-error handling."""

from __future__ import annotations

import functools
import logging
import sys
from typing import Annotated, Any, Callable

import typer

from ..errors import CcnError

app = typer.Typer(
    name="ccn",
    help="OCR, restore and extract tasks from scanned Vietnamese directives, and search them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
model_app = typer.Typer(help="Build and inspect the restoration model in models/.", no_args_is_help=True)
eval_app = typer.Typer(help="Score the pipeline against gold data.", no_args_is_help=True)
app.add_typer(model_app, name="model")
app.add_typer(eval_app, name="eval")

_state = {"debug": False}


@app.callback()
def root(
    debug: Annotated[bool, typer.Option("--debug", help="Show full tracebacks and debug logging.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress details to stderr.")] = False,
) -> None:
    _state["debug"] = debug
    level = logging.DEBUG if debug else logging.INFO if verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr, force=True)


def fail(error: CcnError) -> typer.Exit:
    """Print one line for a domain error and turn it into its exit code."""
    typer.echo(f"error: {error}", err=True)
    return typer.Exit(error.exit_code)


def handles_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a ``CcnError`` raised by a command into one message and its exit code;
    with ``--debug`` let the traceback through."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except CcnError as error:
            if _state["debug"]:
                raise
            raise fail(error) from None

    return wrapper
