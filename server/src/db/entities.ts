import { ApiClient } from '../modules/api-clients/api-client.entity.js';
import { FaultAttachment } from '../modules/attachments/attachment.entity.js';
import { LoginThrottle } from '../modules/auth/login-throttle.entity.js';
import { RefreshToken } from '../modules/auth/refresh-token.entity.js';
import { Building } from '../modules/buildings/building.entity.js';
import { MachineEvent } from '../modules/events/machine-event.entity.js';
import { FaultCase } from '../modules/faults/fault-case.entity.js';
import { FaultNote } from '../modules/faults/fault-note.entity.js';
import { IdempotencyKey } from '../modules/idempotency/idempotency-key.entity.js';
import { Machine } from '../modules/machines/machine.entity.js';
import { User } from '../modules/users/user.entity.js';
import { Warning } from '../modules/warnings/warning.entity.js';

export const ENTITIES = [
  User,
  Building,
  Machine,
  Warning,
  FaultCase,
  FaultNote,
  FaultAttachment,
  MachineEvent,
  ApiClient,
  RefreshToken,
  LoginThrottle,
  IdempotencyKey,
];
