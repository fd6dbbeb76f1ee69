import type { UserActor } from '../common/actor.js';
import type { ServiceContext } from '../graphql/context.js';
import { Severity } from '../modules/faults/fault-case.enums.js';
import { FaultCaseService } from '../modules/faults/fault-case.service.js';
import type { User } from '../modules/users/user.entity.js';
import { Role } from '../modules/users/user.role.js';
import { WarningService } from '../modules/warnings/warning.service.js';
import type { BackdatedWrites } from './backdated-writes.js';

/**
 * Thirty days in the life of the demo plant, ending now: what a newcomer should find on the
 * board, in the repair log and in the reports. Deterministic: a fixed pseudo-random seed
 * chooses machines, texts and durations; only "now" moves.
 *
 * Today's state (the board):
 * - FAULT: WLD-02 (case OPEN, 25 min), INJ-03 (ACKNOWLEDGED by repair), PRS-03 (IN_PROGRESS,
 *   assigned, with notes, and a sensor warning repeating), LTH-02 (resolved yesterday,
 *   REOPENED this morning).
 * - WARNING: CNC-02 (vibration, repeating), CNV-01 (reported by hand), GRD-03 (coolant, since
 *   yesterday), CMP-01 (oil temperature).
 * - Everything else OK; PRS-07, the press of the journeys, is OK and waits for its sensor.
 * History: 18 cases resolved over the month (quick resets and full repairs, one reopened
 * and fixed again), 28 warnings raised and cleared, some of them escalated into a case.
 */

export interface DemoActors {
  manager: UserActor;
  technicians: UserActor[];
  repair: UserActor[];
}

export interface DemoMachine {
  id: string;
  assetCode: string;
  kind: string;
  technician: UserActor;
}

export function demoActors(users: User[]): DemoActors {
  const actor = (u: User): UserActor => ({ kind: 'user', id: u.id, role: u.role, name: u.name });
  const of = (role: Role) => users.filter((u) => u.role === role).map(actor);
  return {
    manager: of(Role.MANAGER)[0]!,
    technicians: of(Role.TECHNICIAN),
    repair: of(Role.REPAIR),
  };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SEED = 20_261_203;

interface FaultTemplate {
  description: string;
  severity: Severity;
  note: string;
  resolution: string;
}

const FAULTS: Record<string, FaultTemplate[]> = {
  'CNC Mill': [
    {
      description: 'Spindle vibration above limit during the finishing pass',
      severity: Severity.HIGH,
      note: 'Bearing noise confirmed with the stethoscope; spare bearing set taken from stores.',
      resolution: 'Replaced the spindle bearing set and balanced the tool holder.',
    },
    {
      description: 'Tool changer stops between positions 7 and 8',
      severity: Severity.MEDIUM,
      note: 'Carousel index sensor dirty with chips.',
      resolution: 'Cleaned and re-adjusted the index sensor; ran 50 tool changes without a stop.',
    },
  ],
  Lathe: [
    {
      description: 'Chuck does not clamp reliably, parts slipping',
      severity: Severity.HIGH,
      note: 'Clamping pressure drops to 18 bar under load, should be 30.',
      resolution: 'Replaced the chuck cylinder seal and the jaw springs.',
    },
  ],
  'Drill Press': [
    {
      description: 'Feed handle slips, drill does not advance',
      severity: Severity.LOW,
      note: 'Shear pin on the feed shaft broken.',
      resolution: 'Replaced the shear pin.',
    },
  ],
  Grinder: [
    {
      description: 'Wheel guard interlock reports open with the guard closed',
      severity: Severity.MEDIUM,
      note: 'Interlock switch actuator bent.',
      resolution: 'Replaced the interlock switch and tested the guard stop.',
    },
  ],
  Press: [
    {
      description: 'Hydraulic pressure drops under load',
      severity: Severity.HIGH,
      note: 'Leak found at the valve block, seal kit ordered.',
      resolution: 'Replaced the valve block seals; pressure holds at 210 bar.',
    },
    {
      description: 'Light curtain trips with nothing in the field',
      severity: Severity.CRITICAL,
      note: 'Receiver misaligned after the die change.',
      resolution: 'Realigned the light curtain and cleaned the lenses; safety test passed.',
    },
  ],
  'Welding Robot': [
    {
      description: 'Wire feed stalls mid-seam',
      severity: Severity.MEDIUM,
      note: 'Feed rollers worn, liner kinked at the hose pack.',
      resolution: 'Replaced the feed rollers and the wire liner.',
    },
  ],
  Conveyor: [
    {
      description: 'Belt runs off track at the tail pulley',
      severity: Severity.LOW,
      note: 'Tail pulley bearing loose.',
      resolution: 'Tightened the bearing, re-tensioned and tracked the belt.',
    },
  ],
  'Injection Molder': [
    {
      description: 'Short shots on cavity 3',
      severity: Severity.MEDIUM,
      note: 'Hot-runner nozzle 3 reads 40 °C under setpoint.',
      resolution: 'Cleaned the blocked hot-runner nozzle and replaced its thermocouple.',
    },
  ],
  'Packaging Line': [
    {
      description: 'Sealing jaws do not close fully, open bags',
      severity: Severity.MEDIUM,
      note: 'Heater cartridge on the rear jaw is dead.',
      resolution: 'Replaced the heater cartridge and adjusted the jaw pressure.',
    },
  ],
  Compressor: [
    {
      description: 'Compressor trips on high discharge temperature',
      severity: Severity.CRITICAL,
      note: 'Cooler fins clogged with dust; thermostatic valve sticks.',
      resolution: 'Cleaned the cooler and replaced the thermostatic valve.',
    },
  ],
  Chiller: [
    {
      description: 'Flow alarm on the process water loop',
      severity: Severity.LOW,
      note: 'Strainer half blocked.',
      resolution: 'Cleaned the strainer and purged air from the loop.',
    },
  ],
};

const QUICK_FIXES = [
  'Reset the drive after a power dip; ran a test cycle.',
  'Cleared a jammed part and restarted.',
  'Emergency stop had been left pressed at the operator panel.',
];

const WARNINGS: { message: string; code: string | null }[] = [
  { message: 'Motor temperature above 80 °C', code: 'TEMP_HIGH' },
  { message: 'Vibration above alarm level', code: 'VIBRATION_HIGH' },
  { message: 'Lubrication oil level low', code: 'OIL_LOW' },
  { message: 'Hydraulic pressure below setpoint', code: 'PRESSURE_LOW' },
  { message: 'Air filter differential pressure high', code: 'FILTER_CLOGGED' },
  { message: 'Coolant level low', code: 'COOLANT_LOW' },
  { message: 'Unusual noise from the gearbox, please check', code: null },
  { message: 'Guard door sticks when closing', code: null },
];

type Write = (ctx: ServiceContext) => Promise<unknown>;

interface PlannedWrite {
  at: number;
  order: number;
  write: Write;
}

/** Steps of a case after it was opened, each some time after the one before. */
type CaseStep =
  | { do: 'assign'; after: number; to: UserActor }
  | { do: 'acknowledge' | 'start'; after: number }
  | { do: 'note'; after: number; text: string; by?: UserActor }
  | { do: 'resolve'; after: number; text: string; by?: UserActor }
  | { do: 'reopen'; after: number; text: string; by: UserActor };

/** The writes of the history, collected per story and then run in time order. */
class Plan {
  readonly writes: PlannedWrite[] = [];
  faultCases = 0;
  warnings = 0;

  constructor(
    readonly now: number,
    private readonly actors: DemoActors,
  ) {}

  add(at: number, write: Write): void {
    if (at > this.now) throw new Error('the demo history cannot reach into the future');
    this.writes.push({ at, order: this.writes.length, write });
  }

  /** A case from its opening through `steps`; returns the time of its last step. */
  faultCase(
    machine: DemoMachine,
    openedAt: number,
    reporter: UserActor,
    fault: Pick<FaultTemplate, 'description' | 'severity'>,
    steps: CaseStep[],
  ): number {
    this.faultCases++;
    const state = { id: '', assignee: null as UserActor | null };
    this.add(openedAt, async (ctx) => {
      state.id = (
        await new FaultCaseService(ctx).open(reporter, { machineId: machine.id, ...fault })
      ).id;
    });
    let at = openedAt;
    for (const step of steps) {
      at += step.after;
      // Repair staff work their own cases; a manager steps in for unassigned ones.
      const worker = () => state.assignee ?? this.actors.manager;
      switch (step.do) {
        case 'assign':
          state.assignee = step.to;
          this.add(at, (ctx) =>
            new FaultCaseService(ctx).assign(this.actors.manager, state.id, step.to.id),
          );
          break;
        case 'acknowledge':
          this.add(at, (ctx) => new FaultCaseService(ctx).acknowledge(worker(), state.id));
          break;
        case 'start':
          this.add(at, (ctx) => new FaultCaseService(ctx).startRepair(worker(), state.id));
          break;
        case 'note':
          this.add(at, (ctx) =>
            new FaultCaseService(ctx).addNote(step.by ?? worker(), state.id, step.text),
          );
          break;
        case 'resolve':
          this.add(at, (ctx) =>
            new FaultCaseService(ctx).resolve(step.by ?? worker(), state.id, step.text),
          );
          break;
        case 'reopen':
          this.add(at, (ctx) => new FaultCaseService(ctx).reopen(step.by, state.id, step.text));
          break;
      }
    }
    return at;
  }

  /** A warning raised at `raisedAt`, repeated by its sensor, cleared after `clearAfter`. */
  warning(
    machine: DemoMachine,
    raisedAt: number,
    by: UserActor,
    warning: { message: string; code: string | null },
    options: { repeats?: number[]; clearAfter?: number; clearedBy?: UserActor } = {},
  ): void {
    this.warnings++;
    const state = { id: '' };
    this.add(raisedAt, async (ctx) => {
      state.id = (
        await new WarningService(ctx).raise(by, { machineId: machine.id, ...warning })
      ).id;
    });
    for (const after of options.repeats ?? []) {
      this.add(raisedAt + after, (ctx) =>
        new WarningService(ctx).raise(by, { machineId: machine.id, ...warning }),
      );
    }
    if (options.clearAfter !== undefined) {
      this.add(raisedAt + options.clearAfter, (ctx) =>
        new WarningService(ctx).clear(options.clearedBy ?? by, { id: state.id }),
      );
    }
  }
}

/** Writes the demo history through `writes`; returns what it wrote, for the log. */
export async function playDemoHistory(
  writes: BackdatedWrites,
  machines: DemoMachine[],
  actors: DemoActors,
): Promise<{ writes: number; faultCases: number; warnings: number }> {
  const now = writes.now.getTime();
  const plan = new Plan(now, actors);
  const random = mulberry32(SEED);
  planPastMonth(plan, random, machines, actors);
  planToday(plan, machines, actors);
  const ordered = [...plan.writes].sort((a, b) => a.at - b.at || a.order - b.order);
  for (const { at, write } of ordered) await writes.at(new Date(at), write);
  return { writes: ordered.length, faultCases: plan.faultCases, warnings: plan.warnings };
}

/** Resolved cases and cleared warnings from 30 days ago to two days ago. */
function planPastMonth(
  plan: Plan,
  random: () => number,
  machines: DemoMachine[],
  actors: DemoActors,
): void {
  const between = (min: number, max: number) => Math.round(min + random() * (max - min));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const start = plan.now - 30 * DAY;
  const span = 27 * DAY;

  const CASES = 16;
  for (let i = 0; i < CASES; i++) {
    const machine = pick(machines);
    const fault = pick(FAULTS[machine.kind]!);
    const openedAt = start + Math.round((i / CASES) * span) + between(0, 20 * HOUR);
    const repair = actors.repair[i % actors.repair.length]!;
    let escalatedFrom: number | undefined;
    if (i % 4 === 0) {
      // A sensor warned first; a technician went to look and opened a case.
      escalatedFrom = openedAt - between(20 * MINUTE, 60 * MINUTE);
    }
    let endedAt: number;
    if (i % 5 === 2) {
      endedAt = plan.faultCase(machine, openedAt, machine.technician, fault, [
        { do: 'resolve', after: between(10 * MINUTE, 40 * MINUTE), text: pick(QUICK_FIXES) },
      ]);
    } else {
      const urgent = fault.severity === Severity.CRITICAL ? 0.3 : 1;
      const repairSteps: CaseStep[] = [
        { do: 'assign', after: between(5 * MINUTE, 45 * MINUTE * urgent), to: repair },
        { do: 'acknowledge', after: between(5 * MINUTE, 30 * MINUTE * urgent) },
        { do: 'start', after: between(10 * MINUTE, 90 * MINUTE * urgent) },
        { do: 'note', after: between(20 * MINUTE, 2 * HOUR), text: fault.note },
        { do: 'resolve', after: between(15 * MINUTE, 5 * HOUR), text: fault.resolution },
      ];
      if (i === 6) {
        // Fixed, failed again the next day, fixed properly.
        repairSteps.push(
          {
            do: 'reopen',
            after: between(16 * HOUR, 26 * HOUR),
            by: machine.technician,
            text: 'Same symptom again on the night shift.',
          },
          { do: 'acknowledge', after: between(10 * MINUTE, 30 * MINUTE) },
          { do: 'start', after: between(10 * MINUTE, 40 * MINUTE) },
          {
            do: 'note',
            after: between(30 * MINUTE, 90 * MINUTE),
            text: 'The first fix treated the symptom; the root cause was the worn mounting.',
          },
          {
            do: 'resolve',
            after: between(1 * HOUR, 3 * HOUR),
            text: `${fault.resolution} Replaced the worn mounting as well.`,
          },
        );
      }
      endedAt = plan.faultCase(
        machine,
        openedAt,
        i % 3 === 0 ? actors.manager : machine.technician,
        fault,
        repairSteps,
      );
    }
    if (escalatedFrom !== undefined) {
      plan.warning(machine, escalatedFrom, machine.technician, WARNINGS[1]!, {
        repeats: [5 * MINUTE, 10 * MINUTE],
        clearAfter: endedAt + 5 * MINUTE - escalatedFrom,
        clearedBy: repair,
      });
    }
  }

  const WARNINGS_RAISED_AND_CLEARED = 24;
  for (let i = 0; i < WARNINGS_RAISED_AND_CLEARED; i++) {
    const machine = pick(machines);
    const warning = pick(WARNINGS);
    const raisedAt = start + between(0, span);
    const clearAfter = between(15 * MINUTE, 8 * HOUR);
    const repeats =
      warning.code === null
        ? []
        : Array.from({ length: between(0, 2) }, (_, k) => Math.round(((k + 1) * clearAfter) / 4));
    plan.warning(machine, raisedAt, machine.technician, warning, {
      repeats,
      clearAfter,
      clearedBy: random() < 0.7 ? machine.technician : actors.manager,
    });
  }
}

/** The last two days: what is open on the board now, and what was fixed this morning. */
function planToday(plan: Plan, machines: DemoMachine[], actors: DemoActors): void {
  const byCode = (code: string) => {
    const machine = machines.find((m) => m.assetCode === code);
    if (!machine) throw new Error(`demo machine ${code} is missing`);
    return machine;
  };
  const ago = (ms: number) => plan.now - ms;
  const [rick, rosa] = actors.repair as [UserActor, UserActor];
  const [tom, tara] = actors.technicians as [UserActor, UserActor];

  // Reopened: fixed two days ago, slipping again this morning; still Rick's.
  plan.faultCase(byCode('LTH-02'), ago(2 * DAY + 3 * HOUR), tara, FAULTS.Lathe![0]!, [
    { do: 'assign', after: 20 * MINUTE, to: rick },
    { do: 'acknowledge', after: 10 * MINUTE },
    { do: 'start', after: 30 * MINUTE },
    { do: 'note', after: 40 * MINUTE, text: FAULTS.Lathe![0]!.note },
    { do: 'resolve', after: 80 * MINUTE, text: 'Replaced the chuck jaw springs.' },
    {
      do: 'reopen',
      after: 2 * DAY - 50 * MINUTE,
      by: tara,
      text: 'Parts slipping again on the second shift, same symptom.',
    },
  ]);

  // Coolant low since yesterday: a technician will top it up at the next stop.
  plan.warning(byCode('GRD-03'), ago(26 * HOUR), tom, WARNINGS[5]!, {
    repeats: [9 * HOUR, 25 * HOUR],
  });

  // Fixed this morning.
  plan.faultCase(byCode('PKG-02'), ago(9 * HOUR), tara, FAULTS['Packaging Line']![0]!, [
    { do: 'assign', after: 15 * MINUTE, to: rosa },
    { do: 'acknowledge', after: 5 * MINUTE },
    { do: 'start', after: 20 * MINUTE },
    { do: 'note', after: 60 * MINUTE, text: FAULTS['Packaging Line']![0]!.note },
    { do: 'resolve', after: 3 * HOUR, text: FAULTS['Packaging Line']![0]!.resolution },
  ]);
  plan.faultCase(
    byCode('DRL-01'),
    ago(6 * HOUR),
    tom,
    { description: 'Drill stopped mid-cycle', severity: Severity.LOW },
    [{ do: 'resolve', after: 20 * MINUTE, by: actors.manager, text: QUICK_FIXES[0]! }],
  );

  // In progress: a hydraulic leak, its sensor still complaining.
  const press = byCode('PRS-03');
  plan.warning(press, ago(5 * HOUR + 20 * MINUTE), tom, WARNINGS[3]!, {
    repeats: Array.from({ length: 6 }, (_, k) => (k + 1) * 40 * MINUTE),
  });
  plan.faultCase(
    press,
    ago(5 * HOUR),
    tom,
    {
      description: 'Hydraulic leak at the main cylinder, oil on the floor',
      severity: Severity.CRITICAL,
    },
    [
      { do: 'assign', after: 15 * MINUTE, to: rick },
      { do: 'acknowledge', after: 5 * MINUTE },
      { do: 'start', after: 25 * MINUTE },
      {
        do: 'note',
        after: 45 * MINUTE,
        text: 'Seal kit for the main cylinder ordered, due at 14:00. Area cordoned off.',
      },
      {
        do: 'note',
        after: 2 * HOUR + 30 * MINUTE,
        by: tom,
        text: 'Production moved to PRS-04 meanwhile.',
      },
    ],
  );

  // Acknowledged by repair, not started yet.
  plan.faultCase(
    byCode('INJ-03'),
    ago(3 * HOUR + 10 * MINUTE),
    tara,
    { description: 'Mould temperature controller does not heat zone 2', severity: Severity.MEDIUM },
    [
      { do: 'assign', after: 20 * MINUTE, to: rosa },
      { do: 'acknowledge', after: 20 * MINUTE },
    ],
  );

  plan.warning(byCode('CNC-02'), ago(3 * HOUR), tom, WARNINGS[1]!, {
    repeats: [40 * MINUTE, 100 * MINUTE, 160 * MINUTE],
  });
  plan.warning(byCode('CNV-01'), ago(80 * MINUTE), tom, {
    message: 'Belt squeaks at the tail pulley',
    code: null,
  });
  plan.warning(byCode('CMP-01'), ago(40 * MINUTE), actors.manager, WARNINGS[0]!, {
    repeats: [15 * MINUTE, 30 * MINUTE],
  });

  // Just reported: nobody has picked it up yet.
  plan.faultCase(
    byCode('WLD-02'),
    ago(25 * MINUTE),
    tom,
    { description: 'Arc unstable, porous weld seams on the frame joints', severity: Severity.HIGH },
    [],
  );
}

/** A small, well-known seeded generator: the same seed gives the same plant everywhere. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
