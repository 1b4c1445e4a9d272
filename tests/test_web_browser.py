"""The web application in a real browser: headless Chromium (Debian's `chromium` and
`chromium-driver`) driven by selenium against `guifan serve` on a free port, over a registry
of the fixtures. Screenshots of every page go to target/screenshots/ (1366×768, and a phone),
with the server's time for each request in timings.txt.

Without Chromium the tests are skipped, unless GUIFAN_BROWSER_TESTS=required (set by .ci/run)
or CI is set: then its absence fails the run.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, Cli, guifan_binary

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
SHOTS = Path(os.environ.get("GUIFAN_SCREENSHOTS", ROOT / "target" / "screenshots"))
PASSWORD = "correct horse battery"

REQUIRED = os.environ.get("GUIFAN_BROWSER_TESTS") == "required" or bool(os.environ.get("CI"))

if CHROMIUM is None or DRIVER is None:
    _why = "headless Chromium is not installed (Debian: apt-get install chromium chromium-driver)"
    if REQUIRED:
        pytest.fail(_why, pytrace=False)
    pytest.skip(_why, allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`guifan serve` on a registry of the fixtures, with one account per role."""
    registry = tmp_path_factory.mktemp("web") / "registry"
    cli = Cli(registry)
    cli.run("import", *map(str, sorted((FIXTURES / "qianjiang-2024").glob("*.jsonl"))))
    for name, role in [("alice", "admin"), ("rita", "reviewer"), ("victor", "viewer")]:
        cli.run("user", "add", name, "--role", role, "--password-stdin", input=PASSWORD + "\n")
    port = free_port()
    with open(registry.parent / "serve.log", "w+", encoding="utf-8") as log:
        proc = subprocess.Popen(
            [str(guifan_binary()), "serve", "--listen", f"127.0.0.1:{port}"],
            env=cli.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/login", timeout=2).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    pytest.fail(f"guifan serve did not start:\n{log.read()}")
                time.sleep(0.1)
        yield base
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
        log.seek(0)
        text = log.read()
    assert "已停止" in text
    # One line per request: time, method, path, status, milliseconds, user.
    lines = text.splitlines()
    assert any(" GET /stats 200 " in line and line.rstrip().endswith("alice") for line in lines), text[-2000:]
    write_timings(lines)


def write_timings(lines: list[str]) -> None:
    """The server's time for each page (the slowest of its requests) to timings.txt."""
    slowest: dict[str, float] = {}
    for line in lines:
        parts = line.split()
        if len(parts) >= 5 and parts[1] in ("GET", "POST") and parts[4].endswith("ms"):
            key = f"{parts[1]} {parts[2].split('?')[0]}"
            slowest[key] = max(slowest.get(key, 0.0), float(parts[4][:-2]))
    SHOTS.mkdir(parents=True, exist_ok=True)
    rows = sorted(slowest.items(), key=lambda kv: -kv[1])
    (SHOTS / "timings.txt").write_text("".join(f"{ms:8.1f} ms  {page}\n" for page, ms in rows), encoding="utf-8")


@pytest.fixture(scope="module")
def browser():
    os.environ.setdefault("SE_OFFLINE", "true")
    profile = Path(os.environ.get("TMPDIR", "/tmp")) / f"guifan-chromium-{os.getpid()}"
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--no-first-run",
        "--disable-component-update",
        "--disable-sync",
        "--lang=zh-CN",
        "--window-size=1366,768",
        f"--user-data-dir={profile}",
    ]:
        options.add_argument(arg)
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=DRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def shot(driver, name: str, full: bool = True) -> Path:
    """Saves a screenshot of the whole page (its height, at the window's width)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    size = driver.get_window_size()
    if full:
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(size["width"], min(max(height, 400), 6000))
    driver.save_screenshot(str(path))
    driver.set_window_size(size["width"], size["height"])
    assert path.stat().st_size > 5000
    return path


def navigate(driver, action) -> None:
    """Runs an action that leads to another page (a click, a submit) and waits for that page."""
    old = driver.find_element(By.TAG_NAME, "html")
    action()

    def replaced(_driver) -> bool:
        # Chromium answers for an element of a page already left either "stale element" or,
        # at times, "node does not belong to the document": both mean the page changed.
        try:
            old.is_enabled()
        except WebDriverException:
            return True
        return False

    WebDriverWait(driver, 15).until(replaced)


def login(driver, base: str, name: str, fresh: bool = True) -> None:
    """Signs in through the form: a fresh login page, or (fresh=False) the one shown."""
    if fresh:
        driver.delete_all_cookies()
        driver.get(base + "/login")
    driver.find_element(By.NAME, "name").send_keys(name)
    driver.find_element(By.NAME, "password").send_keys(PASSWORD)
    navigate(driver, driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click)
    WebDriverWait(driver, 15).until(
        lambda d: "/login" not in d.current_url or d.find_elements(By.CSS_SELECTOR, ".notice.error")
    )
    assert "/login" not in driver.current_url, driver.page_source[:2000]


def test_login_page(server, browser):
    browser.delete_all_cookies()
    browser.get(server + "/stats")
    assert "/login" in browser.current_url
    shot(browser, "00-login")
    # The form sends the user back to the page they asked for.
    login(browser, server, "alice", fresh=False)
    assert browser.current_url.endswith("/stats")


def test_search_with_filters_and_open_a_hit(server, browser):
    login(browser, server, "alice")
    browser.get(server + "/search")
    box = browser.find_element(By.NAME, "q")
    box.send_keys('"行政裁量权基准"')
    Select(browser.find_element(By.NAME, "status")).select_by_value("any")
    browser.execute_script("document.querySelector('input[name=as_of]').value='2024-12-31'")
    navigate(browser, browser.find_element(By.CSS_SELECTOR, ".searchbox button").click)
    assert "共 6 件" in browser.find_element(By.CSS_SELECTOR, "main").text
    marks = browser.find_elements(By.CSS_SELECTOR, ".hit .snippet mark")
    assert marks and all(m.text for m in marks)
    shot(browser, "01-search")
    # A facet narrows the search: the repealed one only.
    navigate(browser, browser.find_element(By.LINK_TEXT, "废止").click)
    assert "共 1 件" in browser.find_element(By.CSS_SELECTOR, "main").text
    browser.back()
    first = browser.find_element(By.CSS_SELECTOR, ".hit h3 a")
    title = first.text
    navigate(browser, first.click)
    assert browser.find_element(By.TAG_NAME, "h1").text == title
    shot(browser, "02-document-from-search")


def test_read_a_document_and_jump_to_an_article(server, browser):
    login(browser, server, "victor")
    browser.get(server + "/documents/qj-szg-2019-02?as_of=2024-12-31")
    assert "潜江市行政执法投诉举报办法" in browser.find_element(By.TAG_NAME, "h1").text
    assert browser.find_element(By.ID, "compare").is_displayed()
    shot(browser, "03-document")
    browser.find_element(By.CSS_SELECTOR, ".toc a[href='#art-10-1']").click()
    assert browser.current_url.endswith("#art-10-1")
    article = browser.find_element(By.ID, "art-10-1")
    assert article.text.startswith("第十条之一")
    # The jump form: the article as it stood on the date.
    field = browser.find_element(By.NAME, "n")
    field.send_keys("第五条")
    navigate(browser, field.submit)
    assert "/articles/" in browser.current_url
    assert "第五条" in browser.find_element(By.TAG_NAME, "h1").text
    shot(browser, "04-article")


def report_sentence(browser) -> str:
    return browser.find_element(By.CSS_SELECTOR, ".report-sentence").text


def test_record_a_decision_through_the_form_and_see_the_report_change(server, browser):
    login(browser, server, "alice")
    browser.get(server + "/campaigns")
    browser.find_element(By.NAME, "key").send_keys("qj-2025")
    browser.find_element(By.NAME, "name").send_keys("2025年行政规范性文件清理")
    browser.find_element(By.NAME, "scope").send_keys("市政府")
    navigate(browser, browser.find_element(By.CSS_SELECTOR, "form[action='/campaigns'] button").click)
    assert browser.current_url.endswith("/campaigns/qj-2025?done=opened")
    assert report_sentence(browser).startswith("共清理出0件")
    login(browser, server, "rita")
    browser.get(server + "/campaigns/qj-2025")
    form = browser.find_element(By.ID, "decide")
    form.find_element(By.NAME, "document").send_keys("潜政规〔2024〕1号")
    Select(form.find_element(By.NAME, "outcome")).select_by_visible_text("待修订")
    form.find_element(By.NAME, "reason").send_keys("上位法修改")
    navigate(browser, form.find_element(By.CSS_SELECTOR, "button").click)
    assert "已记录清理结论" in browser.find_element(By.CSS_SELECTOR, ".notice.ok").text
    assert report_sentence(browser) == "共清理出1件市政府行政规范性文件，其中待修订1件"
    # One of the proposals, recorded from its row.
    row = browser.find_elements(By.CSS_SELECTOR, "tr[id^=doc-] form")[0]
    navigate(browser, row.find_element(By.CSS_SELECTOR, "button").click)
    assert report_sentence(browser).startswith("共清理出2件")
    shot(browser, "05-campaign")
    browser.get(server + "/campaigns/qj-2024")
    shot(browser, "06-campaign-announced")
    browser.get(server + "/campaigns/qj-2024/report")
    shot(browser, "07-report")


def test_the_dashboard_charts_render(server, browser):
    login(browser, server, "alice")
    browser.get(server + "/stats?as_of=2024-12-31")
    charts = browser.find_elements(By.CSS_SELECTOR, "svg.chart")
    assert len(charts) >= 4
    for c in charts:
        assert c.size["width"] > 200 and c.size["height"] > 20
        assert c.find_elements(By.TAG_NAME, "rect")
    shot(browser, "08-stats")


def test_the_dashboard_filters_by_kind_and_issuer(server, browser):
    login(browser, server, "alice")
    browser.get(server + "/stats?as_of=2024-12-31")
    form = browser.find_element(By.CSS_SELECTOR, "form.filters")
    Select(form.find_element(By.NAME, "kind")).select_by_value("行政规范性文件")
    Select(form.find_element(By.NAME, "issuer")).select_by_value("潜江市公安局")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda b: "kind=" in b.current_url)
    heading = browser.find_element(By.TAG_NAME, "h1").text
    assert heading == "统计（文件类型：行政规范性文件；制定机关：潜江市公安局）", heading
    form = browser.find_element(By.CSS_SELECTOR, "form.filters")
    assert Select(form.find_element(By.NAME, "kind")).first_selected_option.text == "行政规范性文件"
    assert Select(form.find_element(By.NAME, "issuer")).first_selected_option.text == "潜江市公安局"
    cards = browser.find_element(By.CSS_SELECTOR, ".cards .card .n").text
    assert 0 < int(cards) < 110, cards
    assert browser.find_elements(By.CSS_SELECTOR, "svg.chart")
    shot(browser, "08-stats-filtered")
    # A kind no document has: the page says which option, and the nearest kind.
    browser.get(server + "/stats?kind=行政规范文件")
    text = browser.find_element(By.TAG_NAME, "main").text
    assert "kind" in text and "行政规范性文件" in text, text


def test_a_viewer_cannot_submit_a_form(server, browser):
    login(browser, server, "victor")
    browser.get(server + "/campaigns/qj-2024-depts")
    assert not browser.find_elements(By.ID, "decide")
    assert not browser.find_elements(By.CSS_SELECTOR, "tr[id^=doc-] form")
    # A form made by hand (as a page elsewhere could make it) is refused.
    navigate(browser, lambda: browser.execute_script(
        """
        const f = document.createElement('form');
        f.method = 'post'; f.action = '/filings';
        for (const [k, v] of [['document', '潜政规〔2024〕2号'], ['filed_with', '省政府']]) {
            const i = document.createElement('input'); i.name = k; i.value = v; f.appendChild(i);
        }
        document.body.appendChild(f); f.submit();
        """
    ))
    assert "无权进行此操作" in browser.find_element(By.TAG_NAME, "h1").text
    browser.get(server + "/import")
    assert "只能查阅" in browser.find_element(By.TAG_NAME, "main").text


def test_check_a_draft_on_its_page(server, browser):
    login(browser, server, "victor")
    browser.get(server + "/drafts")
    box = browser.find_element(By.NAME, "text")
    box.send_keys("潜江市政府合同审查办法\n第一条　为了规范政府合同审查，根据《潜江市政府合同管理暂行办法》，制定本办法。")
    browser.execute_script("document.querySelector('input[name=as_of]').value='2024-12-31'")
    navigate(browser, browser.find_element(By.CSS_SELECTOR, "form[action='/drafts'] button[type=submit]").click)
    findings = browser.find_element(By.ID, "draft-findings").text
    assert "《潜江市政府合同管理暂行办法》" in findings and "废止" in findings
    shot(browser, "16-draft")


def test_screenshots_of_the_other_pages(server, browser):
    login(browser, server, "alice")
    for name, path in [
        ("09-documents", "/documents?as_of=2024-12-31"),
        ("10-filings", "/filings?as_of=2024-12-31"),
        ("11-reviews", "/reviews"),
        ("12-import", "/import"),
        ("13-campaigns", "/campaigns"),
        ("14-admin", "/admin"),
        ("15-search-empty", "/search"),
    ]:
        browser.get(server + path)
        assert browser.find_element(By.TAG_NAME, "h1").text
        shot(browser, name)
    # A phone.
    browser.set_window_size(390, 844)
    try:
        browser.get(server + "/search?q=%E7%BD%9A%E6%AC%BE&as_of=2024-12-31")
        shot(browser, "20-phone-search", full=False)
        browser.get(server + "/documents/qj-szg-2019-02?as_of=2024-12-31")
        shot(browser, "21-phone-document", full=False)
        width = browser.execute_script("return document.documentElement.scrollWidth")
        assert width <= 400, f"the page is {width}px wide on a 390px phone"
    finally:
        browser.set_window_size(1366, 768)
