/** A change of a provider's health state; the only two there are. */
export type HealthTransition =
  | {
      readonly state: 'ejected';
      readonly until: Date;
      readonly reason: string;
      /** Set by an admin: probes leave it alone. */
      readonly manual: boolean;
    }
  | { readonly state: 'recovered'; readonly reason: string };
