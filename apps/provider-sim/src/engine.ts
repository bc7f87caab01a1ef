import type { AcceptedAdd } from './add-validation.js';
import { formatMoney, Money, parseMoney, roundMoney } from './money.js';
import { Prng } from './prng.js';
import type {
  OrderStatusChange,
  SimFaults,
  SimOrderView,
  SimRefillView,
  SimService,
  SimSettings,
  SimState,
} from './types.js';

export interface EngineOptions {
  apiKey: string;
  currency: string;
  balance: string;
  catalog: SimService[];
  seed: number;
  settings: SimSettings;
  now?: () => number;
}

export interface Order {
  id: number;
  service: number;
  params: Record<string, unknown>;
  status: string;
  remains: string;
  startCount: string;
  charge: Money;
  refunded: Money;
  /** Set the first time the order enters Partial/Canceled/Refunded: refunds happen once. */
  settled: boolean;
  units: number;
  refill: boolean;
  cancel: boolean;
  linkKey: string;
  createdAt: number;
  /** Progresses by time (settings.speedMs) until something sets its status by hand. */
  auto: boolean;
  runTicks: number;
  /** How many times `status` asked for this order (one or many form), for tests of pollers. */
  statusQueries: number;
}

export interface Refill {
  id: number;
  orderId: number;
  status: string;
  createdAt: number;
  auto: boolean;
}

const TERMINAL = new Set(['completed', 'partial', 'canceled', 'cancelled', 'refunded']);
export const isTerminal = (status: string) => TERMINAL.has(status.toLowerCase());
const FULL_REFUND = new Set(['canceled', 'cancelled', 'refunded']);

/** The panel's in-memory state: one account, its orders and refills, O(1) lookups by id. */
export class SimEngine {
  readonly apiKey: string;
  readonly currency: string;
  readonly seed: number;
  faults: SimFaults = {};
  settings: SimSettings;
  private readonly initialBalance: Money;
  private readonly initialCatalog: SimService[];
  private readonly initialSettings: SimSettings;
  private balanceValue: Money;
  private catalogList: SimService[] = [];
  private catalogById = new Map<number, SimService>();
  private readonly orders = new Map<number, Order>();
  private readonly refills = new Map<number, Refill>();
  /** service + link → ids of orders that may still be active, for the duplicate-link check. */
  private readonly byLink = new Map<string, Set<number>>();
  private readonly requestCounts = new Map<string, number>();
  private readonly encodingCounts = new Map<string, number>();
  private readonly rng: Prng;
  private readonly now: () => number;
  private lastOrderId: number;
  private lastRefillId: number;

  constructor(options: EngineOptions) {
    this.apiKey = options.apiKey;
    this.currency = options.currency;
    this.seed = options.seed;
    this.settings = { ...options.settings };
    this.initialSettings = { ...options.settings };
    this.initialCatalog = options.catalog;
    this.initialBalance = this.requireMoney(options.balance);
    this.balanceValue = this.initialBalance;
    this.setCatalog(options.catalog);
    this.rng = new Prng(options.seed);
    this.now = options.now ?? Date.now;
    this.lastOrderId = 100_000 + this.rng.int(0, 899_999);
    this.lastRefillId = this.rng.int(1_000, 9_999);
  }

  get balance(): Money {
    return this.balanceValue;
  }

  setBalance(value: unknown): void {
    this.balanceValue = this.requireMoney(value);
  }

  get catalog(): SimService[] {
    return this.catalogList;
  }

  setCatalog(services: SimService[]): void {
    this.catalogList = services;
    this.catalogById = new Map();
    // Real catalogs carry duplicate ids; the first entry wins.
    for (const service of services) {
      if (!this.catalogById.has(service.service)) this.catalogById.set(service.service, service);
    }
  }

  findService(id: number): SimService | undefined {
    return this.catalogById.get(id);
  }

  /** Counts API requests by how they carried their fields (form, json, query). */
  countEncoding(encoding: string): void {
    this.encodingCounts.set(encoding, (this.encodingCounts.get(encoding) ?? 0) + 1);
  }

  countRequest(action: string): void {
    this.requestCounts.set(action, (this.requestCounts.get(action) ?? 0) + 1);
  }

  /** Debits and records an order the validation accepted; the last checks are account-level. */
  placeOrder(service: SimService, params: Record<string, unknown>, accepted: AcceptedAdd) {
    const linkKey = `${service.service}\n${accepted.link}`;
    if (this.settings.rejectDuplicateLinks && accepted.link && this.hasActive(linkKey)) {
      return {
        error: 'You have active order with this link. Please wait until order being completed.',
      };
    }
    if (accepted.charge.gt(this.balanceValue)) return { error: 'Not enough funds on balance' };
    this.balanceValue = this.balanceValue.sub(accepted.charge);
    // Ids step by 1–3, as other customers' orders interleave on a real panel.
    this.lastOrderId += this.rng.int(1, 3);
    const order: Order = {
      id: this.lastOrderId,
      service: service.service,
      params,
      status: 'Pending',
      remains: String(accepted.units),
      startCount: String(this.rng.int(0, 20_000)),
      charge: accepted.charge,
      refunded: new Money(0),
      settled: false,
      units: accepted.units,
      refill: service.refill,
      cancel: service.cancel,
      linkKey,
      createdAt: this.now(),
      auto: true,
      runTicks: this.rng.int(1, 3),
      statusQueries: 0,
    };
    this.orders.set(order.id, order);
    let active = this.byLink.get(linkKey);
    if (!active) this.byLink.set(linkKey, (active = new Set()));
    active.add(order.id);
    return order;
  }

  getOrder(id: number): Order | undefined {
    const order = this.orders.get(id);
    if (order) this.progress(order);
    return order;
  }

  requestRefill(order: Order): Refill | { error: string } {
    const status = order.status.toLowerCase();
    if (!order.refill || (status !== 'completed' && status !== 'partial')) {
      return { error: 'Order not eligible for refill.' };
    }
    this.lastRefillId += 1;
    const refill = {
      id: this.lastRefillId,
      orderId: order.id,
      status: 'Pending',
      createdAt: this.now(),
      auto: true,
    };
    this.refills.set(refill.id, refill);
    return refill;
  }

  getRefill(id: number): Refill | undefined {
    const refill = this.refills.get(id);
    if (refill?.auto && this.settings.speedMs > 0) {
      const ticks = Math.floor((this.now() - refill.createdAt) / this.settings.speedMs);
      refill.status = ticks < 1 ? 'Pending' : ticks < 2 ? 'In progress' : 'Completed';
      if (ticks >= 2) refill.auto = false;
    }
    return refill;
  }

  cancelOrder(order: Order): true | { error: string } {
    if (!order.cancel || isTerminal(order.status))
      return { error: 'Order not eligible for cancel.' };
    this.moveOrder(order, { status: 'Canceled' });
    return true;
  }

  /** Control: moves an order to any status; Partial/Canceled/Refunded refund once. */
  setOrderStatus(id: number, change: OrderStatusChange): Order | undefined {
    const order = this.getOrder(id);
    if (order) this.moveOrder(order, change);
    return order;
  }

  setRefillStatus(id: number, status: string): Refill | undefined {
    const refill = this.refills.get(id);
    if (refill) Object.assign(refill, { status, auto: false });
    return refill;
  }

  /**
   * Back to the state at start: no orders, refills, faults or counters; the starting balance,
   * catalog and settings. Ids keep increasing, so a gateway that outlives the reset never sees an
   * old id come back.
   */
  reset(): void {
    this.setCatalog(this.initialCatalog);
    this.settings = { ...this.initialSettings };
    this.orders.clear();
    this.refills.clear();
    this.byLink.clear();
    this.requestCounts.clear();
    this.encodingCounts.clear();
    this.faults = {};
    this.balanceValue = this.initialBalance;
  }

  state(): SimState {
    return {
      seed: this.seed,
      balance: formatMoney(this.balanceValue),
      currency: this.currency,
      orders: [...this.orders.keys()].map((id) => orderView(this.getOrder(id)!)),
      refills: [...this.refills.keys()].map((id) => refillView(this.getRefill(id)!)),
      faults: this.faults,
      settings: this.settings,
      catalog: this.catalogList,
      requestCounts: Object.fromEntries(this.requestCounts),
      encodingCounts: Object.fromEntries(this.encodingCounts),
    };
  }

  private moveOrder(order: Order, change: OrderStatusChange): void {
    order.auto = false;
    order.status = change.status;
    const status = change.status.toLowerCase();
    if (change.remains !== undefined) order.remains = String(change.remains);
    else if (status === 'completed') order.remains = '0';
    else if (FULL_REFUND.has(status)) order.remains = String(order.units);
    if (change.startCount !== undefined) order.startCount = String(change.startCount);
    if (order.settled) return;
    let refund: Money;
    if (FULL_REFUND.has(status)) refund = order.charge;
    else if (status === 'partial') {
      // remains/quantity of the charge; over-delivery (negative) or "Unknown" refunds nothing.
      const remains = parseMoney(order.remains) ?? new Money(0);
      const share = Money.max(0, Money.min(remains, order.units));
      refund =
        order.units > 0 ? roundMoney(order.charge.mul(share).div(order.units)) : order.charge;
    } else return;
    order.settled = true;
    order.refunded = refund;
    this.balanceValue = this.balanceValue.add(refund);
  }

  /** Time-driven progress (speedMs > 0): Pending one tick, In progress runTicks, then Completed. */
  private progress(order: Order): void {
    if (!order.auto || this.settings.speedMs <= 0) return;
    const ticks = Math.floor((this.now() - order.createdAt) / this.settings.speedMs);
    if (ticks < 1) return;
    if (ticks <= order.runTicks) {
      order.status = 'In progress';
      const done = Math.floor((order.units * ticks) / (order.runTicks + 1));
      order.remains = String(order.units - done);
    } else {
      order.status = 'Completed';
      order.remains = '0';
      order.auto = false;
    }
  }

  private hasActive(linkKey: string): boolean {
    const ids = this.byLink.get(linkKey);
    if (!ids) return false;
    for (const id of ids) {
      const order = this.getOrder(id);
      if (order && !isTerminal(order.status)) return true;
      ids.delete(id);
    }
    return false;
  }

  private requireMoney(value: unknown): Money {
    const money = parseMoney(value);
    if (!money || money.isNegative())
      throw new RangeError('balance must be a non-negative decimal');
    return money;
  }
}

export function orderView(order: Order): SimOrderView {
  return {
    id: order.id,
    service: order.service,
    params: order.params,
    status: order.status,
    remains: order.remains,
    startCount: order.startCount,
    charge: formatMoney(order.charge),
    quantity: order.units,
    refunded: formatMoney(order.refunded),
    statusQueries: order.statusQueries,
    createdAt: new Date(order.createdAt).toISOString(),
  };
}

export function refillView(refill: Refill): SimRefillView {
  const { id, orderId, status, createdAt } = refill;
  return { id, orderId, status, createdAt: new Date(createdAt).toISOString() };
}
