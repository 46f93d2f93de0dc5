/** What the workflow passes to the payment task (the order, as the workflow received it). */
export interface PaymentRequest {
  readonly orderId: string;
  readonly total: number;
  /** How the stand-in provider behaves: "ok" (default), "slow", "flaky" or "declined". */
  readonly payment?: string;
  /** With "slow" or "flaky": how many attempts go wrong before one succeeds (default 2). */
  readonly failAttempts?: number;
}

/** What a successful charge returns. */
export interface PaymentResult {
  readonly orderId: string;
  readonly attempt: number;
  readonly charged: number;
}

/** An error whose name Step Functions matches in Retry and Catch (the Lambda errorType on AWS). */
export class PaymentError extends Error {
  constructor(name: 'PaymentProviderUnavailable' | 'PaymentDeclined', message: string) {
    super(message);
    this.name = name;
  }
}

/** What attempt number `attempt` (1 for the first) of a charge does: answer, hang first, or throw. */
export function chargeOutcome(
  request: PaymentRequest,
  attempt: number,
): { result: PaymentResult; hang: boolean } {
  const mode = request.payment ?? 'ok';
  const failing = attempt <= (request.failAttempts ?? 2);
  const result = { orderId: request.orderId, attempt, charged: request.total };
  switch (mode) {
    case 'ok':
      return { result, hang: false };
    case 'slow':
      return { result, hang: failing };
    case 'flaky':
      if (failing)
        throw new PaymentError('PaymentProviderUnavailable', `provider unavailable (attempt ${attempt})`);
      return { result, hang: false };
    case 'declined':
      throw new PaymentError('PaymentDeclined', `card declined for ${request.orderId}`);
    default:
      throw new Error(`unknown payment mode ${mode}`);
  }
}
