/** One sample of a Prometheus text exposition: `name{label="value",...} number`. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parsePrometheusText(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = SAMPLE_LINE.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(LABEL)) labels[key!] = value!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

export async function scrape(baseUrl: string, token?: string): Promise<Sample[]> {
  const res = await fetch(`${baseUrl}/metrics`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
  return parsePrometheusText(await res.text());
}

/** The value of the one sample with this name and (at least) these labels; undefined if none. */
export function valueOf(
  samples: Sample[],
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  return samples.find(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  )?.value;
}

/** Metric family names as a scrape shows them (histogram series under their family too). */
export function familyNames(samples: Sample[]): Set<string> {
  const names = new Set<string>();
  for (const { name } of samples) {
    names.add(name);
    names.add(name.replace(/_(bucket|sum|count|total|created)$/, ''));
  }
  return names;
}

/** The metric families a scrape declares (`# TYPE name kind`), observed or not yet. */
export function declaredFamilies(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(/^# TYPE (\S+) \S+$/gm)) names.add(match[1]!);
  return names;
}

/** A series name in an expression, as its family: `x_bucket`, `x_count`, `x_sum` → `x`. */
export function familyOf(series: string): string {
  return series.replace(/_(bucket|sum|count)$/, '');
}
