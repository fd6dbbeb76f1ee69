import { ArrayMaxSize, ArrayMinSize } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { WARNING_MESSAGE_MAX } from './warning.inputs.js';

/** Most reports in one call: a gateway's batch stays one short transaction. */
export const MAX_SENSOR_REPORTS = 500;

/** Each report is checked by the service, which names the one at fault (`reports.3.code`). */
@InputType({ description: "One sensor condition's state on one machine" })
export class SensorReportInput {
  @Field(() => ID)
  machineId!: string;

  @Field(() => String, {
    description: 'Sensor condition id (letters, digits, `_ . : -`, up to 64)',
  })
  code!: string;

  @Field(() => Boolean, {
    description:
      'true: the condition holds (raises a warning, or counts a repeat on the active one); false: it is over (clears it)',
  })
  active!: boolean;

  @Field(() => String, {
    nullable: true,
    description: `For a raise: 1 to ${WARNING_MESSAGE_MAX} characters, trimmed; the code when omitted`,
  })
  message?: string | null;
}

@InputType()
export class SensorReportsInput {
  @Field(() => [SensorReportInput], {
    description: `1 to ${MAX_SENSOR_REPORTS} reports, applied in order in one transaction`,
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SENSOR_REPORTS)
  reports!: SensorReportInput[];
}

export enum SensorReportOutcome {
  RAISED = 'RAISED',
  REPEATED = 'REPEATED',
  CLEARED = 'CLEARED',
  /** A clear of a condition that is not active: nothing to do. */
  NOT_ACTIVE = 'NOT_ACTIVE',
}

registerEnumType(SensorReportOutcome, {
  name: 'SensorReportOutcome',
  description: 'What one sensor report did',
});

@ObjectType({ description: 'Why one report of a batch was not applied (the others were)' })
export class SensorReportError {
  @Field(() => String, { description: 'NOT_FOUND, FORBIDDEN or BAD_USER_INPUT' })
  code!: string;

  @Field(() => String)
  message!: string;
}

@ObjectType({ description: "One report's result, in the order the reports were given" })
export class SensorReportResult {
  @Field(() => ID)
  machineId!: string;

  @Field(() => String)
  code!: string;

  @Field(() => SensorReportOutcome, { nullable: true, description: 'Null when `error` is set' })
  outcome!: SensorReportOutcome | null;

  @Field(() => ID, { nullable: true, description: 'The warning raised, repeated or cleared' })
  warningId!: string | null;

  @Field(() => Int, { nullable: true, description: "The warning's repeat count after this report" })
  repeatCount!: number | null;

  @Field(() => SensorReportError, { nullable: true })
  error!: SensorReportError | null;
}
