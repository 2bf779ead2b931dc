"""Every number and statement of lessons/00-vectors-and-matrices.ipynb, checked independently."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp


def test_lengths_and_unit_vectors():
    v = sp.Matrix([3, 4])
    assert v.norm() == 5 and v / v.norm() == sp.Matrix([sp.Rational(3, 5), sp.Rational(4, 5)])
    assert (v / v.norm()).norm() == 1 and sp.Matrix([2, -1, 2]).norm() == 3
    assert sp.Matrix([3, -4]).norm() == 5 != 3 + (-4)  # common mistake 1
    assert sp.Matrix([1, 1]).norm() == sp.sqrt(2) and sp.Matrix([1, 1, 1, 1]).norm() == 2  # the Try this


def test_dot_product_and_angle():
    u, v = np.array([2.0, 1.0]), np.array([1.0, 3.0])
    assert u @ v == 5
    cos_phi = u @ v / (np.linalg.norm(u) * np.linalg.norm(v))
    assert cos_phi == pytest.approx(1 / math.sqrt(2)) and math.degrees(math.acos(cos_phi)) == pytest.approx(45)
    assert np.dot([3, 4], [4, -3]) == 0
    assert math.degrees(math.acos(-1 / math.sqrt(2))) == pytest.approx(135)  # (1, 0) and (-1, 1)
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=(2, 1000, 3))
    assert np.all(np.abs(np.sum(a * b, axis=1)) <= np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))


def test_cross_product():
    a, b = sp.Matrix([1, 0, 6]), sp.Matrix([0, 1, -8])
    n = a.cross(b)
    assert n == sp.Matrix([-6, 8, 1]) and n.dot(a) == n.dot(b) == 0
    assert b.cross(a) == -n
    assert n.norm() ** 2 == a.norm() ** 2 * b.norm() ** 2 - a.dot(b) ** 2
    assert sp.Matrix([1, 0, 0]).cross(sp.Matrix([0, 1, 0])) == sp.Matrix([0, 0, 1])  # the Try this


def test_matrix_products_and_transpose():
    A, B, v = sp.Matrix([[1, 2], [3, 4]]), sp.Matrix([[0, 1], [1, 0]]), sp.Matrix([1, -1])
    assert A * v == sp.Matrix([-1, -1]) == A[:, 0] - A[:, 1]
    assert A * B == sp.Matrix([[2, 1], [4, 3]]) and B * A == sp.Matrix([[3, 4], [1, 2]]) and A * B != B * A
    assert (A * B).T == B.T * A.T
    assert sp.eye(2) * v == v and A.T * v == sp.Matrix([-2, -2])


def test_determinants():
    A, B = sp.Matrix([[1, 2], [3, 4]]), sp.Matrix([[0, 1], [1, 0]])
    assert A.det() == -2 and sp.Matrix([[1, 2], [2, 4]]).det() == 0
    columns = [sp.Matrix([*A[:, j], 0]) for j in range(2)]
    assert columns[0].cross(columns[1]) == sp.Matrix([0, 0, -2])
    assert (A * B).det() == A.det() * B.det() == 2  # the Try this


def test_symmetric_eigenvalues():
    S = sp.Matrix([[2, 1], [1, 2]])
    lam = sp.symbols("lambda")
    assert sp.factor((S - lam * sp.eye(2)).det()) == (lam - 3) * (lam - 1)
    assert S * sp.Matrix([1, 1]) == 3 * sp.Matrix([1, 1]) and S * sp.Matrix([1, -1]) == sp.Matrix([1, -1])
    a, b, c = sp.symbols("a b c", real=True)
    M = sp.Matrix([[a, b], [b, c]])
    root = sp.sqrt(((a - c) / 2) ** 2 + b**2)
    for value in ((a + c) / 2 + root, (a + c) / 2 - root):
        assert sp.simplify((M - value * sp.eye(2)).det()) == 0
    assert sorted(sp.Matrix([[3, 0], [0, -1]]).eigenvals()) == [-1, 3]  # the Try this
    assert sorted(sp.Matrix([[1, 2], [2, 1]]).eigenvals()) == [-1, 3]


def test_image_of_the_unit_circle_has_half_axes_the_eigenvalues():
    angle = np.linspace(0, 2 * np.pi, 2001)
    image = np.array([[2.0, 1.0], [1.0, 2.0]]) @ np.array([np.cos(angle), np.sin(angle)])
    radius = np.linalg.norm(image, axis=0)
    assert radius.max() == pytest.approx(3, abs=1e-5) and radius.min() == pytest.approx(1, abs=1e-5)


def test_quadratic_forms_and_definiteness():
    x, y = sp.symbols("x y")
    xv = sp.Matrix([x, y])
    S, T = sp.Matrix([[2, 1], [1, 2]]), sp.Matrix([[1, 2], [2, 1]])
    assert sp.expand((xv.T * S * xv)[0]) == 2 * x**2 + 2 * x * y + 2 * y**2
    form_t = sp.expand((xv.T * T * xv)[0])
    assert form_t == x**2 + 4 * x * y + y**2 and form_t.subs({x: 1, y: -1}) == -2 and T.det() == -3
    assert min(S.eigenvals()) > 0 and min(T.eigenvals()) < 0 < max(T.eigenvals())
    dome = sp.Matrix([[-2, 1], [1, -3]])  # the Try this: a < 0 and det > 0
    assert dome.det() == 5 and max(dome.eigenvals()) < 0


def test_explorer_try_this_b_from_1_to_3():
    b = sp.symbols("b", positive=True)
    S_b = sp.Matrix([[2, b], [b, 2]])
    assert sp.expand(S_b.det()) == 4 - b**2 and sp.solve(S_b.det(), b) == [2]  # collapses onto a segment at b = 2
    assert sorted(S_b.subs(b, 2).eigenvals()) == [0, 4]  # semidefinite there
    assert min(S_b.subs(b, sp.Rational(5, 2)).eigenvals()) < 0 < max(S_b.subs(b, sp.Rational(5, 2)).eigenvals())
