"""Exercise 03 as templates: directional derivatives with fresh functions, points and directions.

Groups (questions in one group share their parameters):

- ``f``: ``f = a x^m y - c y^n`` at ``(x0, y0)`` and the direction of ``v = (v1, v2)``, a vector of
  whole-number length that comes with the function (the gradient, the unit direction, the rate as a
  formula and at the point, the steepest direction and rate, the direction along the level curve, the
  fastest of four compass directions)
- ``angle``: a gradient of length ``L`` and a direction at ``phi`` degrees to it
- ``w``: ``w = x exp(y z)`` at ``(x0, 0, z0)`` in the direction of ``d``, a vector of whole-number length
"""

from __future__ import annotations

import functools
import math

import sympy as sp

from helpers.questions import Mistake
from helpers.templates import Template, pick
from helpers.templates.kit import fair, once_per_version, per_version, tex, txt, vec

__all__ = ["TEMPLATES"]

x, y = sp.symbols("x y")

_ORDER = "The components are in the wrong order: the first is f_x, the second f_y."
_NORMALISE = "Normalise the direction first: divide it by its length, so that it has length 1."
#: Directions of whole-number length, up to the signs of their components. Each function comes with one of
#: them (by :func:`_directions`), so that every pair of a function and a direction (96) is among the versions
#: that the validation checks, while the directions alone still take all 16 forms.
_DIRECTIONS = ((5, 12), (12, 5), (4, 3), (3, 4))
_QUADRUPLES = ((1, 2, 2), (2, 3, 6), (1, 4, 8), (4, 4, 7), (2, 6, 9))
_COMPASS = {"east": (1.0, 0.0), "north": (0.0, 1.0), "northeast": (1.0, 1.0), "southeast": (1.0, -1.0)}


def _signed(rng, magnitudes) -> tuple[int, ...]:
    """The magnitudes in a random order, each with a random sign."""
    return tuple(int(m) * pick(rng, [1, -1]) for m in rng.permutation(list(magnitudes)))


def _directions(p: dict) -> tuple[int, int]:
    """The direction that comes with the function of ``p``, up to signs."""
    return _DIRECTIONS[(p["a"] + p["m"] + p["c"] + p["n"]) % len(_DIRECTIONS)]


def _squares(values) -> str:
    """``3**2 + 4**2``: the sum under the square root of a length, as a learner writes it."""
    return " + ".join(f"{abs(v)}**2" for v in values)


# ------------------------------------------------------------------ group f


def _f(p: dict) -> sp.Expr:
    return p["a"] * x ** p["m"] * y - p["c"] * y ** p["n"]


def _v(p: dict) -> tuple[int, int]:
    return p["v1"], p["v2"]


_FUNCTION, _POINT, _DIRECTION = ("a", "m", "c", "n"), ("x0", "y0"), ("v1", "v2")


@functools.partial(per_version, uses=_DIRECTION)
def _direction_answers(p: dict) -> dict:
    """The length of v, and the unit vector along it with its mistakes."""
    v = _v(p)
    length = math.hypot(*v)
    return {"length": length,
            "unit": ([v[0] / length, v[1] / length],
                     [list(v), [c / (abs(v[0]) + abs(v[1])) for c in v], [c / length**2 for c in v]])}


@functools.partial(per_version, uses=_FUNCTION + _POINT)
def _point_answers(p: dict) -> dict:
    """The gradient G at the point, and every answer that depends on it alone, with their mistakes."""
    a, m, c, n, x0, y0 = (p[k] for k in _FUNCTION + _POINT)
    g = (a * m * x0 ** (m - 1) * y0, a * x0**m - c * n * y0 ** (n - 1))
    size = math.hypot(*g)
    level = [-g[1] / size, g[0] / size]
    if level[1] < 0:
        level = [-level[0], -level[1]]
    return {
        "grad": g, "size": size,
        "steepest": ([g[0] / size, g[1] / size],
                     [list(g), [-g[0] / size, -g[1] / size], [g[1] / size, g[0] / size],
                      [g[1] / size, -g[0] / size]]),
        "max": (size, [g[0] ** 2 + g[1] ** 2, abs(g[0]) + abs(g[1]), -size, g[0]]),
        "level": (level, [[level[0] * size, level[1] * size], [-level[0], -level[1]],
                          [-g[0] / size, -g[1] / size], [-level[0], level[1]]]),
        "rates": {name: (g[0] * d[0] + g[1] * d[1]) / math.hypot(*d) for name, d in _COMPASS.items()},
        "unnormalised": {name: g[0] * d[0] + g[1] * d[1] for name, d in _COMPASS.items()},
    }


@per_version
def _rate_answers(p: dict) -> tuple[float, list[float]]:
    """The rate at the point in the direction of v, with its mistakes."""
    g, v, length = _point_answers(p)["grad"], _v(p), _direction_answers(p)["length"]
    along = g[0] * v[0] + g[1] * v[1]
    return along / length, [along, -along / length, (g[1] * v[0] + g[0] * v[1]) / length, along / length**2,
                            along / (abs(v[0]) + abs(v[1]))]


def _clear_winner(values: dict[str, float], margin: float) -> str | None:
    """The name of the largest value when it leads the next one by more than ``margin``."""
    first, second = sorted(values, key=values.get, reverse=True)[:2]
    return first if values[first] - values[second] > margin else None


def _draw_f(rng) -> dict:
    while True:
        p = {"a": pick(rng, [1, 2]), "m": pick(rng, [2, 3]), "c": pick(rng, [1, 2, 3]), "n": pick(rng, [2, 3]),
             "x0": pick(rng, [1, 2, 3, -1, -2]), "y0": pick(rng, [1, 2, -1])}
        p["v1"], p["v2"] = (c * pick(rng, [1, -1]) for c in _directions(p))
        answers = _point_answers(p)
        g = answers["grad"]
        if 0 in g or abs(g[0]) == abs(g[1]) or max(map(abs, g)) > 30 or _rate_answers(p)[0] == 0:
            continue
        if _clear_winner(answers["rates"], 0.05 * answers["size"]) is None:
            continue
        if fair([_direction_answers(p)["unit"], _rate_answers(p)] +
                [answers[name] for name in ("steepest", "max", "level")]):
            return p


_F_BASE = {"a": 1, "m": 2, "c": 1, "n": 3, "x0": 2, "y0": 1, "v1": 3, "v2": -4}


def _f_is(p: dict) -> str:
    return f"Let $f(x, y) = {tex(_f(p))}$."


def _at(p: dict) -> str:
    return f"({p['x0']}, {p['y0']})"


def _gradient_mistakes(p: dict) -> tuple[Mistake, ...]:
    a, m, c, n = p["a"], p["m"], p["c"], p["n"]
    fx, last = sp.diff(_f(p), x), -c * y**n
    return (
        Mistake(txt(fx + sp.diff(last, y)), f"For f_x, y is held fixed: the term {txt(last)} does not change with x.",
                "differentiated a constant"),
        Mistake(txt(fx / y), f"In {txt(a * x**m * y)} the factor y is a constant when you differentiate by x: "
                             "it stays.", "dropped a constant factor"),
        Mistake(txt(a * x**m - c * y ** (n - 1)),
                f"The power rule on y**{n} gives {txt(n * y ** (n - 1))}, not {txt(y ** (n - 1))}.", "power rule"),
        Mistake(txt(a * x**m + c * n * y ** (n - 1)),
                f"The term {txt(last)} has y-partial {txt(sp.diff(last, y))}: mind the minus sign.", "wrong sign"),
    )


def _numbers(answer: tuple, hints: tuple[tuple[str, str], ...]) -> tuple[Mistake, ...]:
    """The planted mistakes of a numeric answer ``(key, wrong values)``, each with its hint and note."""
    return tuple(Mistake(v, *hint) for v, hint in zip(answer[1], hints, strict=True))


def _unit_mistakes(p: dict) -> tuple[Mistake, ...]:
    v = _v(p)
    return _numbers(_direction_answers(p)["unit"], (
        (_NORMALISE, "not normalised"),
        (f"The length of {vec(v)} is sqrt({_squares(v)}), not {abs(v[0])} + {abs(v[1])}.", "sum of components"),
        (f"Divide by the length |v| = sqrt({_squares(v)}), not by its square.", "divided by the square"),
    ))


def _rate_formula(p: dict, first: sp.Expr, second: sp.Expr, scale: float | None = None) -> sp.Expr:
    v1, v2 = _v(p)
    length = sp.Integer(round(math.hypot(v1, v2))) if scale is None else scale
    return (v1 * first + v2 * second) / length


def _rate_formula_key(p: dict) -> sp.Expr:
    return sp.expand(_rate_formula(p, sp.diff(_f(p), x), sp.diff(_f(p), y)))


def _rate_formula_mistakes(p: dict) -> tuple[Mistake, ...]:
    fx, fy = sp.diff(_f(p), x), sp.diff(_f(p), y)
    v = _v(p)
    way = "down in y: its second component is negative" if v[1] < 0 else "up in y: its second component is positive"
    return (
        Mistake(txt(_rate_formula(p, fx, fy, 1)), _NORMALISE + f" Use u = v/|v|, not v = {vec(v)}.",
                "not normalised"),
        Mistake(txt(_rate_formula(p, fy, fx)), "Pair each partial with its own component: f_x with u_1, f_y with u_2.",
                "swapped components"),
        Mistake(txt(_rate_formula(p, fx, -fy)), f"The direction {vec(v)} points {way}.", "wrong sign"),
    )


def _rate_mistakes(p: dict) -> tuple[Mistake, ...]:
    v = _v(p)
    return _numbers(_rate_answers(p), (
        (_NORMALISE, "not normalised"),
        (f"That is the rate along {vec(-c for c in v)}, the opposite direction: check the sign of u.", "wrong sign"),
        (f"The gradient at {_at(p)} is (f_x, f_y) in that order; the components look swapped.",
         "swapped components"),
        (f"Divide by the length |v| = {round(_direction_answers(p)['length'])} once, not by |v| squared.",
         "divided by the square"),
        (f"The length of {vec(v)} is sqrt({_squares(v)}), not {abs(v[0])} + {abs(v[1])}.", "sum of components"),
    ))


def _steepest_mistakes(p: dict) -> tuple[Mistake, ...]:
    return _numbers(_point_answers(p)["steepest"], (
        ("That is the gradient itself; the question asks for a unit vector. " + _NORMALISE, "not normalised"),
        ("That is the direction of fastest decrease, -∇f; f increases fastest along +∇f.", "wrong sign"),
        (_ORDER, "swapped components"),
        ("That direction is perpendicular to ∇f: along the level curve, the rate is 0.", "perpendicular"),
    ))


def _max_mistakes(p: dict) -> tuple[Mistake, ...]:
    g = _point_answers(p)["grad"]
    return _numbers(_point_answers(p)["max"], (
        ("That is |∇f| squared: take the square root.", "squared length"),
        (f"The length of {vec(g)} is sqrt({_squares(g)}), not {abs(g[0])} + {abs(g[1])}.", "sum of components"),
        ("That is the smallest rate, walking along -∇f; the question asks for the largest.", "smallest rate"),
        ("That is f_x alone, the rate due east; the largest rate is over all directions.", "one partial"),
    ))


def _level_mistakes(p: dict) -> tuple[Mistake, ...]:
    g = vec(_point_answers(p)["grad"])
    return _numbers(_point_answers(p)["level"], (
        (_NORMALISE, "not normalised"),
        ("That one is along the level curve too, but its y-component is negative; the question asks for the other "
         "one.", "other direction"),
        ("That is the direction of -∇f, the steepest descent; the level curve is perpendicular to ∇f.",
         "steepest descent"),
        (f"Check that it is perpendicular to ∇f = {g}: the dot product must be 0.", "not perpendicular"),
    ))


def _fastest_key(p: dict) -> str:
    answers = _point_answers(p)
    return _clear_winner(answers["rates"], 0.05 * answers["size"])


def _fastest_mistakes(p: dict) -> tuple[Mistake, ...]:
    answers, key = _point_answers(p), _fastest_key(p)
    mistakes = []
    raw = _clear_winner(answers["unnormalised"], 0.05 * answers["size"])
    if raw not in (None, key):
        mistakes.append(Mistake(raw, "Compare rates along unit vectors: northeast and southeast are (1, 1) and "
                                     "(1, -1) divided by their length √2, so their rates are (f_x ± f_y)/√2.",
                                "not normalised"))
    slowest = min(answers["rates"], key=answers["rates"].get)
    if slowest not in (raw, key):
        mistakes.append(Mistake(slowest, "That direction has the smallest rate of the four; the question asks where "
                                         "f increases fastest.", "smallest rate"))
    return tuple(mistakes)


def _fastest_worked(p: dict) -> str:
    rates = ", ".join(f"{name} ${value:.3g}$" for name, value in _point_answers(p)["rates"].items())
    return f"$\\nabla f{_at(p)} = {vec(_point_answers(p)['grad'])}$; the rates $\\nabla f \\cdot \\mathbf u$ are " \
           f"{rates}, so the answer is `\"{_fastest_key(p)}\"`."


# -------------------------------------------------------------- group angle


def _angle_answers(p: dict) -> tuple[float, list[float]]:
    size, phi = p["L"], math.radians(p["phi"])
    cosine = round(math.cos(phi), 12)  # cos 60° is 0.5, not 0.5000000000000001
    return size * cosine, [size * math.sin(phi), float(size), size * math.cos(p["phi"]), cosine]


def _draw_angle(rng) -> dict:
    while True:
        p = {"L": pick(rng, list(range(2, 13))), "phi": pick(rng, [30, 60, 120, 150])}
        if fair([_angle_answers(p)]):
            return p


# ------------------------------------------------------------------ group w


@per_version
def _w_answers(p: dict) -> tuple[float, list[float]]:
    """The rate of w = x exp(yz) at (x0, 0, z0), where its gradient is (1, x0 z0, 0), with its mistakes."""
    d, x0, z0 = p["d"], p["x0"], p["z0"]
    length = round(math.sqrt(sum(c * c for c in d)))
    along = d[0] + x0 * z0 * d[1]
    return along / length, [float(along), (d[0] + x0 * d[1]) / length, along / length**2, x0 * z0 * d[1] / length]


def _draw_w(rng) -> dict:
    while True:
        p = {"x0": pick(rng, [1, 2, 3, -1, -2]), "z0": pick(rng, [2, 3, -1, -2, -3]),
             "d": _signed(rng, _QUADRUPLES[int(rng.integers(len(_QUADRUPLES)))])}
        if _w_answers(p)[0] != 0 and fair([_w_answers(p)]):
            return p


def _w_mistakes(p: dict) -> tuple[Mistake, ...]:
    length = round(math.sqrt(sum(c * c for c in p["d"])))
    hints = ((_NORMALISE + f" Here |v| = {length}.", "not normalised"),
             ("Chain rule: the y-partial of exp(yz) is z*exp(yz); the factor z is missing.", "missing chain factor"),
             (f"Divide by the length |v| = {length} once, not by |v| squared.", "divided by the square"),
             ("w_x = exp(yz), which is 1 at the point, not 0.", "dropped a term"))
    return tuple(Mistake(v, *hint) for v, hint in zip(_w_answers(p)[1], hints, strict=True))


def _w_text(p: dict) -> str:
    return (f"Let $w(x, y, z) = x\\,e^{{yz}}$. Compute the rate of change of $w$ at $({p['x0']}, 0, {p['z0']})$ in "
            f"the direction of ${vec(p['d'])}$, and store the number in `rate_3d`.")


def _factor(value: int) -> str:
    """A whole number as a factor in a product: negative ones in brackets."""
    return f"({value})" if value < 0 else str(value)


def _w_worked(p: dict) -> str:
    d, x0, z0 = p["d"], p["x0"], p["z0"]
    length = round(math.sqrt(sum(c * c for c in d)))
    return (f"$\\nabla w = (e^{{yz}}, xz\\,e^{{yz}}, xy\\,e^{{yz}}) = (1, {x0 * z0}, 0)$ at the point and "
            f"$|{vec(d)}| = {length}$, so the rate is "
            f"$\\dfrac{{{d[0]} + {_factor(x0 * z0)} \\cdot {_factor(d[1])}}}{{{length}}} "
            f"= {tex(sp.Rational(d[0] + x0 * z0 * d[1], length))}$.")


# ---------------------------------------------------------------- templates


def _grad_tex(p: dict) -> str:
    return f"\\left({tex(sp.diff(_f(p), x))},\\ {tex(sp.diff(_f(p), y))}\\right)"


def _f_template(qid: str, uses: tuple[str, ...], text, key, mistakes, worked, spec=None) -> Template:
    """A question of group f that depends only on the parameters ``uses``."""
    extra = {} if spec is None else {"spec": spec}
    template = Template(qid, "f", _F_BASE, _draw_f, text=text, key=key, mistakes=mistakes, worked=worked, **extra)
    return once_per_version(template, uses)


def _u_tex(p: dict) -> str:
    length = round(_direction_answers(p)["length"])
    return f"\\mathbf u = \\tfrac{{1}}{{{length}}}{vec(_v(p))}"


TEMPLATES = (
    _f_template(
        "03-gradient", _FUNCTION,
        text=lambda p: f"{_f_is(p)} Find the gradient $\\nabla f = (f_x, f_y)$ as a list of two formulas and store "
                       "it in `grad_f`.",
        key=lambda p: [sp.diff(_f(p), x), sp.diff(_f(p), y)],
        mistakes=_gradient_mistakes,
        worked=lambda p: f"Differentiate by x holding y fixed, then by y holding x fixed: "
                         f"$\\nabla f = {_grad_tex(p)}$.",
    ),
    _f_template(
        "03-unit-direction", _DIRECTION,
        text=lambda p: f"Find the unit vector $\\mathbf u$ that points in the direction of "
                       f"$\\mathbf v = {vec(_v(p))}$, as a list of two numbers, and store it in `u`.",
        key=lambda p: _direction_answers(p)["unit"][0],
        mistakes=_unit_mistakes,
        worked=lambda p: f"$|\\mathbf v| = \\sqrt{{{_squares(_v(p)).replace('**', '^')}}} = "
                         f"{round(_direction_answers(p)['length'])}$, so ${_u_tex(p)}$.",
        spec=lambda p: {"hint": f"Divide v by its length |v| = sqrt({_squares(_v(p))})."},
    ),
    _f_template(
        "03-rate-formula", _FUNCTION + _DIRECTION,
        text=lambda p: f"{_f_is(p)} Find $D_{{\\mathbf u}} f(x, y)$, the rate of change of $f$ at a general point "
                       f"$(x, y)$ in the direction of $\\mathbf v = {vec(_v(p))}$, as a formula in $x$ and $y$, and "
                       "store it in `rate_formula`.",
        key=_rate_formula_key,
        mistakes=_rate_formula_mistakes,
        worked=lambda p: f"$D_{{\\mathbf u}} f = \\nabla f \\cdot \\mathbf u$ with $\\nabla f = {_grad_tex(p)}$ and "
                         f"${_u_tex(p)}$: ${tex(_rate_formula_key(p))}$.",
    ),
    _f_template(
        "03-rate-value", _FUNCTION + _POINT + _DIRECTION,
        text=lambda p: f"{_f_is(p)} Compute the number $D_{{\\mathbf u}} f{_at(p)}$ in the direction of "
                       f"$\\mathbf v = {vec(_v(p))}$ and store it in `rate` (a float; code that computes it is "
                       "welcome).",
        key=lambda p: _rate_answers(p)[0],
        mistakes=_rate_mistakes,
        worked=lambda p: f"$\\nabla f{_at(p)} = {vec(_point_answers(p)['grad'])}$ and ${_u_tex(p)}$, so "
                         f"$D_{{\\mathbf u}} f = {_rate_answers(p)[0]:.4g}$.",
        spec=lambda p: {"hint": f"Evaluate the gradient at {_at(p)}, then take its dot product with the unit "
                                "vector u."},
    ),
    _f_template(
        "03-steepest-direction", _FUNCTION + _POINT,
        text=lambda p: f"{_f_is(p)} In which direction does $f$ increase fastest at ${_at(p)}$? Give the **unit** "
                       "vector, as a list of two numbers, and store it in `steepest`.",
        key=lambda p: _point_answers(p)["steepest"][0],
        mistakes=_steepest_mistakes,
        worked=lambda p: f"Along $\\nabla f{_at(p)} = {vec(_point_answers(p)['grad'])}$, divided by its length "
                         f"${_point_answers(p)['size']:.4g}$: ${vec(_point_answers(p)['steepest'][0])}$.",
    ),
    _f_template(
        "03-max-rate", _FUNCTION + _POINT,
        text=lambda p: f"{_f_is(p)} What is the largest rate of change of $f$ at ${_at(p)}$, over all directions? "
                       "Store the number in `max_rate`.",
        key=lambda p: _point_answers(p)["max"][0],
        mistakes=_max_mistakes,
        worked=lambda p: f"The length of $\\nabla f{_at(p)} = {vec(_point_answers(p)['grad'])}$: "
                         f"$\\sqrt{{{_point_answers(p)['max'][1][0]}}} \\approx {_point_answers(p)['size']:.4g}$.",
    ),
    _f_template(
        "03-level-direction", _FUNCTION + _POINT,
        text=lambda p: f"{_f_is(p)} Two unit vectors point along the level curve of $f$ through ${_at(p)}$, where the "
                       "rate of change is $0$. Give the one with a **positive** $y$-component, as a list of two "
                       "numbers, and store it in `level`.",
        key=lambda p: _point_answers(p)["level"][0],
        mistakes=_level_mistakes,
        worked=lambda p: f"Perpendicular to $\\nabla f{_at(p)} = {vec(_point_answers(p)['grad'])}$ and of length 1, "
                         f"with $y > 0$: ${vec(_point_answers(p)['level'][0])}$.",
        spec=lambda p: {"hint": f"Along the level curve the rate is 0, so u is perpendicular to ∇f{_at(p)} = "
                                f"{vec(_point_answers(p)['grad'])} and has length 1."},
    ),
    once_per_version(Template(
        "03-angle-rate", "angle", {"L": 6, "phi": 60}, _draw_angle,
        text=lambda p: f"At some point the gradient of a function has length $|\\nabla f| = {p['L']}$, and a unit "
                       f"vector $\\mathbf u$ makes an angle of ${p['phi']}°$ with $\\nabla f$. What is "
                       "$D_{\\mathbf u} f$ there? Store the number in `angle_rate`.",
        key=lambda p: _angle_answers(p)[0],
        mistakes=lambda p: tuple(Mistake(v, *hint) for v, hint in zip(_angle_answers(p)[1], (
            ("D_u f = |∇f| cos(φ): cosine, not sine.", "sine"),
            ("The angle matters: |∇f| alone is the rate along ∇f, where the angle is 0.", "angle ignored"),
            ("The angle is in degrees: convert it to radians before taking the cosine.", "degrees as radians"),
            ("Multiply the cosine by the length of the gradient.", "length ignored")), strict=True)),
        worked=lambda p: f"$D_{{\\mathbf u}} f = |\\nabla f| \\cos\\varphi = {p['L']} \\cos {p['phi']}° = "
                         f"{tex(sp.nsimplify(p['L'] * sp.cos(sp.pi * p['phi'] / 180)))}$.",
    )),
    once_per_version(Template(
        "03-three-variables", "w", {"x0": 1, "z0": 2, "d": (1, 2, 2)}, _draw_w,
        text=_w_text,
        key=lambda p: _w_answers(p)[0],
        mistakes=_w_mistakes,
        worked=_w_worked,
        spec=lambda p: {"hint": f"Find the three partials of w at ({p['x0']}, 0, {p['z0']}), then the dot product "
                                "with v/|v|."},
    )),
    _f_template(
        "03-fastest", _FUNCTION + _POINT,
        text=lambda p: f"{_f_is(p)} Walking from ${_at(p)}$ in which of these directions does $f$ increase fastest: "
                       "`\"east\"` $(1, 0)$, `\"north\"` $(0, 1)$, `\"northeast\"` (halfway between east and north) or "
                       "`\"southeast\"` (halfway between east and south)? Store the word as text in `fastest`.",
        key=_fastest_key,
        mistakes=_fastest_mistakes,
        worked=_fastest_worked,
    ),
)
