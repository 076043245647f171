"""GraphQL types and resolvers of the accounts domain: API tokens and who is asking."""
