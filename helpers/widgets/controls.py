"""Labelled controls with sensible readouts.

`slow=True` means "the physics behind this control takes long": the value is sent when the
slider is released instead of continuously while dragging.
"""

import ipywidgets as w

__all__ = ["float_slider", "int_slider", "dropdown", "toggle"]

_STYLE = {"description_width": "initial"}
_LAYOUT = {"width": "420px"}


def float_slider(description, min, max, value, step=None, *, slow=False, readout_format=None):
    """FloatSlider from `min` to `max` starting at `value` (step: 1/200 of the range)."""
    if step is None:
        step = (max - min) / 200
    if readout_format is None:
        readout_format = ".3g" if step < 0.01 else ".2f"
    return w.FloatSlider(value=value, min=min, max=max, step=step, description=description,
                         continuous_update=not slow, readout_format=readout_format,
                         style=_STYLE, layout=w.Layout(**_LAYOUT))


def int_slider(description, min, max, value, step=1, *, slow=False):
    """IntSlider from `min` to `max` starting at `value`."""
    return w.IntSlider(value=value, min=min, max=max, step=step, description=description,
                       continuous_update=not slow, style=_STYLE, layout=w.Layout(**_LAYOUT))


def dropdown(description, options, value=None):
    """Dropdown; `options` a list of values or of (label, value) pairs, or a dict label -> value."""
    if isinstance(options, dict):
        options = list(options.items())
    widget = w.Dropdown(options=options, description=description, style=_STYLE)
    if value is not None:
        widget.value = value
    return widget


def toggle(description, options, value=None):
    """ToggleButtons for a few discrete choices (same `options` forms as `dropdown`)."""
    if isinstance(options, dict):
        options = list(options.items())
    widget = w.ToggleButtons(options=options, description=description, style=_STYLE)
    if value is not None:
        widget.value = value
    return widget
