"""The one parser of ``check("<exercise id>", answer)`` calls in a code cell.

`helpers.generate` uses it to find the check cell that follows an answer cell, the grader to
read the exercise ids and answer expressions of an assignment and of a submission.
"""

import ast

__all__ = ["check_calls", "cell_python"]


def cell_python(source):
    """The cell as plain Python: IPython syntax (%magics, !shell) transformed when possible."""
    try:
        from IPython.core.inputtransformer2 import TransformerManager
    except ImportError:
        return source
    try:
        return TransformerManager().transform_cell(source)
    except Exception:  # IPython's transformers raise many kinds on broken input
        return source


def check_calls(source):
    """``[(exercise id, answer expression)]`` of the check calls in a code cell, in source order.

    A call counts when it is ``check(...)`` or ``<something>.check(...)`` with the exercise id
    as a string literal (first argument or ``exercise_id=``) and an answer (second argument or
    ``answer=``); the expression is the answer's source text, normalized by ``ast.unparse``
    (``check("contact-resistance", R_kohm)`` -> ``("contact-resistance", "R_kohm")``). A cell that is not valid Python has
    no check calls.

    Parameters
    ----------
    source : str
        The code cell's source.

    Returns
    -------
    list of (str, str)
    """
    try:
        tree = ast.parse(cell_python(source))
    except (SyntaxError, ValueError):
        return []
    calls = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(
            func, ast.Attribute) else None
        if name != "check":
            continue
        keywords = {k.arg: k.value for k in node.keywords if k.arg}
        args = list(node.args[:2])
        for key in ("exercise_id", "answer")[len(args):]:
            if key in keywords:
                args.append(keywords[key])
        if len(args) == 2 and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
            calls.append((node.lineno, node.col_offset, args[0].value, ast.unparse(args[1])))
    return [(exercise_id, expression) for _, _, exercise_id, expression in sorted(calls)]
