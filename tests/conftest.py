"""Fixtures shared by the tests of helpers."""

import matplotlib.pyplot as plt
import pytest


@pytest.fixture
def backend():
    """Switch pyplot to a backend for one test (call it with the name), then restore it."""
    previous = plt.get_backend()
    yield plt.switch_backend
    plt.close("all")
    plt.switch_backend(previous)
