"""Numeric derivatives against sympy and known values."""

import numpy as np
import pytest
import sympy as sp

from helpers import calculus as calc

X, Y, Z = sp.symbols("x y z")
CASES = [
    (X**2 * Y + sp.sin(X * Y), (X, Y), (0.7, -1.3)),
    (sp.exp(-(X**2 + Y**2) / 2), (X, Y), (0.4, 0.9)),
    (X / (X**2 + Y**2), (X, Y), (1.5, 2.0)),
    (X**2 * Y * sp.exp(-Z), (X, Y, Z), (1.2, -0.5, 0.3)),
    (sp.log(X * Y), (X, Y), (250.0, 2.0)),
]


@pytest.mark.parametrize(("expr", "symbols", "point"), CASES)
def test_gradient_matches_sympy(expr, symbols, point):
    f = sp.lambdify(symbols, expr, "numpy")
    exact = [float(sp.diff(expr, s).subs(dict(zip(symbols, point, strict=True)))) for s in symbols]
    assert np.allclose(calc.gradient(f, point), exact, rtol=1e-8, atol=1e-9)


@pytest.mark.parametrize(("f", "df"), [(np.exp, np.exp), (np.sin, np.cos), (np.log, np.reciprocal)])
def test_central_step_beats_naive_step(f, df):
    xs = np.linspace(0.5, 3.0, 200)
    tuned = np.median(np.abs(calc.partial(f, (xs,), 0) - df(xs)))
    naive = np.median(np.abs(calc.partial(f, (xs,), 0, h=1e-7) - df(xs)))
    assert tuned < naive / 10


def test_step_scales_with_coordinate():
    assert calc.difference_step(1000.0) == pytest.approx(1000 * calc.EPSILON ** (1 / 3))
    assert calc.difference_step(0.0) == pytest.approx(calc.EPSILON ** (1 / 3))
    with pytest.raises(ValueError, match="order"):
        calc.difference_step(1.0, order=3)


def test_partial_is_vectorised_over_grids():
    xs, ys = np.meshgrid(np.linspace(-2, 2, 7), np.linspace(-1, 1, 5))
    fx = calc.partial(lambda x, y: x**2 * y, (xs, ys), 0)
    assert fx.shape == xs.shape
    assert np.allclose(fx, 2 * xs * ys, atol=1e-8)
    assert calc.gradient(lambda x, y: x * y, (xs, ys)).shape == (2, 5, 7)


def test_partial_rejects_bad_index():
    with pytest.raises(ValueError, match="out of range"):
        calc.partial(lambda x, y: x, (1.0, 2.0), 2)


def test_directional_derivative_normalises_direction():
    f = lambda x, y: x**2 + y**2  # noqa: E731
    assert calc.directional_derivative(f, (1, 1), (3, 4)) == pytest.approx(2.8, rel=1e-8)
    assert calc.directional_derivative(f, (1, 1), (30, 40)) == pytest.approx(2.8, rel=1e-8)
    with pytest.raises(ValueError, match="non-zero"):
        calc.directional_derivative(f, (1, 1), (0, 0))


def test_tangent_plane_touches_and_is_first_order():
    f = lambda x, y: np.sin(x) * np.exp(y)  # noqa: E731
    plane = calc.tangent_plane(f, (0.5, 0.2))
    assert plane(0.5, 0.2) == pytest.approx(f(0.5, 0.2))
    errors = [abs(f(0.5 + d, 0.2 + d) - plane(0.5 + d, 0.2 + d)) for d in (1e-1, 1e-2)]
    assert errors[1] < errors[0] / 50  # error shrinks like d**2


def test_hessian_matches_sympy():
    expr = X**3 * Y**2 - 4 * X * Y + 7 * Y
    f = sp.lambdify((X, Y), expr)
    exact = np.array(sp.hessian(expr, (X, Y)).subs({X: 1.5, Y: -0.5}), dtype=float)
    assert np.allclose(calc.hessian(f, (1.5, -0.5)), exact, rtol=1e-5, atol=1e-5)


def test_check_gradient_separates_right_from_wrong():
    f = lambda x, y: x**2 * y  # noqa: E731
    assert calc.check_gradient(f, lambda x, y: (2 * x * y, x**2), (1.3, 0.7)) < 1e-8
    assert calc.check_gradient(f, lambda x, y: (x * y, x**2), (1.3, 0.7)) > 0.1
    with pytest.raises(ValueError, match="entries"):
        calc.check_gradient(f, lambda x, y: (1.0,), (1.0, 1.0))


def test_gradient_descent_converges_and_records_path():
    path = calc.gradient_descent(lambda x, y: (2 * x, 4 * y), (2.0, 1.0), 0.1, steps=200, tolerance=1e-10)
    assert path.shape[1] == 2 and np.allclose(path[0], (2.0, 1.0))
    assert np.allclose(path[-1], 0, atol=1e-9)


def test_gradient_descent_stops_when_diverging():
    path = calc.gradient_descent(lambda x: (2 * x,), (1.0,), 1.5, steps=5000)
    assert len(path) < 5000 and not np.isfinite(path[-1]).all()


def test_newton_finds_critical_point_in_one_step_for_quadratics():
    path = calc.newton_method(lambda x, y: (2 * x - 2, 4 * y + 1), lambda x, y: [[2, 0], [0, 4]], (5.0, 5.0))
    assert np.allclose(path[1], (1.0, -0.25)) and len(path) == 2


def test_newton_stops_on_singular_hessian():
    path = calc.newton_method(lambda x, y: (1.0, 1.0), lambda x, y: [[0, 0], [0, 0]], (0.0, 0.0))
    assert len(path) == 1


def test_steepest_ascent_follows_the_gradient_of_an_elliptic_bowl():
    # On x**2 + 4 y**2 the gradient (2x, 8y) gives dy/dx = 4y/x: the curves are y = C x**4.
    f = lambda x, y: x**2 + 4 * y**2  # noqa: E731
    path = calc.steepest_ascent(f, (0.5, 0.1), 0.01, steps=120)
    assert len(path) == 121
    assert np.allclose(path[:, 1] / path[:, 0] ** 4, 0.1 / 0.5**4, rtol=1e-3)
    assert np.allclose(np.linalg.norm(np.diff(path, axis=0), axis=1), 0.01)
    assert np.all(np.diff(f(*path.T)) > 0)


def test_steepest_ascent_stops_at_a_peak_a_critical_point_and_the_bounds():
    hill = lambda x, y: -(x**2) - y**2  # noqa: E731
    up = calc.steepest_ascent(hill, (1.0, 0.0), 0.3, steps=50)
    assert 1 <= len(up) - 1 <= 4 and abs(up[-1, 0]) < 0.3  # stops once a step would go down
    assert len(calc.steepest_ascent(hill, (0.0, 0.0), 0.1)) == 1  # no direction at the top
    down = calc.steepest_ascent(hill, (0.5, 0.0), -0.1, steps=50, bounds=((-1, 1), (-1, 1)))
    assert np.allclose(down[-1], (1.0, 0.0)) and np.all(np.abs(down) <= 1)
    assert len(calc.steepest_ascent(lambda x, y: np.log(x) + y, (-1.0, 0.0), 0.1)) == 1


def test_jacobian_matches_the_exact_matrix_and_its_columns_are_partials():
    def polar(r, t):
        return np.array([r * np.cos(t), r * np.sin(t), r**2])

    J = calc.jacobian(polar, (2.0, 0.5))
    exact = np.array([[np.cos(0.5), -2 * np.sin(0.5)], [np.sin(0.5), 2 * np.cos(0.5)], [4.0, 0.0]])
    assert J.shape == (3, 2) and np.allclose(J, exact, rtol=0, atol=1e-9)
    assert np.allclose(J[:, 1], calc.partial(polar, (2.0, 0.5), 1))
    scalar = calc.jacobian(lambda x, y: x * y, (3.0, 2.0))  # a scalar function: one row, the gradient
    assert scalar.shape == (1, 2) and np.allclose(scalar, [[2.0, 3.0]])
