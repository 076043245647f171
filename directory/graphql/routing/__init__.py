"""GraphQL types and resolvers of the routing domain."""
