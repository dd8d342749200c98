"""Crime and violence prevention indicators: rates, standardisation, trends, SDG 16.

Will hold ``crime_rate``, ``STANDARD_POPULATIONS``, directly and indirectly standardised
rates, ``annual_percent_change``, the SDG 16 helpers and the indicator table.
"""

from __future__ import annotations

__all__: list[str] = []
