"""A learner's personal data: download it all, delete the account, purge old data.

``export`` gathers every record about one person (other apps add theirs through the
``puente_personal_data`` hook), ``deletion`` anonymises an account (other apps react
through ``puente_account_deleted``), ``retention`` deletes what the retention policy
in docs/privacy.md says is kept only for a time. ``puente_account_deleted`` functions
get the already anonymised user, inside the deletion's transaction. Called by ``lms.accounts.views`` and
the ``purge_expired_data`` command.
"""

PERSONAL_DATA_HOOK = "puente_personal_data"
ACCOUNT_DELETED_HOOK = "puente_account_deleted"

EXPORT_ACTION = "puente.privacy.export"
DELETE_ACTION = "puente.privacy.delete"
