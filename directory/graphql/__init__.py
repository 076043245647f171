"""The GraphQL surface, beside the domains it exposes.

The kit lives at this level: the request context (``context``), DataLoaders (``loaders``),
cursor pages (``pagination``), global IDs (``nodes``), the schema (``schema``), the HTTP view
(``view``), error mapping and logging (``errors``, ``error_log``), input hygiene, document
limits, the cost budget, rate limits, the write transaction (``writes``), GraphiQL and the
SDL export. Each domain has a sub-package (``treaties/``, ``authorities/``, ``audit/``,
``search/``, ``routing/``, ``editing/``) holding its Strawberry types and its ``…Query`` /
``…Mutation`` classes, composed at the root in ``schema``: thin resolvers, arguments →
the domain's services → types. The domains never import this package.
"""
