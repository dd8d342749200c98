"""Disaggregations of a submitted value: the dimensions and their categories, in four languages.

A submission's ``disaggregation`` column says which part of a total a value counts:
``total`` (or empty), or ``dimension:category`` such as ``sex:female``, ``age:15-24``,
``status:unsentenced`` or ``outcome:killed``. Dimensions and categories are recognised in
English, Spanish, Portuguese and French, with or without accents (``sexo: mujeres``,
``sexe=femmes``), and a category alone names its dimension (``mujeres`` is ``sex:female``,
``65+`` is ``age:65+``). :func:`parse_disaggregation` gives the canonical text.

Each :class:`Dimension` says which categories make a complete breakdown of the total
(female and male, with unknown counted as 0 when absent) and which overlap the others and are
left out of sums (the World Prison Brief's ``remand`` includes persons sentenced but awaiting
appeal). Age bands are complete when they cover all ages from 0 with an open last band.

For example:

>>> from dpssec.indicators.disaggregations import parse_disaggregation
>>> parse_disaggregation("Sexo: Mujeres"), parse_disaggregation("65 y más")
('sex:female', 'age:65+')
>>> parse_disaggregation(""), parse_disaggregation("situación: sin condena")
('total', 'status:unsentenced')
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from dpssec.boundary import Records, Text, example
from dpssec.indicators.catalogue_entry import NAMES, search_key

__all__ = [
    "DIMENSIONS",
    "TOTAL",
    "Category",
    "Dimension",
    "age_band",
    "age_bands_complete",
    "parse_disaggregation",
    "split_disaggregation",
]

TOTAL = "total"
"""The canonical disaggregation of a whole (no breakdown)."""


def _key(text: str) -> str:
    return search_key(text).replace(" ", "_")


def _keys(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(_key(n) for n in names)


@example("female", ("women", "mujeres", "mulheres", "femmes"))
@attrs.frozen
class Category:
    """A category of a dimension and the names it is written with.

    Attributes
    ----------
    code : str
        The canonical code (``"female"``).
    names : tuple of str
        Synonyms in English, Spanish, Portuguese and French (accents and case are ignored).
    """

    code: str = Text().field()
    names: tuple[str, ...] = NAMES.field(default=())

    def matches(self, key: str) -> bool:
        return key == _key(self.code) or key in _keys(self.names)


def _categories(value: Iterable[Category]) -> tuple[Category, ...]:
    categories: tuple[Category, ...] = Records(Category).convert(value, "categories")
    return categories


@example("sex", ("sexo", "sexe"), (Category("female"), Category("male")), ("female", "male"))
@attrs.frozen
class Dimension:
    """A dimension of disaggregation.

    Attributes
    ----------
    code : str
        ``"sex"``, ``"age"``, ``"status"``, ``"outcome"``.
    names : tuple of str
        The dimension's name in the four languages.
    categories : tuple of Category
        Known categories (for ``age``, only ``unknown``: bands are parsed).
    required : tuple of str
        Categories a complete breakdown must have (their sum is the total).
    optional : tuple of str
        Categories added to the sum when present, taken as 0 when absent (``unknown``).
    overlapping : tuple of str
        Categories that overlap others and are never summed.
    """

    code: str = Text().field()
    names: tuple[str, ...] = NAMES.field(default=())
    categories: tuple[Category, ...] = attrs.field(default=(), converter=_categories)
    required: tuple[str, ...] = NAMES.field(default=())
    optional: tuple[str, ...] = NAMES.field(default=())
    overlapping: tuple[str, ...] = NAMES.field(default=())

    def matches(self, key: str) -> bool:
        return key == _key(self.code) or key in _keys(self.names)

    def category(self, text: str) -> str | None:
        """The canonical code of a category written as ``text``, or None."""
        key = _key(text)
        if self.code == "age":
            band = age_band(text)
            if band is not None:
                low, high = band
                return f"{low}+" if high is None else f"{low}-{high}"
        for category in self.categories:
            if category.matches(key):
                return category.code
        return None

    @property
    def summed(self) -> tuple[str, ...]:
        """The categories whose values add up to the total."""
        return (*self.required, *self.optional)


_UNKNOWN = Category(
    "unknown",
    (
        "not stated",
        "unspecified",
        "not known",
        "desconocido",
        "desconocida",
        "no especificado",
        "sin dato",
        "sin datos",
        "ignorado",
        "desconhecido",
        "nao informado",
        "não informado",
        "inconnu",
        "non precise",
        "non précisé",
        "non declare",
    ),
)

DIMENSIONS: tuple[Dimension, ...] = (
    Dimension(
        "sex",
        ("gender", "sexo", "genero", "género", "sexe", "genre"),
        (
            Category(
                "female",
                (
                    "f",
                    "woman",
                    "women",
                    "females",
                    "mujer",
                    "mujeres",
                    "femenino",
                    "mulher",
                    "mulheres",
                    "feminino",
                    "femme",
                    "femmes",
                    "feminin",
                ),
            ),
            Category(
                "male",
                (
                    "m",
                    "man",
                    "men",
                    "males",
                    "hombre",
                    "hombres",
                    "varon",
                    "varones",
                    "masculino",
                    "homem",
                    "homens",
                    "homme",
                    "hommes",
                    "masculin",
                ),
            ),
            _UNKNOWN,
        ),
        required=("female", "male"),
        optional=("unknown",),
    ),
    Dimension("age", ("edad", "idade", "age_group", "grupo de edad", "faixa etaria"), (_UNKNOWN,)),
    Dimension(
        "status",
        (
            "sentencing status",
            "legal status",
            "situacion juridica",
            "situação jurídica",
            "situacion",
            "situação",
            "statut",
            "situation penale",
        ),
        (
            Category(
                "sentenced",
                (
                    "convicted",
                    "with sentence",
                    "condenado",
                    "condenados",
                    "sentenciado",
                    "sentenciados",
                    "con condena",
                    "con sentencia",
                    "condenada",
                    "com condenacao",
                    "condenados definitivos",
                    "condamne",
                    "condamnes",
                ),
            ),
            Category(
                "unsentenced",
                (
                    "untried",
                    "without sentence",
                    "sin condena",
                    "sin sentencia",
                    "procesado",
                    "procesados",
                    "sem condenacao",
                    "non condamne",
                    "non condamnes",
                    "non juge",
                    "non juges",
                ),
            ),
            Category(
                "remand",
                (
                    "pretrial",
                    "pre-trial",
                    "pre trial",
                    "remand prisoners",
                    "prision preventiva",
                    "preventiva",
                    "presos provisorios",
                    "provisorios",
                    "prevenus",
                    "detention provisoire",
                ),
            ),
        ),
        required=("sentenced", "unsentenced"),
        overlapping=("remand",),
    ),
    Dimension(
        "outcome",
        ("resultado", "desfecho", "issue", "consequence"),
        (
            Category(
                "killed",
                (
                    "dead",
                    "died",
                    "deaths",
                    "muerto",
                    "muertos",
                    "fallecido",
                    "fallecidos",
                    "morto",
                    "mortos",
                    "tue",
                    "tues",
                    "tué",
                    "tués",
                ),
            ),
            Category(
                "injured",
                (
                    "wounded",
                    "herido",
                    "heridos",
                    "lesionado",
                    "lesionados",
                    "ferido",
                    "feridos",
                    "blesse",
                    "blesses",
                ),
            ),
            _UNKNOWN,
        ),
        required=("killed", "injured"),
        optional=("unknown",),
    ),
)
"""The dimensions whose breakdowns the validation checks."""

_TOTAL_NAMES = frozenset(
    _keys(("total", "all", "todos", "todas", "total general", "tous", "ensemble", "both sexes"))
)
_BAND = re.compile(r"^(\d{1,3})\s*(?:-|–|—|a|to|à)\s*(\d{1,3})$")
_OPEN = re.compile(
    r"^(\d{1,3})\s*(?:\+|and over|and more|or more|y mas|y más|e mais|ou mais|et plus|ou plus)$"
)


def age_band(text: str) -> tuple[int, int | None] | None:
    """The (lower, upper) years of an age band written as ``text``; upper None when open.

    Examples
    --------
    >>> from dpssec.indicators.disaggregations import age_band
    >>> age_band("15-24"), age_band("65 y más"), age_band("adults")
    ((15, 24), (65, None), None)
    """
    plain = search_key(text).replace(" ", "") if text else ""
    raw = str(text).strip().casefold()
    match = _BAND.match(raw) or _BAND.match(plain.replace("_", ""))
    if match:
        low, high = int(match.group(1)), int(match.group(2))
        return (low, high) if low <= high else None
    words = search_key(text)
    match = _OPEN.match(raw) or _OPEN.match(words)
    if match:
        return int(match.group(1)), None
    return None


def age_bands_complete(bands: Iterable[str]) -> bool:
    """Whether age bands (canonical codes, ``unknown`` allowed) cover all ages from 0 once.

    Examples
    --------
    >>> from dpssec.indicators.disaggregations import age_bands_complete
    >>> age_bands_complete(["0-17", "18+"]), age_bands_complete(["0-17", "25+"])
    (True, False)
    """
    parsed = []
    for band in bands:
        if band == "unknown":
            continue
        found = age_band(band)
        if found is None:
            return False
        parsed.append(found)
    parsed.sort(key=lambda b: b[0])
    expected = 0
    for position, (low, high) in enumerate(parsed):
        if low != expected:
            return False
        if high is None:
            return position == len(parsed) - 1
        expected = high + 1
    return False


def _dimension(text: str) -> Dimension | None:
    key = _key(text)
    for dimension in DIMENSIONS:
        if dimension.matches(key):
            return dimension
    return None


def _one(part: str) -> str:
    for separator in (":", "="):
        if separator in part:
            name, _, value = part.partition(separator)
            dimension = _dimension(name)
            if dimension is None:
                return f"{_key(name)}:{_key(value)}"
            category = dimension.category(value)
            return f"{dimension.code}:{category or _key(value)}"
    if age_band(part) is not None:
        age = _dimension("age")
        assert age is not None
        return f"age:{age.category(part)}"
    found = [(d, d.category(part)) for d in DIMENSIONS if d.code != "age"]
    matches = [(d, c) for d, c in found if c is not None]
    if len(matches) == 1:
        dimension, category = matches[0]
        return f"{dimension.code}:{category}"
    return _key(part)


def parse_disaggregation(text: object) -> str:
    """The canonical form of a disaggregation: ``total`` or ``dimension:category[;...]``.

    Empty cells and ``total``/``todos``/``ensemble`` are the total; parts of a combined
    breakdown (``sex:female;age:0-17``, also with ``,`` or ``|``) are sorted by dimension.
    Unknown dimensions are kept (normalised), never refused: the identity checks ignore them.

    Examples
    --------
    >>> from dpssec.indicators.disaggregations import parse_disaggregation
    >>> parse_disaggregation("Sexe=Femmes; Âge=0-17")
    'age:0-17;sex:female'
    >>> parse_disaggregation("outcome: heridos"), parse_disaggregation("región:norte")
    ('outcome:injured', 'region:norte')
    """
    if text is None or (isinstance(text, float) and text != text):
        return TOTAL
    raw = str(text).strip()
    if not raw or _key(raw) in _TOTAL_NAMES:
        return TOTAL
    parts = [p.strip() for p in re.split(r"[;|,]", raw) if p.strip()]
    canonical = sorted({_one(p) for p in parts})
    return ";".join(canonical) if canonical else TOTAL


def split_disaggregation(canonical: str) -> tuple[str, str] | None:
    """``(dimension, category)`` of a single-dimension canonical disaggregation, else None.

    Examples
    --------
    >>> from dpssec.indicators.disaggregations import split_disaggregation
    >>> split_disaggregation("sex:female"), split_disaggregation("total")
    (('sex', 'female'), None)
    """
    if canonical == TOTAL or ";" in canonical or ":" not in canonical:
        return None
    dimension, _, category = canonical.partition(":")
    return dimension, category
