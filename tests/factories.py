"""factory_boy factories for users and their verified email addresses."""

import factory
from allauth.account.models import EmailAddress

from lms.models import User

PASSWORD = "correct-horse-battery-9"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"officer{n}@agency.test")
    full_name = factory.Sequence(lambda n: f"Officer Núñez {n}")
    agency = "Border Unit"
    agency_type = "police"
    country = "US"
    state = "Texas"
    job_title = "Detective"
    preferred_language = "en"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*extracted)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        self.save()
        if create and extracted is not False:
            EmailAddress.objects.create(
                user=self, email=self.email, verified=True, primary=True
            )
