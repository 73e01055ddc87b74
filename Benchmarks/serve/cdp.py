#!/usr/bin/env python3
"""A minimal Chrome DevTools Protocol client (standard library only) and the
browser check of `soundbite serve`: drives headless Chromium through the page
as a person would and checks the DOM at each step. Run by browser_check.sh.

    cdp.py CHROMIUM BASE_URL XSS_URL SCREENSHOT_DIR
"""
import base64, json, os, re, socket, struct, subprocess, sys, tempfile, time, urllib.request


class DevTools:
    """One WebSocket to one page target; send() waits for the answer."""

    def __init__(self, ws_url):
        m = re.match(r"ws://([^/:]+):(\d+)(/.*)", ws_url)
        host, port, path = m.group(1), int(m.group(2)), m.group(3)
        self.sock = socket.create_connection((host, port), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += self.sock.recv(1)
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise RuntimeError("no WebSocket: " + head.decode(errors="replace"))
        self.next_id = 0
        self.events = []

    def _frame(self, text):
        data = text.encode()
        mask = os.urandom(4)
        n = len(data)
        header = bytes([0x81]) + (bytes([0x80 | n]) if n < 126 else
                                  bytes([0x80 | 126]) + struct.pack(">H", n) if n < 65536 else
                                  bytes([0x80 | 127]) + struct.pack(">Q", n))
        return header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data))

    def _exact(self, n):
        out = b""
        while len(out) < n:
            chunk = self.sock.recv(n - len(out))
            if not chunk:
                raise RuntimeError("DevTools closed the connection")
            out += chunk
        return out

    def _receive(self):
        message = b""
        while True:
            b0, b1 = self._exact(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._exact(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._exact(8))[0]
            payload = self._exact(n)
            if b0 & 0x0F == 0x9:                     # ping: answer, keep reading
                continue
            message += payload
            if b0 & 0x80:
                return json.loads(message)

    def send(self, method, **params):
        self.next_id += 1
        self.sock.sendall(self._frame(json.dumps({"id": self.next_id, "method": method, "params": params})))
        while True:
            m = self._receive()
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m.get("result", {})
            self.events.append(m)

    def js(self, expression):
        """The value of a JavaScript expression (promises awaited)."""
        r = self.send("Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True)
        if "exceptionDetails" in r:
            raise RuntimeError(f"{expression}: {r['exceptionDetails']}")
        return r["result"].get("value")

    def wait(self, expression, what, seconds=15):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if self.js(expression):
                return
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {what} ({expression})")

    def screenshot(self, path, width, height, mobile=False):
        self.send("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=mobile)
        self.js("window.scrollTo(0, 0); true")
        time.sleep(0.3)
        data = self.send("Page.captureScreenshot", format="png")["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))


def launch(chromium):
    profile = tempfile.mkdtemp(prefix="soundbite-chromium-")
    proc = subprocess.Popen([chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                             "--disable-extensions", "--remote-debugging-port=0", "--remote-allow-origins=*",
                             f"--user-data-dir={profile}", "about:blank"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        line = proc.stderr.readline()
        m = re.search(r"DevTools listening on (ws://\S+)", line)
        if m:
            port = re.match(r"ws://[^:]+:(\d+)/", m.group(1)).group(1)
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list") as r:
                pages = [t for t in json.load(r) if t["type"] == "page"]
            return proc, DevTools(pages[0]["webSocketDebuggerUrl"])
    proc.kill()
    raise RuntimeError("Chromium did not start")


CHECKS = []


def check(name, ok, detail=""):
    CHECKS.append((name, bool(ok)))
    print(("ok    " if ok else "FAIL  ") + name + (f"  ({detail})" if detail and not ok else ""))


def main():
    chromium, base, xss, shots = sys.argv[1:5]
    proc, t = launch(chromium)
    try:
        t.send("Page.enable")
        t.send("Runtime.enable")
        t.send("Emulation.setDeviceMetricsOverride", width=1280, height=900, deviceScaleFactor=1, mobile=False)
        t.send("Page.navigate", url=base + "/")
        t.wait("document.readyState === 'complete' && /interviews/.test(document.querySelector('#status').textContent)", "the intro")
        check("the page loads and shows the collection", True)
        # Search by typing into the box and submitting the form.
        t.js("document.querySelector('#q').value = 'laptops home'; document.querySelector('#search').requestSubmit(); true")
        t.wait("document.querySelectorAll('#hits .hit').length > 0", "hits")
        check("a search shows hits", t.js("document.querySelectorAll('#hits .hit').length") > 0)
        check("the search is in the URL", "q=laptops+home" in t.js("location.search"), t.js("location.search"))
        check("hits highlight the words (mark elements)", t.js("document.querySelectorAll('#hits mark').length") > 0)
        check("hits show speaker, role, chapter and timecode",
              re.search(r"\(.+\) · .+ · \d\d:\d\d:\d\d\.\d{3} · ", t.js("document.querySelector('#hits .meta').textContent") or ""),
              t.js("document.querySelector('#hits .meta').textContent"))
        roles = t.js("[...document.querySelectorAll('#facet-lists button[data-facet=role]')].map(b => b.dataset.value)")
        check("facet lists with counts for role and chapter and the manifest fields",
              roles and t.js("document.querySelectorAll('#facet-lists button[data-facet=chapter]').length") > 0
              and t.js("document.querySelectorAll('#facet-lists button[data-facet=school]').length") > 0, roles)
        # Filter by role: click the facet.
        role = "head teacher" if "head teacher" in roles else roles[0]
        t.js(f"document.querySelector('#facet-lists button[data-facet=role][data-value=\"{role}\"]').click(); true")
        t.wait(f"new URLSearchParams(location.search).get('role') === '{role}' && document.querySelectorAll('#hits .hit').length > 0 "
               f"&& [...document.querySelectorAll('#hits .meta')].every(m => m.textContent.includes('({role})'))", "the role filter")
        check(f"clicking the role '{role}' filters every hit to it", True)
        check("the filter shows as active and pressed",
              t.js("document.querySelectorAll('#active-filters button').length") == 1
              and t.js("document.querySelector('#facet-lists button[aria-pressed=true]') !== null"))
        # Keyboard: j moves to the first hit, Enter opens it.
        t.js("document.activeElement.blur(); true")
        for key, code in (("j", "KeyJ"),):
            t.send("Input.dispatchKeyEvent", type="keyDown", key=key, code=code, text=key)
            t.send("Input.dispatchKeyEvent", type="keyUp", key=key, code=code)
        check("the j key focuses the first hit", t.js("document.activeElement.id") == "hit-0", t.js("document.activeElement.id"))
        # Open a hit: player from its start, transcript with the question before it.
        t.js("document.querySelector('#hit-0 .open').click(); true")
        t.wait("document.querySelectorAll('#transcript li').length > 1", "the transcript")
        check("opening a hit shows a player for its media URL", t.js("!!document.querySelector('#player video, #player audio')"))
        check("the player starts at the hit", t.js("document.querySelector('#player a').href.includes('#t=')"))
        check("the transcript marks the cue of the hit", t.js("document.querySelector('#transcript li[aria-current=true]') !== null"))
        check("the transcript marks the question before it", t.js("document.querySelector('#transcript li.question') !== null"))
        check("the opened hit is in the URL", "open=0" in t.js("location.search"), t.js("location.search"))
        # Add a select, then check the basket and the export buttons.
        t.js("document.querySelector('#hit-0 .add').click(); true")
        t.wait("document.querySelector('#basket-count').textContent === '1'", "the basket")
        check("adding a select puts it in the basket", t.js("document.querySelectorAll('#basket-list li').length") == 1)
        check("the export buttons are enabled", t.js("!document.querySelector('#exports button[data-format=edl]').disabled"))
        exported = t.js("fetch('/api/selects?format=edl', {method: 'POST', body: JSON.parse(localStorage.getItem('soundbite.selects')).map(h => JSON.stringify(h)).join('\\n')}).then(r => r.text())")
        check("the basket exports as an EDL", "TITLE:" in (exported or "") and "001 " in exported, (exported or "")[:80])
        t.screenshot(os.path.join(shots, "serve-page.png"), 1280, 900)
        t.screenshot(os.path.join(shots, "serve-phone.png"), 390, 844, mobile=True)
        t.send("Emulation.setDeviceMetricsOverride", width=1280, height=900, deviceScaleFactor=1, mobile=False)
        # A query error shows at its column.
        t.js("document.querySelector('#q').value = '(laptops OR'; document.querySelector('#search').requestSubmit(); true")
        t.wait("!document.querySelector('#q-error').hidden", "the syntax error")
        caret = t.js("document.querySelector('#q-error-caret').textContent")
        check("a syntax error shows its column with a caret", caret.endswith("^") and len(caret) == 12, repr(caret))
        # The back button returns to the filtered search.
        t.js("history.back(); true")
        t.wait("new URLSearchParams(location.search).get('q') === 'laptops home' && document.querySelectorAll('#hits .hit').length > 0", "back")
        check("the back button restores the previous search", t.js("document.querySelector('#q').value") == "laptops home")
        check("the basket survives a reload", True if t.js("localStorage.getItem('soundbite.selects').length > 10") else False)
        # A shared URL opens the same search.
        t.send("Page.navigate", url=base + "/?q=governing+body&role=governor")
        t.wait("document.querySelectorAll('#hits .hit').length > 0", "the shared URL")
        check("a shared URL runs its search with its filter", t.js("document.querySelector('#active-filters button').textContent").startswith("role: governor"))
        # Markup inside transcripts stays text.
        t.events.clear()
        t.send("Page.navigate", url=xss + "/?q=script+onerror")
        t.wait("document.querySelectorAll('#hits .hit').length >= 2", "the markup hits")
        texts = t.js("[...document.querySelectorAll('#hits .quote')].map(q => q.textContent)")
        check("transcript markup is shown as text", any("<script>alert('quay')</script>" in x for x in texts)
              and any('"><img src=x onerror=alert(1)>' in x for x in texts), texts)
        check("no element came from transcript text",
              t.js("document.querySelectorAll('img').length === 0 && document.querySelectorAll('script').length === 1"))
        t.send("Page.navigate", url=xss + "/?q=onerror&open=0")
        t.wait("document.querySelectorAll('#transcript li').length > 1", "the markup transcript")
        check("no dialog opened (nothing ran)", not any(e.get("method") == "Page.javascriptDialogOpening" for e in t.events))
        check("the transcript shows the markup as text", '"><img src=x onerror=alert(1)>' in t.js("document.querySelector('#transcript').textContent"))
        check("a media path that is no URL gets no player", t.js("document.querySelector('#player video, #player audio') === null"))
    finally:
        proc.kill()
    failed = [n for n, ok in CHECKS if not ok]
    print(f"{len(CHECKS) - len(failed)} passed, {len(failed)} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
