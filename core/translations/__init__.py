"""Translations in the back office: where each item's translation stands (``status``), and the
export of what is left in one language and its import back (``exchange``)."""
