"""The model permissions courses' own models need, by the kind of staff member.

Course pages, images and documents are governed by Wagtail's page and collection
permissions; these are the snippets. ``lms.accounts.roles`` grants them to its roles
(courses knows no role names): authors (Trainers) maintain topics and see who signs
certificates; managers (Program administrators) also delete topics and keep the
signatories.
"""

TOPIC_UPKEEP = [("courses", f"{action}_topic") for action in ("add", "change", "view")]

AUTHOR_PERMISSIONS = [*TOPIC_UPKEEP, ("courses", "view_signatory")]
MANAGER_PERMISSIONS = [
    *TOPIC_UPKEEP,
    ("courses", "delete_topic"),
    *(
        ("courses", f"{action}_signatory")
        for action in ("add", "change", "delete", "view")
    ),
]
