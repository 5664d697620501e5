"use client";
// Islands that keep a server-rendered page current: they subscribe to the order's (or the host's) live
// events and re-read the page on each one. The events carry no order data; the page reads it again through
// its own authorised queries. On a reconnect the server says whether anything was missed (catch-up by the
// last version seen), so nothing is lost while the phone was offline.
import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "../../trpc/react";

type LiveState = "live" | "reconnecting" | "stopped";

/** Re-reads the page (server components and client queries) once per burst of events. */
function useRereadPage(): () => void {
  const router = useRouter();
  const queryClient = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return () => {
    clearTimeout(timer.current);
    // A deadline sweep can move many orders in one go: one re-read for all of them.
    timer.current = setTimeout(() => {
      router.refresh();
      void queryClient.invalidateQueries();
    }, 150);
  };
}

function stateOf(status: "idle" | "connecting" | "pending" | "error"): LiveState {
  if (status === "pending") return "live";
  return status === "error" ? "stopped" : "reconnecting";
}

/** The guest's order page: re-read whenever the order changes. `since`: the version the page was read at. */
export function useOrderLive({ orderCode, since }: { orderCode: string; since?: string }): LiveState {
  const trpc = useTRPC();
  const reread = useRereadPage();
  // The first render's version only: a re-read renders a newer one, which must not restart the stream (it
  // keeps its own place, the last event's version, across reconnects).
  const [firstSince] = useState(since);
  const subscription = useSubscription(
    trpc.live.order.subscriptionOptions({ orderCode, lastEventId: firstSince }, { onData: reread }),
  );
  return stateOf(subscription.status);
}

export function useHostOrdersLive({ since }: { since?: string }): LiveState {
  const trpc = useTRPC();
  const reread = useRereadPage();
  const [firstSince] = useState(since);
  const subscription = useSubscription(
    trpc.live.hostOrders.subscriptionOptions({ lastEventId: firstSince }, { onData: reread }),
  );
  return stateOf(subscription.status);
}

export function LiveIndicator({ state }: { state: LiveState }) {
  const t = useTranslations("live");
  const dot = { live: "bg-accent", reconnecting: "bg-warn", stopped: "bg-danger" }[state];
  return (
    <p
      role="status"
      className="flex items-center gap-1.5 text-xs text-muted"
      data-testid="live-status"
      data-state={state}
    >
      <span aria-hidden="true" className={`inline-block size-2 rounded-full ${dot}`} />
      {t(state)}
    </p>
  );
}

export function OrderLiveClient(props: { orderCode: string; since?: string }) {
  return <LiveIndicator state={useOrderLive(props)} />;
}

export function HostOrdersLiveClient(props: { since?: string }) {
  return <LiveIndicator state={useHostOrdersLive(props)} />;
}
