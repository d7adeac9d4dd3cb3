"""Lecture mode's Voila command and page, without a browser (tests/browser/test_lecture*.py open
them in Chromium)."""

import logging

import pytest

from helpers import lecture


def _voila_configuration(argv):
    """The VoilaConfiguration that Voila builds from the `--VoilaConfiguration.*` arguments."""
    pytest.importorskip("voila")
    from traitlets.config.loader import KVArgParseConfigLoader
    from voila.configuration import VoilaConfiguration

    ours = [arg for arg in argv if arg.startswith("--VoilaConfiguration.")]
    config = KVArgParseConfigLoader(ours, classes=[VoilaConfiguration]).load_config()
    return VoilaConfiguration(config=config)


def _page_extensions(configuration):
    """Names of the JupyterLab extensions Voila's page loads with `configuration`."""
    from voila.utils import get_page_config

    page = get_page_config("/", {}, logging.getLogger("test"), configuration)
    return {extension["name"] for extension in page["federated_extensions"]}


def test_lecture_voila_loads_the_widget_extensions_but_not_other_applications():
    """nbgrader's lab extension (instructor extra) and Notebook 7's throw inside Voila's page:
    lecture mode's command line keeps them out; the widget and ipympl extensions stay."""
    from voila.configuration import VoilaConfiguration

    argv = lecture.voila_command("lessons", 1234, open_browser=False)
    configured = _voila_configuration(argv)
    assert set(lecture.LABEXTENSIONS_OFF) <= set(configured.extension_denylist)
    everything = _page_extensions(VoilaConfiguration())
    loaded = _page_extensions(configured)
    assert not loaded & set(lecture.LABEXTENSIONS_OFF), loaded
    assert {"@jupyter-widgets/jupyterlab-manager", "jupyter-matplotlib"} <= loaded, loaded
    assert loaded == everything - set(lecture.LABEXTENSIONS_OFF)  # nothing else is left out


def test_lecture_template_script_and_styles_are_not_read_as_jinja(tmp_path):
    """The figure-fitting styles and script sit in a Jinja template: no Jinja markers in them."""
    from jinja2 import Environment

    for marker in ("{{", "{%", "{#"):
        assert marker not in lecture._CSS, marker
    root = lecture.write_template(tmp_path)
    page = (root / "voila" / "templates" / lecture.TEMPLATE / "index.html.j2").read_text()
    Environment().parse(page)  # a syntax error raises
    assert lecture._CSS.strip() in page
