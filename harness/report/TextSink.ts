/** Where a reporter writes text: `process.stdout` fits, and so does an array-backed fake in tests. */
export interface TextSink {
  write(text: string): unknown;
  /** True for a terminal; colours are used only there. */
  isTTY?: boolean;
}
