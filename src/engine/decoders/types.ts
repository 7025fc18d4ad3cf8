/** What every decoder gives back, and the limits they share for one file. */

/** A value found encoded, with its decoding. */
export interface Encoded {
  /** Where the encoded value starts and ends in the text it was found in. */
  start: number;
  end: number;
  decoded: string;
  /** The key it was assigned to (`password: <value>`), so context rules still see a name. */
  key?: string;
  /** Where the character at an index of `decoded` was written, as an offset from `start` (to place a finding on the secret itself). */
  origin?: (decodedIndex: number) => number;
}

/** What is left to decode in one file, shared by every decoder and every depth. */
export interface DecodeBudget {
  bytes: number;
}

/** One way a secret can be written so the rules do not see it: base64, percent-encoding, escapes… */
export interface Decoder {
  /** How a finding's message names it: "(decoded from percent-encoding)". */
  readonly label: string;
  /**
   * Keywords (printable ASCII, matched by the engine's prefilter, ASCII case folded) without
   * one of which a file is not searched by this decoder: most files pay nothing. Text that
   * was itself decoded is always searched, within the budget.
   */
  readonly triggers: readonly string[];
  /** The encoded values in a text whose decoding differs from it, within the budget. */
  find(text: string, budget: DecodeBudget): Encoded[];
}
