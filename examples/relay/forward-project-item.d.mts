/** Types of forward-project-item.mjs, the reference relay. */
export function forwardProjectItem(request: {
  headers: Record<string, string | undefined>;
  body: string | Uint8Array;
  secret: string;
  token: string;
  repository: string;
  apiUrl?: string;
  fetch?: typeof fetch;
}): Promise<{ status: number; message: string }>;
