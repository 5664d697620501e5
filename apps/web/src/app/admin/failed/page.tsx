import { FailedView } from "./failed-view";

export default function AdminFailedPage() {
  return <FailedView />;
}
