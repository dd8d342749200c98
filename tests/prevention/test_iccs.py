"""ICCS level-1 sections."""

from __future__ import annotations

import pytest

from dpssec.errors import InputError
from dpssec.prevention import (
    INTENTIONAL_HOMICIDE,
    TRAFFICKING_IN_PERSONS,
    ICCSSection,
    section_of,
)


def test_eleven_sections_with_titles() -> None:
    assert [s.value for s in ICCSSection] == [f"{i:02d}" for i in range(1, 12)]
    assert ICCSSection("05").title == "Acts against property only"
    assert ICCSSection.OTHER.title.startswith("Other criminal acts")


def test_codes_map_to_sections() -> None:
    assert section_of(INTENTIONAL_HOMICIDE) is ICCSSection.DEATH
    assert section_of(TRAFFICKING_IN_PERSONS) is ICCSSection.HARM
    assert section_of("02041") is ICCSSection.HARM


@pytest.mark.parametrize("code", ["", "1", "12", "0x01", "99"])
def test_bad_codes(code: str) -> None:
    with pytest.raises(InputError, match="not valid"):
        section_of(code)
