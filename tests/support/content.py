"""Content as the site shows it: a new publishable row is a draft, so a test that wants it public says so."""

from core.publishing import PublicationStatus

PUBLISHED = {"publication_status": PublicationStatus.PUBLISHED}
