"""GraphQL types and resolvers of the treaties domain."""
