"""Every exercise question as a template: parameters -> text, key, likely mistakes.

A :class:`Template` turns a parameter set into one version of a question: the
text a learner reads (markdown with LaTeX), the key (computed by sympy from
the parameters, never typed in), the likely mistakes (computed by rules from
the same parameters, each with its hint and a short note) and the worked
answer's main step. Version 0 of every question is the exercise as written,
with its numbers; any other seed draws fresh parameters.

Parameters are drawn per *group*: questions about the same function (f_x,
f_y and f_xy of one f) share a group, so one version of a lesson is
consistent. :func:`variant` gives one question's version for a seed;
:func:`student_seed` the seed of a student's homework, a keyed hash of the
course secret, the student id and the lesson, so no one without the secret
can work out another student's version.

Examples
--------
>>> v = variant("01-fx", 0)
>>> v.key
{'type': 'expr', 'text': '3*x**2*y**2 - 4*y'}
>>> variant("01-fx", 7).text == variant("01-fx", 7).text
True
"""

from __future__ import annotations

import hashlib
import hmac
import importlib
import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from helpers.encoding import encode
from helpers.questions import Mistake, Question, get_question, precision_phrase

__all__ = ["Template", "Variant", "variant", "templates_for", "has_template", "student_seed",
           "group_rng", "LESSONS_WITH_TEMPLATES"]

Params = dict[str, Any]

#: Lessons whose questions are templates, one module ``lessonNN.py`` each (others are served as written).
LESSONS_WITH_TEMPLATES = tuple(sorted(p.stem[-2:] for p in Path(__file__).parent.glob("lesson[0-9][0-9].py")))


@dataclass(frozen=True)
class Template:
    """How one question is built from its parameters.

    Attributes
    ----------
    id : str
        The question id, as in :mod:`helpers.questions`.
    group : str
        Questions of one group share their parameters.
    base : dict
        The parameters of version 0, the exercise as written.
    draw : callable
        ``draw(rng) -> params``: a fresh, well-posed parameter set.
    text : callable
        ``text(params) -> markdown``: the question as the learner reads it.
    key : callable
        ``key(params) -> answer``: the right answer, computed (a sympy
        expression, list, number or choice).
    mistakes : callable
        ``mistakes(params) -> tuple of Mistake``: the likely wrong answers,
        computed by rules, each with its hint and note.
    worked : callable
        ``worked(params) -> markdown``: the main step that gives the key.
    spec : callable, optional
        ``spec(params) -> dict`` of :class:`Question` fields that depend on
        the parameters (the function of a partial-derivative question, the
        general hint).
    code : callable, optional
        ``code(params) -> str``: the given code of the answer cell (a
        function or data to use), for questions whose answer cell has some;
        a personal notebook's answer cell is this code, then ``name = ...``.
    """

    id: str
    group: str
    base: Params
    draw: Callable[[np.random.Generator], Params]
    text: Callable[[Params], str]
    key: Callable[[Params], Any]
    mistakes: Callable[[Params], tuple[Mistake, ...]]
    worked: Callable[[Params], str]
    spec: Callable[[Params], dict[str, Any]] = field(default=lambda params: {})
    code: Callable[[Params], str] | None = None


@dataclass(frozen=True)
class Variant:
    """One version of one question: what the learner reads and how it is judged."""

    id: str
    seed: int
    params: Params
    text: str
    question: Question
    key: dict[str, Any]
    worked: str


def templates_for(lesson: str) -> dict[str, Template]:
    """The templates of a lesson (``"01"`` or ``"01-..."``), by question id; empty when it has none."""
    try:
        module = importlib.import_module(f"helpers.templates.lesson{lesson[:2]}")
    except ImportError:
        return {}
    return {t.id: t for t in module.TEMPLATES}


def has_template(question_id: str) -> bool:
    """Whether a question is served as a template."""
    return question_id in templates_for(question_id)


def group_rng(seed: int, group: str) -> np.random.Generator:
    """The generator that draws one group's parameters for a seed."""
    digest = hashlib.sha256(f"{seed}:{group}".encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:8], "big"))


def variant(question_id: str, seed: int) -> Variant:
    """Version ``seed`` of a question (0: the exercise as written).

    Raises
    ------
    KeyError
        When the question has no template.
    """
    template = templates_for(question_id).get(question_id)
    if template is None:
        raise KeyError(f"question {question_id!r} has no template")
    params = dict(template.base) if seed == 0 else template.draw(group_rng(seed, template.group))
    base = get_question(question_id)
    question = replace(base, mistakes=template.mistakes(params), **template.spec(params))
    text = template.text(params)
    if phrase := precision_phrase(question):
        text += "\n\n" + phrase
    return Variant(question_id, seed, params, text, question, encode(template.key(params)),
                   template.worked(params))


def student_seed(secret: bytes, student_id: str, lesson: str) -> int:
    """The seed of a student's homework: a keyed hash (HMAC-SHA256) of who and which lesson.

    Never 0, so every student with a roster gets a version of their own.

    Examples
    --------
    >>> student_seed(b"s3cret", "alice", "01") == student_seed(b"s3cret", "alice", "01-partial-derivatives")
    True
    >>> student_seed(b"s3cret", "alice", "01") != student_seed(b"other", "alice", "01")
    True
    """
    message = f"{student_id}\x00{lesson[:2]}".encode()
    digest = hmac.new(secret, message, hashlib.sha256).digest()
    return 1 + int.from_bytes(digest[:6], "big") % (2**48 - 1)


def pick(rng: np.random.Generator, options: list | tuple) -> Any:
    """One of ``options``, as a plain Python value."""
    value = options[int(rng.integers(len(options)))]
    return value.item() if hasattr(value, "item") else value


def nice(value: float) -> str:
    """A number as a learner would write it: ``2``, ``0.5``, ``-1.25``."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:g}" if math.isfinite(value) else str(value)
