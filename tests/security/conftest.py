from tests.editing.factories import world  # noqa: F401 - a fixture shared by the write tests
