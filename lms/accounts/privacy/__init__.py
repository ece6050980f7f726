"""A learner's personal data: download it all, delete the account, purge old data.

``export`` gathers every record about one person (other apps add theirs through the
``puente_personal_data`` hook); ``deletion`` anonymises an account, then calls the
``puente_account_deleted`` hook with the anonymised user inside its transaction;
``retention`` deletes what docs/privacy.md keeps only for a time. Called by
``lms.accounts.views`` and the ``purge_expired_data`` command.
"""

EXPORT_ACTION = "puente.privacy.export"
DELETE_ACTION = "puente.privacy.delete"
