# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Suite-wide pytest hooks.

Odoo skips a browser test when Chromium or websocket-client is missing. Here a
skipped tour would hide a broken UI, so such a skip is reported as a failure.
"""

import pytest

BROWSER_SKIP_MARKERS = ("chrome", "chromium", "websocket", "devtools", "browser")


def _is_browser_skip(report):
    text = str(report.longrepr).lower()
    return any(marker in text for marker in BROWSER_SKIP_MARKERS)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and _is_browser_skip(report):
        report.outcome = "failed"
        report.longrepr = (
            f"{item.nodeid}: browser test skipped ({report.longrepr}). Install Chromium "
            "(apt-get install chromium) and websocket-client (pip install websocket-client)."
        )
