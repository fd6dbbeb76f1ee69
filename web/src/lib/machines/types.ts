import type { MachineDetailFragment, ReportFaultMutation } from '#lib/graphql/generated/graphql.ts';

export type MachineDetail = MachineDetailFragment;
/** A case as the report form's answer gives it, with the machine as it is now. */
export type ReportedCase = ReportFaultMutation['openFaultCase'];
