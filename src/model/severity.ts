/** How much a finding weighs in the verdict. */
export const SEVERITIES = ['block', 'review', 'info'] as const;

export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_RANK = { block: 2, review: 1, info: 0 } as const satisfies Record<Severity, number>;
