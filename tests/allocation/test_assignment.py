"""The assignment solver loaded alone is scipy's own, without scipy.optimize."""

import subprocess
import sys

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment as scipy_solver

from tafdesk.allocation import assignment


def test_the_solver_file_is_found_beside_scipy():
    found = assignment.extension_file()
    assert found is not None
    assert found.parent.name == "optimize" and found.parent.parent.name == "scipy"


@pytest.mark.parametrize("shape", [(5, 5), (3, 8), (8, 3), (40, 120)])
def test_it_gives_scipys_answer(shape):
    rng = np.random.default_rng(sum(shape))
    cost = rng.integers(-50, 50, size=shape).astype(float)
    rows, cols = assignment.linear_sum_assignment(cost)
    expected_rows, expected_cols = scipy_solver(cost)
    assert cost[rows, cols].sum() == cost[expected_rows, expected_cols].sum()
    assert list(rows) == list(expected_rows)


def test_it_refuses_what_scipy_refuses():
    with pytest.raises(ValueError):
        assignment.linear_sum_assignment(np.array([[np.nan, 1.0], [1.0, 2.0]]))


def test_loading_it_leaves_the_rest_of_scipy_unimported():
    code = (
        "import sys; from tafdesk.allocation.assignment import linear_sum_assignment as f; "
        "print(f([[1.0, 0.0], [0.0, 1.0]])[1].tolist(), 'scipy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["[1,", "0]", "False"]
