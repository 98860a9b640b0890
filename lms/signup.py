"""allauth's sign-up form, made not to reveal whether an e-mail is registered.

allauth hides existing accounts only when e-mail verification is mandatory for
everyone, which would make the e-mail field compulsory; here most learners
sign up with a phone number instead. So a sign-up that gives an e-mail address
is verified as if verification were mandatory: new or already registered, the
visitor sees the same "check your e-mail" page, and the owner of an existing
address gets an "account already exists" e-mail. Phone sign-ups use allauth's
own phone flow, which already behaves this way.
"""

from __future__ import annotations

from allauth.account.app_settings import EmailVerificationMethod
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.account.internal.flows.login import perform_login
from allauth.account.internal.flows.signup import complete_signup
from allauth.account.models import Login
from allauth.account.utils import get_next_redirect_url
from django.core.exceptions import ValidationError


class SignupForm(AllauthSignupForm):
    def validate_unique_email(self, value):
        try:
            return super().validate_unique_email(value)
        except ValidationError:
            self.account_already_exists = True
            return value

    def try_save(self, request):
        email = self.cleaned_data.get("email")
        if not email:
            return super().try_save(request)
        verification = EmailVerificationMethod.MANDATORY
        if self.account_already_exists:
            login = Login(user=None, email=email, signup=True, email_verification=verification)
            return None, perform_login(request, login)
        user = self.save(request)
        response = complete_signup(
            request,
            user=user,
            email_verification=verification,
            redirect_url=get_next_redirect_url(request),
        )
        return user, response
