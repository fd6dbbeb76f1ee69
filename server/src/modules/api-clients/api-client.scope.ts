import { registerEnumType } from 'type-graphql';

/** What an external system may do; names follow the REST surface (`machines:read`, ...). */
export enum ApiScope {
  MACHINES_READ = 'machines:read',
  WARNINGS_WRITE = 'warnings:write',
  FAULTS_WRITE = 'faults:write',
}

registerEnumType(ApiScope, {
  name: 'ApiScope',
  valuesConfig: {
    MACHINES_READ: { description: 'machines:read — see the board and machine statuses' },
    WARNINGS_WRITE: { description: 'warnings:write — raise and clear warnings' },
    FAULTS_WRITE: { description: 'faults:write — open fault cases' },
  },
});
