"""Posting admin forms as a browser would."""

from django import forms


def change_form_data(response):
    """What a browser sends back from an admin change (or add) page when nothing is changed."""
    data = {}

    def add(form):
        for name, field in form.fields.items():
            value = form[name].value()
            if isinstance(field, forms.FileField) or value is None or value is False:
                continue
            if isinstance(value, list | tuple):
                value = [str(item) for item in value]
            data[form.add_prefix(name)] = "on" if value is True else value

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    return data


def logged_in(user, **client_options):
    """A test client signed in as ``user`` (``client_options`` go to the Client: ``headers=...``)."""
    from django.test import Client

    client = Client(**client_options)
    client.force_login(user)
    return client


def change_url(obj):
    """The admin's change form of ``obj``."""
    from django.urls import reverse

    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
