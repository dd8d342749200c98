"""Marking profiles: which marks each instrument asks for, as data with their clauses.

Five profiles are defined (``arms.md`` §9 of the project reference). None of their texts has been
read in the primary source by the project, so every clause carries ``verified=False``; the
profile's :attr:`MarkingProfile.source_status` says whether the content is known from a
secondary source (``"secondary"``) or not even that (``"unverified"``):

* ``"ITI"``: International Tracing Instrument (2005) para 8(a) manufacture and 8(b) import
  marks; year, type/model and calibre only encouraged [secondary];
* ``"UN Firearms Protocol"``: Art. 8(1)(a)/(b), content as the ITI without the encouraged items
  [unverified exact text];
* ``"CIFTA"``: Art. VI, manufacturer, place of manufacture, serial; importer identification on
  imports [unverified exact text, content from a secondary fact sheet];
* ``"ISACS 05.30"``: the recommended manufacture mark (country as ISO alpha-2, manufacturer,
  two-digit year, model, serial, calibre) on the frame or receiver, serial also on a
  pressure-bearing part, import country and year on the frame or receiver [secondary];
* ``"EU"``: Directive 91/477/EEC as amended by 2008/51/EC, the ITI content plus the year of
  manufacture as a mandatory mark unless it is part of the serial number [secondary].

ITI para 8(c) and CIFTA's marks for transfers from government stocks and confiscated firearms
are not modelled (the record has no field saying a weapon went through such a transfer).

For example:

>>> from dpssec.arms.firearms import MARKING_PROFILES
>>> sorted(MARKING_PROFILES)
['CIFTA', 'EU', 'ISACS 05.30', 'ITI', 'UN Firearms Protocol']
>>> p = MARKING_PROFILES["EU"]
>>> p.verified, p.source_status, len(p.rules)
(False, 'secondary', 6)
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType

import attrs

from dpssec.arms.firearms.records import PRESSURE_BEARING_PARTS, FirearmPart, MarkKind
from dpssec.boundary import Preset, calculator, example_by
from dpssec.findings import Severity
from dpssec.references import Reference

__all__ = [
    "CIFTA",
    "EU_DIRECTIVE",
    "ISACS_05_30",
    "ITI",
    "MARKING_PROFILE",
    "MARKING_PROFILES",
    "MarkingProfile",
    "MarkingRule",
    "MarkRequirement",
    "UN_FIREARMS_PROTOCOL",
    "marking_profile",
]


class MarkRequirement(enum.Enum):
    """How strongly a profile asks for a mark; sets the severity of a missing mark."""

    REQUIRED = "required"
    RECOMMENDED = "recommended"
    ENCOURAGED = "encouraged"

    @property
    def severity(self) -> Severity:
        """VIOLATION for required, WARNING for recommended, INFO for encouraged marks."""
        return {
            MarkRequirement.REQUIRED: Severity.VIOLATION,
            MarkRequirement.RECOMMENDED: Severity.WARNING,
            MarkRequirement.ENCOURAGED: Severity.INFO,
        }[self]


@example_by(lambda: ITI.rules[0])
@attrs.frozen
class MarkingRule:
    """One mark a profile asks for.

    Attributes
    ----------
    code : str
        Short identifier, e.g. ``"iti-8a-serial"``.
    kind : MarkKind
        The mark asked for.
    requirement : MarkRequirement
    reference : Reference
        The clause that asks for it.
    description : str
        What a person reads.
    accepted : tuple of MarkKind
        Mark kinds that satisfy the rule (default: ``kind`` only), e.g. a country mark for
        "country or place of manufacture".
    parts : tuple of FirearmPart
        Where the mark must be; empty means anywhere on the weapon.
    imported_only : bool
        The rule applies only to weapons whose record names an import country.
    alternative_mark_ok : bool
        An alternative unique mark (geometric symbols with a code, ITI para 8(a)) satisfies it.
    year_in_serial_ok : bool
        A serial number containing the four-digit year of manufacture satisfies it (EU).
    alpha2_country : bool
        The country must be written as the ISO 3166 alpha-2 code (ISACS 05.30).
    """

    code: str
    kind: MarkKind
    requirement: MarkRequirement
    reference: Reference
    description: str
    accepted: tuple[MarkKind, ...] = ()
    parts: tuple[FirearmPart, ...] = ()
    imported_only: bool = False
    alternative_mark_ok: bool = False
    year_in_serial_ok: bool = False
    alpha2_country: bool = False

    @property
    def accepted_kinds(self) -> tuple[MarkKind, ...]:
        return self.accepted or (self.kind,)


@example_by(lambda: ITI)
@attrs.frozen
class MarkingProfile:
    """A named set of marking rules from one instrument.

    Attributes
    ----------
    name : str
        Key in :data:`MARKING_PROFILES`.
    title : str
        The instrument's full name.
    rules : tuple of MarkingRule
    source_status : str
        ``"verified"``, ``"secondary"`` or ``"unverified"`` (tags of the project reference).
    notes : str
        What the profile leaves out.
    """

    name: str
    title: str
    rules: tuple[MarkingRule, ...]
    source_status: str
    notes: str = ""

    @property
    def verified(self) -> bool:
        """True only when every clause of the profile has been read in its primary source."""
        return all(rule.reference.verified for rule in self.rules)


_R, _REC, _ENC = MarkRequirement.REQUIRED, MarkRequirement.RECOMMENDED, MarkRequirement.ENCOURAGED
_K = MarkKind
_FRAME = (FirearmPart.FRAME_OR_RECEIVER,)

_ITI = Reference(
    "International Tracing Instrument (ITI)", "UNGA, adopted 8 Dec 2005", verified=False
)
_PROTOCOL = Reference("UN Firearms Protocol", "2001 (UNTC XVIII-12-c)", verified=False)
_CIFTA = Reference("CIFTA", "1997 (OAS treaty A-63)", verified=False)
_ISACS = Reference(
    "ISACS 05.30 Marking and recordkeeping",
    "edition not checked (now MOSAIC 05.30)",
    verified=False,
)
_EU = Reference(
    "Directive 91/477/EEC as amended by Directive 2008/51/EC",
    "2008",
    verified=False,
)

ITI: MarkingProfile = MarkingProfile(
    name="ITI",
    title="International Instrument to Enable States to Identify and Trace, in a Timely and "
    "Reliable Manner, Illicit Small Arms and Light Weapons",
    source_status="secondary",
    rules=(
        MarkingRule(
            "iti-8a-manufacturer",
            _K.MANUFACTURER,
            _R,
            _ITI.at("para 8(a)"),
            "name of the manufacturer, marked at manufacture",
            alternative_mark_ok=True,
        ),
        MarkingRule(
            "iti-8a-country",
            _K.COUNTRY_OF_MANUFACTURE,
            _R,
            _ITI.at("para 8(a)"),
            "country of manufacture, marked at manufacture",
            alternative_mark_ok=True,
        ),
        MarkingRule(
            "iti-8a-serial",
            _K.SERIAL_NUMBER,
            _R,
            _ITI.at("para 8(a)"),
            "serial number, marked at manufacture",
            alternative_mark_ok=True,
        ),
        MarkingRule(
            "iti-8a-year",
            _K.YEAR_OF_MANUFACTURE,
            _ENC,
            _ITI.at("para 8(a)"),
            "year of manufacture (encouraged)",
        ),
        MarkingRule(
            "iti-8a-model",
            _K.MODEL,
            _ENC,
            _ITI.at("para 8(a)"),
            "weapon type or model (encouraged)",
        ),
        MarkingRule(
            "iti-8a-calibre", _K.CALIBRE, _ENC, _ITI.at("para 8(a)"), "calibre (encouraged)"
        ),
        MarkingRule(
            "iti-8b-import-country",
            _K.IMPORT_COUNTRY,
            _R,
            _ITI.at("para 8(b)"),
            "country of import, marked on import",
            imported_only=True,
        ),
        MarkingRule(
            "iti-8b-import-year",
            _K.IMPORT_YEAR,
            _REC,
            _ITI.at("para 8(b)"),
            "year of import, where possible",
            imported_only=True,
        ),
    ),
    notes="Para 8(c) (transfer from government stocks to civilian use) is not modelled; "
    "para 7 (exposed surface, conspicuous, durable) cannot be checked from a record.",
)

UN_FIREARMS_PROTOCOL = MarkingProfile(
    name="UN Firearms Protocol",
    title="Protocol against the Illicit Manufacturing of and Trafficking in Firearms, Their "
    "Parts and Components and Ammunition (UNTOC)",
    source_status="unverified",
    rules=(
        MarkingRule(
            "protocol-8-1a-manufacturer",
            _K.MANUFACTURER,
            _R,
            _PROTOCOL.at("Art. 8(1)(a)"),
            "name of the manufacturer",
            alternative_mark_ok=True,
        ),
        MarkingRule(
            "protocol-8-1a-country",
            _K.COUNTRY_OF_MANUFACTURE,
            _R,
            _PROTOCOL.at("Art. 8(1)(a)"),
            "country or place of manufacture",
            accepted=(_K.COUNTRY_OF_MANUFACTURE, _K.PLACE_OF_MANUFACTURE),
            alternative_mark_ok=True,
        ),
        MarkingRule(
            "protocol-8-1a-serial",
            _K.SERIAL_NUMBER,
            _R,
            _PROTOCOL.at("Art. 8(1)(a)"),
            "serial number",
            alternative_mark_ok=True,
        ),
        MarkingRule(
            "protocol-8-1b-import-country",
            _K.IMPORT_COUNTRY,
            _R,
            _PROTOCOL.at("Art. 8(1)(b)"),
            "country of import",
            imported_only=True,
        ),
        MarkingRule(
            "protocol-8-1b-import-year",
            _K.IMPORT_YEAR,
            _REC,
            _PROTOCOL.at("Art. 8(1)(b)"),
            "year of import, where possible",
            imported_only=True,
        ),
    ),
    notes="Content after the project reference's summary ('~ ITI'); the exact Art. 8 text "
    "has not been checked. Art. 8(1)(c) (transfer to civilian use) is not modelled.",
)

CIFTA = MarkingProfile(
    name="CIFTA",
    title="Inter-American Convention against the Illicit Manufacturing of and Trafficking in "
    "Firearms, Ammunition, Explosives and Other Related Materials",
    source_status="unverified",
    rules=(
        MarkingRule(
            "cifta-6-1a-manufacturer",
            _K.MANUFACTURER,
            _R,
            _CIFTA.at("Art. VI(1)(a)"),
            "name of the manufacturer",
        ),
        MarkingRule(
            "cifta-6-1a-place",
            _K.PLACE_OF_MANUFACTURE,
            _R,
            _CIFTA.at("Art. VI(1)(a)"),
            "place of manufacture (a country mark also identifies it)",
            accepted=(_K.PLACE_OF_MANUFACTURE, _K.COUNTRY_OF_MANUFACTURE),
        ),
        MarkingRule(
            "cifta-6-1a-serial",
            _K.SERIAL_NUMBER,
            _R,
            _CIFTA.at("Art. VI(1)(a)"),
            "serial number",
        ),
        MarkingRule(
            "cifta-6-1b-importer",
            _K.IMPORTER,
            _R,
            _CIFTA.at("Art. VI(1)(b)"),
            "identification of the importer, on imported firearms",
            imported_only=True,
        ),
    ),
    notes="Content from a secondary fact sheet; the Art. VI text has not been checked. Marks "
    "of confiscated or forfeited firearms retained for official use are not modelled.",
)

ISACS_05_30 = MarkingProfile(
    name="ISACS 05.30",
    title="ISACS 05.30 Marking and recordkeeping (now MOSAIC 05.30): recommended content",
    source_status="secondary",
    rules=(
        MarkingRule(
            "isacs-country",
            _K.COUNTRY_OF_MANUFACTURE,
            _REC,
            _ISACS.at("recommended manufacture mark"),
            "country of manufacture as the two-letter ISO 3166 code, on the frame or receiver",
            parts=_FRAME,
            alpha2_country=True,
        ),
        MarkingRule(
            "isacs-manufacturer",
            _K.MANUFACTURER,
            _REC,
            _ISACS.at("recommended manufacture mark"),
            "manufacturer code, on the frame or receiver",
            parts=_FRAME,
        ),
        MarkingRule(
            "isacs-year",
            _K.YEAR_OF_MANUFACTURE,
            _REC,
            _ISACS.at("recommended manufacture mark"),
            "two-digit year of manufacture, on the frame or receiver",
            parts=_FRAME,
        ),
        MarkingRule(
            "isacs-model",
            _K.MODEL,
            _REC,
            _ISACS.at("recommended manufacture mark"),
            "type or model code, on the frame or receiver",
            parts=_FRAME,
        ),
        MarkingRule(
            "isacs-serial-frame",
            _K.SERIAL_NUMBER,
            _R,
            _ISACS.at("marking of the frame or receiver"),
            "serial number on the frame or receiver (marking the frame is mandatory)",
            parts=_FRAME,
        ),
        MarkingRule(
            "isacs-calibre",
            _K.CALIBRE,
            _REC,
            _ISACS.at("recommended manufacture mark"),
            "calibre, on the frame or receiver",
            parts=_FRAME,
        ),
        MarkingRule(
            "isacs-serial-pressure-parts",
            _K.SERIAL_NUMBER,
            _ENC,
            _ISACS.at("marking of pressure-bearing parts"),
            "serial number also on a pressure-bearing part (barrel, slide, bolt, cylinder, "
            "breech block)",
            parts=PRESSURE_BEARING_PARTS,
        ),
        MarkingRule(
            "isacs-import-country",
            _K.IMPORT_COUNTRY,
            _REC,
            _ISACS.at("import mark"),
            "country of import on the frame or receiver",
            parts=_FRAME,
            imported_only=True,
        ),
        MarkingRule(
            "isacs-import-year",
            _K.IMPORT_YEAR,
            _REC,
            _ISACS.at("import mark"),
            "year of import on the frame or receiver",
            parts=_FRAME,
            imported_only=True,
        ),
    ),
    notes="Marks at transfer to civilian use, confiscation and deactivation, and the marking "
    "of ammunition packaging, are not modelled.",
)

_EU_MARK = "Art. 4(2)(a) of 91/477/EEC as amended (clause number not checked)"
EU_DIRECTIVE = MarkingProfile(
    name="EU",
    title="EU firearms directive 91/477/EEC as amended by 2008/51/EC (stricter profile)",
    source_status="secondary",
    rules=(
        MarkingRule(
            "eu-manufacturer", _K.MANUFACTURER, _R, _EU.at(_EU_MARK), "name of the manufacturer"
        ),
        MarkingRule(
            "eu-country",
            _K.COUNTRY_OF_MANUFACTURE,
            _R,
            _EU.at(_EU_MARK),
            "country or place of manufacture",
            accepted=(_K.COUNTRY_OF_MANUFACTURE, _K.PLACE_OF_MANUFACTURE),
        ),
        MarkingRule("eu-serial", _K.SERIAL_NUMBER, _R, _EU.at(_EU_MARK), "serial number"),
        MarkingRule(
            "eu-year",
            _K.YEAR_OF_MANUFACTURE,
            _R,
            _EU.at(_EU_MARK),
            "year of manufacture, unless it is part of the serial number",
            year_in_serial_ok=True,
        ),
        MarkingRule(
            "eu-import-country",
            _K.IMPORT_COUNTRY,
            _R,
            _EU.at("import marking"),
            "country of import",
            imported_only=True,
        ),
        MarkingRule(
            "eu-import-year",
            _K.IMPORT_YEAR,
            _REC,
            _EU.at("import marking"),
            "year of import",
            imported_only=True,
        ),
    ),
    notes="The 2008 text has since been amended (2017) and codified (2021); those editions "
    "have not been checked. An alternative symbol mark is not accepted in this profile.",
)

MARKING_PROFILES: Mapping[str, MarkingProfile] = MappingProxyType(
    {p.name: p for p in (ITI, UN_FIREARMS_PROTOCOL, CIFTA, ISACS_05_30, EU_DIRECTIVE)}
)
"""The marking profiles by name."""

MARKING_PROFILE = Preset(
    MARKING_PROFILES,
    MarkingProfile,
    aliases={
        "Protocol": "UN Firearms Protocol",
        "Firearms Protocol": "UN Firearms Protocol",
        "ISACS": "ISACS 05.30",
        "MOSAIC 05.30": "ISACS 05.30",
        "MOSAIC": "ISACS 05.30",
        "EU Directive": "EU",
    },
)
"""A ``profile`` parameter: a :class:`MarkingProfile`, or the name of one (synonyms forgiven)."""


@calculator(profile=MARKING_PROFILE, example={"profile": "protocol"})
def marking_profile(profile: str | MarkingProfile) -> MarkingProfile:
    """A profile by name (case-insensitive; ``"Protocol"`` and ``"ISACS"`` also work).

    Parameters
    ----------
    profile : str or MarkingProfile
        A name of :data:`MARKING_PROFILES` or a synonym; a profile is returned as it is.

    Returns
    -------
    MarkingProfile

    Raises
    ------
    InputError
        An unknown name, with the names and the closest one.

    Examples
    --------
    >>> from dpssec.arms.firearms import marking_profile
    >>> marking_profile("protocol").name
    'UN Firearms Protocol'
    """
    chosen: MarkingProfile = profile  # type: ignore[assignment]  # parsed by the spec
    return chosen
