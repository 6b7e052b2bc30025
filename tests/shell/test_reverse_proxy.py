"""``shouhu serve`` (gunicorn) behind a real nginx that terminates TLS: scheme, client IP, HSTS, supervision.

The test writes its own nginx configuration under tmp, runs nginx in the foreground on free ports with a
self-signed certificate made by ``cryptography``, and connects from other loopback addresses (127.0.0.5,
127.0.0.6) so the client address differs from the proxy's. ``.ci/run`` installs nginx: a missing nginx
fails the test under CI and skips it elsewhere, as the browser tests do with Chromium.
"""

from __future__ import annotations

import datetime as dt
import http.client
import ipaddress
import os
import re
import shutil
import signal
import ssl
import subprocess
import sys
from pathlib import Path

from tests.needs import missing
from tests.processes import ROOT, free_port, process_env, query, stop, wait_for

NGINX = os.environ.get("SHOUHU_NGINX", "/usr/sbin/nginx")
CLIENT, OTHER_CLIENT, SPOOFED = "127.0.0.5", "127.0.0.6", "203.0.113.9"

NGINX_CONF = """
{user}
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 64; }}
http {{
  access_log off;
  client_body_temp_path {tmp}/body;
  proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fastcgi;
  uwsgi_temp_path {tmp}/uwsgi;
  scgi_temp_path {tmp}/scgi;
  proxy_buffering off;
  server {{
    listen 127.0.0.1:{http_port};
    location / {{ {proxy} }}
  }}
  server {{
    listen 127.0.0.1:{https_port} ssl;
    ssl_certificate {tmp}/cert.pem;
    ssl_certificate_key {tmp}/key.pem;
    location / {{ {proxy} }}
  }}
}}
"""
PROXY = (
    "proxy_pass http://127.0.0.1:{app_port}; proxy_set_header Host $http_host; "
    "proxy_set_header X-Forwarded-Proto $scheme; "
    "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;"
)


def _nginx_or_skip() -> str:
    path = NGINX if os.path.exists(NGINX) else shutil.which("nginx")
    if not path:
        missing(f"找不到 nginx（{NGINX}）：apt-get install nginx")  # .ci/run installs it
    return path


def _self_signed(tmp: Path) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .sign(key, hashes.SHA256())
    )
    (tmp / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (tmp / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )


def _answers(port: int) -> bool:
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        conn.request("GET", "/accounts/login/")
        conn.getresponse().read()
        conn.close()
        return True
    except OSError:
        return False


class Browser:
    """A tiny HTTPS client with a cookie jar, connecting from a given loopback address."""

    def __init__(self, port: int, source: str) -> None:
        self.port, self.source = port, source
        self.cookies: dict[str, str] = {}
        self.context = ssl.create_default_context(cafile=None)
        self.context.check_hostname = False
        self.context.verify_mode = ssl.CERT_NONE  # the test's own self-signed certificate

    def request(self, method: str, path: str, body: str = "", headers: dict[str, str] | None = None):
        conn = http.client.HTTPSConnection(
            "127.0.0.1", self.port, timeout=30, context=self.context, source_address=(self.source, 0)
        )
        origin = f"https://127.0.0.1:{self.port}"
        all_headers = {"Host": f"127.0.0.1:{self.port}", "Origin": origin, "Referer": origin + path}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body:
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        all_headers.update(headers or {})
        conn.request(method, path, body=body.encode(), headers=all_headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        for value in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        conn.close()
        return response, text

    def fail_login(self, username: str, headers: dict[str, str] | None = None) -> str:
        _, page = self.request("GET", "/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, "login form has a CSRF token"
        body = f"csrfmiddlewaretoken={token.group(1)}&username={username}&password=Wrong-Passw0rd!"
        response, text = self.request("POST", "/accounts/login/", body, headers)
        assert response.status == 200, response.status
        return text


def _children(pid: int) -> set[int]:
    try:
        return {int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}
    except OSError:
        return set()


def test_serve_behind_nginx_gets_scheme_client_ip_and_hsts_right(process_home, tmp_path):
    nginx = _nginx_or_skip()
    tmp = tmp_path / "nginx"
    tmp.mkdir()
    _self_signed(tmp)
    app_port, http_port, https_port = free_port(), free_port(), free_port()
    conf = tmp / "nginx.conf"
    conf.write_text(
        NGINX_CONF.format(
            user="user root;" if os.geteuid() == 0 else "",
            tmp=tmp,
            http_port=http_port,
            https_port=https_port,
            proxy=PROXY.format(app_port=app_port),
        )
    )
    env = process_env(
        process_home,
        SHOUHU_BEHIND_PROXY="true",
        SHOUHU_HTTPS="true",
        SHOUHU_ALLOWED_HOSTS="127.0.0.1",
    )
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "shouhu.cli", "serve", "--port", str(app_port), "--workers", "2"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    proxy = None
    try:
        wait_for(lambda: server.poll() is not None or _answers(app_port), timeout=120, what="shouhu serve")
        assert server.poll() is None, (tmp_path / "serve.log").read_text()
        proxy = subprocess.Popen(
            [nginx, "-p", str(tmp), "-c", str(conf), "-e", str(tmp / "error.log")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(lambda: _answers(http_port), timeout=30, what="nginx")

        # HTTPS through the proxy: served (no redirect loop) with HSTS.
        browser = Browser(https_port, CLIENT)
        response, _ = browser.request("GET", "/accounts/login/")
        assert response.status == 200
        assert "max-age=31536000" in (response.getheader("Strict-Transport-Security") or "")
        # Plain HTTP through the proxy: redirected to HTTPS, without HSTS.
        conn = http.client.HTTPConnection("127.0.0.1", http_port, timeout=30)
        conn.request("GET", "/accounts/login/")
        plain = conn.getresponse()
        plain.read()
        assert plain.status == 301
        assert (plain.getheader("Location") or "").startswith("https://")
        assert plain.getheader("Strict-Transport-Security") is None

        # Five failures from one client lock that client's address, not the proxy's nor a spoofed one.
        for _ in range(5):
            page = browser.fail_login("nobody-one", headers={"X-Forwarded-For": SPOOFED})
        assert "鎖定" in page
        locked = query(
            process_home,
            "SELECT key FROM accounts_loginthrottle WHERE scope = 'ip' AND locked_until IS NOT NULL",
        )
        assert locked == [(CLIENT,)]
        audit_ips = {
            ip for (ip,) in query(process_home, "SELECT ip FROM audit_auditevent WHERE action LIKE 'auth.%'")
        }
        assert audit_ips == {CLIENT}
        # Another client behind the same proxy is not locked out.
        other = Browser(https_port, OTHER_CLIENT).fail_login("nobody-two")
        assert "鎖定" not in other
        assert "帳號或密碼錯誤" in other

        # gunicorn's master replaces a worker killed with -9, and the site keeps answering.
        workers = wait_for(lambda: _children(server.pid) if len(_children(server.pid)) == 2 else None,
                           timeout=30, what="two workers")  # fmt: skip
        victim = min(workers)
        os.kill(victim, signal.SIGKILL)
        wait_for(lambda: len(_children(server.pid) - {victim}) == 2, timeout=60, what="a replacement worker")
        assert Browser(https_port, CLIENT).request("GET", "/accounts/login/")[0].status == 200
    finally:
        if proxy is not None:
            stop(proxy)
        stop(server)
        log.close()
