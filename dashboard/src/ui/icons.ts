/** Inline SVG icons (24×24, stroke = currentColor), so colour is never the only cue. */

const svg = (body: string, extra = '') =>
  `<svg viewBox="0 0 24 24" width="16" height="16" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"${extra}>${body}</svg>`;

export const icons = {
  // Status
  open: svg('<circle cx="12" cy="12" r="8"/>'),
  acknowledged: svg('<circle cx="12" cy="12" r="8"/><circle cx="12" cy="12" r="2.5" fill="currentColor"/>'),
  assigned: svg('<circle cx="12" cy="8" r="3.5"/><path d="M5 20c1-3.8 3.8-5.5 7-5.5s6 1.7 7 5.5"/>'),
  inProgress: svg('<circle cx="12" cy="12" r="8"/><path d="M12 4a8 8 0 0 1 0 16z" fill="currentColor" stroke="none"/>'),
  onHold: svg('<circle cx="12" cy="12" r="8"/><path d="M10 9v6M14 9v6"/>'),
  resolved: svg('<circle cx="12" cy="12" r="8"/><path d="m8.5 12.2 2.4 2.4 4.6-5"/>'),
  closed: svg('<circle cx="12" cy="12" r="8" fill="currentColor" fill-opacity=".25"/><path d="m8.5 12.2 2.4 2.4 4.6-5"/>'),
  cancelled: svg('<circle cx="12" cy="12" r="8"/><path d="m9 9 6 6M15 9l-6 6"/>'),
  // Severity
  warn: svg('<path d="M12 3.8 2.8 19.5h18.4z"/><path d="M12 10v4.2M12 17h.01"/>'),
  alarm: svg('<path d="M8.2 3h7.6L21 8.2v7.6L15.8 21H8.2L3 15.8V8.2z"/><path d="M12 8v4.8M12 16h.01"/>'),
  // Things
  device: svg('<rect x="4" y="6" width="16" height="12" rx="2"/><path d="M8 10h3M8 14h8"/>'),
  line: svg('<path d="M3 17h18M6 17V9l4 3V9l4 3V7h4v10"/>'),
  clock: svg('<circle cx="12" cy="12" r="8.5"/><path d="M12 7.5V12l3 2"/>'),
  repeat: svg('<path d="M17 3l3 3-3 3"/><path d="M4 12V10a4 4 0 0 1 4-4h12M7 21l-3-3 3-3"/><path d="M20 12v2a4 4 0 0 1-4 4H4"/>'),
  comment: svg('<path d="M5 5h14a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1h-7l-4.5 3.5V16H5a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1z"/>'),
  sparkle: svg('<path d="M12 3v4M12 17v4M3 12h4M17 12h4M6 6l2.5 2.5M15.5 15.5 18 18M6 18l2.5-2.5M15.5 8.5 18 6"/>'),
  pulse: svg('<path d="M3 12h4l2.5-6 5 12L17 12h4"/>'),
  inbox: svg('<path d="M4 13.5 6.5 5h11L20 13.5V19H4z"/><path d="M4 13.5h5l1 2h4l1-2h5"/>'),
  chevronLeft: svg('<path d="m14.5 6-6 6 6 6"/>'),
  refresh: svg('<path d="M20 11a8 8 0 0 0-14.7-4.4L4 8.5"/><path d="M4 4v4.5h4.5M4 13a8 8 0 0 0 14.7 4.4L20 15.5"/><path d="M20 20v-4.5h-4.5"/>'),
  alertCircle: svg('<circle cx="12" cy="12" r="8.5"/><path d="M12 7.5v5M12 16h.01"/>'),
  mail: svg('<rect x="3.5" y="5.5" width="17" height="13" rx="2"/><path d="m4 7 8 6 8-6"/>'),
  thermometer: svg('<path d="M14 14.5V5a2 2 0 0 0-4 0v9.5a4 4 0 1 0 4 0z"/>'),
  gauge: svg('<path d="M4.5 17a8 8 0 1 1 15 0"/><path d="m12 13 4-4"/>'),
  bolt: svg('<path d="M13 3 5 13.5h6L10 21l8-10.5h-6z"/>'),
  key: svg('<circle cx="8" cy="15" r="4"/><path d="m11 12 8.5-8.5M16 7l2.5 2.5M14 9l2 2"/>'),
  logout: svg('<path d="M14 4h4a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-4"/><path d="M10 16l-4-4 4-4M6 12h10"/>'),
  plus: svg('<path d="M12 5v14M5 12h14"/>'),
  map: svg('<rect x="3.5" y="4.5" width="7" height="6" rx="1"/><rect x="13.5" y="4.5" width="7" height="6" rx="1"/><rect x="3.5" y="13.5" width="7" height="6" rx="1"/><rect x="13.5" y="13.5" width="7" height="6" rx="1"/>'),
  monitor: svg('<rect x="3" y="4" width="18" height="12" rx="1.5"/><path d="M8 20h8M12 16v4"/>'),
  bell: svg('<path d="M6 16V11a6 6 0 0 1 12 0v5l1.5 2h-15z"/><path d="M10 20.5a2 2 0 0 0 4 0"/>'),
  arrowRight: svg('<path d="M4 12h15M13 6l6 6-6 6"/>'),
  arrowDown: svg('<path d="M12 4v15M6 13l6 6 6-6"/>'),
  pencil: svg('<path d="M4 20h4L19 9l-4-4L4 16z"/><path d="m13.5 6.5 4 4"/>'),
  flag: svg('<path d="M5 21V4M5 4h11l-2 4 2 4H5"/>'),
  // Line states (the disturbance map): each its own shape.
  lineRunning: svg('<circle cx="12" cy="12" r="8.5"/><path d="m8.2 12.3 2.6 2.6 5-5.4"/>'),
  lineDegraded: svg('<path d="M12 3.8 2.8 19.5h18.4z"/><path d="M12 10v4.2M12 17h.01"/>'),
  lineDown: svg('<path d="M8.2 3h7.6L21 8.2v7.6L15.8 21H8.2L3 15.8V8.2z"/><path d="m9 9 6 6M15 9l-6 6"/>'),
  lineStarved: svg('<path d="M3 12h9M9 8l4 4-4 4"/><rect x="14.5" y="5" width="6.5" height="14" rx="1" stroke-dasharray="2.5 2"/>'),
  lineBlocked: svg('<rect x="3" y="5" width="6.5" height="14" rx="1"/><path d="M10 12h7M14 8l4 4-4 4"/><path d="M21 4v16"/>'),
  lineNoData: svg('<path d="M2.5 9a14 14 0 0 1 19 0M5.5 12.5a9.5 9.5 0 0 1 13 0M9 16a4.5 4.5 0 0 1 6 0"/><path d="M12 19.5h.01M3 3l18 18"/>'),
  // Priority: the arrow count says the rank without colour.
  p0: svg('<path d="m6 12.5 6-6 6 6M6 18.5l6-6 6 6"/>', ' stroke-width="2.6"'),
  p1: svg('<path d="m6 15 6-6 6 6"/>', ' stroke-width="2.6"'),
  p2: svg('<path d="M6 10h12M6 14h12"/>'),
  p3: svg('<path d="m6 9 6 6 6-6"/>'),
  p4: svg('<path d="m6 5.5 6 6 6-6M6 11.5l6 6 6-6"/>'),
  // SLA
  hourglass: svg('<path d="M7 3h10M7 21h10M8 3c0 5 8 5 8 9s-8 4-8 9M16 3c0 5-8 5-8 9s8 4 8 9"/>'),
  pause: svg('<circle cx="12" cy="12" r="8.5"/><path d="M10 9v6M14 9v6"/>'),
  clockAlert: svg('<circle cx="11" cy="12" r="7.5"/><path d="M11 8v4l2.5 1.5"/><path d="M21 8v5M21 16.5h.01"/>'),
  stalled: svg('<circle cx="12" cy="12" r="8.5"/><path d="M8 12h8"/>'),
  logo: svg('<path d="M3 14h4l2.5-7 4.5 12 2.5-6H21"/>', ' stroke-width="2.4"'),
} as const;

export type IconName = keyof typeof icons;
