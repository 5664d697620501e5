"use client";
// Replay a failed job with an edited payload. The server checks the JSON against the job catalog's schema
// and refuses it with a message naming the field; that message is shown here as it came.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "../../../../components/ui/button";
import { ConfirmDialog } from "../../../../components/ui/dialog";
import { Textarea } from "../../../../components/ui/input";
import { Label } from "../../../../components/ui/label";
import { useTRPC } from "../../../../trpc/react";

export function ReplayForm({ jobId, payload }: { jobId: string; payload: unknown }) {
  const t = useTranslations("admin.job");
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [text, setText] = useState(() => JSON.stringify(payload, null, 2));
  const [error, setError] = useState<string | null>(null);
  const replay = useMutation(
    trpc.admin.replay.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.admin.pathKey() }),
    }),
  );

  async function submit() {
    setError(null);
    try {
      const result = await replay.mutateAsync({ jobId, payload: text });
      toast.success(t("replayed", { id: result.newJobId }));
      router.push(`/admin/jobs/${result.newJobId}`);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
      throw caught;
    }
  }

  const errorText = error && (
    <p role="alert" className="rounded-card bg-danger-soft p-3 text-sm" data-testid="replay-error">
      {error}
    </p>
  );
  return (
    <section className="grid gap-2" aria-labelledby="replay-title">
      <h2 id="replay-title" className="font-semibold">
        {t("replayTitle")}
      </h2>
      <Label htmlFor="replay-payload">{t("payload")}</Label>
      <p className="text-sm text-muted" id="replay-help">
        {t("replayHelp")}
      </p>
      <Textarea
        id="replay-payload"
        aria-describedby="replay-help"
        aria-invalid={error ? true : undefined}
        className="font-mono text-sm"
        rows={6}
        spellCheck={false}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      {errorText}
      <div>
        <ConfirmDialog
          trigger={
            <Button size="sm" variant="secondary">
              {t("replay")}
            </Button>
          }
          title={t("replayConfirm")}
          description={t("replayBody")}
          confirmLabel={t("replay")}
          onConfirm={submit}
        >
          {errorText}
        </ConfirmDialog>
      </div>
    </section>
  );
}
