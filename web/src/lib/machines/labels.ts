/** The address a machine's QR label encodes: its page, absolute, so any phone camera opens it. */
export function machineUrl(origin: string, assetCode: string): string {
  return `${origin}/m/${encodeURIComponent(assetCode)}`;
}

export type Paper = 'a4' | 'letter';
export const PAPERS: readonly Paper[] = ['a4', 'letter'];

/**
 * What a label sheet shows, as its URL says: `?building=<id,id>` (every machine there) or
 * `?machines=<id,id>` (a selection), and `paper=a4|letter`.
 */
export interface LabelSelection {
  buildingIds: string[];
  machineIds: string[];
  paper: Paper | null;
}

const list = (value: string | null) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function selectionFromUrl(params: Pick<URLSearchParams, 'get'>): LabelSelection {
  const paper = params.get('paper');
  return {
    buildingIds: list(params.get('building')),
    // The API takes 100 ids at a time; a sheet of more is a building's.
    machineIds: list(params.get('machines')).slice(0, 100),
    paper: PAPERS.includes(paper as Paper) ? (paper as Paper) : null,
  };
}

/** `/labels?...` for a selection (also what the board and the machine page link to). */
export function labelsHref(selection: Partial<LabelSelection>): string {
  const params = new URLSearchParams();
  if (selection.machineIds?.length) params.set('machines', selection.machineIds.join(','));
  else if (selection.buildingIds?.length) params.set('building', selection.buildingIds.join(','));
  if (selection.paper) params.set('paper', selection.paper);
  const query = params.toString().replaceAll('%2C', ',');
  return query ? `/labels?${query}` : '/labels';
}

/** Letter where it is the norm (North America), A4 elsewhere. */
export function defaultPaper(languages: readonly string[]): Paper {
  const region = (languages[0] ?? '').split('-')[1]?.toUpperCase();
  return region === 'US' || region === 'CA' || region === 'MX' ? 'letter' : 'a4';
}

/**
 * Labels per printed page: 3 × 4 labels of 60 × 62 mm fit A4 (190 × 277 mm inside 10 mm
 * margins) and Letter (196 × 259 mm) alike, so a sheet is split into pages by count and no
 * label is ever cut by a page break.
 */
export const LABELS_PER_PAGE = 12;

export function intoPages<T>(items: readonly T[], perPage = LABELS_PER_PAGE): T[][] {
  const pages: T[][] = [];
  for (let i = 0; i < items.length; i += perPage) pages.push(items.slice(i, i + perPage));
  return pages;
}
