"""Exercise parameters and per-student variants (helpers.checks.variants)."""

import numpy as np
import pytest

from helpers.checks import NumericExercise, FunctionExercise, Param, Parameters, variant
from helpers.checks.variants import draw_unit, parameters_cell_source, variant_key

P = Parameters("demo", height=Param(0.3, 0.2, 0.6, step=0.01, text="barrier height (eV)"),
               width=Param(20, 15, 25, text="strip width (sites)"),
               seed=Param(7, 0, 2**31 - 1, hidden=True))


def test_defaults_outside_a_variant_and_values_inside():
    assert (P.height, P.width) == (0.3, 20)
    with variant({"demo": {"height": 0.45}}):
        assert (P.height, P.width) == (0.45, 20)
        assert variant_key() is not None
    assert P.height == 0.3 and variant_key() is None


def test_draw_is_reproducible_in_range_and_differs_from_default():
    secret = b"k" * 32
    students = [f"s{i}" for i in range(200)]
    draws = [P.draw(secret, s) for s in students]
    assert draws[0] == P.draw(secret, "s0")
    assert P.draw(b"other key" * 4, "s0") != draws[0]
    for values in draws:
        assert 0.2 <= values["height"] <= 0.6 and values["height"] != 0.3
        assert abs(values["height"] * 100 - round(values["height"] * 100)) < 1e-9
        assert 15 <= values["width"] <= 25 and values["width"] != 20
        assert isinstance(values["width"], int)
    widths = {v["width"] for v in draws}
    assert widths == set(range(15, 26)) - {20}   # every other value is reached
    # uniform: no value of 10 gets more than twice its share of 200 students
    assert max(sum(v["width"] == w for v in draws) for w in widths) < 2 * 200 / 10


def test_draw_unit_is_an_hmac_in_unit_interval():
    u = [draw_unit(b"secret", "t", i) for i in range(1000)]
    assert all(0 <= x < 1 for x in u)
    assert abs(np.mean(u) - 0.5) < 0.05


def test_expected_answers_are_cached_per_variant():
    calls = []

    def expected():
        calls.append(P.height)
        return 2 * P.height

    ex = NumericExercise("demo-double-height", 1, expected, units="eV")
    assert ex.expected_value == pytest.approx(0.6)
    assert ex.expected_value == pytest.approx(0.6) and calls == [0.3]
    with variant({"demo": {"height": 0.5}}):
        assert ex.expected_value == pytest.approx(1.0)
        assert ex.judge(1.0)[0] == "correct" and ex.judge(0.6)[0] == "wrong"
    assert ex.judge(0.6)[0] == "correct"


def test_function_inputs_follow_the_variant():
    def inputs():
        rng = np.random.default_rng(P.seed)
        return [(x,) for x in rng.uniform(0, 1, 3)]

    ex = FunctionExercise("demo-square", 1, reference=lambda x: x * x, inputs=inputs)
    default_inputs = ex.inputs
    with variant({"demo": {"seed": 8}}):
        assert ex.inputs != default_inputs
        assert ex.judge(ex.collect(lambda x: x * x, allow_forbidden=True))[0] == "correct"


def test_parameters_cell_shows_the_values_but_not_hidden_ones():
    source = parameters_cell_source(P, {"height": 0.41})
    ns = {}
    exec(source, ns)
    assert ns["height"] == 0.41 and ns["width"] == 20 and "seed" not in ns
    assert "barrier height (eV)" in source


@pytest.mark.parametrize("bad", [dict(default=0.3, low=0.4, high=0.6), dict(default=1, low=1, high=1),
                                 dict(default=0.3)])
def test_bad_ranges_are_refused_with_the_reason(bad):
    with pytest.raises(ValueError, match="low <= default <= high"):
        Param(bad.pop("default"), **bad)


def test_parameters_are_read_only_and_unknown_names_say_which_exist():
    with pytest.raises(AttributeError, match="read-only"):
        P.height = 1
    with pytest.raises(AttributeError, match="height, width, seed"):
        _ = P.depth
