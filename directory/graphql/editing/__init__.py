"""GraphQL types and resolvers of the editing domain."""
