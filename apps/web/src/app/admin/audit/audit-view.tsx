"use client";
import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { Card } from "../../../components/ui/card";
import { PageHeader } from "../../../components/ui/page-header";
import { EmptyState } from "../../../components/ui/states";
import { useTRPC } from "../../../trpc/react";
import { adminRefetchMs } from "../polling";
import { QueryState } from "../query-state";

export function AuditView() {
  const t = useTranslations("admin.audit");
  const format = useFormatter();
  const trpc = useTRPC();
  const query = useQuery(trpc.admin.auditLog.queryOptions(undefined, { refetchInterval: adminRefetchMs }));
  return (
    <>
      <PageHeader title={t("title")} />
      <QueryState query={query}>
        {(entries) =>
          entries.length === 0 ? (
            <EmptyState title={t("empty")} />
          ) : (
            <ul className="grid gap-2">
              {entries.map((entry) => (
                <li key={entry.id}>
                  <Card className="grid gap-1 text-sm" data-testid="audit-entry">
                    <p className="text-muted">
                      {format.dateTime(entry.createdAt, { dateStyle: "medium", timeStyle: "medium" })}
                    </p>
                    <p className="font-semibold">
                      {t("entry", {
                        by: entry.by,
                        action: t(entry.action),
                        affected: entry.affectedIds.length,
                        requested: entry.jobIds.length,
                      })}
                    </p>
                    {entry.target && <p className="break-words font-mono text-xs">{entry.target}</p>}
                    <p className="break-words text-xs text-muted">#{entry.jobIds.join(", #")}</p>
                  </Card>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </>
  );
}
