"""``CATALOGUE``: every indicator dpssec computes, and the variables they are computed from.

The entries live in tuples by domain (:mod:`~dpssec.indicators.catalogue_justice`,
:mod:`~dpssec.indicators.catalogue_courts`, :mod:`~dpssec.indicators.catalogue_prevention`,
:mod:`~dpssec.indicators.catalogue_populations`, :mod:`~dpssec.indicators.catalogue_mines`);
:data:`VARIABLES` names the counted variables in four languages. The documentation's
indicator list is generated from :data:`CATALOGUE` by :func:`catalogue_markdown` when the
docs are built, so the catalogue is the single source of that list.

For example:

>>> from dpssec.indicators import CATALOGUE
>>> [e.identifier for e in CATALOGUE.search("tasa homicidios")]
['homicide_rate']
>>> CATALOGUE["homicide_rate"].sdg, CATALOGUE["homicide_rate"].iccs
('16.1.1', '0101')
"""

from __future__ import annotations

from dpssec.indicators.catalogue_courts import COURT_ENTRIES
from dpssec.indicators.catalogue_entry import CatalogueEntry, Texts, Variable
from dpssec.indicators.catalogue_justice import JUSTICE_ENTRIES
from dpssec.indicators.catalogue_mines import MINES_ENTRIES
from dpssec.indicators.catalogue_model import Catalogue
from dpssec.indicators.catalogue_populations import POPULATION_ENTRIES
from dpssec.indicators.catalogue_prevention import PREVENTION_ENTRIES

__all__ = ["CATALOGUE", "VARIABLES", "catalogue_markdown"]

VARIABLES: tuple[Variable, ...] = (
    Variable(
        "prison_population",
        "persons",
        Texts(
            "Persons held in prisons, penal or correctional institutions",
            "Personas privadas de libertad en establecimientos penitenciarios",
            "Pessoas privadas de liberdade em estabelecimentos prisionais",
            "Personnes détenues dans les établissements pénitentiaires",
        ),
        aliases=(
            "prison_population_total",
            "persons_held",
            "poblacion_penitenciaria",
            "populacao_prisional",
            "population_carcerale",
        ),
    ),
    Variable(
        "official_capacity",
        "places",
        Texts(
            "Official capacity of the prison system (places)",
            "Capacidad oficial del sistema penitenciario (plazas)",
            "Capacidade oficial do sistema prisional (vagas)",
            "Capacité officielle du système pénitentiaire (places)",
        ),
        aliases=(
            "prison_capacity",
            "capacidad_oficial",
            "capacidade_oficial",
            "capacite_officielle",
        ),
    ),
    Variable(
        "national_population",
        "persons",
        Texts(
            "Resident population",
            "Población residente",
            "População residente",
            "Population résidente",
        ),
        aliases=(
            "population",
            "resident_population",
            "poblacion",
            "populacao",
            "poblacion_nacional",
        ),
        population=True,
    ),
    Variable(
        "homicide_victims",
        "victims",
        Texts(
            "Victims of intentional homicide",
            "Víctimas de homicidio intencional",
            "Vítimas de homicídio intencional",
            "Victimes d'homicide volontaire",
        ),
        aliases=(
            "intentional_homicide_victims",
            "homicides",
            "homicidios",
            "victimas_de_homicidio",
            "vitimas_de_homicidio",
            "victimes_d_homicide",
        ),
    ),
    Variable(
        "trafficking_victims_detected",
        "victims",
        Texts(
            "Detected victims of trafficking in persons",
            "Víctimas detectadas de trata de personas",
            "Vítimas detetadas de tráfico de pessoas",
            "Victimes détectées de la traite des personnes",
        ),
    ),
    Variable(
        "mine_casualties",
        "casualties",
        Texts(
            "Casualties of mines and explosive remnants of war (killed, injured or unknown)",
            "Víctimas de minas y restos explosivos de guerra (muertas, heridas o se desconoce)",
            "Vítimas de minas e restos explosivos de guerra (mortas, feridas ou desconhecido)",
            "Victimes de mines et de restes explosifs de guerre (tuées, blessées ou inconnu)",
        ),
        aliases=("casualties", "casualties_total"),
    ),
    Variable(
        "respondents",
        "respondents",
        Texts(
            "Survey respondents",
            "Personas encuestadas",
            "Pessoas inquiridas",
            "Personnes interrogées",
        ),
    ),
    Variable(
        "area_cleared",
        "m**2",
        Texts("Area cleared", "Superficie despejada", "Área limpa", "Surface dépolluée"),
        aliases=("area_cleared_m2",),
    ),
)
"""The counted variables that submissions report, with their names in four languages.

Variables named only in an entry's terms are added automatically
(:meth:`~dpssec.indicators.catalogue_model.Catalogue.all_variables`); ``mine_casualties`` is
listed here with its names so that a submission's casualty breakdown (killed + injured +
unknown) is checked.
"""

CATALOGUE = Catalogue(
    (
        *JUSTICE_ENTRIES,
        *COURT_ENTRIES,
        *PREVENTION_ENTRIES,
        *POPULATION_ENTRIES,
        *MINES_ENTRIES,
    ),
    VARIABLES,
)
"""Every indicator the library computes, described once (see :class:`Catalogue`)."""

_DOMAIN_TITLES = {
    "justice": "Criminal justice",
    "prevention": "Crime and violence prevention",
    "mines": "Mine action",
}
_LANGUAGE_NAMES = {"en": "English", "es": "Español", "pt": "Português", "fr": "Français"}


def _formula(entry: CatalogueEntry) -> str:
    num, den = entry.numerator.describe(), entry.denominator.describe()
    if entry.scale is None:
        return f"computed from {num} and {den} (not one ratio)"
    scale = "" if entry.scale == 1 else f" × {entry.scale:,.0f}"
    return f"{num} / {den}{scale}"


def _call(entry: CatalogueEntry) -> str:
    options = ", ".join(f"{k}={v!r}" for k, v in entry.options.items())
    return f"{{func}}`{entry.function}`" + (f" with `{options}`" if options else "")


def catalogue_markdown(catalogue: Catalogue = CATALOGUE) -> str:
    """The indicator list of the documentation, as MyST Markdown, generated from ``catalogue``.

    ``docs/conf.py`` writes it to ``docs/indicators.md`` before each build; the page is never
    edited by hand.

    Examples
    --------
    >>> from dpssec.indicators import catalogue_markdown
    >>> page = catalogue_markdown()
    >>> page.splitlines()[0]
    '# Indicator catalogue'
    >>> "`occupancy`" in page and "Tasa de ocupación penitenciaria" in page
    True
    """
    lines = [
        "# Indicator catalogue",
        "",
        "<!-- Generated from dpssec.indicators.CATALOGUE when the documentation is built. "
        "Do not edit: change the catalogue entries instead. -->",
        "",
        f"The {len(catalogue)} indicators dpssec computes, generated from "
        "{data}`dpssec.indicators.CATALOGUE`. Each entry gives its name and definition in the "
        "four official languages of the OAS, how it is computed, the function that computes "
        "it, the definition it follows where several are in use, its SDG or ICCS code and "
        "the standard that defines it (**unverified** where the project has only a secondary "
        "source). The identifiers are the codes a submission uses in its `indicator` column "
        "(see the guide *Checking a country's submission*).",
        "",
    ]
    domains = list(dict.fromkeys(e.domain for e in catalogue))
    for domain in domains:
        lines += [f"## {_DOMAIN_TITLES.get(domain, domain.capitalize())}", ""]
        for entry in catalogue:
            if entry.domain != domain:
                continue
            lines += [f"### {entry.name.en} (`{entry.identifier}`)", ""]
            lines += ["| language | name | definition |", "|---|---|---|"]
            for code, language in _LANGUAGE_NAMES.items():
                lines.append(
                    f"| {language} | {entry.name.get(code)} | {entry.definition.get(code)} |"
                )
            codes = ", ".join(
                code
                for code in (entry.sdg and f"SDG {entry.sdg}", entry.iccs and f"ICCS {entry.iccs}")
                if code
            )
            ref = entry.reference
            cited = f"{ref.document} {ref.edition}".strip() + (
                f", {ref.clause}" if ref.clause else ""
            )
            status = "verified" if entry.verified else "**unverified**"
            lines += [
                "",
                f"- **unit**: {entry.unit}",
                f"- **computed as**: {_formula(entry)}",
                f"- **function**: {_call(entry)}",
                f"- **definition variant**: {entry.variant}",
            ]
            if codes:
                lines.append(f"- **codes**: {codes}")
            if entry.aliases:
                lines.append(
                    "- **also accepted as**: " + ", ".join(f"`{a}`" for a in entry.aliases)
                )
            lines += [f"- **source**: {cited} ({status})", ""]
    lines += [
        "## Variables",
        "",
        "The counts submissions report and the indicators are computed from.",
        "",
        "| identifier | unit | English | Español | Português | Français |",
        "|---|---|---|---|---|---|",
    ]
    for variable in catalogue.all_variables():
        name = variable.name
        lines.append(
            f"| `{variable.identifier}` | {variable.unit} | {name.en} | {name.es} | {name.pt} "
            f"| {name.fr} |"
        )
    return "\n".join(lines) + "\n"
