import { notFound } from "next/navigation";
import { JobView } from "./job-view";

export default async function AdminJobPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[1-9][0-9]{0,18}$/.test(id)) notFound();
  return <JobView jobId={id} />;
}
