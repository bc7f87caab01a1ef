import { setImmediate as nextTurn } from 'node:timers/promises';
import { LoopTurns } from './loop-turns.js';

describe('LoopTurns', () => {
  it('lets a caller through in a later turn of the loop, not synchronously', async () => {
    const turns = new LoopTurns();
    let through = false;
    const waiting = turns.turn().then(() => (through = true));
    await Promise.resolve();
    expect(through).toBe(false);
    await waiting;
    expect(through).toBe(true);
  });

  it('spreads a burst over several turns, in arrival order, at most maxBatch per turn', async () => {
    const turns = new LoopTurns(20, 8);
    const order: number[] = [];
    const all = Array.from({ length: 100 }, (_, i) => turns.turn().then(() => order.push(i)));
    await nextTurn();
    await nextTurn();
    expect(order.length).toBeGreaterThan(0);
    expect(order.length).toBeLessThanOrEqual(16);
    await Promise.all(all);
    expect(order).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('lets urgent callers through before the others', async () => {
    const turns = new LoopTurns(20, 1);
    const order: string[] = [];
    const all = [
      turns.turn().then(() => order.push('a')),
      turns.turn().then(() => order.push('b')),
      turns.turn(true).then(() => order.push('urgent')),
    ];
    await Promise.all(all);
    expect(order).toEqual(['urgent', 'a', 'b']);
  });
});
