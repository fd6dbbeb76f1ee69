import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Building } from '../buildings/building.entity.js';
import { Machine } from '../machines/machine.entity.js';

/**
 * The reliability report's figures (README "Reliability reports" pins each definition). Sums
 * of seconds are Float holding whole seconds: a GraphQL Int is 32-bit and a fleet of 2,000
 * machines observes 2^31 machine-seconds in twelve days.
 */
@ObjectType({ description: 'Fault cases opened in the range, by severity (current severity)' })
export class SeverityCounts {
  @Field(() => Int)
  low!: number;

  @Field(() => Int)
  medium!: number;

  @Field(() => Int)
  high!: number;

  @Field(() => Int)
  critical!: number;
}

@ObjectType({
  description:
    'Reliability over a range, clipped to it: time before a machine was created, after it was archived or after now is not observed',
})
export class ReliabilityFigures {
  @Field(() => Int, { description: 'Fault cases opened within the range' })
  faultCases!: number;

  @Field(() => SeverityCounts)
  casesBySeverity!: SeverityCounts;

  @Field(() => Int, {
    description:
      'Cases opened within the range that are repeats: opened within REPEAT_FAILURE_WINDOW_HOURS of the resolution of the machine’s previous case (decided when the case opened)',
  })
  repeatFailures!: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'Mean time to acknowledge: from opening to the first acknowledgement, over the cases opened in the range and acknowledged before its end; null when there are none',
  })
  mttaSeconds!: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Mean time to repair: from opening to resolution, over the cases opened in the range and resolved before its end (a reopened case counts to its final resolution, and not while it is reopened); null when there are none',
  })
  mttrSeconds!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Mean time between failures: time observed not in FAULT, divided by the number of times a machine went into FAULT within the range; null when none did. Whole seconds',
  })
  mtbfSeconds!: number | null;

  @Field(() => Float, {
    description:
      'Time in FAULT inside the range (a warning during a fault counts here, not as warning time). Whole seconds',
  })
  downtimeSeconds!: number;

  @Field(() => Float, { description: 'Time in WARNING inside the range. Whole seconds' })
  warningSeconds!: number;

  @Field(() => Float, {
    description:
      'Machine-seconds observed: each machine from its creation (or the range start) to its archiving (or the range end). Whole seconds',
  })
  observedSeconds!: number;

  @Field(() => Float, {
    nullable: true,
    description: '1 − downtime / observed; null when nothing was observed',
  })
  availability!: number | null;
}

@ObjectType()
export class MachineReliability {
  @Field(() => Machine)
  machine!: Machine;

  @Field(() => ReliabilityFigures)
  figures!: ReliabilityFigures;
}

@ObjectType()
export class BuildingReliability {
  @Field(() => Building)
  building!: Building;

  @Field(() => ReliabilityFigures)
  figures!: ReliabilityFigures;
}

@ObjectType()
export class WeeklyReliability {
  @Field(() => Date, {
    description:
      'Monday 00:00 of the week in the report’s time zone (the first week may begin before `from`; its figures are clipped to the range)',
  })
  weekStart!: Date;

  @Field(() => ReliabilityFigures)
  figures!: ReliabilityFigures;
}

@ObjectType({ description: 'Reliability computed from the event log over a range (MANAGER)' })
export class ReliabilityReport {
  @Field(() => Date)
  from!: Date;

  @Field(() => Date, { description: 'The end actually used: the earlier of `to` and now' })
  to!: Date;

  @Field(() => String, { description: 'IANA time zone the weeks are cut in' })
  timeZone!: string;

  @Field(() => Int, { description: 'REPEAT_FAILURE_WINDOW_HOURS in seconds' })
  repeatWindowSeconds!: number;

  @Field(() => ReliabilityFigures)
  overall!: ReliabilityFigures;

  @Field(() => [BuildingReliability], { description: 'Worst first, as machines' })
  buildings!: BuildingReliability[];

  @Field(() => [MachineReliability], {
    description:
      'Machines observed in the range (archived ones included), worst first: downtime descending, then fault cases descending, then name',
  })
  machines!: MachineReliability[];

  @Field(() => [WeeklyReliability], {
    description: 'Weeks from Monday 00:00 in `timeZone`, clipped to the range, oldest first',
  })
  weeks!: WeeklyReliability[];
}
