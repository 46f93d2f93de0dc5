/** The lab's page through the ALB, and which instance in which AZ answered. */

import { Agent } from 'node:http';
import axios from 'axios';

/** A fresh connection per request, so keep-alive cannot pin every request to one ALB node. */
const noKeepAlive = new Agent({ keepAlive: false });

export async function getPage(url: string): Promise<{ status: number; body: string } | { error: string }> {
  try {
    const response = await axios.get<string>(url, {
      timeout: 5_000,
      responseType: 'text',
      httpAgent: noKeepAlive,
      validateStatus: () => true,
    });
    return { status: response.status, body: String(response.data) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** The page user data writes: `<p>instance i-0abc in us-east-1a</p>`. */
export function pageIdentity(body: string): { instance: string; az: string } | undefined {
  const match = /instance (i-[0-9a-f]+) in ([a-z]{2}(?:-[a-z]+)+-\d[a-z])/.exec(body);
  return match ? { instance: match[1], az: match[2] } : undefined;
}
