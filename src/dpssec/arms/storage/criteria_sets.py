"""The criteria sets by name, and the spec every calculator and model reads them with.

:data:`CRITERIA_SETS` names the two published sets (``"IATG_02_20_2021"``, the default, and
``"AASTP1_2006"``). A ``criteria`` argument is a :class:`~dpssec.arms.storage.CriteriaSet`
or one of these names, read by :data:`CRITERIA` (a :class:`~dpssec.boundary.Preset`: case,
separators and the usual spellings such as ``"IATG 02.20:2021"`` or ``"AASTP-1"`` forgiven).
In JSON a set is written as its name and read back as the same object.

For example:

>>> from dpssec.arms.storage.criteria_sets import CRITERIA
>>> CRITERIA.convert("aastp-1 2006", "criteria").name
'AASTP1_2006'
>>> from dpssec.arms.storage import IATG_02_20_2021
>>> from dpssec.serialization import from_json, to_json
>>> to_json(IATG_02_20_2021), from_json('"IATG_02_20_2021"', type(IATG_02_20_2021)) is IATG_02_20_2021
('"IATG_02_20_2021"', True)
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from dpssec.arms.storage.criteria import CriteriaSet
from dpssec.arms.storage.criteria_aastp1 import AASTP1_2006
from dpssec.arms.storage.criteria_iatg import IATG_02_20_2021
from dpssec.boundary import Preset

__all__ = ["CRITERIA", "CRITERIA_ALIASES", "CRITERIA_NAME", "CRITERIA_NAMES", "CRITERIA_SETS"]

CRITERIA_SETS: Mapping[str, CriteriaSet] = MappingProxyType(
    {"IATG_02_20_2021": IATG_02_20_2021, "AASTP1_2006": AASTP1_2006}
)
"""The criteria sets by name (for files and the command line: ``"IATG_02_20_2021"``)."""

CRITERIA_NAMES = tuple(CRITERIA_SETS)
"""Names of the criteria sets a :class:`~dpssec.arms.storage.Depot` may name."""

CRITERIA_ALIASES: Mapping[str, str] = MappingProxyType(
    {
        "IATG": "IATG_02_20_2021",
        "IATG 02.20": "IATG_02_20_2021",
        "IATG 02.20:2021": "IATG_02_20_2021",
        "IATG 02.20 2021": "IATG_02_20_2021",
        "IATG-02.20-2021": "IATG_02_20_2021",
        "AASTP1": "AASTP1_2006",
        "AASTP-1": "AASTP1_2006",
        "AASTP-1 2006": "AASTP1_2006",
        "AASTP1-2006": "AASTP1_2006",
    }
)
"""Other spellings of the set names (the mixed-division rule names among them)."""

CRITERIA = Preset(CRITERIA_SETS, CriteriaSet, aliases=CRITERIA_ALIASES)
"""A ``criteria`` parameter: a set, or its name."""

CRITERIA_NAME = Preset(CRITERIA_SETS, CriteriaSet, aliases=CRITERIA_ALIASES, key=True)
"""A model field that stores the name of a set (a set given as the object is accepted)."""
