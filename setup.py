"""What pyproject.toml cannot say: the top-level data folders ship inside the package.

``migrations/``, ``seed/`` and ``schema/`` stay at the top of the checkout, where people look
for them, and are installed as the subpackages ``directory._migrations``, ``directory._seed``
and ``directory._schema``, so that a wheel carries them and ``directory.resources`` finds them
with ``importlib.resources`` wherever the package was installed. Everything else about the
project (metadata, dependencies, scripts) is in ``pyproject.toml``.
"""

from setuptools import find_namespace_packages, setup

DATA_PACKAGES = {
    "directory._migrations": "migrations",
    "directory._migrations.versions": "migrations/versions",
    "directory._seed": "seed",
    "directory._schema": "schema",
}

setup(
    # namespace discovery: folders of assets (directory/graphql/static) are packages too
    packages=[
        *find_namespace_packages(include=["directory", "directory.*"], exclude=["*.__pycache__"]),
        *DATA_PACKAGES,
    ],
    package_dir=dict(DATA_PACKAGES),
    package_data={
        "directory.graphql.static": ["*.html"],  # the GraphiQL page
        # its files (pinned npm packages, see assets.json) and our start script
        "directory.graphql.static.graphiql": ["*"],
        # the pages: templates, styles, and the six catalogs (compiled in memory at start)
        "directory.web": ["templates/*.html", "static/*", "locale/*/LC_MESSAGES/*.po"],
        "directory._migrations": ["script.py.mako"],
        "directory._seed": ["*.json", "README.md"],
        "directory._schema": ["*.graphql"],
    },
)
