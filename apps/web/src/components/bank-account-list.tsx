// The host's bank accounts, each with a copy button for its number: shown wherever a guest has to transfer
// (the placed-order screen after checkout, the order page while a payment is due). No hooks, so it renders on
// the server when a server component uses it; the labels come translated from the caller's namespace.
import { CopyButton } from "./ui/copy-button";

export interface BankAccountEntry {
  bankName: string;
  accountNumber: string;
  accountHolder: string;
}

export function BankAccountList({
  accounts,
  labels,
}: {
  accounts: readonly BankAccountEntry[];
  labels: { none: string; copy: string; holder: (holder: string) => string };
}) {
  if (accounts.length === 0) return <p className="text-sm">{labels.none}</p>;
  return (
    <ul className="grid gap-3" data-testid="bank-accounts">
      {accounts.map((account) => (
        <li
          key={`${account.bankName}-${account.accountNumber}`}
          className="flex items-center justify-between gap-2"
        >
          <div>
            <p className="font-semibold">{account.bankName}</p>
            <p className="font-mono">{account.accountNumber}</p>
            <p className="text-sm text-muted">{labels.holder(account.accountHolder)}</p>
          </div>
          <CopyButton value={account.accountNumber} label={labels.copy} />
        </li>
      ))}
    </ul>
  );
}
