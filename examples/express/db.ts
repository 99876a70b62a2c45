// A "library" module: it logs through its own module logger and knows
// nothing about requests or spans, yet its records carry the request's id
// and trace id, because both live in the async context of the caller.
import { setTimeout as sleep } from "node:timers/promises";
import logging from "../../src/index.js"; // "logxide" in your project

const log = logging.getLogger("app.db");

export interface Order {
  id: number;
  total: number;
}

/** A pretend query: a few milliseconds of I/O, so concurrent requests interleave. */
export async function findOrder(id: number): Promise<Order> {
  const started = performance.now();
  log.info("SELECT * FROM orders WHERE id = %d", id);
  await sleep(2 + Math.random() * 20);
  const row = await Promise.resolve({ id, total: (id * 37) % 100 }).then((r) => ({ ...r, total: r.total + 0.5 }));
  log.info("orders id=%d: 1 row in %.1f ms", id, performance.now() - started);
  return row;
}
