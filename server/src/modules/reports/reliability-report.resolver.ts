import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Roles } from '../../graphql/auth.js';
import type { RequestContext } from '../../graphql/context.js';
import { Role } from '../users/user.role.js';
import { ReliabilityReportService } from './reliability-report.service.js';
import { ReliabilityReport } from './reliability-report.types.js';

@Resolver()
export class ReliabilityReportResolver {
  @Roles([Role.MANAGER])
  @Query(() => ReliabilityReport, {
    description:
      'MTTA, MTTR, MTBF, downtime, warning time, availability and fault cases per machine, building, week and overall, from the event log (README "Reliability reports")',
  })
  reliabilityReport(
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date, { description: 'Exclusive; a time after now ends the range now' })
    to: Date,
    @Arg('buildingIds', () => [ID], { nullable: true }) buildingIds: string[] | null,
    @Arg('machineIds', () => [ID], { nullable: true }) machineIds: string[] | null,
    @Arg('timeZone', () => String, {
      defaultValue: 'UTC',
      description: 'IANA time zone the weeks start in (Monday 00:00)',
    })
    timeZone: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ReliabilityReport> {
    return new ReliabilityReportService(ctx).report({
      from,
      to,
      buildingIds,
      machineIds,
      timeZone,
    });
  }
}
