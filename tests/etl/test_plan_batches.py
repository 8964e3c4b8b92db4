"""How a run splits its input files into batches (`etl.runloop.plan_batches`)."""

from __future__ import annotations

import pytest

from etl.runloop import plan_batches


@pytest.mark.parametrize(("files", "batch_size", "workers", "sizes"), [
    (10_000, 2_000, 1, [2_000] * 5),  # one worker: full batches, the rest last
    (2_500, 2_000, 1, [2_000, 500]),
    (10_000, 2_000, 2, [1_667, 1_667, 1_667, 1_667, 1_666, 1_666]),  # 6 even batches, not 3 against 2
    (100_000, 2_000, 2, [2_000] * 50),
    (3_000, 150, 2, [150] * 20),
    (2_000, 2_000, 2, [2_000]),  # what fits one batch stays one
    (2_001, 2_000, 2, [1_001, 1_000]),
    (4_001, 2_000, 2, [1_001, 1_000, 1_000, 1_000]),
    (1, 2_000, 2, [1]),
    (0, 2_000, 2, []),
])
def test_batches_keep_input_order_and_size_and_share_the_workers(files: int, batch_size: int, workers: int, sizes: list[int]) -> None:
    items = [f"file-{i}" for i in range(files)]
    batches = plan_batches(items, batch_size, workers)  # type: ignore[arg-type] - any sequence
    assert [len(b) for b in batches] == sizes
    assert [x for b in batches for x in b] == items
