/** Port: finds what an interrupted first request with this key created (null when nothing). */
export abstract class IdempotencyRecovery {
  /** The response to replay for the key, from the state the first request left. */
  abstract recover(
    partnerId: number,
    key: string,
  ): Promise<{ status: number; body: unknown } | null>;
}
