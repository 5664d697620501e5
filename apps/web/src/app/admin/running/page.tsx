import { RunningView } from "./running-view";

export default function AdminRunningPage() {
  return <RunningView />;
}
