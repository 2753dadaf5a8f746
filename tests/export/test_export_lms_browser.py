"""The SCORM 1.2 package in a real browser (Debian's chromium) against a real SCORM 1.2 runtime.

The LMS side is scorm-again's ``Scorm12API`` (npm, installed in ``lms-harness/`` from its lockfile
with ``npm ci`` when missing), set as ``window.API`` in a parent page that shows a SCO in an
iframe, all served from a loopback HTTP server as an LMS serves a package.  Asserted: the SCO
calls LMSInitialize(""), sets cmi.core.lesson_status to completed once the learner has scrolled
to the end, commits, and finishes when it is left; a section SCO completes when each of its
lessons has been read; a SCO opened by itself (no LMS, over HTTP and from file://) raises nothing.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import threading
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from exporthelpers import export
from test_export_browser import Tab

HARNESS = Path(__file__).parent / "lms-harness"
RUNTIME = HARNESS / "node_modules" / "scorm-again" / "dist" / "scorm12.js"


def _runtime() -> Path:
    """scorm-again's SCORM 1.2 runtime, installed from the committed lockfile when missing."""
    if not RUNTIME.is_file():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("the SCORM browser test needs npm to install scorm-again (apt-get install npm)")
        done = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--prefix", str(HARNESS)],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr
    return RUNTIME


LMS_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>LMS</title><link rel="icon" href="data:,">
<script src="scorm12.js"></script>
<script>
window.LOG = [];
window.API = new Scorm12API({autocommit: false, logLevel: 5});
["LMSInitialize", "LMSCommit", "LMSFinish"].forEach(function (name) {
  window.API.on(name, function () { window.LOG.push(name); });
});
window.API.on("LMSSetValue.cmi.*", function (element, value) { window.LOG.push(element + "=" + value); });
</script></head>
<body><iframe id="sco" src="SCO" style="width: 900px; height: 500px; border: 0"></iframe></body></html>
"""


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Callable[[Path], str]]:
    """Serve a folder on 127.0.0.1 (a free port); yields a function giving a file's URL."""
    root = tmp_path / "www"
    root.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def url(relative: Path) -> str:
        return f"http://127.0.0.1:{server.server_address[1]}/{relative.as_posix()}"

    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return


def _lms(www: Path, package: Path, sco: str) -> Path:
    """The LMS page and the unpacked package under ``www``."""
    shutil.copyfile(_runtime(), www / "scorm12.js")
    with zipfile.ZipFile(package) as archive:
        archive.extractall(www / "pkg")
    page = www / "lms.html"
    page.write_text(LMS_PAGE.replace("SCO", f"pkg/{sco}"), encoding="utf-8")
    return page


def _log(tab: Tab) -> list[str]:
    return list(tab.page.evaluate("window.LOG"))


def _read_to_the_end(frame: Any) -> None:
    frame.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")


def test_a_lesson_sco_against_scorm_again(
    browser: Any, fixture_site: Callable[[str], Path], served: Callable[[Path], str]
) -> None:
    root = fixture_site("pusat")
    out = root.parent / "course.zip"
    assert export(root, "--format", "scorm12", "-o", str(out)).exit_code == 0
    www = root.parent / "www"
    _lms(www, out, "tutorials/git/instalasi-git/index.html")
    tab = Tab(browser, viewport={"width": 1000, "height": 600})
    try:
        tab.page.goto(served(Path("lms.html")))
        frame = tab.page.frame_locator("#sco")
        frame.locator("h1").first.wait_for()
        tab.page.wait_for_function("window.LOG.indexOf('LMSInitialize') >= 0")
        assert _log(tab) == ["LMSInitialize", "cmi.core.lesson_status=incomplete"]
        assert tab.page.evaluate("window.API.cmi.core.lesson_status") == "incomplete"
        sco = tab.page.frames[1]
        _read_to_the_end(sco)
        tab.page.wait_for_function("window.LOG.indexOf('LMSCommit') >= 0")
        assert _log(tab) == [
            "LMSInitialize",
            "cmi.core.lesson_status=incomplete",
            "cmi.core.lesson_status=completed",
            "LMSCommit",
        ]
        assert tab.page.evaluate("window.API.cmi.core.lesson_status") == "completed"
        tab.page.evaluate("document.getElementById('sco').src = 'about:blank'")  # the learner leaves the lesson
        tab.page.wait_for_function("window.LOG.indexOf('LMSFinish') >= 0")
        log = _log(tab)
        assert log[:4] == [
            "LMSInitialize",
            "cmi.core.lesson_status=incomplete",
            "cmi.core.lesson_status=completed",
            "LMSCommit",
        ]
        assert log[4].startswith("cmi.core.session_time=00")
        assert log[5:] == ["LMSCommit", "LMSFinish"]
        assert tab.page.evaluate("window.API.lastErrorCode") in ("0", 0)
        assert tab.errors == []
    finally:
        tab.close()


def test_leaving_a_lesson_before_its_end_keeps_it_incomplete(
    browser: Any, fixture_site: Callable[[str], Path], served: Callable[[Path], str]
) -> None:
    root = fixture_site("pusat")
    out = root.parent / "course.zip"
    assert export(root, "--format", "scorm12", "-o", str(out)).exit_code == 0
    _lms(root.parent / "www", out, "tutorials/git/instalasi-git/index.html")
    tab = Tab(browser, viewport={"width": 1000, "height": 600})
    try:
        tab.page.goto(served(Path("lms.html")))
        tab.page.wait_for_function("window.LOG.indexOf('LMSInitialize') >= 0")
        tab.page.evaluate("document.getElementById('sco').src = 'about:blank'")
        tab.page.wait_for_function("window.LOG.indexOf('LMSFinish') >= 0")
        assert "cmi.core.lesson_status=completed" not in _log(tab)
        assert tab.page.evaluate("window.API.cmi.core.lesson_status") == "incomplete"
        assert tab.errors == []
    finally:
        tab.close()


def test_a_section_sco_completes_when_each_lesson_is_read(
    browser: Any, fixture_site: Callable[[str], Path], served: Callable[[Path], str]
) -> None:
    root = fixture_site("pusat")
    out = root.parent / "course.zip"
    assert export(root, "--format", "scorm12", "--scorm-sco", "section", "-o", str(out)).exit_code == 0
    with zipfile.ZipFile(out) as archive:
        manifest = archive.read("imsmanifest.xml").decode()
    launch = next(
        line.split('href="')[1].split('"')[0]
        for line in manifest.splitlines()
        if 'scormtype="sco"' in line and "_sco/" in line and "0003" in line
    )
    _lms(root.parent / "www", out, launch)
    tab = Tab(browser, viewport={"width": 1000, "height": 600})
    try:
        tab.page.goto(served(Path("lms.html")))
        tab.page.wait_for_function("window.LOG.indexOf('LMSInitialize') >= 0")
        launcher = tab.page.frames[1]
        links = launcher.locator(".sco-nav a")
        assert links.all_inner_texts() == ["Instalasi Git", "Perintah Dasar Git"]
        lesson = launcher.child_frames[0]
        lesson.locator("h1").first.wait_for()
        _read_to_the_end(lesson)
        tab.page.wait_for_function("window.LOG.indexOf('cmi.suspend_data=read:0') >= 0")
        assert tab.page.evaluate("window.API.cmi.core.lesson_status") == "incomplete"
        links.nth(1).click()
        launcher.wait_for_function("document.querySelector('.sco-nav a[data-n=\"1\"]').getAttribute('aria-current')")
        _read_to_the_end(launcher.child_frames[0])
        tab.page.wait_for_function("window.LOG.indexOf('LMSCommit') >= 0")
        assert tab.page.evaluate("window.API.cmi.core.lesson_status") == "completed"
        assert tab.page.evaluate("window.API.cmi.suspend_data") == "read:0,1"
        assert tab.errors == []
    finally:
        tab.close()


def test_a_sco_opened_alone_raises_nothing(
    browser: Any, fixture_site: Callable[[str], Path], served: Callable[[Path], str], tmp_path: Path
) -> None:
    root = fixture_site("pusat")
    out = root.parent / "course.zip"
    assert export(root, "--format", "scorm12", "--scorm-sco", "section", "-o", str(out)).exit_code == 0
    www = tmp_path / "www"
    with zipfile.ZipFile(out) as archive:
        archive.extractall(www / "pkg")
        pages = sorted(name for name in archive.namelist() if name.endswith(".html"))
    tab = Tab(browser, viewport={"width": 1000, "height": 600})
    try:
        for name in pages:
            for url in (served(Path("pkg") / name), (www / "pkg" / name).as_uri()):
                tab.page.goto(url)
                tab.page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
                tab.page.wait_for_timeout(50)
                assert tab.page.evaluate(
                    "window.EDUFORGE_SCORM === undefined || window.EDUFORGE_SCORM.session === null"
                )
        tab.page.goto("about:blank")
        assert tab.errors == []
    finally:
        tab.close()


OPENER_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>LMS</title><link rel="icon" href="data:,">
<script src="scorm12.js"></script>
<script>
window.CALLS = [];
window.API = new Scorm12API({autocommit: false, logLevel: 5});
["LMSInitialize", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSFinish"].forEach(function (name) {
  var real = window.API[name].bind(window.API);
  window.API[name] = function () {
    window.CALLS.push(name + JSON.stringify([].slice.call(arguments)));
    return real.apply(null, arguments);
  };
});
</script></head><body><p>An LMS that opens its SCOs in a new window.</p></body></html>
"""


def test_a_sco_in_a_window_the_lms_opened_finds_the_api_in_its_opener(
    browser: Any, fixture_site: Callable[[str], Path], served: Callable[[Path], str]
) -> None:
    """Many LMSs launch a SCO with window.open: the API is then in the opener, not a parent frame.
    Every call's arguments are recorded as the SCO makes them (SCORM 1.2's "" parameter included)."""
    root = fixture_site("pusat")
    out = root.parent / "course.zip"
    assert export(root, "--format", "scorm12", "-o", str(out)).exit_code == 0
    www = root.parent / "www"
    _lms(www, out, "pengenalan/index.html")
    (www / "opener.html").write_text(OPENER_PAGE, encoding="utf-8")
    tab = Tab(browser, viewport={"width": 1000, "height": 600})
    try:
        tab.page.goto(served(Path("opener.html")))
        with tab.page.expect_popup() as opened:
            tab.page.evaluate(f"window.open({served(Path('pkg/pengenalan/index.html'))!r}, 'sco')")
        sco = opened.value
        sco.wait_for_load_state()
        tab.page.wait_for_function("window.CALLS.length >= 2")
        sco.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        tab.page.wait_for_function("window.CALLS.some(function (c) { return c.indexOf('LMSCommit') === 0; })")
        sco.close(run_before_unload=True)
        tab.page.wait_for_function("window.CALLS.some(function (c) { return c.indexOf('LMSFinish') === 0; })")
        calls = [call for call in tab.page.evaluate("window.CALLS") if not call.startswith("LMSGetValue")]
        assert calls[:4] == [
            'LMSInitialize[""]',
            'LMSSetValue["cmi.core.lesson_status","incomplete"]',
            'LMSSetValue["cmi.core.lesson_status","completed"]',
            'LMSCommit[""]',
        ]
        assert calls[4].startswith('LMSSetValue["cmi.core.session_time","00')
        assert calls[5:] == ['LMSCommit[""]', 'LMSFinish[""]']
        assert tab.page.evaluate("window.API.cmi.core.lesson_status") == "completed"
        assert tab.errors == []
    finally:
        tab.close()
