"""The optional lesson 00 is graded like any numbered lesson: found, keyed, scored."""

from gradekit import ROOT, code_cell, load, points, run_batch

SOLUTION = ROOT / "solutions" / "00-vectors-and-matrices.ipynb"


def test_a_lesson_00_class_is_graded_right_and_wrong(tmp_path):
    right = load(SOLUTION)
    wrong = load(SOLUTION)
    for cell in wrong["cells"]:
        grade = cell.get("metadata", {}).get("grade") or {}
        if grade.get("grade_id") == "00-det":
            cell["source"] = "det_A = 3 * 2 + 1 * 4"  # ad + bc: a planted mistake
    wrong["cells"].append(code_cell("print('done')"))
    records = run_batch(tmp_path, {"ana": right, "ben": wrong})
    assert records["ana"]["status"] == "graded" and records["ana"]["lesson"] == "00-vectors-and-matrices"
    assert records["ana"]["score"] == records["ana"]["max_score"] == 7
    scored = points(records["ben"])
    assert scored["00-det"] == 0 and sum(scored.values()) == 6
