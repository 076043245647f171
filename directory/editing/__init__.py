"""Write services: authorities, designations, channel and language rules, change requests."""
