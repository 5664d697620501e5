// A plain GET form: submitting it puts the filter in the URL (shareable), and it works with the keyboard and
// the phone's own pickers. The key remounts it when the URL changes, so the fields show the filter in force.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Button } from "../../../components/ui/button";
import { Input, Select } from "../../../components/ui/input";
import { Label } from "../../../components/ui/label";
import { type AgeChoice, ageChoices, type FailedFilterParams } from "./filter";

const ageLabel = { "1h": "age1h", "1d": "age1d", "7d": "age7d", "30d": "age30d" } as const;

export function FailedFilters({ filter, tasks }: { filter: FailedFilterParams; tasks: readonly string[] }) {
  const t = useTranslations("admin.failed");
  const active = Boolean(filter.task || filter.q || filter.age);
  return (
    <search>
      <form
        method="get"
        action="/admin/failed"
        className="grid gap-3 sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-end"
      >
        <div className="grid gap-1">
          <Label htmlFor="filter-task">{t("filterTask")}</Label>
          <Select id="filter-task" name="task" defaultValue={filter.task ?? ""}>
            <option value="">{t("anyTask")}</option>
            {tasks.map((task) => (
              <option key={task} value={task}>
                {task}
              </option>
            ))}
          </Select>
        </div>
        <div className="grid gap-1">
          <Label htmlFor="filter-q">{t("filterText")}</Label>
          <Input id="filter-q" name="q" type="search" maxLength={200} defaultValue={filter.q ?? ""} />
        </div>
        <div className="grid gap-1">
          <Label htmlFor="filter-age">{t("filterAge")}</Label>
          <Select id="filter-age" name="age" defaultValue={filter.age ?? ""}>
            <option value="">{t("anyAge")}</option>
            {(Object.keys(ageChoices) as AgeChoice[]).map((age) => (
              <option key={age} value={age}>
                {t(ageLabel[age])}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex gap-2">
          <Button type="submit">{t("apply")}</Button>
          {active && (
            <Button asChild variant="ghost">
              <Link href="/admin/failed">{t("clear")}</Link>
            </Button>
          )}
        </div>
      </form>
    </search>
  );
}
