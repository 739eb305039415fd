# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Each addon builds as a wheel (OCA's whool backend) that partners can pip-install."""

import ast
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ADDONS = sorted(p.name for p in (ROOT / "addons").iterdir() if (p / "__manifest__.py").exists())


def test_suite_has_six_addons():
    assert ADDONS == [
        "optima_crm_tasks",
        "optima_dunning",
        "optima_mail_ext",
        "optima_offers",
        "optima_recurring_invoice",
        "optima_survey_ext",
    ]


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest_conventions(addon):
    manifest = ast.literal_eval((ROOT / "addons" / addon / "__manifest__.py").read_text())
    assert manifest["version"] == "19.0.1.0.0"
    assert manifest["license"] == "LGPL-3"
    assert " – " in manifest["summary"], "Polish – English summary"
    assert (ROOT / "addons" / addon / "static/description/icon.png").exists()
    for fragment in ("DESCRIPTION", "USAGE", "CONFIGURE"):
        assert (ROOT / "addons" / addon / "readme" / f"{fragment}.md").exists()
    assert (ROOT / "addons" / addon / "i18n" / f"{addon}.pot").exists()
    if addon != "optima_crm_tasks":
        assert manifest["depends"][0] in ("optima_crm_tasks", "optima_mail_ext")


@pytest.mark.parametrize("addon", ADDONS)
def test_readme_is_current_and_valid_rst(addon):
    """README.rst (the wheel's long description) is what `make readme` writes from the
    fragments, and docutils reads it without a warning."""
    import docutils.core

    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from optima_dev import render_readme
    finally:
        sys.path.pop(0)
    text = (ROOT / "addons" / addon / "README.rst").read_text()
    assert text == render_readme(addon), "README.rst is stale: run make readme"
    # halt_level 2: the first warning raises SystemMessage and fails the test.
    docutils.core.publish_doctree(text, settings_overrides={"report_level": 5, "halt_level": 2})


def test_wheel_of_the_core_addon(tmp_path):
    addon_dir = ROOT / "addons" / "optima_mail_ext"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(tmp_path),
            str(addon_dir),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    [wheel] = tmp_path.glob("odoo_addon_optima_mail_ext-19.0.1.0.0*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = next(archive.read(n).decode() for n in names if n.endswith("METADATA"))
    assert "odoo/addons/optima_mail_ext/__manifest__.py" in names
    assert "odoo/addons/optima_mail_ext/i18n/pl.po" in names
    assert "odoo/addons/optima_mail_ext/static/description/icon.png" in names
    assert "Requires-Dist: odoo-addon-optima_crm_tasks==19.0.*" in metadata
    assert "Requires-Dist: odoo==19.0.*" in metadata
