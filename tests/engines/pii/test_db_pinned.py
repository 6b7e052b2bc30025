"""MySQL/MariaDB scans connect to the checked address (``hostaddr=``) and keep the host name for TLS.

Against the local MariaDB: the socket goes to ``hostaddr`` although the name resolves nowhere. Against a
small TLS-speaking MySQL greeter (the local MariaDB runs without TLS): the certificate is verified against
the name, so a certificate issued for the name is accepted — and connecting by the bare address, as scans
did before, fails the certificate check.
"""

from __future__ import annotations

import datetime as dt
import socket
import ssl
import struct
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from shouhu.engines.pii.db import _engine
from tests.needs import missing

NAME = "db.example.test"  # resolves nowhere (.test is reserved)


def test_the_socket_goes_to_the_checked_address_and_the_driver_keeps_the_name() -> None:
    engine = _engine(f"mysql+pymysql://root@{NAME}:3306/mysql?hostaddr=127.0.0.1&connect_timeout=5")
    try:
        with engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            assert conn.exec_driver_sql("SELECT 1").scalar() == 1
            assert raw.host == NAME  # what pymysql sends as the TLS server name
            assert raw._sock.getpeername()[0] == "127.0.0.1"
    except Exception as exc:  # the local MariaDB is a test component
        if "Can't connect" in str(exc) or "Connection refused" in str(exc):
            missing(f"MariaDB unreachable: {type(exc).__name__}")
        raise
    finally:
        engine.dispose()


def _certificate(tmp: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, NAME)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(NAME)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp / "server.pem", tmp / "server.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


def _greeting() -> bytes:
    """A protocol-10 handshake offering TLS (CLIENT_SSL), as a MySQL server sends it first."""
    caps = (
        0x00000200 | 0x00000800 | 0x00008000 | 0x00080000
    )  # PROTOCOL_41, SSL, SECURE_CONNECTION, PLUGIN_AUTH
    salt = b"12345678abcdefghijkl"
    body = (
        b"\x0a5.5.5-10.11.0-greeter\x00"
        + struct.pack("<I", 1)
        + salt[:8]
        + b"\x00"
        + struct.pack("<H", caps & 0xFFFF)
        + b"\x21"
        + struct.pack("<H", 2)
        + struct.pack("<H", caps >> 16)
        + bytes([21])
        + b"\x00" * 10
        + salt[8:]
        + b"\x00mysql_native_password\x00"
    )
    return struct.pack("<I", len(body))[:3] + b"\x00" + body


@pytest.fixture
def greeter(tmp_path: Path) -> Iterator[dict[str, Any]]:
    """A server on 127.0.0.1 that greets, takes the client's TLS request and completes the TLS handshake
    with a certificate for ``NAME``; it records the server name the client asked for and whether the
    handshake succeeded, then hangs up (no authentication: TLS is what is tested)."""
    cert, key = _certificate(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    seen: dict[str, Any] = {"cert": cert, "sni": None, "handshake": False}

    def remember(_sock: Any, server_name: str | None, _ctx: Any) -> None:
        seen["sni"] = server_name

    context.sni_callback = remember
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(10)
    seen["port"] = listener.getsockname()[1]

    def serve() -> None:
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        with conn:
            conn.settimeout(10)
            conn.sendall(_greeting())
            request = b""
            while len(request) < 36:  # the client's 32-byte SSL request with its 4-byte header
                chunk = conn.recv(36 - len(request))
                if not chunk:
                    return
                request += chunk
            try:
                with context.wrap_socket(conn, server_side=True):
                    seen["handshake"] = True
            except (ssl.SSLError, OSError):
                seen["handshake"] = False

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield seen
    listener.close()
    thread.join(timeout=10)


def _connect(url: str) -> str:
    engine = _engine(url)
    try:
        with engine.connect():
            return "connected"
    except Exception as exc:  # the greeter hangs up after TLS; the error says how far it got
        return f"{type(exc).__name__}: {exc}"
    finally:
        engine.dispose()


def test_tls_verifies_the_name_while_the_socket_goes_to_the_checked_address(greeter: dict[str, Any]) -> None:
    error = _connect(
        f"mysql+pymysql://u:pw@{NAME}:{greeter['port']}/x?hostaddr=127.0.0.1&ssl_ca={greeter['cert']}"
        "&connect_timeout=5"
    )
    assert greeter["handshake"] is True, error
    assert greeter["sni"] == NAME
    assert "CERTIFICATE_VERIFY_FAILED" not in error


def test_connecting_by_the_bare_address_fails_the_certificate_check(greeter: dict[str, Any]) -> None:
    error = _connect(
        f"mysql+pymysql://u:pw@127.0.0.1:{greeter['port']}/x?ssl_ca={greeter['cert']}&connect_timeout=5"
    )
    assert greeter["handshake"] is False
    assert "CERTIFICATE_VERIFY_FAILED" in error or "match" in error
