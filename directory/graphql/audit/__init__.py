"""GraphQL types and resolvers of the audit domain."""
