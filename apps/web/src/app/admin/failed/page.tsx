import { jobNames } from "@nitip/jobs";
import { FailedView } from "./failed-view";
import { readFailedFilter } from "./filter";

export default async function AdminFailedPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const filter = readFailedFilter(await searchParams);
  return <FailedView filter={filter} tasks={jobNames} />;
}
