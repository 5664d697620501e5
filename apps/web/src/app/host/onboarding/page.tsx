import type { Metadata } from "next";
import { ProfilePage } from "../_components/profile-page";

export const metadata: Metadata = { title: "Profil host · Nitip" };

export default function OnboardingPage() {
  return <ProfilePage onboarding />;
}
