import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Roles } from '../../graphql/auth.js';
import type { RequestContext } from '../../graphql/context.js';
import { ApiScope } from '../api-clients/api-client.scope.js';
import { Role } from '../users/user.role.js';
import { SensorReportService } from './sensor-report.service.js';
import { SensorReportResult, SensorReportsInput } from './sensor-report.types.js';

@Resolver()
export class SensorReportResolver {
  @Roles([Role.MANAGER, Role.TECHNICIAN], { scope: ApiScope.WARNINGS_WRITE })
  @Mutation(() => [SensorReportResult], {
    description:
      "A sensor gateway's batch: each report raises its condition's warning (or counts a repeat), or clears it, in order and in one transaction. A report naming an unknown machine, a machine of another building, or an archived one (for a raise) is refused on its own, in its result; a malformed report refuses the batch.",
  })
  reportSensorConditions(
    @Arg('input', () => SensorReportsInput) input: SensorReportsInput,
    @Ctx() ctx: RequestContext,
  ) {
    return new SensorReportService(ctx).apply(ctx.actor!, input.reports);
  }
}
