import type {
  AdminMachineRowFragment,
  CreateMachineInput,
  UpdateMachineInput,
} from '#lib/graphql/generated/graphql.ts';

/** What the machine form edits: text as typed, turned into the API's input on send. */
export interface MachineValues {
  name: string;
  assetCode: string;
  buildingId: string;
  location: string;
  importance: number;
}

export const EMPTY_MACHINE: MachineValues = {
  name: '',
  assetCode: '',
  buildingId: '',
  location: '',
  importance: 3,
};

export function machineValues(m: AdminMachineRowFragment): MachineValues {
  return {
    name: m.name,
    assetCode: m.assetCode,
    buildingId: m.building.id,
    location: m.location ?? '',
    importance: m.importance,
  };
}

/** An empty asset code asks the server to make one up; an empty place is none. */
export function createInput(v: MachineValues): CreateMachineInput {
  return {
    name: v.name,
    assetCode: v.assetCode.trim() || null,
    buildingId: v.buildingId || null,
    location: v.location.trim() || null,
    importance: v.importance,
  };
}

/** Only what changed goes to the server (its log records each change). */
export function updateInput(v: MachineValues, before: MachineValues): UpdateMachineInput {
  const input: UpdateMachineInput = {};
  if (v.name !== before.name) input.name = v.name;
  if (v.assetCode !== before.assetCode) input.assetCode = v.assetCode.trim();
  if (v.buildingId !== before.buildingId) input.buildingId = v.buildingId;
  if (v.location !== before.location) input.location = v.location.trim();
  if (v.importance !== before.importance) input.importance = v.importance;
  return input;
}
