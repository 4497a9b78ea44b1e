"""Publish: what the site gives to those who reuse it rather than read it.

Open data as CSV, JSON and Excel with a Data Package descriptor, version and build information
(`exports`), Atom feeds (`feeds`) and the iCalendar files of meetings and of the follow-up due dates
(`calendars`), with the text they share (`texts`), and the pages that keep an old address working
(`redirects`). Everything is computed from the site model, never from pages.
"""
