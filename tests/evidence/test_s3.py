"""The evidence store on an S3-compatible server (moto's standalone server on loopback, real HTTP)."""

import socket

import boto3
import pytest

from shouhu.evidence import services

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% s3 evidence\n%%EOF\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3_storage(settings, s3_endpoint):
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        region_name="us-east-1",
    )
    client.create_bucket(Bucket="shouhu-evidence")
    settings.STORAGES = {
        **settings.STORAGES,
        "evidence": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "shouhu-evidence",
                "endpoint_url": s3_endpoint,
                "access_key": "test",
                "secret_key": "test",
                "region_name": "us-east-1",
                "file_overwrite": False,
            },
        },
    }
    return client


def test_file_is_stored_in_the_bucket_under_its_hash(s3_storage, make_user):
    evidence = services.store(actor=make_user("pd_officer"), file=PDF, filename="報告.pdf")
    body = s3_storage.get_object(Bucket="shouhu-evidence", Key=evidence.blob.storage_key)["Body"].read()
    assert body == PDF


def test_verify_detects_an_object_changed_in_the_bucket(s3_storage, make_user):
    evidence = services.store(actor=make_user("pd_officer"), file=PDF, filename="a.pdf")
    s3_storage.put_object(Bucket="shouhu-evidence", Key=evidence.blob.storage_key, Body=b"%PDF-tampered")
    problems = [p for _, p in services.verify_all() if p]
    assert [p.sha256 for p in problems] == [evidence.blob.sha256]


def test_download_reads_back_from_the_bucket(s3_storage, make_user):
    evidence = services.store(actor=make_user("pd_officer"), file=PDF, filename="a.pdf")
    with services.open_for_read(actor=make_user("auditor"), evidence=evidence) as fh:
        assert fh.read() == PDF
