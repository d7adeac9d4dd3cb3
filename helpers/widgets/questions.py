"""`ConceptQuestion`: a multiple-choice question with instant feedback (not graded)."""

import ipywidgets as w

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
        colour = "#009E73" if correct else ("#D55E00" if label is not None else "#555555")
        self.feedback.value = f'<span style="color:{colour}">{message}</span>'
        return correct, message

    def answer(self, label):
        """Select `label` (as a student would) and check it; returns (is_correct, message)."""
        self.choices.value = label
        return self.check()

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)
