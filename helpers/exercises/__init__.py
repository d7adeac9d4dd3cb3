"""Exercise definitions, one module per lesson topic: ``helpers/exercises/<topic>.py``.

Modules: ``bands`` (lesson 0, the primer), ``resistance`` (1), ``reservoirs`` (2),
``channels`` (3), ``smatrix`` (4), ``noise`` (5), ``negf`` (6), ``localization`` (7),
``fine_print`` (8), ``coulomb`` (9), ``terminals`` (10), ``quantum_hall`` (11),
``topological`` (12), ``andreev`` (13).

Each module defines a list ``EXERCISES`` of exercise objects from `helpers.checks`. An id names
the physics, in kebab-case, never a lesson number ("contact-resistance", "fano-factor",
"orthodox-rate"): lessons are renumbered and split, ids stay stable (they are stored in student
answers, nbgrader metadata and grades). E.g.::

    # helpers/exercises/resistance.py
    from helpers.checks import NumericExercise, Mistake
    from helpers.constants import R0              # physics, never a copied number

    EXERCISES = [
        NumericExercise("contact-resistance", points=2, units="kΩ",
                        expected=lambda: R0 / 1e3, other_units={"Ω": 1e3},
                        mistakes=[Mistake("Remember the spin factor in G0.", factor=2)]),
    ]

A module whose questions are about numbers declares them once, as ``PARAMETERS`` (a
`helpers.checks.Parameters` named after the module), and its expected answers read them
(``PARAMETERS.T_scatterer``): the defaults in self-study, a student's own values in graded
homework. `load_parameters()` returns {topic: PARAMETERS}.

`load()` imports every module here (names starting with "_" are skipped) and returns
{id: exercise}; an id used twice is an error.
"""

import importlib
import pkgutil

__all__ = ["load", "load_parameters"]

_cache = {}


def load(refresh=False):
    """{exercise id: exercise} for every module in this package."""
    if _cache and not refresh:
        return dict(_cache)
    found = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for exercise in getattr(module, "EXERCISES", []):
            if exercise.id in found:
                raise ValueError(f"exercise id {exercise.id!r} is defined twice "
                                 f"({found[exercise.id].lesson} and {info.name})")
            exercise.lesson = info.name
            found[exercise.id] = exercise
    _cache.clear()
    _cache.update(found)
    return dict(found)


def load_parameters():
    """{topic: Parameters} of every module here that declares ``PARAMETERS``."""
    load()
    found = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        parameters = getattr(importlib.import_module(f"{__name__}.{info.name}"), "PARAMETERS",
                             None)
        if parameters is not None:
            if parameters.topic != info.name:
                raise ValueError(f"helpers.exercises.{info.name}.PARAMETERS is named "
                                 f"{parameters.topic!r}; name it {info.name!r}")
            found[info.name] = parameters
    return found
