"""One parser for every choice: enum members, method names and their documented synonyms.

A choice is given by an enum member, by its value or its name (case-insensitive, with ``-``,
``_``, spaces and ``.`` between words treated alike only where that stays unambiguous), or by a
documented synonym registered once beside the enum with :func:`register_aliases`. Models,
calculators, the JSON reader and the command line all call :func:`parse_choice`, so a name
accepts the same spellings everywhere.

For example:

>>> import enum
>>> from dpssec.boundary import parse_choice, register_aliases
>>> class Outcome(enum.Enum):
...     KILLED = "killed"
...     INJURED = "injured"
>>> register_aliases(Outcome, {"dead": Outcome.KILLED})
>>> parse_choice("Killed", Outcome, "outcome"), parse_choice("dead", Outcome, "outcome")
(<Outcome.KILLED: 'killed'>, <Outcome.KILLED: 'killed'>)
>>> parse_choice("wounded", Outcome, "outcome")
Traceback (most recent call last):
...
dpssec.errors.InputError: parameter 'outcome': 'wounded' is not one of 'killed', 'injured'
"""

from __future__ import annotations

import difflib
import enum
import re
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from dpssec.boundary.arrays import short_repr
from dpssec.errors import InputError

__all__ = ["choice_key", "choice_values", "parse_choice", "register_aliases"]

E = TypeVar("E", bound=enum.Enum)

_SEPARATORS = re.compile(r"[\s_\-]+")

_ALIASES: dict[type[enum.Enum], dict[str, enum.Enum]] = {}
_HINTS: dict[type[enum.Enum], dict[str, str]] = {}
_TABLES: dict[Any, dict[str, Any]] = {}


def choice_key(text: str) -> str:
    """The normalised spelling used for look-ups: case-folded, separators as one ``_``.

    Examples
    --------
    >>> from dpssec.boundary import choice_key
    >>> choice_key(" Barricaded-Stack "), choice_key("clopper pearson")
    ('barricaded_stack', 'clopper_pearson')
    """
    return _SEPARATORS.sub("_", text.strip().casefold()).strip("_")


def register_aliases(
    enum_cls: type[E],
    aliases: Mapping[str, E | str],
    *,
    hints: Mapping[str, str] | None = None,
) -> None:
    """Record documented synonyms for an enum's members (once, beside the enum).

    Parameters
    ----------
    enum_cls : Enum subclass
    aliases : mapping
        Synonym to member (or to the member's value or name).
    hints : mapping, optional
        Spellings that name no single member but whose meaning is known (hazard division
        ``"1.2"``, which must be given as ``"1.2.1"`` or ``"1.2.2"``), each with the message
        :func:`parse_choice` gives instead of its guess of the closest choice.

    Raises
    ------
    TypeError
        A synonym that names two different members (a programming error, found at import).

    Examples
    --------
    >>> import enum
    >>> from dpssec.boundary import parse_choice, register_aliases
    >>> class Size(enum.Enum):
    ...     SMALL_ARMS = "small arms"
    ...     LIGHT_WEAPONS = "light weapons"
    >>> register_aliases(Size, {"SALW": "small arms"},
    ...                  hints={"weapons": "say 'small arms' or 'light weapons'"})
    >>> parse_choice("salw", Size, "size")
    <Size.SMALL_ARMS: 'small arms'>
    >>> parse_choice("Weapons", Size, "size")
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: parameter 'size': 'Weapons' is not one of 'small arms', 'light weapons'; say 'small arms' or 'light weapons'
    """
    for text, message in (hints or {}).items():
        _HINTS.setdefault(enum_cls, {})[choice_key(text)] = message
    table = _ALIASES.setdefault(enum_cls, {})
    for alias, target in aliases.items():
        found = target if isinstance(target, enum_cls) else _lookup_plain(enum_cls, str(target))
        if found is None:
            raise TypeError(f"register_aliases: {target!r} is not a member of {enum_cls.__name__}")
        key = choice_key(alias)
        if table.get(key, found) is not found:
            raise TypeError(f"register_aliases: {alias!r} already means {table[key]}")
        table[key] = found
    _TABLES.pop(enum_cls, None)


def _lookup_plain(enum_cls: type[enum.Enum], text: str) -> enum.Enum | None:
    key = choice_key(text)
    for member in enum_cls:
        if choice_key(str(member.value)) == key or choice_key(member.name) == key:
            return member
    return None


def _table(choices: Any, extra: Mapping[str, Any] | None) -> dict[str, Any]:
    cache_key: Any = (choices, tuple(sorted((extra or {}).items(), key=lambda kv: kv[0])))
    try:
        cached = _TABLES.get(cache_key)
    except TypeError:  # unhashable extras: build each time
        cached, cache_key = None, None
    if cached is not None:
        return cached
    table: dict[str, Any] = {}

    def add(key: str, target: Any) -> None:
        if table.get(key, target) != target:
            raise TypeError(f"choice {key!r} is ambiguous: {table[key]!r} or {target!r}")
        table[key] = target

    if isinstance(choices, type) and issubclass(choices, enum.Enum):
        for member in choices:
            add(choice_key(str(member.value)), member)
        for member in choices:
            table.setdefault(choice_key(member.name), member)
        for key, member in _ALIASES.get(choices, {}).items():
            table.setdefault(key, member)
        for alias, target in (extra or {}).items():
            hit = target if isinstance(target, choices) else _lookup_plain(choices, str(target))
            table.setdefault(choice_key(alias), hit)
    else:
        for value in choices:
            add(choice_key(value), value)
        for alias, target in (extra or {}).items():
            if target not in choices:
                raise TypeError(f"alias {alias!r} points to {target!r}, not one of {choices}")
            table.setdefault(choice_key(alias), target)
    if cache_key is not None:
        _TABLES[cache_key] = table
    return table


def choice_values(choices: type[enum.Enum] | Iterable[str]) -> tuple[str, ...]:
    """The canonical spellings of a choice, as shown in messages and docs."""
    if isinstance(choices, type) and issubclass(choices, enum.Enum):
        return tuple(str(m.value) for m in choices)
    return tuple(choices)


def parse_choice(
    value: Any,
    choices: type[E] | tuple[str, ...],
    name: str,
    *,
    aliases: Mapping[str, Any] | None = None,
) -> Any:
    """Return the member (or canonical string) that ``value`` names, or refuse it.

    Parameters
    ----------
    value : enum member or str
        The choice as given.
    choices : Enum subclass or tuple of str
        The accepted choices.
    name : str
        The parameter name, for the message.
    aliases : mapping, optional
        Extra synonyms for this parameter only.

    Returns
    -------
    Enum member or str

    Raises
    ------
    InputError
        Anything that names no choice (text, a number, an array, None), with the accepted
        spellings and the closest one.

    Examples
    --------
    >>> from dpssec.boundary import parse_choice
    >>> parse_choice("Wilson", ("wilson", "clopper-pearson"), "method")
    'wilson'
    """
    if isinstance(choices, type) and isinstance(value, choices):
        return value
    if isinstance(value, enum.Enum) and not isinstance(choices, type):
        value = value.value
    table = _table(choices, aliases)
    accepted = choice_values(choices)
    if not isinstance(value, str):
        raise InputError(
            f"parameter {name!r} must be one of {', '.join(map(repr, accepted))}; "
            f"got {short_repr(value)} ({type(value).__name__})"
        )
    found = table.get(choice_key(value))
    if found is not None:
        return found
    known = _HINTS.get(choices, {}) if isinstance(choices, type) else {}
    close = difflib.get_close_matches(choice_key(value), list(table), n=1, cutoff=0.6)
    hint = ""
    if choice_key(value) in known:
        hint = f"; {known[choice_key(value)]}"
    elif close:
        target = table[close[0]]
        shown = target.value if isinstance(target, enum.Enum) else target
        hint = f"; did you mean {shown!r}?"
    raise InputError(
        f"parameter {name!r}: {value!r} is not one of {', '.join(map(repr, accepted))}{hint}"
    )
