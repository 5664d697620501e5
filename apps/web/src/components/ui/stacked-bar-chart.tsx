import type { HTMLAttributes } from "react";
import { cn } from "./cn";

export interface StackedBar {
  /** Names the bar in the hidden table and its hover tip, e.g. "10:05". */
  label: string;
  ok: number;
  failed: number;
}

export interface StackedBarChartProps extends HTMLAttributes<HTMLElement> {
  bars: StackedBar[];
  /** What a screen reader hears for the picture: the totals, e.g. "120 completed, 3 failed". */
  summary: string;
  /** Column headings of the hidden table: the bar, the ok count, the failed count. */
  headings: { bar: string; ok: string; failed: string };
}

const barWidth = 10;
const height = 40;

/**
 * Bars of ok (accent) with failed (danger) stacked on top, scaled to the tallest bar. Plain SVG, no hooks:
 * renders on the server as well. The picture is one `img` with the totals as its name; the exact numbers per
 * bar are in a visually hidden table, so nothing is only in the picture.
 */
export function StackedBarChart({ bars, summary, headings, className, ...props }: StackedBarChartProps) {
  const tallest = Math.max(1, ...bars.map((bar) => bar.ok + bar.failed));
  const scale = (count: number) => (count / tallest) * height;
  return (
    <figure className={cn("w-full", className)} {...props}>
      <svg
        role="img"
        aria-label={summary}
        viewBox={`0 0 ${bars.length * barWidth} ${height}`}
        preserveAspectRatio="none"
        className="h-16 w-full"
      >
        {bars.map((bar, i) => {
          const okHeight = scale(bar.ok);
          const failedHeight = scale(bar.failed);
          return (
            <g key={bar.label}>
              <title>{`${bar.label}: ${bar.ok} ${headings.ok}, ${bar.failed} ${headings.failed}`}</title>
              <rect
                className="fill-accent"
                x={i * barWidth + 1}
                y={height - okHeight}
                width={barWidth - 2}
                height={okHeight}
              />
              <rect
                className="fill-danger"
                x={i * barWidth + 1}
                y={height - okHeight - failedHeight}
                width={barWidth - 2}
                height={failedHeight}
              />
            </g>
          );
        })}
      </svg>
      <table className="sr-only">
        <thead>
          <tr>
            <th scope="col">{headings.bar}</th>
            <th scope="col">{headings.ok}</th>
            <th scope="col">{headings.failed}</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((bar) => (
            <tr key={bar.label}>
              <th scope="row">{bar.label}</th>
              <td>{bar.ok}</td>
              <td>{bar.failed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
