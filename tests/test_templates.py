"""Every question template, checked over 500 seeded versions.

For every version: the key is finite and defined, the key is accepted, every planted mistake
is rejected with its own hint and note and differs from the key at the question's precision,
no planted mistake equals another one or another answer of the same version, and the text
renders. Version 0 is the exercise as written: its key is the solution's key, and its rules
find every mistake planted in the exercise.
"""

import json
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest

from helpers.answers import judge
from helpers.checks import load_key
from helpers.encoding import encode
from helpers.precision import half_unit
from helpers.questions import get_question
from helpers.templates import LESSONS_WITH_TEMPLATES, student_seed, templates_for, variant

SEEDS = range(500)
TEMPLATED = [qid for lesson in LESSONS_WITH_TEMPLATES for qid in templates_for(lesson)]


def _versions(qid):
    """The distinct versions among 500 seeds.

    Two seeds that give one question the same text, key, spec (mistakes, hint) and worked answer, with the same
    other answers in its group, are the same version and are checked once.
    """
    seen = {}
    for seed in SEEDS:
        v = variant(qid, seed)
        others = [json.dumps(encode(k), sort_keys=True) for k in _group_keys(v)]
        seen.setdefault((v.text, json.dumps(v.key, sort_keys=True), repr(v.question), v.worked, *others), v)
    return list(seen.values())


def _group_keys(v):
    """The keys of the other questions of the same kind drawn from the same parameters."""
    templates = templates_for(v.id)
    return [t.key(v.params) for other, t in templates.items()
            if t.group == templates[v.id].group and other != v.id and get_question(other).kind == v.question.kind]


def _as_answers(question, mistake, key):
    """A planted mistake as whole answers to its question.

    A mistake of a list-of-formulas question is one wrong entry (the judge names it entry by
    entry): it is put into each entry of the key in turn, and the first place where it makes
    the answer wrong is where it was planted.
    """
    if question.kind != "exprs":
        return [encode(mistake.answer)]
    items = key["items"]
    texts = [item["text"] if item["type"] == "expr" else repr(item["value"]) for item in items]
    return [encode(texts[:i] + [mistake.answer] + texts[i + 1:]) for i in range(len(texts))]


def _judge_planted(question, mistake, key):
    """The verdict on a planted mistake (for a list, in the first entry where it is wrong)."""
    verdicts = [judge(question, answer, key) for answer in _as_answers(question, mistake, key)]
    return next((v for v in verdicts if v.score == 0.0), verdicts[-1])


def _numbers(encoded):
    return np.asarray(encoded["value"] if encoded["type"] == "array" else [encoded["value"]], dtype=float)


@pytest.mark.parametrize("qid", TEMPLATED)
def test_every_version_is_well_posed_and_fair(qid):
    versions = _versions(qid)
    assert len(versions) >= 15  # the template does draw new versions
    for v in versions:
        question, key = v.question, v.key
        assert key["type"] != "other" and "special" not in key or not any(key.get("special") or [])
        assert judge(question, key, key).verdict == "correct", (v.params, key)
        answers = [json.dumps(encode(m.answer)) for m in question.mistakes]
        assert len(set(answers)) == len(answers), (v.params, "two planted mistakes are the same")
        for mistake in question.mistakes:
            verdict = _judge_planted(question, mistake, key)
            assert verdict.score == 0.0 and verdict.hint == mistake.hint, (v.params, mistake, verdict)
            assert verdict.note == mistake.note
            if question.kind in ("number", "vector"):
                wrong, right = np.asarray(mistake.answer, dtype=float).ravel(), _numbers(key)
                assert np.max(np.abs(wrong - right)) > 2 * half_unit(right, question.sigfigs), (v.params, mistake)
            for other in map(encode, _group_keys(v)):
                if other["type"] == encode(mistake.answer)["type"] and question.kind != "choice":
                    assert judge(question, encode(mistake.answer), other).score == 0.0 or \
                        judge(question, other, key).score == 0.0, (v.params, mistake, "is another answer")
        assert v.text.strip() and v.worked.strip() and "nan" not in v.text and "zoo" not in v.text
        assert v.text.count("$") % 2 == 0 and v.worked.count("$") % 2 == 0, v.text


@pytest.mark.parametrize("qid", TEMPLATED)
def test_version_zero_is_the_exercise_as_written(qid):
    v = variant(qid, 0)
    solution_key = load_key(qid)["answers"][qid]
    assert judge(v.question, solution_key, v.key).verdict == "correct"
    assert judge(get_question(qid), v.key, solution_key).verdict == "correct"
    for planted in get_question(qid).mistakes:  # the rules find every mistake the exercise plants
        verdict = _judge_planted(v.question, planted, v.key)
        assert verdict.score == 0.0 and verdict.hint is not None and verdict.hint != v.question.hint, planted


@pytest.mark.parametrize("qid", TEMPLATED)
def test_the_same_seed_gives_the_same_version_and_other_seeds_others(qid):
    assert variant(qid, 12345) == variant(qid, 12345)
    assert len({json.dumps(variant(qid, s).params, sort_keys=True) for s in range(1, 40)}) > 1


def test_questions_about_one_function_share_it_in_every_version():
    for seed in range(50):
        fx, fy, fxy = (variant(q, seed) for q in ("01-fx", "01-fy", "01-fxy"))
        assert fx.params == fy.params == fxy.params
        assert re.search(r"f\(x, y\) = ([^$]*)\$", fx.text).group(1) in fxy.text


def test_student_seeds_depend_on_the_secret_student_and_lesson():
    seeds = {student_seed(b"secret", f"student{i}", "01") for i in range(1000)}
    assert len(seeds) == 1000 and 0 not in seeds
    assert student_seed(b"secret", "alice", "01") != student_seed(b"secret", "alice", "02")
    assert student_seed(b"secret", "alice", "01") != student_seed(b"secret2", "alice", "01")


def _given_code(qid):
    """The code an exercise's answer cell gives before the answer line (whitespace removed)."""
    path = next(Path("exercises").glob(f"{qid[:2]}-*.ipynb"))
    cell = next(c for c in nbformat.read(path, as_version=4).cells
                if (c.metadata.get("grade") or {}).get("grade_id") == qid)
    return "".join(cell.source.rsplit("\n", 1)[0].split()) if "\n" in cell.source else ""


@pytest.mark.parametrize("qid", [q for q in TEMPLATED if templates_for(q)[q].code is not None])
def test_version_zero_gives_the_code_the_exercise_gives(qid):
    code = templates_for(qid)[qid].code
    assert "".join(code(variant(qid, 0).params).split()) == _given_code(qid)
    assert len({code(variant(qid, seed).params) for seed in range(1, 40)}) > 1
