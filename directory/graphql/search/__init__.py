"""GraphQL types and resolvers of the search domain."""
