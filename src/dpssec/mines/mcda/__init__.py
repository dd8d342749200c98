"""Multi-criteria decision methods for ranking hazardous areas.

* :mod:`~dpssec.mines.mcda.normalization`: putting criteria on a common scale, with benefit
  and cost criteria (``normalize_criteria``);
* :mod:`~dpssec.mines.mcda.ahp_method` and :mod:`~dpssec.mines.mcda.random_index`: AHP weights and
  consistency with explicit random-index tables;
* :mod:`~dpssec.mines.mcda.topsis_method`, :mod:`~dpssec.mines.mcda.weighted_sum_method`: scoring methods;
* :mod:`~dpssec.mines.mcda.entropy`: objective (entropy) weights;
* :mod:`~dpssec.mines.mcda.ranking`: ranks with ties sharing the best rank;
* :mod:`~dpssec.mines.mcda.column_kernels` (column statistics of tall matrices) and
  :mod:`~dpssec.mines.mcda.matrix_checks` (the rules between parameters that the declared
  input specifications cannot express): the layers under the methods.

Every method is declared with :func:`~dpssec.boundary.calculator` and takes its
normalisation, weights and benefit/cost flags explicitly; weights must sum to 1 unless
``normalize_weights=True`` is passed. Scoring is vectorised over rows, so a
national table of a million areas is scored in one pass.
"""

from __future__ import annotations

from dpssec.mines.mcda.ahp_method import (
    AHP_METHODS,
    AHP_REFERENCE,
    RECIPROCAL_TOLERANCE,
    SAATY_SIZE_THRESHOLDS_UNVERIFIED,
    AHPResult,
    ConsistencyThresholds,
    ahp,
)
from dpssec.mines.mcda.entropy import ENTROPY_REFERENCE, entropy_weights
from dpssec.mines.mcda.matrix_checks import WEIGHT_SUM_TOLERANCE
from dpssec.mines.mcda.normalization import (
    NORMALIZATION_REFERENCE,
    NORMALIZATIONS,
    normalize_criteria,
)
from dpssec.mines.mcda.random_index import (
    DONEGAN_DODD_1991,
    RANDOM_INDEX_TABLES,
    SAATY_1980,
    SAATY_2005,
    TUMMALA_LING_1998,
    RandomIndexTable,
)
from dpssec.mines.mcda.ranking import rank
from dpssec.mines.mcda.topsis_method import (
    TOPSIS_REFERENCE,
    TopsisDetails,
    topsis,
    topsis_details,
)
from dpssec.mines.mcda.weighted_sum_method import WEIGHTED_SUM_REFERENCE, weighted_sum

__all__ = [
    "AHPResult",
    "AHP_METHODS",
    "AHP_REFERENCE",
    "ConsistencyThresholds",
    "DONEGAN_DODD_1991",
    "ENTROPY_REFERENCE",
    "NORMALIZATIONS",
    "NORMALIZATION_REFERENCE",
    "RANDOM_INDEX_TABLES",
    "RECIPROCAL_TOLERANCE",
    "RandomIndexTable",
    "SAATY_1980",
    "SAATY_2005",
    "SAATY_SIZE_THRESHOLDS_UNVERIFIED",
    "TOPSIS_REFERENCE",
    "TUMMALA_LING_1998",
    "TopsisDetails",
    "WEIGHTED_SUM_REFERENCE",
    "WEIGHT_SUM_TOLERANCE",
    "ahp",
    "entropy_weights",
    "normalize_criteria",
    "rank",
    "topsis",
    "topsis_details",
    "weighted_sum",
]
