import numpy as np

from rightstrack.search.snapshot import Facet


def test_counting_by_record_equals_counting_every_pair():
    rng = np.random.default_rng(0)
    n, values = 1000, 30
    rows, cols = rng.integers(0, n, 5000), rng.integers(0, values, 5000)
    facet = Facet([str(i) for i in range(values)], [""] * values, rows, cols).group_by_record(n)
    for size in (0, 1, 5, 100, 240, 600, n):
        positions = np.sort(rng.choice(n, size, replace=False))
        mask = np.zeros(n, dtype=bool)
        mask[positions] = True
        expected = np.bincount(cols[mask[rows]], minlength=values)
        assert (facet.counts(mask, positions) == expected).all(), size
