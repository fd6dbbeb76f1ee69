import type { Client } from '@urql/core';
import type { ReliabilityReportQuery } from '#lib/graphql/generated/graphql.ts';
import { describeProblem, type Problem } from '#lib/graphql/problems.ts';
import { localTimeZone, rangeInstants } from './range.ts';
import type { ReportFilters } from './report-filters.ts';
import { ReliabilityReportDocument } from './reports.graphql.ts';

export type Report = ReliabilityReportQuery['reliabilityReport'];
export type ReportLoad = 'loading' | 'ready' | 'error' | 'forbidden';

/** The reliability report for the chosen days and buildings, read again when they change. */
export class ReportState {
  report = $state<Report | null>(null);
  load = $state<ReportLoad>('loading');
  problem = $state<Problem | null>(null);
  /** A new read is under way while the previous figures are still shown. */
  busy = $state(false);

  #client: Client;
  #generation = 0;

  constructor(client: Client) {
    this.#client = client;
  }

  async show(filters: ReportFilters): Promise<void> {
    const generation = ++this.#generation;
    if (!this.report) this.load = 'loading';
    this.busy = true;
    this.problem = null;
    const result = await this.#client
      .query(
        ReliabilityReportDocument,
        {
          ...rangeInstants(filters),
          buildingIds: filters.buildings.length ? filters.buildings : null,
          timeZone: localTimeZone(),
        },
        { requestPolicy: 'network-only' },
      )
      .toPromise();
    if (generation !== this.#generation) return;
    this.busy = false;
    if (result.error || !result.data) {
      this.problem = result.error ? describeProblem(result.error) : null;
      // Only managers may read reports: the server says so, the page explains it.
      this.load = this.problem?.code === 'FORBIDDEN' ? 'forbidden' : 'error';
      this.report = null;
      return;
    }
    this.report = result.data.reliabilityReport;
    this.load = 'ready';
  }
}
