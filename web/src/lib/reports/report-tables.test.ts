import { describe, expect, it } from 'vitest';
import type { ReliabilityFiguresRowFragment } from '#lib/graphql/generated/graphql.ts';
import { toCsv } from './csv.ts';
import type { Report } from './report.svelte.ts';
import {
  buildingsTable,
  machinesTable,
  pareto,
  severityTable,
  weeksTable,
} from './report-tables.ts';

function figures(over: Partial<ReliabilityFiguresRowFragment> = {}): ReliabilityFiguresRowFragment {
  return {
    faultCases: 0,
    casesBySeverity: { low: 0, medium: 0, high: 0, critical: 0 },
    repeatFailures: 0,
    mttaSeconds: null,
    mttrSeconds: null,
    mtbfSeconds: null,
    downtimeSeconds: 0,
    warningSeconds: 0,
    observedSeconds: 604_800,
    availability: 1,
    ...over,
  };
}

const hallB = { id: 'b2', name: 'Hall B' };
const press = figures({
  faultCases: 2,
  casesBySeverity: { low: 0, medium: 0, high: 1, critical: 1 },
  repeatFailures: 1,
  mttaSeconds: 300,
  mttrSeconds: 5400,
  downtimeSeconds: 7200,
  availability: 0.988_095,
});
const formula = figures({ downtimeSeconds: 2400, availability: 0.996 });

const REPORT: Report = {
  from: '2026-11-30T00:00:00.000Z',
  to: '2026-12-07T00:00:00.000Z',
  timeZone: 'UTC',
  repeatWindowSeconds: 72 * 3600,
  overall: figures({ ...press, downtimeSeconds: 9600 }),
  buildings: [{ building: hallB, figures: figures({ ...press, downtimeSeconds: 9600 }) }],
  machines: [
    {
      machine: {
        id: 'm1',
        name: 'Press 7',
        assetCode: 'PRS-07',
        archived: false,
        building: hallB,
      },
      figures: press,
    },
    {
      machine: {
        id: 'm2',
        name: '=cmd|calc',
        assetCode: 'X-1',
        archived: false,
        building: hallB,
      },
      figures: formula,
    },
    {
      machine: { id: 'm3', name: 'Idle, quiet', assetCode: 'I-1', archived: true, building: hallB },
      figures: figures(),
    },
  ],
  weeks: [{ weekStart: '2026-11-30T00:00:00.000Z', figures: press }],
};

describe('the report as tables', () => {
  it('machines: worst first as the server sent them, durations in words, a link per machine', () => {
    const table = machinesTable(REPORT);
    expect(table.rows.map((r) => r.key)).toEqual(['m1', 'm2', 'm3']);
    const [name, building, cases, repeats, mtta, mttr, mtbf, downtime, availability] =
      table.rows[0]!.cells;
    expect(name).toEqual({ text: 'Press 7', href: '/m/PRS-07' });
    expect(building!.text).toBe('Hall B');
    expect([cases!.text, repeats!.text]).toEqual(['2', '1']);
    expect(mtta!.text).toBe('5m 0s');
    expect(mttr!.text).toBe('1h 30m');
    expect(mtbf!.text).toBe('—');
    expect(downtime!.text).toBe('2h 0m');
    expect(availability!.text).toBe('98.8%');
  });

  it('machines as CSV: plain seconds and percent, the severity split, text neutralised', () => {
    const table = machinesTable(REPORT);
    const text = toCsv(table.csvHeader, table.csvRows);
    const [header, first, second, third] = text.slice(1).split('\r\n');
    expect(header).toBe(
      'Machine,Asset code,Building,Cases,Critical,High,Medium,Low,Repeat failures,MTTA (s),MTTR (s),MTBF (s),Downtime (s),Availability (%),Time in warning (s)',
    );
    expect(first).toBe('Press 7,PRS-07,Hall B,2,1,1,0,0,1,300,5400,,7200,98.81,0');
    expect(second!.startsWith("'=cmd|calc,X-1,")).toBe(true);
    expect(third!.startsWith('"Idle, quiet",I-1,')).toBe(true);
  });

  it('buildings end with all machines together; weeks and severities have their own tables', () => {
    const buildings = buildingsTable(REPORT);
    expect(buildings.rows.map((r) => r.cells[0]!.text)).toEqual(['Hall B', 'All machines']);
    expect(buildings.csvRows.at(-1)![0]).toBe('All machines');
    expect(weeksTable(REPORT).csvRows[0]![0]).toBe('2026-11-30T00:00:00.000Z');
    const severity = severityTable(REPORT);
    expect(severity.csvHeader).toEqual(['Severity', 'All machines', 'Hall B']);
    expect(severity.csvRows).toEqual([
      ['Critical', 1, 1],
      ['High', 1, 1],
      ['Medium', 0, 0],
      ['Low', 0, 0],
    ]);
  });

  it('the Pareto: machines with downtime, the most first, with the running share', () => {
    expect(pareto(REPORT)).toEqual([
      { name: 'Press 7', seconds: 7200, cumulative: 0.75 },
      { name: '=cmd|calc', seconds: 2400, cumulative: 1 },
    ]);
  });
});
