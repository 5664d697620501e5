import { CronView } from "./cron-view";

export default function AdminCronPage() {
  return <CronView />;
}
