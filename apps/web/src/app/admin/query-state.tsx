"use client";
import type { UseQueryResult } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Button } from "../../components/ui/button";
import { PageSkeleton } from "../../components/ui/skeleton";
import { ErrorState } from "../../components/ui/states";

/** Loading and error states shared by the admin views; renders `children(data)` once there is data. */
export function QueryState<T, E extends { message: string }>({
  query,
  children,
}: {
  query: UseQueryResult<T, E>;
  children: (data: T) => ReactNode;
}) {
  const t = useTranslations("common");
  if (query.isPending) return <PageSkeleton label={t("loading")} />;
  if (query.isError) {
    return (
      <ErrorState
        title={t("errorTitle")}
        description={query.error.message}
        action={<Button onClick={() => query.refetch()}>{t("tryAgain")}</Button>}
      />
    );
  }
  return <>{children(query.data)}</>;
}
