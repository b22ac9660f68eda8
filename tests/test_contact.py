"""Tests for mbct_guide/contact.py: reading extra.contact and writing it for pages and templates."""

from __future__ import annotations

import html as html_lib

import pytest
from mkdocs.exceptions import PluginError

from mbct_guide.contact import PLACEHOLDER_NOTE, Contact, contact_settings

GOOD = {"organisation": "Fake NHS Trust", "email": "fake@example.org"}


def settings(**changes):
    return contact_settings({"contact": {**GOOD, **changes}})


def test_a_good_contact_is_read_with_placeholder_off_by_default():
    assert settings() == Contact("Fake NHS Trust", "fake@example.org", False)


def test_spaces_around_and_inside_the_values_are_tidied():
    contact = settings(organisation="  Fake \n NHS   Trust ", email=" fake@example.org\n")
    assert (contact.organisation, contact.email) == ("Fake NHS Trust", "fake@example.org")


@pytest.mark.parametrize(
    ("extra", "names"),
    [
        ({}, "extra.contact: is missing"),
        ({"contact": "fake@example.org"}, "extra.contact: is missing"),
        ({"contact": {**GOOD, "phone": "0123", "address": "x"}}, "unknown key(s) address, phone"),
        ({"contact": {**GOOD, "organisation": "   "}}, "extra.contact.organisation"),
        ({"contact": {"email": "fake@example.org"}}, "extra.contact.organisation"),
        ({"contact": {**GOOD, "organisation": 12}}, "extra.contact.organisation"),
        ({"contact": {"organisation": "Fake"}}, "extra.contact.email"),
        ({"contact": {**GOOD, "placeholder": "yes"}}, "extra.contact.placeholder"),
    ],
)
def test_a_missing_or_malformed_setting_stops_the_build_and_names_it(extra, names):
    with pytest.raises(PluginError) as error:
        contact_settings(extra)
    assert names in str(error.value)
    assert str(error.value).startswith("mkdocs.yml, extra.contact")


@pytest.mark.parametrize(
    "email",
    ["fake", "fake@example", "fake@@example.org", "fake @example.org", "<fake@example.org>", "fake@example.o", ""],
)
def test_an_address_that_is_not_an_email_is_refused(email):
    with pytest.raises(PluginError, match="extra.contact.email"):
        settings(email=email)


@pytest.mark.parametrize("email", ["fake@example.org", "first.last+tag@sub.example.co.uk"])
def test_ordinary_addresses_are_accepted(email):
    assert settings(email=email).email == email


def test_a_real_contact_is_a_mailto_link_in_html_and_markdown():
    contact = settings()
    assert contact.html() == (
        'Email Fake NHS Trust at <a class="mbct-contact-email" href="mailto:fake@example.org">fake@example.org</a>.'
    )
    assert "](mailto:fake@example.org)" in contact.markdown()
    assert PLACEHOLDER_NOTE not in contact.html() + contact.markdown()


def test_a_placeholder_contact_says_so_and_has_no_mailto_link():
    contact = settings(placeholder=True)
    for written in (contact.html(), contact.markdown()):
        assert "mailto:" not in written
        assert written.endswith(PLACEHOLDER_NOTE)
        assert "fake@example.org" in html_lib.unescape(written)


def test_the_organisation_s_name_is_escaped_in_html_and_markdown():
    contact = settings(organisation="Fake <b>*Trust*</b> {{ x }}")
    assert "<b>" not in contact.html() and "Fake &lt;b&gt;*Trust*&lt;/b&gt;" in contact.html()
    markdown = contact.markdown()
    assert "<b>" not in markdown and "*Trust*" not in markdown and "{{" not in markdown
    assert html_lib.unescape(markdown).startswith("Email Fake <b>*Trust*</b> {{ x }} at ")
