"""Demo piece of data-subject requests: an access request in progress, a correction with its Art. 11
notice task, a marketing opt-out, and a deletion request forwarded to the e-commerce client."""

from __future__ import annotations

from shouhu.core.demo import ECOMMERCE, DemoContext, at, step


@step(order=60)
def load(ctx: DemoContext) -> None:
    from shouhu.requests import services

    officer = ctx.cast.officer
    copy = services.open_request(
        actor=officer,
        kind="copy",
        received_at=at(-3, 10, 15),
        channel="email",
        requester_name="張雅婷",
        requester_email="yating.chang@example.com",
        data_concerned="本公司員工福利網之會員資料與兌換紀錄",
        owner=officer,
    )
    services.verify_identity(actor=officer, request=copy, method="callback", note="回撥會員留存電話確認本人")
    services.record_fee(actor=officer, request=copy, amount=0, note="電子檔提供，不收費")
    correction = services.open_request(
        actor=officer,
        kind="supplement_or_correct",
        received_at=at(-12, 14, 0),
        channel="letter",
        requester_name="李國華",
        requester_address="臺中市西屯區臺灣大道三段99號",
        data_concerned="通訊地址",
        explanation="已搬遷，檢附新址之戶籍謄本影本",
        owner=officer,
    )
    services.verify_identity(
        actor=officer, request=correction, method="document", note="核對身分證影本與戶籍謄本"
    )
    services.grant(actor=officer, request=correction, note="已更正通訊地址", recipients="合作物流商")
    services.open_request(
        actor=officer,
        kind="marketing_refusal",
        received_at=at(-1, 9, 30),
        channel="web",
        requester_name="陳先生",
        requester_email="mr.chen@example.com",
        requester_phone="0912-000-111",
    )
    forwarded = services.open_request(
        actor=officer,
        kind="delete",
        received_at=at(-2, 16, 45),
        channel="email",
        requester_name="王小姐",
        requester_email="wang.member@example.com",
        data_concerned="好日子購物會員帳號及訂單資料",
        client=ctx.clients[ECOMMERCE],
        owner=officer,
    )
    services.forward_to_client(actor=officer, request=forwarded, method="download")
    ctx.count("requests", "當事人請求", 4)
