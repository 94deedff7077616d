"""Messages about a programme point at the programme itself instead of naming it in text.

Existing names are matched to programmes by name or slug (ignoring case, spacing and the kind of
apostrophe). A name that matches none is kept in the message's staff notes, so nothing is lost; the
text column is removed in the next migration.
"""

import django.db.models.deletion
from django.db import migrations, models

UNMATCHED_NOTE = "Programme named on the form: {name}"
QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def normalise(text):
    return " ".join(str(text).translate(QUOTES).split()).casefold()


def programme_index(programmes):
    """``{normalised name or slug: pk}`` from ``(pk, name, slug)`` rows; a name beats another's slug."""
    programmes = list(programmes)
    index = {}
    for pk, name, _slug in programmes:
        index.setdefault(normalise(name), pk)
    for pk, _name, slug in programmes:
        index.setdefault(normalise(slug), pk)
    return index


def with_note(notes, name):
    note = UNMATCHED_NOTE.format(name=name)
    return f"{notes.rstrip()}\n\n{note}" if notes.strip() else note


def link_programmes(apps, schema_editor):
    Programme = apps.get_model("programs", "Programme")
    ContactMessage = apps.get_model("contact", "ContactMessage")
    index = programme_index(Programme.objects.values_list("pk", "name", "slug"))
    for message in ContactMessage.objects.exclude(programme_name="").order_by("pk"):
        pk = index.get(normalise(message.programme_name))
        if pk is not None:
            message.programme_id = pk
            message.save(update_fields=["programme"])
        else:
            message.staff_notes = with_note(message.staff_notes, message.programme_name)
            message.save(update_fields=["staff_notes"])


def name_programmes(apps, schema_editor):
    ContactMessage = apps.get_model("contact", "ContactMessage")
    for message in ContactMessage.objects.select_related("programme").order_by("pk"):
        if message.programme is not None:
            message.programme_name = message.programme.name[:200]
        elif message.purpose == "programme":
            message.programme_name = "(unknown)"  # the old constraint wants a name
        else:
            continue
        message.save(update_fields=["programme_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("contact", "0001_initial"),
        ("programs", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="contactmessage",
            name="programme",
            field=models.ForeignKey(
                blank=True,
                help_text="The programme the message is about, as the sender chose it; staff may correct it.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="messages",
                to="programs.programme",
                verbose_name="programme",
            ),
        ),
        # A message may outlive its programme (the link is emptied), so the database no longer insists.
        migrations.RemoveConstraint(
            model_name="contactmessage",
            name="contact_message_programme_named",
        ),
        # Last: on PostgreSQL, no table change may follow these updates in the same transaction.
        migrations.RunPython(link_programmes, name_programmes),
    ]
