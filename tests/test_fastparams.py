"""_fastparams: typer's parameters converted without pydantic, with typer's errors and exit 2."""
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
from typer.testing import CliRunner

from policybot.fronts.terminal import _fastparams

runner = CliRunner()


class Colour(str, Enum):
    red = "red"
    blue = "blue"


def make_app():
    app = typer.Typer()
    seen = {}

    @app.command()
    def cmd(words: Optional[List[str]] = typer.Argument(None),
            colour: Colour = typer.Option(Colour.red, case_sensitive=False),
            folder: Optional[Path] = typer.Option(None),
            port: int = typer.Option(3000),
            flag: Optional[bool] = typer.Option(None, "--flag/--no-flag"),
            name: str = typer.Option("x")):
        seen.update(words=words, colour=colour, folder=folder, port=port, flag=flag, name=name)
    return app, seen


def test_installs_once():
    assert _fastparams.install() is True
    assert _fastparams.install() is True


def test_plain_values_convert_like_typer():
    app, seen = make_app()
    result = runner.invoke(app, ["a", "b", "--colour", "BLUE", "--folder", "kb", "--port", "8080", "--no-flag",
                                 "--name", "n"])
    assert result.exit_code == 0, result.output
    assert seen == dict(words=["a", "b"], colour=Colour.blue, folder=Path("kb"), port=8080, flag=False, name="n")
    result = runner.invoke(app, [])
    assert seen == dict(words=None, colour=Colour.red, folder=None, port=3000, flag=None, name="x")


def test_bad_values_are_usage_errors():
    app, _ = make_app()
    assert runner.invoke(app, ["--port", "http"]).exit_code == 2
    assert runner.invoke(app, ["--colour", "green"]).exit_code == 2


def test_other_types_are_left_to_typer():
    assert _fastparams._converter(float, typer.models.OptionInfo()) is None
    assert _fastparams._converter(Path, typer.models.OptionInfo(exists=True)) is None
    assert _fastparams._converter(str, typer.models.OptionInfo(parser=str.upper)) is None
