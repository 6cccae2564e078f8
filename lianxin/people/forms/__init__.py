"""The people app's forms: signing in (``auth``) and the staff pages (``staff``)."""
