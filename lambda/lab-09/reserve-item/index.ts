/** One line of an order, as the Map state passes it. */
export interface ReserveRequest {
  readonly orderId: string;
  readonly sku: string;
  readonly quantity: number;
}

/** What a reservation returns: the line, and when the function worked on it (its own clock). */
export interface Reservation extends ReserveRequest {
  readonly reserved: true;
  readonly startedAt: string;
  readonly endedAt: string;
}

/** How long a reservation takes: long enough that overlapping Map iterations show. */
const RESERVE_MILLISECONDS = Number(process.env.RESERVE_MILLISECONDS ?? '1000');

/**
 * Reserves stock for one order line (a stand-in for an inventory service). It takes
 * RESERVE_MILLISECONDS and says when it started and ended, so the reservations of one order show how
 * many the Map state ran at the same time.
 */
export async function handler(request: ReserveRequest): Promise<Reservation> {
  const startedAt = new Date().toISOString();
  await new Promise((resolve) => setTimeout(resolve, RESERVE_MILLISECONDS));
  return { ...request, reserved: true, startedAt, endedAt: new Date().toISOString() };
}
