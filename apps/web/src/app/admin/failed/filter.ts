// The failed page's filter lives in the URL (?task=&q=&age=), so a filtered view can be shared as a link.
export const ageChoices = { "1h": 1, "1d": 24, "7d": 168, "30d": 720 } as const;
export type AgeChoice = keyof typeof ageChoices;

export interface FailedFilterParams {
  task?: string;
  q?: string;
  age?: AgeChoice;
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim();

/** Reads the URL's search params; unknown or empty values are dropped rather than refused. */
export function readFailedFilter(params: Record<string, string | string[] | undefined>): FailedFilterParams {
  const task = first(params.task);
  const q = first(params.q);
  const age = first(params.age);
  return {
    task: task ? task.slice(0, 128) : undefined,
    q: q ? q.slice(0, 200) : undefined,
    age: age && Object.hasOwn(ageChoices, age) ? (age as AgeChoice) : undefined,
  };
}

/** The filter as the failedGroups procedure takes it. */
export function toQueryFilter(filter: FailedFilterParams) {
  return {
    task: filter.task,
    text: filter.q,
    withinHours: filter.age ? ageChoices[filter.age] : undefined,
  };
}
