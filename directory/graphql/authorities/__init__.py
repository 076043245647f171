"""GraphQL types and resolvers of the authorities domain."""
