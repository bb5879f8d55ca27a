import type { ReactNode } from "react";

// The toolbar's icons: decorative (each button is named by its text), drawn in the text colour.

const PATHS = {
  elderly: (
    <>
      <circle cx="10" cy="4" r="2.2" />
      <path d="M10 7.5v6l-2.5 5M10 13.5l2.5 5M7 10h6M14.5 10.5l1.5 8" fill="none" strokeWidth="1.8" />
    </>
  ),
  speak: (
    <>
      <path d="M3 8h3l4-3.5v11L6 12H3z" />
      <path d="M13 7.5a3.5 3.5 0 0 1 0 5M15.5 5a7 7 0 0 1 0 10" fill="none" strokeWidth="1.6" />
    </>
  ),
  pause: <path d="M5 4h3.5v12H5zM11.5 4H15v12h-3.5z" />,
  resume: <path d="M6 4l10 6-10 6z" />,
  stop: <path d="M5 5h10v10H5z" />,
  larger: (
    <text x="10" y="15" textAnchor="middle" fontSize="13" fontWeight="700">
      A+
    </text>
  ),
  smaller: (
    <text x="10" y="15" textAnchor="middle" fontSize="12">
      A−
    </text>
  ),
  contrast: (
    <>
      <circle cx="10" cy="10" r="7" fill="none" strokeWidth="1.8" />
      <path d="M10 3a7 7 0 0 1 0 14z" />
    </>
  ),
  guides: <path d="M2 7h16M2 13h16" fill="none" strokeWidth="1.8" />,
  cursor: <path d="M4 2l11 9-5 .6 3 5.6-2.2 1.2-3-5.6L4 16z" />,
  pointRead: (
    <>
      <path d="M7 18V9.5a1.3 1.3 0 0 1 2.6 0V13l5 1a1.5 1.5 0 0 1 1.2 1.7L15.4 18z" />
      <path d="M5 5.5a4.5 4.5 0 0 1 7 0M3 3.5a7.5 7.5 0 0 1 11 0" fill="none" strokeWidth="1.4" />
    </>
  ),
  script: (
    <text x="10" y="15.5" textAnchor="middle" fontSize="13">
      文
    </text>
  ),
  reset: <path d="M15.5 10A5.5 5.5 0 1 1 10 4.5h3M11 2l2.5 2.5L11 7" fill="none" strokeWidth="1.8" />,
  more: (
    <>
      <circle cx="4" cy="10" r="1.8" />
      <circle cx="10" cy="10" r="1.8" />
      <circle cx="16" cy="10" r="1.8" />
    </>
  ),
} satisfies Record<string, ReactNode>;

export type IconName = keyof typeof PATHS;

export function ToolIcon({ name }: { name: IconName }) {
  return (
    <svg
      className="a11y-icon"
      viewBox="0 0 20 20"
      width="20"
      height="20"
      fill="currentColor"
      stroke="currentColor"
      strokeWidth="0"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name]}
    </svg>
  );
}
