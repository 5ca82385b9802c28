/** GETs against the server's /api with its bearer token (when it has auth), over fetch's keep-alive pool. */
export interface ApiClient {
  baseUrl: string;
  headers: Record<string, string>;
  get(path: string): Promise<Response>;
}

export function apiClient(baseUrl: string, token: string | null): ApiClient {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  return { baseUrl, headers, get: (path) => fetch(baseUrl + path, { headers }) };
}
