"""Input checks shared by the physics modules.

Every public function checks its arguments once, where they enter, with these small
validators. Each raises ``TypeError`` or ``ValueError`` with a message that names the
argument, shows the offending value and says what is allowed, so a student never sees a
bare traceback from deep inside numpy.
"""

import numbers

import numpy as np

__all__ = [
    "as_real_array",
    "as_real_scalar",
    "as_potential",
    "as_positive_int",
    "as_nonnegative",
    "as_positive",
    "as_rng",
    "scalar_or_array",
]


def _short(value, limit=60):
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def as_real_array(value, name, *, ndim=None, allow_empty=False, finite=True):
    """Return `value` as a float ndarray, or raise naming `name`.

    Parameters
    ----------
    value : array_like
        Numbers (Python or numpy, no strings, no complex).
    name : str
        Argument name used in error messages.
    ndim : int or tuple of int, optional
        Allowed numbers of dimensions.
    allow_empty : bool
        Whether a zero-size array is accepted.
    finite : bool
        Reject NaN and infinities.
    """
    if isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be a number or an array of numbers, got the string {_short(value)}")
    try:
        array = np.asarray(value)
    except Exception as exc:  # ragged nested lists and similar
        raise TypeError(f"{name} must be a number or a rectangular array of numbers, got {_short(value)}") from exc
    if array.dtype == object or array.dtype.kind not in "biuf":
        if array.dtype.kind == "c":
            raise TypeError(f"{name} must be real, got a complex value {_short(value)}; pass the real part")
        raise TypeError(
            f"{name} must be a number or an array of numbers, got {_short(value)} "
            f"(dtype {array.dtype}); convert it with numpy.asarray(..., dtype=float)"
        )
    array = array.astype(float, copy=False)
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if array.ndim not in allowed:
            wanted = " or ".join(str(n) for n in allowed)
            raise ValueError(f"{name} must have {wanted} dimension(s), got shape {array.shape}")
    if not allow_empty and array.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {array.shape}")
    if finite and not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite (no NaN or inf), got {_short(value)}")
    return array


def as_real_scalar(value, name, *, finite=True):
    """Return `value` as a Python float, or raise naming `name`."""
    if isinstance(value, (bool, np.bool_)) or value is None:
        raise TypeError(f"{name} must be a real number, got {_short(value)}")
    array = as_real_array(value, name, finite=finite)
    if array.ndim != 0:
        raise ValueError(f"{name} must be a single number, got an array of shape {array.shape}")
    return float(array)


def as_nonnegative(value, name):
    """A finite real number >= 0 (for example a temperature kT)."""
    x = as_real_scalar(value, name)
    if x < 0:
        raise ValueError(f"{name} must be >= 0, got {x}")
    return x


def as_positive(value, name):
    """A finite real number > 0 (for example the hopping t or a width)."""
    x = as_real_scalar(value, name)
    if not x > 0:
        raise ValueError(f"{name} must be > 0, got {x}")
    return x


def as_positive_int(value, name):
    """An integer >= 1 (a width or a length in sites)."""
    if isinstance(value, bool) or not isinstance(value, (numbers.Integral, np.integer)):
        if isinstance(value, (numbers.Real, np.floating)) and float(value).is_integer():
            value = int(value)
        else:
            raise TypeError(f"{name} must be a positive integer, got {_short(value)}")
    value = int(value)
    if value < 1:
        raise ValueError(f"{name} must be a positive integer (>= 1), got {value}")
    return value


def as_potential(V, name="V"):
    """Check a lattice potential: shape (L,) for a chain or (L, W) for a strip.

    Returns a float array of shape (L, W) (W = 1 for a chain) and a flag saying whether the
    input was a chain.
    """
    array = as_real_array(V, name, ndim=(1, 2))
    if array.shape[0] < 1 or (array.ndim == 2 and array.shape[1] < 1):
        raise ValueError(f"{name} must have at least one site, got shape {array.shape}")
    is_chain = array.ndim == 1
    return (array[:, None] if is_chain else array), is_chain


def as_rng(rng, name="rng"):
    """An int seed, a numpy Generator, or None (fresh entropy) -> numpy Generator."""
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None or (isinstance(rng, (numbers.Integral, np.integer)) and not isinstance(rng, bool)):
        if rng is not None and rng < 0:
            raise ValueError(f"{name} must be a non-negative int seed or a numpy Generator, got {rng}")
        return np.random.default_rng(rng)
    raise TypeError(f"{name} must be an int seed or a numpy.random.Generator, got {_short(rng)}")


def scalar_or_array(values, scalar=None, *, kind=float):
    """What a public function returns: a Python number for a scalar input, else the array.

    Parameters
    ----------
    values : ndarray or number
        The computed result.
    scalar : bool, optional
        Whether the input was a scalar. By default, whether `values` itself is 0-d. A
        function that computed a batch of one for a scalar input passes ``energy.ndim == 0``
        and gets its only element back.
    kind : type
        ``float`` (default) or ``int``, the type of the scalar returned.
    """
    values = np.asarray(values) if not isinstance(values, np.ndarray) else values
    if scalar is None:
        scalar = values.ndim == 0
    return kind(values.reshape(())) if scalar else values
