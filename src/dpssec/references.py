"""Citations: every criteria-dependent number in dpssec carries a :class:`Reference`.

A reference names the document, its edition and the clause or table the number comes from,
and says whether the project has read the figure in a primary source (``verified=True``) or
carries it from a secondary or unchecked source (``verified=False``). Results computed from
unverified presets say so, so that nobody presents them to a ministry as normative.

For example:

>>> from dpssec.references import Reference
>>> ref = Reference("AASTP-1", "Ed.1 Ch.2 (2006)", "Annex I-A Table 1, D13")
>>> str(ref)
'AASTP-1 Ed.1 Ch.2 (2006), Annex I-A Table 1, D13'
>>> str(ref.at("Annex I-A Table 1, D14"))
'AASTP-1 Ed.1 Ch.2 (2006), Annex I-A Table 1, D14'
>>> print(Reference("LIS protocol", "2004", "impact score weights", verified=False))
LIS protocol 2004, impact score weights [unverified]
"""

from __future__ import annotations

import attrs

from dpssec.boundary import example, short_repr
from dpssec.errors import InputError

__all__ = ["Reference"]


def _nonempty(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InputError(
            f"Reference: parameter {attribute.name!r} must be a non-empty text; got "
            f"{short_repr(value)}"
        )


@example("IATG 02.20", "2021 (3rd ed.)", "Table 1", url="https://unsaferguard.org")
@attrs.frozen
class Reference:
    """A citation of a document, edition and clause.

    Parameters
    ----------
    document : str
        Short name of the document (``"IATG 02.20"``, ``"AASTP-1"``, ``"ITI"``).
    edition : str
        Edition, change or year (``"2021 (3rd ed.)"``, ``"Ed.1 Ch.2 (2006)"``).
    clause : str
        Clause, table, row or note (``"Table 1, D13"``, ``"§1.3.2.5"``). May be empty when
        the whole document is meant.
    verified : bool
        ``True`` when the figure was read in the primary source; ``False`` for secondary or
        unchecked figures, which are exposed only as overridable presets.
    url : str or None
        Where the document can be read.
    """

    document: str = attrs.field(validator=_nonempty)
    edition: str = attrs.field(validator=attrs.validators.instance_of(str))
    clause: str = attrs.field(default="", validator=attrs.validators.instance_of(str))
    verified: bool = attrs.field(default=True, validator=attrs.validators.instance_of(bool))
    url: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(str))
    )

    def __str__(self) -> str:
        text = f"{self.document} {self.edition}".strip()
        if self.clause:
            text = f"{text}, {self.clause}"
        if not self.verified:
            text = f"{text} [unverified]"
        return text

    def at(self, clause: str, *, verified: bool | None = None) -> Reference:
        """The same document and edition at another clause (optionally changing ``verified``)."""
        return attrs.evolve(
            self, clause=clause, verified=self.verified if verified is None else verified
        )
