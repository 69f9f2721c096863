import { switchList } from './faults';

/**
 * Healthy variants: `PLATFORM_VARIANTS=<name>[,<name>…]`. Each one conforms to the contract in
 * another way than the reference default does, the way a real deployment may: the golden path
 * must stay green on every one of them, alone or combined, and beside any fault.
 */
export const VARIANTS = {
  envelopes:
    'every tolerated envelope and answer field in one run (E3, E4, wrappers), with acks, heartbeats, unknown events and a sub-agent (contract section 4.1)',
  'error-shapes':
    'every error shape of contract section 4 with other codes: INVALID_JSON for a non-JSON frame, the payload shape for Access denied and AUTH_FAILED',
  'silent-malformed': 'a non-JSON frame gets no answer at all; the socket still runs the agent (contract section 4)',
  'legacy-welcome': 'the first frame is the legacy `connection_ready` (contract section 4)',
  'user-broadcast': 'every event of a run reaches every open socket of its user, sibling runs included (contract section 4.2)',
  'real-pacing': 'a real model behind a real network: runs of 10–20 s, seconds between events, 50–150 ms latency with jitter on every answer and frame',
  'fast-page': 'a small page with inline script and style: one request per page on loopback (contract section 5)',
  'ahead-of-contract':
    'a release ahead of the contract: the answer streamed as agent_response_chunk events before agent_completed, and a confidence on every agent_thinking (contract section 4.1 lists neither)',
  'page-sends-first':
    'the page opens its socket with the first message and sends it the moment it opens, before the welcome; it reconnects about every 11 s (contract section 5)',
} as const;

export type VariantName = keyof typeof VARIANTS;

export const VARIANT_NAMES = Object.keys(VARIANTS) as VariantName[];

export interface Variants {
  has(name: VariantName): boolean;
  /** The variants as given, for the start-up line. */
  readonly names: readonly string[];
}

/** Parses `PLATFORM_VARIANTS`; an unknown name is an error, never silently ignored. */
export function parseVariants(spec: string | undefined): Variants {
  const names = switchList(spec);
  for (const name of names) {
    if (!(VARIANT_NAMES as readonly string[]).includes(name)) {
      throw new Error(`unknown variant "${name}" in PLATFORM_VARIANTS; known: ${VARIANT_NAMES.join(', ')}`);
    }
  }
  const active = new Set(names);
  return { has: (name) => active.has(name), names };
}
