"""'Where do I send this request?': the routing rule, whole (see ``services.route``)."""
