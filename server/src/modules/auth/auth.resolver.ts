import { Resolver } from 'type-graphql';

// Placeholder: filled in by its feature.
@Resolver()
export class AuthResolver {}
