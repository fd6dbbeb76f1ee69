import { registerEnumType } from 'type-graphql';

export enum Role {
  MANAGER = 'MANAGER',
  TECHNICIAN = 'TECHNICIAN',
  REPAIR = 'REPAIR',
}

registerEnumType(Role, { name: 'Role', description: 'What a person does on the floor' });

export const ALL_ROLES = [Role.MANAGER, Role.TECHNICIAN, Role.REPAIR] as const;
