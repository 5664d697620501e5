import { Skeleton } from "../../../components/ui/skeleton";

export default function TripLoading() {
  return (
    <main id="main" className="mx-auto grid w-full max-w-2xl gap-4 px-4 pt-6" aria-busy="true">
      <Skeleton className="h-5 w-40" />
      <Skeleton className="h-8 w-3/4" />
      <Skeleton className="h-16 w-full" />
      <Skeleton className="h-24 w-full" />
      <Skeleton className="h-24 w-full" />
    </main>
  );
}
