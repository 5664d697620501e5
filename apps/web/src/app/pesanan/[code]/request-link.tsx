"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { Button } from "../../../components/ui/button";
import { Card, CardTitle } from "../../../components/ui/card";
import { Input } from "../../../components/ui/input";
import { Label } from "../../../components/ui/label";
import { useTRPC } from "../../../trpc/react";

/** "Send me a new link": the order code and the WhatsApp number; the answer is the same whether they match. */
export function RequestNewLink({ orderCode }: { orderCode: string }) {
  const t = useTranslations("order.invalid");
  const trpc = useTRPC();
  const [code, setCode] = useState(orderCode);
  const [phone, setPhone] = useState("");
  const ask = useMutation(trpc.guestOrder.requestNewLink.mutationOptions());
  function submit(event: FormEvent) {
    event.preventDefault();
    ask.mutate({ orderCode: code, phone });
  }
  return (
    <Card className="grid gap-3">
      <CardTitle>{t("askNew")}</CardTitle>
      <p className="text-sm text-muted">{t("askNewHint")}</p>
      <form className="grid gap-3" onSubmit={submit}>
        <div className="grid gap-1">
          <Label htmlFor="new-link-code">{t("code")}</Label>
          <Input id="new-link-code" value={code} onChange={(e) => setCode(e.target.value)} required />
        </div>
        <div className="grid gap-1">
          <Label htmlFor="new-link-phone">{t("phone")}</Label>
          <Input
            id="new-link-phone"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            required
          />
        </div>
        {ask.data && (
          <p role="status" className="rounded-xl bg-accent-soft p-3 text-sm">
            {ask.data.message}
          </p>
        )}
        {ask.error && (
          <p role="alert" className="rounded-xl bg-danger-soft p-3 text-sm">
            {ask.error.message}
          </p>
        )}
        <Button type="submit" loading={ask.isPending}>
          {t("askNew")}
        </Button>
      </form>
    </Card>
  );
}
