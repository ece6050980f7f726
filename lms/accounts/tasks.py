"""allauth's e-mails (confirmation, account exists, password reset), sent by the worker.

``lms.accounts.adapter`` renders each message during the request, in the reader's
language, and queues it here: a sign-up, a password reset or a login then costs the
same whichever the address (one queued task, never an SMTP round trip in the
request), so timing does not tell whether an account exists. Messages travel as
JSON; ``lms.ops.once.run_once`` keeps a task run again from sending twice.
"""

from __future__ import annotations

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django_tasks import task

from lms.ops.once import run_once


def message_to_json(message: EmailMessage) -> dict:
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {str(k): str(v) for k, v in (message.extra_headers or {}).items()},
        "content_subtype": message.content_subtype,
        "alternatives": [
            [str(content), mimetype]
            for content, mimetype in getattr(message, "alternatives", [])
        ],
    }


def message_from_json(data: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    message.content_subtype = data["content_subtype"]
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    return message


@task(takes_context=True)
def send_account_mail(context, message: dict) -> None:
    run_once(context, message_from_json(message).send)


def queue_account_mail(message: EmailMessage) -> None:
    send_account_mail.enqueue(message_to_json(message))
