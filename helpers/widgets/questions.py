"""`ConceptQuestion`: a multiple-choice question with instant feedback (not graded)."""

import html

import ipywidgets as w

from ..plotting import OKABE_ITO

__all__ = ["ConceptQuestion"]


class ConceptQuestion:
    """A question, radio buttons, a Check button and an explanation of the chosen option.

    Parameters
    ----------
    question : str
        The question (HTML allowed, e.g. ``$...$`` math is rendered by the notebook).
    options : dict
        ``{label: (is_correct, explanation)}``, in the order shown.

    Examples
    --------
    >>> q = ConceptQuestion("Where is the power dissipated?", {
    ...     "In the wire": (False, "A coherent conductor only scatters elastically."),
    ...     "In the reservoirs": (True, "Electrons thermalize in the contacts.")})
    >>> q.answer("In the reservoirs")[0]
    True
    """

    def __init__(self, question, options):
        if not options or not any(correct for correct, _ in options.values()):
            raise ValueError("ConceptQuestion needs options with at least one correct answer")
        self.question = question
        self.options = dict(options)
        self.choices = w.RadioButtons(options=list(self.options), value=None,
                                      layout=w.Layout(width="auto"))
        self.button = w.Button(description="Check", button_style="primary")
        self.feedback = w.HTMLMath()
        self.button.on_click(lambda _: self.check())
        self.choices.observe(lambda _: setattr(self.feedback, "value", ""), "value")
        self.widget = w.VBox([w.HTMLMath(question), self.choices, self.button, self.feedback])

    def check(self):
        """Show and return (is_correct, message) for the selected option."""
        label = self.choices.value
        if label is None:
            correct, message = False, "Choose an option first."
        else:
            correct, explanation = self.options[label]
            message = ("✔ Correct. " if correct else "✘ Not quite. ") + explanation
        colour = (OKABE_ITO["bluish_green"] if correct
                  else OKABE_ITO["vermillion"] if label is not None else OKABE_ITO["black"])
        self.feedback.value = f'<span style="color:{colour}">{message}</span>'
        return correct, message

    def answer(self, label):
        """Select `label` (as a student would) and check it; returns (is_correct, message)."""
        self.choices.value = label
        return self.check()

    def static_html(self):
        """The question as HTML text, the options listed and the answers folded in a
        ``<details>`` block (static mode: no widgets, no kernel needed)."""
        items = "".join(f"<li>{html.escape(option)}</li>" for option in self.options)
        answers = "".join(
            f"<li><b>{html.escape(option)}</b>: {'correct' if correct else 'not quite'}. "
            f"{explanation}</li>" for option, (correct, explanation) in self.options.items())
        return (f"<div><p>{self.question}</p><ul>{items}</ul>"
                f"<details><summary>Show the answers</summary><ul>{answers}</ul></details></div>")

    def _repr_mimebundle_(self, **kwargs):
        from .explorer import static_mode

        if static_mode():
            return {"text/html": self.static_html(), "text/plain": self.question}
        return self.widget._repr_mimebundle_(**kwargs)
