from __future__ import annotations

import attrs
import pytest

from dpssec.errors import (
    DataQualityWarning,
    DpssecError,
    DpssecWarning,
    InputError,
    SchemaError,
    UnitError,
)
from dpssec.references import Reference


def test_hierarchy_mixes_in_the_builtins() -> None:
    assert issubclass(InputError, DpssecError) and issubclass(InputError, ValueError)
    assert issubclass(UnitError, InputError)
    assert issubclass(SchemaError, DpssecError) and issubclass(SchemaError, ValueError)
    assert not issubclass(SchemaError, InputError)
    assert issubclass(DataQualityWarning, DpssecWarning) and issubclass(DpssecWarning, UserWarning)


def test_schema_error_keeps_each_problem() -> None:
    exc = SchemaError("cannot read X: a @ $.x; b @ $.y", errors=["a @ $.x", "b @ $.y"])
    assert exc.errors == ["a @ $.x", "b @ $.y"]
    assert SchemaError("single").errors == ["single"]


def test_reference_str_matches_the_documented_form() -> None:
    ref = Reference("AASTP-1", "Ed.1 Ch.2 (2006)", "Annex I-A Table 1, D13")
    assert str(ref) == "AASTP-1 Ed.1 Ch.2 (2006), Annex I-A Table 1, D13"
    assert str(Reference("ITI", "2005")) == "ITI 2005"
    assert str(Reference("LIS", "2004", "weights", verified=False)).endswith("[unverified]")


def test_reference_is_frozen_and_hashable() -> None:
    ref = Reference("ITI", "2005", "§8")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        ref.clause = "§9"  # type: ignore[misc]
    assert {ref, Reference("ITI", "2005", "§8")} == {ref}


def test_reference_at_changes_only_the_clause() -> None:
    ref = Reference("IATG 02.20", "2021", "Table 1", verified=False, url="https://x")
    other = ref.at("Table 2")
    assert (other.document, other.edition, other.clause) == ("IATG 02.20", "2021", "Table 2")
    assert other.verified is False and other.url == "https://x"
    assert ref.at("Table 2", verified=True).verified is True


@pytest.mark.parametrize("document", ["", "   "])
def test_reference_refuses_an_empty_document(document: str) -> None:
    with pytest.raises(ValueError, match="document"):
        Reference(document, "2021")
