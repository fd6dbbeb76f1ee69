/** The machine list's filters; they live in the URL, so a link reproduces the list. */
export interface MachineFilters {
  text: string;
  building: string | null;
  archived: boolean;
}

export function machineFiltersFromUrl(params: Pick<URLSearchParams, 'get'>): MachineFilters {
  return {
    text: params.get('q') ?? '',
    building: params.get('building') || null,
    archived: params.get('archived') === '1',
  };
}

export function machineFiltersToSearch(f: MachineFilters): string {
  const params = new URLSearchParams();
  if (f.text.trim()) params.set('q', f.text.trim());
  if (f.building) params.set('building', f.building);
  if (f.archived) params.set('archived', '1');
  const s = params.toString();
  return s ? `?${s}` : '';
}
