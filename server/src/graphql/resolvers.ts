import type { NonEmptyArray } from 'type-graphql';
import { ApiClientResolver } from '../modules/api-clients/api-client.resolver.js';
import { AuthResolver } from '../modules/auth/auth.resolver.js';
import { BuildingResolver } from '../modules/buildings/building.resolver.js';
import { MachineEventResolver } from '../modules/events/machine-event.resolver.js';
import { MachineEventSubscriptionResolver } from '../modules/events/machine-event.subscription.js';
import { DisplayLinkResolver } from '../modules/displays/display-link.resolver.js';
import { FaultCaseSubscriptionResolver } from '../modules/faults/fault-case.subscription.js';
import { FaultCaseResolver, FaultNoteResolver } from '../modules/faults/fault-case.resolver.js';
// After the faults module: its entity and its access rules import each other, and the entity
// must be evaluated first (the attachment resolver names both).
import {
  FaultAttachmentResolver,
  FaultCaseAttachmentsResolver,
  FaultNoteAttachmentsResolver,
} from '../modules/attachments/attachment.resolver.js';
import { MachineResolver } from '../modules/machines/machine.resolver.js';
import { ReliabilityReportResolver } from '../modules/reports/reliability-report.resolver.js';
import { UserResolver } from '../modules/users/user.resolver.js';
import { SensorReportResolver } from '../modules/warnings/sensor-report.resolver.js';
import { WarningResolver } from '../modules/warnings/warning.resolver.js';
import { WarningSubscriptionResolver } from '../modules/warnings/warning.subscription.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const RESOLVERS: NonEmptyArray<Function> = [
  AuthResolver,
  UserResolver,
  BuildingResolver,
  MachineResolver,
  WarningResolver,
  SensorReportResolver,
  WarningSubscriptionResolver,
  FaultCaseResolver,
  FaultCaseSubscriptionResolver,
  FaultNoteResolver,
  FaultAttachmentResolver,
  FaultNoteAttachmentsResolver,
  FaultCaseAttachmentsResolver,
  MachineEventResolver,
  MachineEventSubscriptionResolver,
  ApiClientResolver,
  DisplayLinkResolver,
  ReliabilityReportResolver,
];
