import { AuditView } from "./audit-view";

export default function AdminAuditPage() {
  return <AuditView />;
}
