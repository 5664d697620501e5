import { getTranslations } from "next-intl/server";
import { Card } from "../../../components/ui/card";
import { PageHeader } from "../../../components/ui/page-header";
import { getQueryClient, trpc } from "../../../trpc/server";
import { ProfileForm } from "./profile-form";

/** Onboarding (no profile yet) and editing share this page body. */
export async function ProfilePage({ onboarding }: { onboarding: boolean }) {
  const t = await getTranslations("host.onboarding");
  const profile = await getQueryClient().fetchQuery(trpc.hostProfile.get.queryOptions());
  const defaults = {
    displayName: profile?.displayName ?? "",
    slug: profile?.slug ?? "",
    whatsappNumber: profile?.whatsappNumber ?? "",
    originCity: profile?.originCity ?? "",
    bankAccounts: profile?.bankAccounts.map(({ bankName, accountNumber, accountHolder }) => ({
      bankName,
      accountNumber,
      accountHolder,
    })) ?? [{ bankName: "", accountNumber: "", accountHolder: "" }],
  };
  return (
    <>
      <PageHeader
        title={onboarding ? t("title") : t("editTitle")}
        description={onboarding ? t("intro") : undefined}
      />
      <Card>
        <ProfileForm defaults={defaults} next="/host" />
      </Card>
    </>
  );
}
