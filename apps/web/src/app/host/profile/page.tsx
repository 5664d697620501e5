import type { Metadata } from "next";
import { requireHost } from "../../../server/auth/guards";
import { ProfilePage } from "../_components/profile-page";

export const metadata: Metadata = { title: "Profil host · Nitip" };

export default async function HostProfilePage() {
  await requireHost("/host/profile");
  return <ProfilePage onboarding={false} />;
}
