"""Keep pydantic out of the command line's start-up.

Typer (0.2x) converts every parameter that is not a plain flag through a pydantic TypeAdapter,
so the first `--knowledge`, question or `--format` of a run imports pydantic and builds
adapters: about 60-100 ms, more than the rest of `policybot ask` together. policybot's
parameters are plain (str, Path without checks, int, Optional[bool], an Enum choice, a list of
str), so for those this converts values directly, with typer's own choice matching and error
type (BadParameter -> exit 2). Anything else, or a typer without these internals, keeps typer's
way: `install()` is a no-op then. tests/test_cli_process.py checks that `policybot ask` does not
import pydantic.
"""
from __future__ import annotations

import typing
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, Callable

_NONE = type(None)


def _unoptional(annotation: Any) -> Any:
    if typing.get_origin(annotation) is typing.Union:
        args = [a for a in typing.get_args(annotation) if a is not _NONE]
        if len(args) == 1:
            return args[0]
    return annotation


def _plain_path(info: Any) -> bool:
    """A Path parameter with none of typer's checks (exists, resolve_path, allow_dash, ...)."""
    return (not getattr(info, "exists", True) and not getattr(info, "resolve_path", True)
            and not getattr(info, "allow_dash", True) and getattr(info, "path_type", 1) is None
            and not getattr(info, "writable", True))


def _converter(annotation: Any, info: Any) -> Callable[[Any, Any], Any] | None:
    """value, ctx -> converted value (ValueError for a bad one); None when typer should decide."""
    if getattr(info, "parser", None) is not None:
        return None
    ann = _unoptional(annotation)
    if typing.get_origin(ann) is list and typing.get_args(ann) == (str,):
        return lambda value, ctx: [str(v) for v in value]
    if ann is str:
        return lambda value, ctx: value if isinstance(value, str) else str(value)
    if ann is bool:
        def to_bool(value: Any, ctx: Any) -> bool:
            if isinstance(value, bool):
                return value
            word = str(value).strip().lower()
            if word in ("1", "true", "t", "yes", "y", "on"):
                return True
            if word in ("0", "false", "f", "no", "n", "off", ""):
                return False
            raise ValueError(f"{value!r} is not a valid boolean.")
        return to_bool
    if ann is int and getattr(info, "min", None) is None and getattr(info, "max", None) is None:
        def to_int(value: Any, ctx: Any) -> int:
            try:
                return int(value)
            except (TypeError, ValueError):
                raise ValueError(f"{value!r} is not a valid integer.") from None
        return to_int
    if isinstance(ann, type) and issubclass(ann, Path) and _plain_path(info):
        return lambda value, ctx: value if isinstance(value, ann) else ann(value)
    if isinstance(ann, type) and issubclass(ann, Enum):
        from typer._param_types import coerce_cli_choice
        choices, case_sensitive = list(ann), bool(getattr(info, "case_sensitive", True))
        return lambda value, ctx: coerce_cli_choice(value, choices=choices, case_sensitive=case_sensitive, ctx=ctx)
    return None


def install() -> bool:
    """Patch typer's parameters to convert plain types without pydantic; False if typer differs."""
    try:
        from typer import _coercion, core
        from typer._click.exceptions import BadParameter
        parameter = core._TyperParameter
        runtime_param = _coercion.RuntimeParam
        original = parameter.get_runtime_param
    except (ImportError, AttributeError):
        return False
    if getattr(original, "_policybot", False):
        return True

    @dataclass(frozen=True)
    class PlainRuntimeParam(runtime_param):  # type: ignore[misc, valid-type]
        convert: Callable[[Any, Any], Any] = None  # type: ignore[assignment]

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                return self.convert(value, ctx)
            except ValueError as error:
                raise BadParameter(str(error), ctx=ctx, param=param) from None

    def get_runtime_param(self: Any) -> Any:
        if getattr(self, "_runtime_param", None) is None:
            try:
                descriptor = self.type_descriptor
                convert = None if descriptor.file_annotation is not None else _converter(
                    descriptor.annotation, descriptor.parameter_info)
                if convert is not None:
                    self._runtime_param = PlainRuntimeParam(
                        parameter_info=descriptor.parameter_info, annotation=descriptor.annotation,
                        convert=convert)
            except (AttributeError, TypeError):
                pass
        return original(self)

    get_runtime_param._policybot = True  # type: ignore[attr-defined]
    parameter.get_runtime_param = get_runtime_param
    return True
