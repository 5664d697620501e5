import { OverviewView } from "./overview-view";

export default function AdminOverviewPage() {
  return <OverviewView />;
}
