"""Demo section of the core: member states, units at the boundary, a JSON round trip."""

from __future__ import annotations

from dpssec.countries import Subregion, member_states
from dpssec.errors import UnitError
from dpssec.references import Reference
from dpssec.rendering import DemoSection
from dpssec.serialization import from_json, to_json
from dpssec.units import Q_, to_magnitude


def demo_sections() -> list[DemoSection]:
    """The core's part of ``dpssec demo``."""
    by_region = {r.value: [s.alpha3 for s in member_states(r)] for r in Subregion}
    lines = [f"{len(member_states())} OAS member states"]
    lines += [
        f"  {region:<16} {len(codes):>2}  {' '.join(codes)}" for region, codes in by_region.items()
    ]
    neq_kg = to_magnitude(Q_(2200, "lb"), "kg", "neq")
    lines.append(f"Units at the boundary: 2200 lb is read as {neq_kg:.1f} kg")
    try:
        to_magnitude(Q_(30, "m"), "kg", "neq")
    except UnitError as exc:
        lines.append(
            f"  and a length for a mass is refused: {exc.parameter}: {exc.given} is not {exc.expected}"
        )
    ref = Reference("IATG 02.20", "2021 (3rd ed.)", "Table 1")
    text = to_json(ref)
    lines.append(f"Citations round-trip through JSON: {text}")
    if from_json(text, type(ref)) != ref:  # pragma: no cover - a broken converter
        raise RuntimeError("the JSON round trip of a Reference changed it")
    return [
        DemoSection(
            "Core: member states, units, citations",
            "\n".join(lines),
            {"member_states_by_subregion": by_region, "neq_kg_from_2200_lb": neq_kg},
        )
    ]
