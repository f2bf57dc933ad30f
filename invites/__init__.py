"""Inviting respondents: the invitation text, and sending it by e-mail when SMTP is set up."""
