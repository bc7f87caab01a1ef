import axios, { type AxiosInstance } from 'axios';
import type {
  OrderStatusChange,
  SimFaults,
  SimOrderView,
  SimRefillView,
  SimService,
  SimSettings,
  SimState,
} from './types.js';

/** A typed client for a simulator's `/__control` endpoint (for tests, demos, benchmarks). */
export class SimulatorControl {
  private readonly http: AxiosInstance;

  constructor(controlUrl: string) {
    // No proxy: the simulator is on loopback; a proxy from the environment would only get in the way.
    this.http = axios.create({ baseURL: controlUrl, proxy: false, timeout: 30_000 });
  }

  async state(): Promise<SimState> {
    return (await this.http.get<SimState>('/state')).data;
  }

  async order(id: number): Promise<SimOrderView> {
    return (await this.http.get<SimOrderView>(`/orders/${id}`)).data;
  }

  /** Places `count` orders as `add` with these fields would (seeding); resolves to their ids. */
  async placeOrders(fields: Record<string, unknown>, count: number): Promise<number[]> {
    return (await this.http.post<{ ids: number[] }>('/orders', { ...fields, count })).data.ids;
  }

  async setCatalog(services: SimService[]): Promise<void> {
    await this.http.put('/catalog', services);
  }

  async setOrderStatus(id: number, change: OrderStatusChange): Promise<SimOrderView> {
    return (await this.http.post<SimOrderView>(`/orders/${id}`, change)).data;
  }

  async setRefillStatus(id: number, status: string): Promise<SimRefillView> {
    return (await this.http.post<SimRefillView>(`/refills/${id}`, { status })).data;
  }

  /** Replaces the whole fault set; `{}` clears it. */
  async setFaults(faults: SimFaults): Promise<void> {
    await this.http.put('/faults', faults);
  }

  async clearFaults(): Promise<void> {
    await this.http.delete('/faults');
  }

  async setBalance(balance: string): Promise<void> {
    await this.http.put('/balance', { balance });
  }

  async setSettings(settings: Partial<SimSettings>): Promise<SimSettings> {
    return (await this.http.put<SimSettings>('/settings', settings)).data;
  }

  async reset(): Promise<void> {
    await this.http.post('/reset');
  }
}
