"""lms.accounts.admin_account.install_account_forms: Wagtail's account page still
builds its name and locale panels from the classes whose ``form_class`` Puente sets,
as the pinned Wagtail does."""

import inspect

from wagtail.admin.views.account import (
    AccountView,
    BaseSettingsPanel,
    LocaleSettingsPanel,
    NameEmailSettingsPanel,
)

from lms.accounts.admin_account import AccountNameForm, AdminLanguageForm
from tests.compat.support import relied_on


def _message(what: str) -> str:
    return relied_on(
        "wagtail", "lms.accounts.admin_account.install_account_forms", what
    )


def test_the_account_page_builds_the_panels_whose_forms_puente_sets():
    source = inspect.getsource(AccountView.get_panels)
    assert "NameEmailSettingsPanel(" in source, _message("AccountView.get_panels")
    assert "LocaleSettingsPanel(" in source, _message("AccountView.get_panels")
    assert "self.form_class(" in inspect.getsource(BaseSettingsPanel.get_form), (
        _message("BaseSettingsPanel.get_form reads form_class")
    )


def test_puentes_forms_are_installed():
    assert NameEmailSettingsPanel.form_class is AccountNameForm
    assert LocaleSettingsPanel.form_class is AdminLanguageForm
